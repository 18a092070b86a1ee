import { describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { decodeMessage, encodeClientSubnet, EdnsOption, type LowerName } from '../dns/index.ts';
import { createResponder } from './responder.ts';
import { cases, ZONE_NAME, ZONE_TEXT, type DnsCase } from '../../test/cases/authoritative.ts';
import { caseQuery, compileFromText, expectCase, wireSections } from '../../test/helpers/dns-case.ts';

const zone = compileFromText(ZONE_NAME, ZONE_TEXT);
function responder() {
  const r = createResponder();
  r.setCatalog({ zones: new Map<LowerName, typeof zone>([[zone.apex, zone]]) });
  return r;
}

describe('the responder answers the authoritative table', () => {
  const r = responder();
  for (const c of cases) {
    it(c.name, () => {
      // Twice: the second answer comes from the response cache or a relocated template.
      expectCase(wireSections(r.respond(caseQuery(c), false)!), c);
      expectCase(wireSections(r.respond(caseQuery(c, 0x4321), false)!), c);
    });
  }
});

describe('header and EDNS handling', () => {
  const www: DnsCase = { name: 'www', qname: 'www.example.org.', qtype: 'A' };
  it('copies ID, RD and CD, never sets RA', () => {
    const q = caseQuery(www, 0xbeef);
    q[3] = q[3]! | 0x10; // CD
    const m = decodeMessage(responder().respond(q, false)!);
    expect([m.id, m.rd, m.cd, m.ra, m.qr]).toEqual([0xbeef, true, true, false, true]);
  });
  it('answers EDNS with OPT (our payload size, the DO bit echoed)', () => {
    const m = decodeMessage(responder().respond(caseQuery(www, 1, { dnssecOk: true, udpSize: 4096 }), false)!);
    expect(m.edns).toMatchObject({ udpSize: 1232, version: 0, dnssecOk: true });
  });
  it('answers without OPT when the query has none', () => {
    expect(decodeMessage(responder().respond(caseQuery({ ...www, noEdns: true }), false)!).edns).toBeUndefined();
  });
  it('echoes Client Subnet with scope 0 (RFC 7871 7.2.1)', () => {
    const ecs = { family: 1 as const, sourcePrefix: 24, scopePrefix: 0, address: new Uint8Array([198, 51, 100]) };
    const q = caseQuery(www, 1, { options: [{ code: EdnsOption.CLIENT_SUBNET, data: encodeClientSubnet(ecs, 0) }] });
    const r = responder();
    for (let i = 0; i < 2; i++) {
      const m = decodeMessage(r.respond(q, false)!);
      expect(m.answers).toHaveLength(2);
      expect(m.edns?.options.map((o) => [o.code, [...o.data]])).toEqual([[8, [0, 1, 24, 0, 198, 51, 100]]]);
    }
  });
  it('answers EDNS version 1 with BADVERS (RFC 6891 6.1.3)', () => {
    const m = decodeMessage(responder().respond(caseQuery(www, 1, { version: 1 }), false)!);
    expect(m.rcode).toBe(16);
    expect(m.edns?.version).toBe(0);
  });
  it('refuses zone transfers: AXFR, and IXFR with the client\'s SOA in authority (RFC 1995 3)', () => {
    const axfr = dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'example.org', type: 'AXFR' }] });
    const ixfr = dnsPacket.encode({
      type: 'query', id: 2, questions: [{ name: 'example.org', type: 'IXFR' }],
      authorities: [{ name: 'example.org', type: 'SOA', ttl: 0, data: { mname: 'ns1.example.org', rname: 'h.example.org', serial: 1, refresh: 0, retry: 0, expire: 0, minimum: 0 } }],
    });
    for (const q of [axfr, ixfr]) expect(decodeMessage(responder().respond(q, true)!).rcode).toBe(5);
    // Any other query with records in authority is malformed.
    const a = dnsPacket.encode({ type: 'query', id: 3, questions: [{ name: 'example.org', type: 'A' }], authorities: dnsPacket.decode(ixfr).authorities });
    expect(decodeMessage(responder().respond(a, true)!).rcode).toBe(1);
  });
  it('answers an unknown opcode with NOTIMP', () => {
    const q = caseQuery(www);
    q[2] = (q[2]! & 0x87) | (2 << 3); // STATUS
    expect(decodeMessage(responder().respond(q, false)!).rcode).toBe(4);
  });
  it('answers QCLASS * as IN, keeping the class in the question', () => {
    const q = caseQuery({ ...www, noEdns: true });
    q[q.length - 1] = 255;
    const r = responder();
    for (let i = 0; i < 2; i++) {
      const m = decodeMessage(r.respond(q, false)!);
      expect([m.rcode, m.answers.length, m.questions[0]!.class]).toEqual([0, 2, 255]);
    }
  });
  it('answers type 0 with NOTIMP and another class with REFUSED', () => {
    const t0 = caseQuery({ ...www, noEdns: true });
    t0[t0.length - 3] = 0;
    expect(decodeMessage(responder().respond(t0, false)!).rcode).toBe(4);
    const ch = caseQuery({ ...www, noEdns: true });
    ch[ch.length - 1] = 3;
    expect(decodeMessage(responder().respond(ch, false)!).rcode).toBe(5);
  });
  it('puts OPT in error answers to EDNS queries (RFC 6891 7)', () => {
    const q = caseQuery(www);
    q[2] = (q[2]! & 0x87) | (5 << 3); // UPDATE
    const m = decodeMessage(responder().respond(q, false)!);
    expect([m.rcode, m.opcode, m.edns?.udpSize]).toEqual([4, 5, 1232]);
    const noQuestion = Buffer.from(q);
    noQuestion[2] = noQuestion[2]! & 0x87;
    noQuestion[5] = 0;
    const opt = noQuestion.subarray(q.length - 11);
    const m2 = decodeMessage(responder().respond(Buffer.concat([noQuestion.subarray(0, 12), opt]), false)!);
    expect([m2.rcode, m2.questions.length, m2.edns?.udpSize]).toEqual([1, 0, 1232]);
  });
  it('never answers a response', () => {
    const q = caseQuery(www);
    q[2] = q[2]! | 0x80;
    expect(responder().respond(q, false)).toBeUndefined();
  });
  it('answers two questions, records in the answer section or trailing bytes with FORMERR', () => {
    const base = caseQuery({ ...www, noEdns: true });
    const two = Buffer.from(base); two[5] = 2;
    const an = Buffer.from(base); an[7] = 1;
    const trailing = Buffer.concat([base, Buffer.from([0])]);
    for (const q of [two, an, trailing]) expect(decodeMessage(responder().respond(q, false)!).rcode).toBe(1);
  });
  it('sends the whole large answer over TCP', () => {
    const m = decodeMessage(responder().respond(caseQuery({ name: 'big', qname: 'big.example.org.', qtype: 'TXT', noEdns: true }), true)!);
    expect([m.tc, m.answers.length]).toEqual([false, 1]);
  });
  it('keeps a client payload size below 512 at 512', () => {
    const q = caseQuery({ name: 'big', qname: 'big.example.org.', qtype: 'TXT' }, 1, { udpSize: 100 });
    expect(responder().respond(q, false)!.length).toBeLessThanOrEqual(512);
  });
});

describe('relocated templates', () => {
  it('serve NXDOMAIN and wildcard answers for qnames of any length, decodable by dns-packet', () => {
    const r = responder();
    for (const label of ['a', 'abcdefghij', 'x'.repeat(63), 'Mixed-Case']) {
      for (const [qname, rcode, answers] of [[`${label}.example.org.`, 'NXDOMAIN', 0], [`${label}.wild.example.org.`, 'NOERROR', 1]] as const) {
        const out = r.respond(caseQuery({ name: '', qname, qtype: 'A' }), false)!;
        const p = dnsPacket.decode(out);
        expect((p as { rcode?: string }).rcode).toBe(rcode);
        expect(p.answers).toHaveLength(answers);
        if (answers) expect(p.answers![0]!.name).toBe(qname.slice(0, -1));
        else expect(p.authorities![0]).toMatchObject({ type: 'SOA', name: 'example.org', ttl: 300 });
      }
    }
    expect(r.stats.cached).toBeGreaterThan(0);
  });
});
