/**
 * Prints the functions with the most self time in a V8 CPU profile (`node --cpu-prof`), with
 * their share of the samples, so a profile can be read without DevTools. With UNDER, only the
 * samples taken inside a function of that name count (e.g. `respond`: the query path alone,
 * without the benchmark's set-up), and garbage collection is shown as its share of all samples.
 * Usage: node bench/profile-top.ts FILE.cpuprofile [N] [UNDER]
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const [file, top = '25', under] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** True when the node or one of its callers is named `name`. */
function inside(id: number, name: string): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    if (byId.get(at)!.callFrame.functionName === name) return true;
  }
  return false;
}

const self = new Map<string, number>();
let total = 0;
let gc = 0;
for (const id of prof.samples) {
  const f = byId.get(id)!.callFrame;
  if (f.functionName === '(garbage collector)') gc++;
  if (under !== undefined && !inside(id, under)) continue;
  total++;
  const where = f.url ? `${f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + 1);
}
console.log(`${total} samples${under ? ` inside ${under}` : ''} of ${prof.samples.length}; garbage collector ${gc} (${((gc / prof.samples.length) * 100).toFixed(1)} % of all)`);
for (const [k, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((n / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}
