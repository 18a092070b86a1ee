/**
 * The external alias resolver: addresses of alias targets outside every hosted zone, resolved
 * through the configured upstream resolver and kept in memory for the query path.
 *
 * Shared contract: the query path only calls `get`, which reads a map and never blocks, touches
 * the network or allocates. Everything else happens in the background: one scheduler (a heap of
 * due times and one interval timer, no timer per entry) refreshes each entry before its TTL runs
 * out, with at most `concurrency` upstream questions in flight. A failed refresh keeps the last
 * good addresses; an entry that never had any answers `undefined` (the engine says SERVFAIL).
 */
import type { Logger } from 'pino';
import { RRType } from '../dns/index.ts';
import { checkTarget, resolveTarget, sameAnswer, typeName, type ExternalAnswer, type TargetResult } from './alias-target.ts';
import { createDueQueue, nextDue, popDue, pushDue } from './due-queue.ts';
import type { Upstream } from './upstream-client.ts';

export type { ExternalAnswer } from './alias-target.ts';

/** What the query path reads (the answer engine imports this type). */
export type ExternalAddresses = {
  /**
   * Addresses of `name` (lower-case presentation name with trailing dot, e.g.
   * 'lb-1.example.net.') for qtype 1 (A) or 28 (AAAA), from the last good answer, or undefined
   * when nothing good is known yet. Never blocks, never allocates on a hit.
   */
  get(name: string, qtype: number): ExternalAnswer | undefined;
};

/** The resolver: the query-path view plus what the zone feed and start-up use. */
export type AliasResolver = ExternalAddresses & {
  /** The set of (name, qtype) the zones need; new ones are resolved at once, gone ones dropped. */
  track(targets: { name: string; qtype: number }[]): void;
  /** Resolves when every tracked target has had one attempt (for tests and start-up). */
  settled(): Promise<void>;
  stop(): void;
};

export type AliasResolverOptions = {
  upstream: Upstream | undefined;
  log: Logger;
  /** TTL bounds in seconds for what we serve (defaults 5 and 3600). */
  minTtl?: number;
  maxTtl?: number;
  /** Per question, UDP and TCP each (default 2000 ms). */
  timeoutMs?: number;
  /** The clock, in ms (default Date.now); tests move it instead of sleeping. */
  now?: () => number;
  /** Most upstream questions in flight at once (default 8). */
  concurrency?: number;
  /** How often the scheduler looks for due entries (default 250 ms). */
  tickMs?: number;
};

/** Retry delays after failures: 1 s, doubling, at most this. */
const MAX_RETRY_MS = 30_000;

type Entry = {
  name: string;
  qtype: number;
  answer: ExternalAnswer | undefined;
  /** When the next attempt is due (ms); the heap item for an older due time is stale. */
  dueAt: number;
  inFlight: boolean;
  attempted: boolean;
  /** Consecutive failed attempts; the first of a streak is logged. */
  failures: number;
  live: boolean;
};

/** Returns an alias resolver; without an upstream it knows nothing and says so once. */
export function createAliasResolver(o: AliasResolverOptions): AliasResolver {
  const minTtl = o.minTtl ?? 5;
  const maxTtl = o.maxTtl ?? 3600;
  if (!(Number.isInteger(minTtl) && minTtl >= 1 && Number.isInteger(maxTtl) && maxTtl >= minTtl)) {
    throw new Error(`alias resolver: need integer TTL bounds with 1 <= minTtl <= maxTtl (got ${minTtl}, ${maxTtl})`);
  }
  const timeoutMs = o.timeoutMs ?? 2000;
  const now = o.now ?? Date.now;
  const concurrency = o.concurrency ?? 8;
  const aEntries = new Map<string, Entry>();
  const aaaaEntries = new Map<string, Entry>();
  const byType = new Map<number, Map<string, Entry>>([[RRType.A, aEntries], [RRType.AAAA, aaaaEntries]]);
  const queue = createDueQueue<Entry>();
  let inFlight = 0;
  let unattempted = 0;
  let waiters: (() => void)[] = [];
  let stopped = false;
  let warnedNoUpstream = false;
  const timer = setInterval(() => pump(), o.tickMs ?? 250);
  timer.unref();

  const wake = () => {
    if (unattempted > 0 && !stopped) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const schedule = (e: Entry, at: number) => {
    e.dueAt = at;
    pushDue(queue, at, e);
  };

  function finish(e: Entry, r: TargetResult): void {
    const t = now();
    if (r.kind === 'good') {
      if (e.failures > 0) o.log.info({ target: e.name, qtype: typeName(e.qtype), failures: e.failures }, 'alias target resolves again');
      e.failures = 0;
      if (!sameAnswer(e.answer, r.answer)) e.answer = r.answer;
      // Refresh at three quarters of the TTL, so a healthy upstream never lets an entry expire.
      schedule(e, t + r.answer.ttl * 750);
    } else {
      if (e.failures === 0) {
        o.log.warn({ target: e.name, qtype: typeName(e.qtype), reason: r.reason },
          e.answer ? 'alias target lookup failed; serving the last good addresses' : 'alias target lookup failed; no addresses yet, answering SERVFAIL');
      }
      e.failures++;
      const retryInMs = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(e.failures - 1, 15));
      o.log.debug({ target: e.name, qtype: typeName(e.qtype), reason: r.reason, failures: e.failures, retryInMs }, 'alias target lookup attempt failed');
      schedule(e, t + retryInMs);
    }
  }

  function attempt(up: Upstream, e: Entry): void {
    inFlight++;
    e.inFlight = true;
    resolveTarget(up, e.name, e.qtype, { timeoutMs, minTtl, maxTtl }).catch((err: unknown): TargetResult => ({ kind: 'fail', reason: (err as Error).message })).then((r) => {
      inFlight--;
      e.inFlight = false;
      if (stopped || !e.live) return pump();
      finish(e, r);
      if (!e.attempted) {
        e.attempted = true;
        unattempted--;
        wake();
      }
      pump();
    });
  }

  function pump(): void {
    const up = o.upstream;
    if (!up || stopped) return;
    const t = now();
    while (inFlight < concurrency && nextDue(queue) <= t) {
      const { at, item: e } = popDue(queue)!;
      if (!e.live || e.inFlight || e.dueAt !== at) continue; // stale heap item
      attempt(up, e);
    }
  }

  return {
    get(name, qtype) {
      const entries = qtype === RRType.A ? aEntries : qtype === RRType.AAAA ? aaaaEntries : undefined;
      return entries?.get(name)?.answer;
    },

    track(targets) {
      for (const t of targets) checkTarget(t);
      if (!o.upstream) {
        if (targets.length > 0 && !warnedNoUpstream) {
          warnedNoUpstream = true;
          o.log.warn({ targets: targets.length, example: targets[0]!.name },
            'alias records point outside the hosted zones, but no upstream resolver is configured (--upstream ADDR:PORT); they answer SERVFAIL');
        }
        return;
      }
      const wanted = new Map<number, Set<string>>([[RRType.A, new Set()], [RRType.AAAA, new Set()]]);
      const t0 = now();
      for (const t of targets) {
        wanted.get(t.qtype)!.add(t.name);
        const entries = byType.get(t.qtype)!;
        if (entries.has(t.name)) continue;
        const e: Entry = { name: t.name, qtype: t.qtype, answer: undefined, dueAt: 0, inFlight: false, attempted: false, failures: 0, live: true };
        entries.set(t.name, e);
        unattempted++;
        schedule(e, t0);
      }
      for (const [qtype, entries] of byType) {
        for (const [name, e] of entries) {
          if (wanted.get(qtype)!.has(name)) continue;
          entries.delete(name);
          e.live = false;
          if (!e.attempted) unattempted--;
        }
      }
      wake();
      pump();
    },

    settled() {
      if (unattempted === 0 || stopped) return Promise.resolve();
      return new Promise<void>((r) => waiters.push(r));
    },

    stop() {
      stopped = true;
      clearInterval(timer);
      wake();
    },
  };
}
