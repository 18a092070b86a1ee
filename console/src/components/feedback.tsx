/**
 * Shared feedback: API errors in the API's own words, "not offered by this server yet" for
 * operations the server lacks, and a loading line. Errors are announced (role="alert").
 */
import { errorCode, errorMessages, isNotOffered } from '../api/errors.ts';

/** Says plainly that this server does not offer a capability yet. */
export function NotOffered({ what }: { what: string }) {
  return (
    <div className="notice" role="status">
      <strong>Not offered by this server yet.</strong> {what} needs an API this Signpost does not have yet
      (it answered that the operation is unknown). This page works as soon as the server offers it.
    </div>
  );
}

/** Shows an API error (each message of an InvalidChangeBatch), or NotOffered when the server lacks the operation. */
export function ErrorBox({ error, what }: { error: unknown; what?: string }) {
  if (!error) return null;
  if (what && isNotOffered(error)) return <NotOffered what={what} />;
  const msgs = errorMessages(error);
  return (
    <div className="error" role="alert">
      <strong>{errorCode(error)}</strong>
      {msgs.length === 1 ? <span>: {msgs[0]}</span> : <ul>{msgs.map((m, i) => <li key={i}>{m}</li>)}</ul>}
    </div>
  );
}

/** A polite loading line. */
export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status" aria-live="polite">Loading {what}…</p>;
}
