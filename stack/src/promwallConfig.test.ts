import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promwallConfigEnv, stackPromwallConfig } from './promwallConfig.ts';

const empty = mkdtempSync(join(tmpdir(), 'promwall-cwd-'));
const withFile = mkdtempSync(join(tmpdir(), 'promwall-cwd-'));
writeFileSync(join(withFile, 'promwall.yml'), 'tv: { title: Mine }\n');
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
  rmSync(withFile, { recursive: true, force: true });
});

describe('promwallConfigEnv', () => {
  it('gives the stack’s Promwall the stack’s settings', () => {
    expect(promwallConfigEnv({}, empty)).toEqual({ PROMWALL_CONFIG: stackPromwallConfig });
  });

  it('leaves the user’s settings alone: PROMWALL_CONFIG, or a promwall.yml in the working directory', () => {
    expect(promwallConfigEnv({ PROMWALL_CONFIG: '/etc/promwall.yml' }, empty)).toEqual({});
    expect(promwallConfigEnv({}, withFile)).toEqual({});
  });
});
