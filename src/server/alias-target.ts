/**
 * One external alias target: checking its name, asking the upstream for it (following CNAME
 * chains the upstream hands out piece by piece) and comparing answers. The alias resolver
 * schedules these; nothing here keeps state.
 */
import { RRType, keyFromText, nameFromKey, nameToText, type LowerName } from '../dns/index.ts';
import { askUpstream, type Upstream } from './upstream-client.ts';
import { readUpstreamAnswer } from './upstream-answer.ts';

/** Addresses of one target: wire RDATA (4 or 16 bytes each; empty = no such records) and a TTL. */
export type ExternalAnswer = { readonly rdatas: readonly Uint8Array[]; readonly ttl: number };

/** The outcome of one attempt: an answer to serve, or why there is none. */
export type TargetResult = { kind: 'good'; answer: ExternalAnswer } | { kind: 'fail'; reason: string };

/** Questions per target and attempt when the upstream hands out a CNAME chain piece by piece. */
export const MAX_FOLLOWS = 8;

/** Returns 'A' or 'AAAA' for logs. */
export const typeName = (qtype: number): string => (qtype === RRType.A ? 'A' : 'AAAA');

/** Throws unless `t` is a lower-case absolute presentation name with type A or AAAA. */
export function checkTarget(t: { name: string; qtype: number }): void {
  if (t.qtype !== RRType.A && t.qtype !== RRType.AAAA) throw new Error(`alias target ${t.name}: type ${t.qtype} is not A (1) or AAAA (28)`);
  let canonical: string;
  try {
    canonical = nameToText(keyFromText(t.name));
  } catch (err) {
    throw new Error(`alias target "${t.name}": ${(err as Error).message}`);
  }
  if (canonical !== t.name) throw new Error(`alias target "${t.name}" is not a lower-case absolute name (${canonical})`);
}

/** Returns true when `a` holds the same addresses, in the same order, and TTL as `b`. */
export function sameAnswer(a: ExternalAnswer | undefined, b: ExternalAnswer): boolean {
  if (!a || a.ttl !== b.ttl || a.rdatas.length !== b.rdatas.length) return false;
  return a.rdatas.every((r, i) => {
    const s = b.rdatas[i]!;
    return r.length === s.length && r.every((x, j) => x === s[j]);
  });
}

/**
 * Asks the upstream for (name, qtype) and returns the addresses with the smallest TTL along the
 * chain, clamped to [minTtl, maxTtl]; rejects with UpstreamError when no response came.
 */
export async function resolveTarget(
  up: Upstream, name: string, qtype: number, o: { timeoutMs: number; minTtl: number; maxTtl: number },
): Promise<TargetResult> {
  let key: LowerName = keyFromText(name);
  let ttl = Infinity;
  for (let i = 0; i < MAX_FOLLOWS; i++) {
    const m = await askUpstream(up, nameFromKey(key), qtype, o.timeoutMs);
    const r = readUpstreamAnswer(m, key, qtype);
    if (r.kind === 'fail') return r;
    ttl = Math.min(ttl, r.ttl);
    if (r.kind === 'good') return { kind: 'good', answer: { rdatas: r.rdatas, ttl: Math.max(o.minTtl, Math.min(o.maxTtl, ttl)) } };
    key = r.name;
  }
  return { kind: 'fail', reason: `the CNAME chain went on past ${MAX_FOLLOWS} questions` };
}
