/**
 * The bearer token a signed-in reader writes with. Kept in the tab's session storage only (never
 * local storage or a cookie): closing the tab signs out, and no other site can send it.
 */
const KEY = 'claims-ledger.token';

type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage can be refused (privacy settings); the page still reads.
    return null;
  }
}

export function sessionToken(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function setSessionToken(token: string | null): void {
  const store = storage();
  if (token === null) store?.removeItem(KEY);
  else store?.setItem(KEY, token);
  for (const listener of listeners) listener(token);
}

/** Called whenever the token changes; returns the unsubscribe. */
export function onSessionToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
