import { describe, expect, it } from 'vitest';
import { accessDecision } from './accessDecision.ts';

const answered = (authRequired: boolean, role?: 'kiosk' | 'viewer' | 'admin') => ({
  data: { authRequired, principal: role ? { name: 'someone', role } : null },
  isPending: false,
  isError: false,
});

describe('accessDecision', () => {
  it('opens everything when Promwall asks for no token', () => {
    expect(accessDecision(answered(false), 'admin')).toBe('open');
  });

  it('asks to sign in without a valid token', () => {
    expect(accessDecision(answered(true), 'kiosk')).toBe('sign-in');
  });

  it.each([
    ['kiosk', 'kiosk', 'open'],
    ['kiosk', 'viewer', 'not-allowed'],
    ['viewer', 'kiosk', 'open'],
    ['viewer', 'viewer', 'open'],
    ['viewer', 'admin', 'not-allowed'],
    ['admin', 'viewer', 'open'],
  ] as const)('lets a %s token into a view that needs %s: %s', (role, needs, decision) => {
    expect(accessDecision(answered(true, role), needs)).toBe(decision);
  });

  it('waits for the first answer, and opens when the check itself fails', () => {
    expect(accessDecision({ data: undefined, isPending: true, isError: false }, 'viewer')).toBe('checking');
    expect(accessDecision({ data: undefined, isPending: false, isError: true }, 'viewer')).toBe('open');
  });
});
