import { describe, expect, it } from 'vitest';
import {
  RRClass, RRType, Rcode, emptyMessage, keyFromText, nameFromText, rdataFromText, rdataToText, rrTypeFromString, type Message, type ResourceRecord,
} from '../dns/index.ts';
import { tokenizeRdata } from '../dns/rdata/index.ts';
import { MAX_CHAIN, readUpstreamAnswer, type UpstreamOutcome } from './upstream-answer.ts';

function rr(text: string, cls: number = RRClass.IN): ResourceRecord {
  const [owner, ttl, type, ...rest] = text.split(' ');
  const t = rrTypeFromString(type!)!;
  return { name: nameFromText(owner!), type: t, class: cls, ttl: Number(ttl), rdata: rdataFromText(t, tokenizeRdata(rest.join(' '))) };
}

/** A response to (qname, qtype) with the given sections. */
function response(qname: string, qtype: number, answers: string[], o: { rcode?: number; authority?: string[] } = {}): Message {
  const m = emptyMessage(1);
  m.qr = true;
  m.rcode = o.rcode ?? Rcode.NOERROR;
  m.questions.push({ name: nameFromText(qname), type: qtype, class: RRClass.IN });
  m.answers = answers.map((a) => rr(a));
  m.authority = (o.authority ?? []).map((a) => rr(a));
  return m;
}

/** The outcome with addresses as text. */
function read(m: Message, qname: string, qtype: number): UpstreamOutcome | { kind: 'good'; text: string[]; ttl: number } {
  const r = readUpstreamAnswer(m, keyFromText(qname), qtype);
  return r.kind === 'good' ? { kind: 'good', text: r.rdatas.map((d) => rdataToText(qtype, d)), ttl: r.ttl } : r;
}

const SOA = 'example.net. 900 SOA ns.example.net. hostmaster.example.net. 1 7200 900 1209600 30';

describe('readUpstreamAnswer', () => {
  it('takes the records of the question, in order, with the smallest TTL', () => {
    expect(read(response('lb.example.net.', RRType.A, ['lb.example.net. 60 A 192.0.2.2', 'LB.example.net. 50 A 192.0.2.1']), 'lb.example.net.', RRType.A))
      .toEqual({ kind: 'good', text: ['192.0.2.2', '192.0.2.1'], ttl: 50 });
  });

  it('follows CNAMEs, in any order in the section, and ignores records of other names and classes', () => {
    const m = response('www.example.net.', RRType.AAAA, [
      'edge.example.org. 20 AAAA 2001:db8::2',
      'other.example.net. 1 AAAA 2001:db8::9',
      'www.example.net. 300 CNAME cdn.example.net.',
      'cdn.example.net. 100 CNAME edge.example.org.',
    ]);
    m.answers.push(rr('edge.example.org. 1 AAAA 2001:db8::3', RRClass.CH));
    expect(read(m, 'www.example.net.', RRType.AAAA)).toEqual({ kind: 'good', text: ['2001:db8::2'], ttl: 20 });
  });

  it('NODATA and NXDOMAIN: no addresses, TTL min(SOA TTL, SOA MINIMUM) and the chain (RFC 2308 5)', () => {
    expect(read(response('v4.example.net.', RRType.AAAA, [], { authority: [SOA] }), 'v4.example.net.', RRType.AAAA)).toEqual({ kind: 'good', text: [], ttl: 30 });
    expect(read(response('gone.example.net.', RRType.A, [], { rcode: Rcode.NXDOMAIN, authority: [SOA.replace(' 900 ', ' 10 ')] }), 'gone.example.net.', RRType.A))
      .toEqual({ kind: 'good', text: [], ttl: 10 });
    expect(read(response('x.example.net.', RRType.A, ['x.example.net. 5 CNAME gone.example.net.'], { rcode: Rcode.NXDOMAIN, authority: [SOA] }), 'x.example.net.', RRType.A))
      .toEqual({ kind: 'good', text: [], ttl: 5 });
    expect(read(response('gone.example.net.', RRType.A, [], { rcode: Rcode.NXDOMAIN }), 'gone.example.net.', RRType.A)).toEqual({ kind: 'good', text: [], ttl: 0 });
  });

  it('a chain that stops without an SOA asks for the last target', () => {
    expect(read(response('x.example.net.', RRType.A, ['x.example.net. 70 CNAME y.example.net.', 'y.example.net. 80 CNAME z.example.net.']), 'x.example.net.', RRType.A))
      .toEqual({ kind: 'follow', name: keyFromText('z.example.net.'), ttl: 70 });
  });

  it('fails on error RCODEs, a CNAME loop, a chain too long and a mismatched question', () => {
    expect(read(response('a.example.net.', RRType.A, [], { rcode: Rcode.SERVFAIL }), 'a.example.net.', RRType.A)).toEqual({ kind: 'fail', reason: 'SERVFAIL' });
    expect(read(response('a.example.net.', RRType.A, [], { rcode: Rcode.REFUSED }), 'a.example.net.', RRType.A)).toEqual({ kind: 'fail', reason: 'REFUSED' });
    expect(read(response('a.example.net.', RRType.A, ['a.example.net. 1 CNAME b.example.net.', 'b.example.net. 1 CNAME a.example.net.']), 'a.example.net.', RRType.A))
      .toEqual({ kind: 'fail', reason: 'a CNAME loop' });
    expect(read(response('a.example.net.', RRType.A, ['a.example.net. 1 CNAME b.example.net.', 'b.example.net. 1 CNAME b.example.net.']), 'a.example.net.', RRType.A))
      .toEqual({ kind: 'fail', reason: 'a CNAME loop' });
    const chain = Array.from({ length: MAX_CHAIN + 1 }, (_, i) => `c${i}.example.net. 1 CNAME c${i + 1}.example.net.`);
    expect(read(response('c0.example.net.', RRType.A, chain), 'c0.example.net.', RRType.A)).toEqual({ kind: 'fail', reason: `a CNAME chain longer than ${MAX_CHAIN}` });
    expect(read(response('c0.example.net.', RRType.A, chain.slice(0, MAX_CHAIN)), 'c0.example.net.', RRType.A)).toMatchObject({ kind: 'follow' });
    expect(read(response('a.example.net.', RRType.AAAA, []), 'a.example.net.', RRType.A)).toEqual({ kind: 'fail', reason: 'the response does not match the question' });
    expect(read(response('b.example.net.', RRType.A, []), 'a.example.net.', RRType.A)).toEqual({ kind: 'fail', reason: 'the response does not match the question' });
  });
});
