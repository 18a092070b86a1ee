import { describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { decodeMessage, Rcode, type LowerName } from '../dns/index.ts';
import { createResponder } from './responder.ts';
import { compileFromText } from '../../test/helpers/dns-case.ts';
import { ZONE_NAME, ZONE_TEXT } from '../../test/cases/authoritative.ts';

const zone = compileFromText(ZONE_NAME, ZONE_TEXT);
const responder = createResponder();
responder.setCatalog({ zones: new Map<LowerName, typeof zone>([[zone.apex, zone]]) });

const wireName = (text: string) => Buffer.concat([...text.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
const TIME = Buffer.from([0x00, 0x00, 0x65, 0x53, 0xf1, 0x00]);

/** A TSIG record (RFC 8945 4.2): `owner` as raw bytes (so a test can compress it), a 32-byte MAC. */
function tsigRecord(owner: Buffer, originalId: number, rdataCut = 0): Buffer {
  const fixed = Buffer.concat([TIME, Buffer.from([0x00, 0x7b, 0x00, 0x20]), Buffer.alloc(32, 0xaa)]);
  const tail = Buffer.from([originalId >> 8, originalId & 0xff, 0, 0, 0, 0]);
  const full = Buffer.concat([wireName('hmac-sha256'), fixed, tail]);
  const rdata = full.subarray(0, full.length - rdataCut);
  const head = Buffer.from([0, 250, 0, 255, 0, 0, 0, 0, rdata.length >> 8, rdata.length & 0xff]);
  return Buffer.concat([owner, head, rdata]);
}

/** A query for `qname` A with the given records appended to the additional section (or the answer section). */
function query(qname: string, extra: Buffer[], o: { edns?: boolean; section?: 'answer' } = {}): Buffer {
  const base = Buffer.from(dnsPacket.encode({
    type: 'query', id: 0x1234, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name: qname, type: 'A' }],
    additionals: o.edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as dnsPacket.Answer] : [],
  }));
  const out = Buffer.concat([base, ...extra]);
  const at = o.section === 'answer' ? 6 : 10;
  out.writeUInt16BE(out.readUInt16BE(at) + extra.length, at);
  return out;
}

/** The additional records of a response, raw: type and rdata. */
function lastRecord(res: Buffer): { owner: string; type: number; cls: number; ttl: number; rdata: Buffer } {
  const decoded = dnsPacket.decode(res);
  const r = decoded.additionals!.at(-1)! as unknown as { name: string; type: string; class: string; ttl: number; data: Buffer };
  return { owner: r.name, type: r.type === 'TSIG' ? 250 : -1, cls: r.class === 'ANY' ? 255 : -1, ttl: r.ttl, rdata: r.data };
}

describe('a signed query (TSIG, RFC 8945) for a zone we serve', () => {
  it('is answered NOTAUTH with an unsigned TSIG record saying BADKEY, as Knot answers', () => {
    const res = responder.respond(query('www.example.org', [tsigRecord(wireName('key.example'), 0x4321)]), false)!;
    const m = decodeMessage(res);
    expect([m.id, m.rcode, m.aa, m.rd, m.answers.length, m.authority.length]).toEqual([0x1234, Rcode.NOTAUTH, false, true, 0, 0]);
    const t = lastRecord(res);
    expect([t.owner, t.type, t.cls, t.ttl]).toEqual(['key.example', 250, 255, 0]);
    // algorithm, the request's time, fudge 300, MAC size 0, original ID, error 17 (BADKEY), other length 0
    expect(t.rdata.toString('hex')).toBe(`${wireName('hmac-sha256').toString('hex')}${TIME.toString('hex')}012c00004321${'0011'}0000`);
  });

  it('keeps the OPT record first and the TSIG record last when the query has EDNS', () => {
    const res = responder.respond(query('www.example.org', [tsigRecord(wireName('k'), 1)], { edns: true }), false)!;
    const types = dnsPacket.decode(res).additionals!.map((r) => r.type);
    expect(types).toEqual(['OPT', 'TSIG']);
  });

  it('writes out a key name the query compressed', () => {
    // 0xc00c points at the question's name, www.example.org.
    const res = responder.respond(query('www.example.org', [tsigRecord(Buffer.from([0xc0, 0x0c]), 7)]), false)!;
    expect(decodeMessage(res).rcode).toBe(Rcode.NOTAUTH);
    expect(lastRecord(res).owner).toBe('www.example.org');
  });

  it('is FORMERR when the TSIG record is not last, comes twice, sits in the answer section or is cut short', () => {
    const a = Buffer.from(dnsPacket.encode({ type: 'response', answers: [{ name: 'x.example.org', type: 'A', data: '192.0.2.1' }] })).subarray(12);
    const bad = [
      query('www.example.org', [tsigRecord(wireName('k'), 1), a]),
      query('www.example.org', [tsigRecord(wireName('k'), 1), tsigRecord(wireName('k'), 1)]),
      query('www.example.org', [tsigRecord(wireName('k'), 1)], { section: 'answer' }),
      query('www.example.org', [tsigRecord(wireName('k'), 1, 4)]),
    ];
    for (const q of bad) expect(decodeMessage(responder.respond(q, false)!).rcode).toBe(Rcode.FORMERR);
  });
});

it('a signed query for a name in no zone we serve is REFUSED, without TSIG, as Knot answers', () => {
  const res = responder.respond(query('example.net', [tsigRecord(wireName('k'), 1)]), false)!;
  expect(decodeMessage(res).rcode).toBe(Rcode.REFUSED);
  expect(dnsPacket.decode(res).additionals).toEqual([]);
});
