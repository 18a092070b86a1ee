import { describe, expect, it } from 'vitest';
import { seededRng } from '../../test/helpers/rng.ts';
import { createDueQueue, dueSize, nextDue, popDue, pushDue } from './due-queue.ts';

describe('the due queue', () => {
  it('is empty at first', () => {
    const q = createDueQueue<string>();
    expect([nextDue(q), popDue(q), dueSize(q)]).toEqual([Infinity, undefined, 0]);
  });

  it('gives items back earliest first, whatever the order they went in', () => {
    const rng = seededRng(6);
    const q = createDueQueue<number>();
    const times = Array.from({ length: 500 }, () => Math.floor(rng() * 100));
    times.forEach((t, i) => pushDue(q, t, i));
    expect(dueSize(q)).toBe(500);
    const out: number[] = [];
    for (let e = popDue(q); e; e = popDue(q)) {
      expect(times[e.item]).toBe(e.at);
      out.push(e.at);
    }
    expect(out).toEqual([...times].sort((a, b) => a - b));
  });

  it('mixes pushes and pops', () => {
    const q = createDueQueue<string>();
    pushDue(q, 30, 'c');
    pushDue(q, 10, 'a');
    expect(popDue(q)).toEqual({ at: 10, item: 'a' });
    pushDue(q, 20, 'b');
    pushDue(q, 5, 'z');
    expect(nextDue(q)).toBe(5);
    expect([popDue(q)!.item, popDue(q)!.item, popDue(q)!.item, popDue(q)]).toEqual(['z', 'b', 'c', undefined]);
  });
});
