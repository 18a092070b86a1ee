/**
 * The signed-in session for every page: the key, the Route 53 client that signs with it, and
 * sign-out. Pages read it with useSession().
 */
import { createContext, useContext } from 'react';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { Credentials } from './session.ts';

export type Session = { credentials: Credentials; route53: Route53Client; signOut: () => void };

export const SessionContext = createContext<Session | undefined>(undefined);

/** Returns the session; only pages shown after sign-in call it. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}
