/**
 * One scheduler for every check of a checker (not a timer per check): a min-heap of due times
 * and one timer set to the earliest. Start times are spread over the first interval by a hash of
 * the check id; each run is due one interval after the previous due time (no drift); at most
 * `concurrency` probes run at once, and a check whose previous probe still runs skips a turn.
 * `onLag` reports how late each probe started.
 */

export type Job = { id: string; intervalMs: number; run: () => Promise<void> };

export type Scheduler = {
  /** Adds or replaces a job (a replaced job keeps its place in time). */
  set(job: Job): void;
  delete(id: string): void;
  ids(): string[];
  stop(): void;
};

type Entry = { job: Job; due: number; running: boolean; removed: boolean };

export type SchedulerOptions = { concurrency: number; now?: () => number; onLag?: (ms: number, id: string) => void; onSkip?: (id: string) => void };

/** Returns a fraction in [0, 1) from a string, stable across processes. */
function spread(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h / 2 ** 32;
}

/** Starts an empty scheduler. */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const now = o.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  const heap: Entry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = 0;
  let stopped = false;
  const waiting: Entry[] = [];

  const less = (a: number, b: number) => heap[a]!.due < heap[b]!.due;
  const swap = (a: number, b: number) => { [heap[a], heap[b]] = [heap[b]!, heap[a]!]; };
  function push(e: Entry): void {
    heap.push(e);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  }
  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    return top;
  }

  function arm(): void {
    if (stopped) return;
    clearTimeout(timer);
    const first = heap[0];
    if (!first) return;
    timer = setTimeout(tick, Math.max(0, first.due - now()));
  }

  function start(e: Entry, due: number): void {
    running++;
    e.running = true;
    o.onLag?.(Math.max(0, now() - due), e.job.id);
    void e.job.run().catch(() => undefined).finally(() => {
      running--;
      e.running = false;
      const next = waiting.shift();
      if (next && !next.removed) start(next, next.due - next.job.intervalMs);
    });
  }

  function tick(): void {
    const t = now();
    while (heap[0] && heap[0].due <= t) {
      const e = pop()!;
      if (e.removed) continue;
      const due = e.due;
      e.due += e.job.intervalMs;
      // Far behind (a suspended process): skip missed turns instead of bursting.
      if (e.due < t) e.due = t + e.job.intervalMs * spread(e.job.id);
      push(e);
      if (e.running) o.onSkip?.(e.job.id);
      else if (running < o.concurrency) start(e, due);
      else if (!waiting.includes(e)) waiting.push(e);
    }
    arm();
  }

  return {
    set(job) {
      const old = entries.get(job.id);
      if (old) {
        old.job = job;
        return;
      }
      const e: Entry = { job, due: now() + job.intervalMs * spread(job.id), running: false, removed: false };
      entries.set(job.id, e);
      push(e);
      arm();
    },
    delete(id) {
      const e = entries.get(id);
      if (!e) return;
      e.removed = true;
      entries.delete(id);
    },
    ids: () => [...entries.keys()],
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
