/**
 * Sign-in with an access key id and secret. The key is checked with a real signed call
 * (GetHostedZoneCount) before it is kept, so a wrong secret is reported here, in the API's words.
 */
import { useState, type FormEvent } from 'react';
import { GetHostedZoneCountCommand } from '@aws-sdk/client-route-53';
import { createRoute53 } from '../api/clients.ts';
import type { Credentials } from '../api/session.ts';
import { ErrorBox } from '../components/feedback.tsx';

/** The sign-in page; calls `onSignedIn` with a key the server accepted. */
export function SignIn({ onSignedIn }: { onSignedIn: (c: Credentials) => void }) {
  const [id, setId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = { accessKeyId: id.trim(), secretAccessKey: secret.trim() };
    setBusy(true);
    setError(undefined);
    try {
      await createRoute53(c).send(new GetHostedZoneCountCommand({}));
      onSignedIn(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin" id="main">
      <h1>Signpost</h1>
      <p className="muted">Sign in with an access key of this Signpost (printed at first start, or made with <code>signpost keys create</code>).</p>
      <form onSubmit={submit} className="card stack">
        <label>Access key ID
          <input name="accessKeyId" autoComplete="username" required value={id} onChange={(e) => setId(e.target.value)} autoFocus spellCheck={false} />
        </label>
        <label>Secret access key
          <input name="secretAccessKey" type="password" autoComplete="current-password" required value={secret} onChange={(e) => setSecret(e.target.value)} />
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted small-text">The key stays in this browser tab (session storage) and signs each request; it is never sent as such.</p>
      </form>
    </main>
  );
}
