/**
 * The signed-in key. It lives only in this tab's sessionStorage: never a cookie, never sent
 * anywhere but as a SigV4 signature, gone when the tab closes.
 */
export type Credentials = { accessKeyId: string; secretAccessKey: string };

const KEY = 'signpost.credentials';

/** Returns the key this tab signed in with, if any. */
export function loadCredentials(): Credentials | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const c = JSON.parse(raw) as Partial<Credentials>;
    return typeof c.accessKeyId === 'string' && typeof c.secretAccessKey === 'string'
      ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the key for this tab. */
export function saveCredentials(c: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(c));
}

/** Forgets the key. */
export function clearCredentials(): void {
  sessionStorage.removeItem(KEY);
}
