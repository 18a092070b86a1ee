/**
 * A min-heap of (due time, item): the alias resolver's one schedule, so that thousands of cache
 * entries need no timer each. Items are not removed from the middle; the owner skips stale ones
 * when they come out (each item knows its current due time).
 */

/** The heap; `due[i]` and `items[i]` are parallel arrays. */
export type DueQueue<T> = { due: number[]; items: T[] };

/** Returns an empty queue. */
export function createDueQueue<T>(): DueQueue<T> {
  return { due: [], items: [] };
}

function swap<T>(q: DueQueue<T>, i: number, j: number): void {
  const d = q.due[i]!;
  q.due[i] = q.due[j]!;
  q.due[j] = d;
  const t = q.items[i]!;
  q.items[i] = q.items[j]!;
  q.items[j] = t;
}

/** Adds `item`, due at `at`. */
export function pushDue<T>(q: DueQueue<T>, at: number, item: T): void {
  q.due.push(at);
  q.items.push(item);
  for (let i = q.due.length - 1; i > 0;) {
    const parent = (i - 1) >> 1;
    if (q.due[parent]! <= q.due[i]!) break;
    swap(q, i, parent);
    i = parent;
  }
}

/** Returns the earliest due time, or Infinity when empty. */
export function nextDue<T>(q: DueQueue<T>): number {
  return q.due.length > 0 ? q.due[0]! : Infinity;
}

/** Removes and returns the earliest item with its due time, or undefined when empty. */
export function popDue<T>(q: DueQueue<T>): { at: number; item: T } | undefined {
  const n = q.due.length;
  if (n === 0) return undefined;
  const out = { at: q.due[0]!, item: q.items[0]! };
  swap(q, 0, n - 1);
  q.due.pop();
  q.items.pop();
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let least = i;
    if (l < n - 1 && q.due[l]! < q.due[least]!) least = l;
    if (r < n - 1 && q.due[r]! < q.due[least]!) least = r;
    if (least === i) break;
    swap(q, i, least);
    i = least;
  }
  return out;
}

/** Returns the number of items, stale ones included. */
export function dueSize<T>(q: DueQueue<T>): number {
  return q.due.length;
}
