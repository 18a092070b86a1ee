// The differential run: send every query to two servers over UDP, re-ask over TCP whatever
// either truncated (and every tenth query), and diff the replies. Used by knot.test.ts and by report.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffReplies, type Difference } from './compare.ts';
import type { ZoneFile } from './knot.ts';
import { normalizeReply, type Reply } from './normalize.ts';
import { encodeQuery, type Query } from './queries.ts';
import { sendTcp, sendUdpBatch } from './udp.ts';

const ZONE_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'zones');

/** The zones both servers load. */
export const ZONES: ZoneFile[] = ['example.com', 'example.net', '2.0.192.in-addr.arpa']
  .map((name) => ({ name, file: join(ZONE_DIR, `${name}.zone`) }));

export type Exchange = { query: Query; udp: Reply | string | null; tcp?: Reply | string | null };

/** Sends all queries to port over UDP, and over TCP again for each reply with TC set. */
export async function ask(port: number, queries: Query[], tcpFor: (q: Query) => boolean = () => false): Promise<Exchange[]> {
  // Queries that must go unanswered (QR set) wait one short timeout instead of three long ones.
  const silent = (q: Query): boolean => q.variant?.asResponse === true;
  const loud = queries.filter((q) => !silent(q));
  const quiet = queries.filter(silent);
  const [loudRaws, quietRaws] = await Promise.all([
    sendUdpBatch(port, loud.map(encodeQuery)),
    sendUdpBatch(port, quiet.map(encodeQuery), 32, 1000, 0),
  ]);
  const byIndex = new Map<number, Buffer | null>();
  loud.forEach((q, i) => byIndex.set(q.index, loudRaws[i] ?? null));
  quiet.forEach((q, i) => byIndex.set(q.index, quietRaws[i] ?? null));
  const raws = queries.map((q) => byIndex.get(q.index) ?? null);
  const out: Exchange[] = queries.map((query, i) => {
    const raw = raws[i];
    return { query, udp: raw ? normalizeReply(raw) : null };
  });
  for (const ex of out) {
    const truncated = ex.udp !== null && typeof ex.udp !== 'string' && ex.udp.flags.tc;
    if (truncated || tcpFor(ex.query)) {
      try {
        ex.tcp = normalizeReply(await sendTcp(port, encodeQuery(ex.query)));
      } catch (err) {
        ex.tcp = `tcp error: ${(err as Error).message}`;
      }
    }
  }
  return out;
}

/** Every tenth query is also asked over TCP, to cover the TCP path beyond truncation. */
const tcpSample = (q: Query): boolean => q.index % 10 === 0 && !q.variant?.asResponse;

/** Asks both servers every query and returns all differences (UDP, then TCP where either truncated, and a sample). */
export async function compareServers(knotPort: number, signpostPort: number, queries: Query[]): Promise<Difference[]> {
  const knot = await ask(knotPort, queries, tcpSample);
  const truncatedByKnot = new Set(knot.filter((e) => e.tcp !== undefined).map((e) => e.query.index));
  const sp = await ask(signpostPort, queries, (q) => truncatedByKnot.has(q.index));
  const spTruncated = new Set(sp.filter((e) => e.tcp !== undefined).map((e) => e.query.index));
  const diffs: Difference[] = [];
  for (let i = 0; i < queries.length; i++) {
    const k = knot[i]!;
    const s = sp[i]!;
    diffs.push(...diffReplies(k.query, 'udp', k.udp, s.udp));
    // By the query's own index, not its position: a filtered list keeps the original indexes.
    if (truncatedByKnot.has(k.query.index) || spTruncated.has(k.query.index)) {
      if (k.tcp === undefined) {
        try { k.tcp = normalizeReply(await sendTcp(knotPort, encodeQuery(k.query))); } catch (err) { k.tcp = `tcp error: ${(err as Error).message}`; }
      }
      diffs.push(...diffReplies(k.query, 'tcp', k.tcp ?? null, s.tcp ?? null));
    }
  }
  return diffs;
}
