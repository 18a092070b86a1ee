/** The scheduler: one timer, spread start times, bounded concurrency, a busy job skips its turn. */
import { describe, expect, it } from 'vitest';
import { createScheduler } from './scheduler.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scheduler', () => {
  it('runs every job about once per interval, never more than `concurrency` at once', async () => {
    let running = 0;
    let most = 0;
    const runs = new Map<string, number>();
    const lags: number[] = [];
    const s = createScheduler({ concurrency: 3, onLag: (ms) => lags.push(ms) });
    for (let i = 0; i < 10; i++) {
      const id = `job-${i}`;
      s.set({ id, intervalMs: 100, run: async () => {
        running++;
        most = Math.max(most, running);
        runs.set(id, (runs.get(id) ?? 0) + 1);
        await sleep(5);
        running--;
      } });
    }
    await sleep(650);
    s.stop();
    expect(most).toBeLessThanOrEqual(3);
    for (let i = 0; i < 10; i++) expect(runs.get(`job-${i}`)).toBeGreaterThanOrEqual(3);
    expect(lags.length).toBeGreaterThan(30);
  });

  it('skips the turn of a job whose previous run has not finished, and forgets deleted jobs', async () => {
    let runs = 0;
    const skipped: string[] = [];
    const s = createScheduler({ concurrency: 10, onSkip: (id) => skipped.push(id) });
    s.set({ id: 'slow', intervalMs: 20, run: async () => { runs++; await sleep(120); } });
    await sleep(200);
    expect(skipped.length).toBeGreaterThan(0);
    expect(runs).toBeLessThanOrEqual(2);
    s.delete('slow');
    expect(s.ids()).toEqual([]);
    const after = runs;
    await sleep(100);
    expect(runs).toBe(after);
    s.stop();
  });
});
