/**
 * One question answered the way the DNS server answers it, with the explanation: what
 * TestDNSAnswer and `signpost explain` run. It is the very lookup() and routing stage the server
 * runs, over the same compiled zone, health snapshot and services; only the trace is added.
 */
import { lowerName, nameFromText, rcodeToString, rdataToText, recordToText, RRClass, type Name } from '../dns/index.ts';
import type { ZoneIndex } from '../zone/zone-index.ts';
import { parseIp } from '../zone/cidr-table.ts';
import { createContext, resetContext, type Services } from './context.ts';
import { describeClient } from './explain.ts';
import type { HealthSnapshot } from './health.ts';
import { lookup, type Answer } from './lookup.ts';
import type { Trace } from './trace.ts';

/** The client a simulated question comes from: a resolver address and/or a client subnet. */
export type SimulatedClient = { resolverIp?: string; subnet?: { address: string; prefix: number } };

/** What the server would answer, and why. */
export type TestAnswer = {
  answer: Answer;
  rcode: string;
  /** Answer-section values in presentation form (TestDNSAnswer's RecordData). */
  values: string[];
  /** Every section as master-file lines (for `signpost explain`). */
  lines: { answer: string[]; authority: string[]; additional: string[] };
  trace: Trace[];
  client: string;
  /** The ECS scope the answer carries (0: not tailored to the client, or no client subnet asked). */
  scope: number;
};

/** Answers `qname`/`qtype` from `zone` for `client`, with the explanation. */
export function testAnswer(zone: ZoneIndex, qname: string, qtype: number, client: SimulatedClient, services: Services, health: HealthSnapshot,
  rng: () => number = Math.random): TestAnswer {
  const c = createContext(services, rng);
  const subnet = client.subnet;
  const address = subnet?.address ?? client.resolverIp;
  const bytes = address === undefined ? undefined : parseIp(address);
  const family = bytes === undefined ? 0 : bytes.length === 4 ? 4 : 6;
  const prefix = subnet ? subnet.prefix : family === 4 ? 32 : 128;
  resetContext(c, health, family, bytes, prefix, subnet !== undefined);
  c.trace = [];
  const name: Name = nameFromText(qname.endsWith('.') ? qname : `${qname}.`);
  const answer = lookup(zone, name, lowerName(name), qtype, c);
  const text = (list: Answer['answer']) => list.flatMap((p) => p.set.rdatas.map((rdata) =>
    recordToText({ name: p.owner, type: p.set.type, class: RRClass.IN, ttl: p.ttl, rdata })));
  return {
    answer, rcode: rcodeToString(answer.rcode),
    values: answer.answer.flatMap((p) => p.set.rdatas.map((r) => rdataToText(p.set.type, r))),
    lines: { answer: text(answer.answer), authority: text(answer.authority), additional: text(answer.additional) },
    // Only an answer to a query with a client subnet carries a scope (the server echoes ECS).
    trace: c.trace, client: describeClient(c), scope: subnet !== undefined ? c.scope : 0,
  };
}
