/**
 * Publishes statuses: runs the pure aggregation inside one store transaction, so several
 * checkers (and the API, after a config change) never publish from stale reads, and logs each
 * transition. DNS nodes see the result through the status version (feed.ts).
 */
import type { Logger } from 'pino';
import type { HealthTransition, Store } from '../store/types.ts';
import { aggregateHealth } from './aggregate.ts';

/** Recomputes and publishes every check's status at `now`; returns the transitions (logged). */
export async function publishHealth(store: Store, now: Date, log?: Logger): Promise<HealthTransition[]> {
  const transitions = await store.aggregateHealth((inputs) => aggregateHealth(inputs, now.getTime()), now.toISOString());
  for (const t of transitions) log?.info({ healthCheckId: t.checkId, healthy: t.healthy }, `health check ${t.checkId} is now ${t.healthy ? 'healthy' : 'unhealthy'}`);
  return transitions;
}
