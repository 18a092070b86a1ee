/**
 * Test support for answer tables (test/cases/*): compile a zone from master-file text, turn
 * engine answers, wire responses and dig output into comparable sections, and compare them with
 * a case. Sections compare as sorted lists of presentation strings; a TTL of * matches any.
 */
import { expect } from 'vitest';
import {
  decodeMessage, encodeMessage, emptyMessage, nameFromText, nameToText, rcodeToString, recordToText,
  rdataToText, rrTypeFromString, rrTypeToString, type Edns,
} from '../../src/dns/index.ts';
import type { Answer } from '../../src/answer/lookup.ts';
import { parseMasterFile } from '../../src/zone/master-file.ts';
import { validateZone } from '../../src/zone/validate.ts';
import { compileZone, type ZoneIndex } from '../../src/zone/zone-index.ts';
import type { DnsCase } from '../cases/authoritative.ts';

/** What a case is compared on. */
export type Sections = { rcode: string; aa: boolean; tc: boolean; answer: string[]; authority: string[]; additional: string[] };

/** Compiles master-file text into a zone index, failing on any zone problem. */
export function compileFromText(zoneName: string, text: string, version = 1): ZoneIndex {
  const origin = nameFromText(zoneName);
  const records = parseMasterFile(text, { origin });
  const problems = validateZone(origin, records);
  if (problems.length) throw new Error(problems.join('\n'));
  return compileZone(origin, version, records);
}

/** Sections of an engine answer. */
export function answerSections(a: Answer): Sections {
  const text = (list: Answer['answer']) => list.flatMap((p) => p.set.rdatas.map((r) =>
    `${nameToText(p.owner)} ${p.ttl} IN ${rrTypeToString(p.set.type)} ${rdataToText(p.set.type, r)}`));
  return { rcode: rcodeToString(a.rcode), aa: a.aa, tc: false, answer: text(a.answer), authority: text(a.authority), additional: text(a.additional) };
}

/** Sections of a wire response. */
export function wireSections(bytes: Uint8Array): Sections {
  const m = decodeMessage(bytes);
  return {
    rcode: rcodeToString(m.rcode), aa: m.aa, tc: m.tc,
    answer: m.answers.map(recordToText), authority: m.authority.map(recordToText), additional: m.additional.map(recordToText),
  };
}

/** Builds the query for a case (RD set like a stub resolver; EDNS 1232 unless noEdns). */
export function caseQuery(c: DnsCase, id = 0x1234, edns: Partial<Edns> = {}): Buffer {
  const m = emptyMessage(id);
  m.rd = true;
  m.questions.push({ name: nameFromText(c.qname), type: rrTypeFromString(c.qtype)!, class: 1 });
  if (!c.noEdns) m.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: false, options: [], ...edns };
  return Buffer.from(encodeMessage(m));
}

const norm = (s: string) => s.trim().split(/\s+/).join(' ');
// Names compare without case: compression may give a later name the question's spelling
// (RFC 1035 4.1.4 and RFC 4343 allow it). `ownerCase` checks the spelling that must be kept.
const fold = (s: string) => s.replace(/^(\S+)/, (n) => n.toLowerCase()).replace(/([a-z0-9-]+\.)+(?= |$)/gi, (n) => n.toLowerCase());

function matches(actual: string[], expected: string[]): void {
  const a = actual.map((x) => fold(norm(x))).sort();
  const e = expected.map((x) => fold(norm(x))).sort();
  const ttlFree = (s: string) => s.replace(/^(\S+) \S+ /, '$1 * ');
  // Expected TTL "*" matches any TTL.
  const aa = a.map((x, i) => (e[i]?.split(' ')[1] === '*' ? ttlFree(x) : x));
  expect(aa).toEqual(e);
}

/** Asserts that `s` is what case `c` expects. */
export function expectCase(s: Sections, c: DnsCase): void {
  expect(s.rcode, 'rcode').toBe(c.rcode ?? 'NOERROR');
  expect(s.aa, 'AA flag').toBe(c.aa ?? (c.rcode !== 'REFUSED'));
  expect(s.tc, 'TC flag').toBe(c.tc ?? false);
  matches(s.answer, c.answer ?? []);
  if (c.ownerCase) expect(s.answer.map((r) => r.split(/\s/)[0])).toContain(c.ownerCase);
  matches(s.authority, c.authority ?? []);
  matches(s.additional, c.additional ?? []);
}

/** Parses `dig +noall +comments +answer +authority +additional +nosplit` output into sections. */
export function digSections(out: string): Sections {
  const status = /status: (\w+)/.exec(out)?.[1] ?? 'none';
  const flags = /;; flags:([^;]*);/.exec(out)?.[1]?.trim().split(/\s+/) ?? [];
  const s: Sections = { rcode: status, aa: flags.includes('aa'), tc: flags.includes('tc'), answer: [], authority: [], additional: [] };
  let section: keyof Pick<Sections, 'answer' | 'authority' | 'additional'> | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith(';; ANSWER SECTION')) section = 'answer';
    else if (line.startsWith(';; AUTHORITY SECTION')) section = 'authority';
    else if (line.startsWith(';; ADDITIONAL SECTION')) section = 'additional';
    else if (line.startsWith(';') || line.trim() === '') { if (line.trim() === '') section = undefined; }
    else if (section) s[section].push(norm(line));
  }
  return s;
}
