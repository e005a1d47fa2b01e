import type { Role } from '@promwall/core/auth';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { sessionQuery } from '../../api/session.ts';
import { accessDecision } from './accessDecision.ts';
import { NotAllowedPage } from './NotAllowedPage.tsx';
import { SignInPage } from './SignInPage.tsx';

export interface AccessGateProps {
  needs: Role;
  variant: 'page' | 'wall';
  /** What is behind the gate, for the not-allowed page. */
  what: string;
  /** Shown while the first session check is under way. */
  checking: ReactNode;
  children: ReactNode;
}

/** A view that needs a role: itself, or the sign-in page, or the not-allowed page. */
export function AccessGate({ needs, variant, what, checking, children }: AccessGateProps) {
  const session = useQuery(sessionQuery());
  const decision = accessDecision(session, needs);
  if (decision === 'checking') return checking;
  if (decision === 'sign-in') return <SignInPage variant={variant} />;
  if (decision === 'not-allowed')
    return <NotAllowedPage principal={session.data!.principal!} needs={needs} what={what} />;
  return children;
}
