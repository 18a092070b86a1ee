/**
 * The health feed of a DNS node: polls the store's status version (one cheap read), and when it
 * moved loads the published statuses and hands the node a new immutable snapshot. The first
 * load happens before the node answers, so a restarted node starts from the last known statuses.
 * DNS nodes never probe.
 */
import type { HealthSnapshot } from '../answer/health.ts';
import type { Store } from '../store/types.ts';

export type HealthFeed = {
  /** Loads the statuses if they changed; resolves when a new snapshot (if any) is published. */
  refresh(): Promise<void>;
  stop(): void;
};

export type HealthFeedOptions = { pollMs: number; onSnapshot: (s: HealthSnapshot) => void; onError: (err: unknown) => void };

/** Starts the feed (first refresh at once). */
export function startHealthFeed(store: Store, o: HealthFeedOptions): HealthFeed {
  let version = -1;
  let running: Promise<void> | undefined;
  async function loadOnce(): Promise<void> {
    const v = await store.healthStatusVersion();
    if (v === version) return;
    const states = await store.healthStates();
    // Only unhealthy checks are listed: absent means healthy (answer/health.ts).
    const snapshot = new Map<string, boolean>();
    for (const [id, healthy] of states) if (!healthy) snapshot.set(id, false);
    version = v;
    o.onSnapshot(snapshot);
  }
  function refresh(): Promise<void> {
    running ??= loadOnce().catch((err: unknown) => o.onError(err)).finally(() => { running = undefined; });
    return running;
  }
  const timer = setInterval(() => void refresh(), o.pollMs);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
