import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tokenCommand } from './auth.command.ts';
import { hashToken, newToken, TokenVerifier } from './auth.tokens.ts';

describe('tokens', () => {
  it('are 256 random bits in base64url behind pw_, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));

    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as the SHA-256 of their text', () => {
    expect(hashToken('pw_example')).toBe(`sha256:${createHash('sha256').update('pw_example').digest('hex')}`);
  });
});

describe('TokenVerifier', () => {
  const kiosk = newToken();
  const admin = newToken();
  const verifier = new TokenVerifier([
    { name: 'lobby-tv', role: 'kiosk', hash: hashToken(kiosk) },
    { name: 'alice', role: 'admin', hash: hashToken(admin) },
  ]);

  it('names the holder of a configured token', () => {
    expect(verifier.verify(kiosk)).toEqual({ name: 'lobby-tv', role: 'kiosk' });
    expect(verifier.verify(admin)).toEqual({ name: 'alice', role: 'admin' });
  });

  it.each([
    ['another token', newToken()],
    ['a prefix of one', kiosk.slice(0, -1)],
    ['one with a character more', `${kiosk}x`],
    ['its hash', hashToken(kiosk)],
    ['nothing', ''],
    ['a very long text', 'x'.repeat(100_000)],
  ])('refuses %s', (_what, token) => {
    expect(verifier.verify(token)).toBeUndefined();
  });

  it('is off without tokens', () => {
    expect(new TokenVerifier([]).enabled).toBe(false);
    expect(verifier.enabled).toBe(true);
  });
});

describe('npm run token', () => {
  it('prints a new token and the configuration line holding its hash', () => {
    const { code, stdout, stderr } = tokenCommand(['--role', 'kiosk', '--name', 'lobby-tv'], 'pw_fixed');

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('token: pw_fixed\n');
    expect(stdout).toContain(`  - { name: "lobby-tv", role: kiosk, hash: "${hashToken('pw_fixed')}" }\n`);
  });

  it('makes a new token every time', () => {
    const first = tokenCommand(['--role', 'admin', '--name', 'alice']).stdout;
    const second = tokenCommand(['--role', 'admin', '--name', 'alice']).stdout;

    expect(first).not.toBe(second);
  });

  it.each([
    [['--role', 'root', '--name', 'x'], /--role must be one of kiosk, viewer, admin/],
    [['--role', 'kiosk'], /--name must be/],
    [['--role', 'kiosk', '--name', 'lobby tv'], /--name must be/],
    [['--role', 'kiosk', '--name', 'x', '--hash'], /Unknown option '--hash'/],
  ])('refuses %j with usage, exit 2', (args, message) => {
    const { code, stdout, stderr } = tokenCommand(args);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: npm run token -- --role <kiosk|viewer|admin> --name <name>');
  });
});
