import { describe, expect, it } from 'vitest';
import { planInstall } from './packages.ts';

describe('planInstall', () => {
  it('does nothing when every package is there', () => {
    expect(planInstall([], { isRoot: false, hasSudo: false })).toEqual({ kind: 'none' });
  });

  it('runs apt-get update, then install, as root', () => {
    expect(planInstall(['prometheus', 'chromium'], { isRoot: true, hasSudo: false })).toEqual({
      kind: 'run',
      argv: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'prometheus', 'chromium'],
      ],
    });
  });

  it('goes through sudo for a user who has it', () => {
    const plan = planInstall(['prometheus'], { isRoot: false, hasSudo: true });
    expect(plan.kind === 'run' && plan.argv.every((argv) => argv[0] === 'sudo')).toBe(true);
  });

  it('prints the exact command when it can neither be root nor use sudo', () => {
    const plan = planInstall(['prometheus', 'postgresql'], { isRoot: false, hasSudo: false });
    expect(plan.kind).toBe('impossible');
    expect(plan.kind === 'impossible' && plan.message).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus postgresql',
    );
    expect(plan.kind === 'impossible' && plan.message).toContain('PROMETHEUS_URL=');
  });
});
