/**
 * One checker's view of one check (route53.md 6.3): it flips only after FailureThreshold
 * consecutive results that disagree with it, in either direction. Pure.
 */

/** A checker's state for one check: its current verdict and how many results disagreed in a row. */
export type CheckerVerdict = { healthy: boolean; against: number };

/** A new check is healthy until enough data says otherwise. */
export const NEW_VERDICT: CheckerVerdict = { healthy: true, against: 0 };

/** Returns the verdict after one more probe result. */
export function applyResult(v: CheckerVerdict, ok: boolean, failureThreshold: number): CheckerVerdict {
  if (ok === v.healthy) return v.against === 0 ? v : { healthy: v.healthy, against: 0 };
  const against = v.against + 1;
  return against >= failureThreshold ? { healthy: ok, against: 0 } : { healthy: v.healthy, against };
}
