/**
 * The health snapshot the answer engine reads: health check id -> healthy. Published whole by the
 * health feed (src/health/, an edge) whenever a status changes; the engine only reads it, so the
 * query path stays synchronous and store-free (DESIGN "The health path").
 *
 * Contract: an id absent from the snapshot is healthy. Route 53 treats a record without a health
 * check as healthy, and a new check is healthy until enough data exists (route53.md 6.3); the
 * feed publishes `false` for an unhealthy check (Inverted already applied) and may omit healthy ones.
 */
export type HealthSnapshot = ReadonlyMap<string, boolean>;

/** The snapshot before any health data arrives: every check healthy. */
export const ALL_HEALTHY: HealthSnapshot = new Map();

/** Returns whether health check `id` is healthy in `snapshot` (absent: healthy). */
export function isHealthy(snapshot: HealthSnapshot, id: string): boolean {
  return snapshot.get(id) !== false;
}
