// Compares Knot's and Signpost's replies to the same query field by field, then sorts each
// difference into "explained" (matched by an entry of exceptions.ts) or "unexplained".
import { describeQuery, type Query } from './queries.ts';
import { showReply, type Reply } from './normalize.ts';
import { EXCEPTIONS } from './exceptions.ts';

export type Transport = 'udp' | 'tcp';

export type Difference = {
  query: Query;
  transport: Transport;
  /** rcode, opcode, flags.<bit>, question, answer, authority, additional, opt, case, reply */
  field: string;
  knot: string;
  signpost: string;
  knotReply: Reply | string | null;
  signpostReply: Reply | string | null;
};

export type Outcome = { explained: Map<string, Difference[]>; unexplained: Difference[] };

const SECTIONS = ['question', 'answer', 'authority', 'additional'] as const;

/** Returns every field in which the two replies differ (an empty list when they agree). */
export function diffReplies(
  query: Query, transport: Transport, knot: Reply | string | null, signpost: Reply | string | null,
): Difference[] {
  const mk = (field: string, k: string, s: string): Difference =>
    ({ query, transport, field, knot: k, signpost: s, knotReply: knot, signpostReply: signpost });
  if (knot === null || signpost === null || typeof knot === 'string' || typeof signpost === 'string') {
    const k = knot === null ? 'timeout' : typeof knot === 'string' ? knot : 'ok';
    const s = signpost === null ? 'timeout' : typeof signpost === 'string' ? signpost : 'ok';
    return k === s && k === 'timeout' ? [] : [mk('reply', k, s)];
  }
  const out: Difference[] = [];
  if (knot.rcode !== signpost.rcode) out.push(mk('rcode', knot.rcode, signpost.rcode));
  if (knot.opcode !== signpost.opcode) out.push(mk('opcode', knot.opcode, signpost.opcode));
  for (const bit of Object.keys(knot.flags) as (keyof Reply['flags'])[]) {
    if (knot.flags[bit] !== signpost.flags[bit]) out.push(mk(`flags.${bit}`, String(knot.flags[bit]), String(signpost.flags[bit])));
  }
  for (const sec of SECTIONS) {
    const k = knot[sec];
    const s = signpost[sec];
    const onlyK = k.filter((x) => !s.includes(x));
    const onlyS = s.filter((x) => !k.includes(x));
    if (onlyK.length > 0 || onlyS.length > 0 || k.length !== s.length) {
      out.push(mk(sec, onlyK.join(' | '), onlyS.join(' | ')));
    }
  }
  if (knot.opt !== signpost.opt) out.push(mk('opt', knot.opt, signpost.opt));
  const ek = knot.exactOwners.join(' | ');
  const es = signpost.exactOwners.join(' | ');
  if (ek !== es && knot.question.join() === signpost.question.join()) out.push(mk('case', ek, es));
  return out;
}

/** Splits differences into explained (grouped by exception id) and unexplained; strict ignores 'reported' entries. */
export function classify(diffs: Difference[], strict = false): Outcome {
  const explained = new Map<string, Difference[]>();
  const unexplained: Difference[] = [];
  const table = strict ? EXCEPTIONS.filter((e) => e.kind === 'deliberate') : EXCEPTIONS;
  for (const d of diffs) {
    const ex = table.find((e) => e.matches(d));
    if (ex) explained.set(ex.id, [...(explained.get(ex.id) ?? []), d]);
    else unexplained.push(d);
  }
  return { explained, unexplained };
}

/** Returns a readable report: unexplained differences grouped by signature, each with one full example. */
export function renderReport(outcome: Outcome, total: number, ports: { knot: number; signpost: number }): string {
  const lines: string[] = [`# Knot vs Signpost: ${total} queries`, ''];
  lines.push('## Explained differences (exceptions.ts)', '');
  if (outcome.explained.size === 0) lines.push('none');
  for (const e of EXCEPTIONS) {
    const ds = outcome.explained.get(e.id);
    if (!ds) continue;
    lines.push(`- ${e.id} (${e.kind}): ${ds.length} differences. ${e.reason}`);
    lines.push(`  e.g. ${describeQuery(ds[0]!.query, ports.signpost)}`);
  }
  const fixed = EXCEPTIONS.filter((e) => e.kind === 'reported' && !outcome.explained.has(e.id));
  if (fixed.length > 0) lines.push('', `Reported entries that matched nothing (fixed? remove them): ${fixed.map((e) => e.id).join(', ')}`);
  lines.push('', `## Unexplained differences: ${outcome.unexplained.length}`, '');
  const groups = new Map<string, Difference[]>();
  for (const d of outcome.unexplained) {
    const v = Object.entries(d.query.variant ?? {}).map(([k, x]) => ` ${k}=${String(x)}`).join('');
    const key = `${d.transport} ${d.field} [${d.query.kind} ${d.query.qtype}${v}]`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [key, ds] of groups) {
    const first = ds[0]!;
    lines.push(`### ${key}: ${ds.length} queries`, '');
    lines.push(`e.g. query over ${first.transport}: ${describeQuery(first.query, ports.signpost)}${first.transport === 'tcp' ? ' +tcp' : ''}`);
    lines.push(`  (Knot was on port ${ports.knot}, Signpost on port ${ports.signpost})`);
    lines.push(`  knot only:     ${first.knot}`, `  signpost only: ${first.signpost}`);
    lines.push('Knot:', showReply(first.knotReply), 'Signpost:', showReply(first.signpostReply));
    const more = ds.slice(1, 6).map((d) => `  also ${describeQuery(d.query).replace(/  dig .*$/, '')}`);
    lines.push(...more, '');
  }
  return lines.join('\n');
}
