/**
 * Per-account request throttling: a token bucket per account refilled at `rate` per second with
 * a burst of `rate`. Off when rate is 0 (the default for a self-hosted server). Route 53's own
 * limit is per account and second; clients retry on its Throttling error.
 */

/** Returns `allow(accountId)`: true when the request may go ahead. */
export function createThrottle(rate: number, now: () => number): (accountId: string) => boolean {
  if (rate <= 0) return () => true;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (accountId) => {
    const t = now();
    const b = buckets.get(accountId) ?? { tokens: rate, at: t };
    b.tokens = Math.min(rate, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    buckets.set(accountId, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
}
