import { useSyncExternalStore } from 'react';
import { apiErrorOf } from '../../api/client';
import { onSessionToken, sessionToken, setSessionToken } from '../../api/session';
import type { Me } from './roles';

export type SessionState = { status: 'signed-out' } | { status: 'checking' } | { status: 'signed-in'; me: Me };

let state: SessionState = sessionToken() ? { status: 'checking' } : { status: 'signed-out' };
const listeners = new Set<() => void>();

function set(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

/**
 * Who a token belongs to (GET /api/me), asked with that token and no other: the page's client
 * would send the session's token, which is not stored until this answers.
 */
export async function whoAmI(token: string): Promise<Me> {
  const response = await fetch('/api/me', { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
  if (!response.ok) throw await apiErrorOf(response);
  return (await response.json()) as Me;
}

/** Signs in with a pasted token: kept (in the tab's session storage) only once the ledger knows it. */
export async function signIn(token: string): Promise<Me> {
  const me = await whoAmI(token.trim());
  setSessionToken(token.trim());
  set({ status: 'signed-in', me });
  return me;
}

export function signOut(): void {
  setSessionToken(null);
  set({ status: 'signed-out' });
}

/** On load, a token left in this tab's session is checked again: a revoked one signs the tab out. */
let restored = false;
function restore() {
  if (restored) return;
  restored = true;
  // Whoever else clears the token (another part of the page), this tab is signed out with it.
  onSessionToken((token) => {
    if (token === null && state.status !== 'signed-out') set({ status: 'signed-out' });
  });
  const token = sessionToken();
  if (!token) return;
  whoAmI(token).then(
    (me) => set({ status: 'signed-in', me }),
    // Refused (revoked) or unanswered: the tab signs out rather than send a token it cannot show a name for.
    () => signOut(),
  );
}

function subscribe(listener: () => void) {
  restore();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}
