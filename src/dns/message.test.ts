import * as dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { EdnsOption, Opcode, Rcode, RRClass, RRType } from './constants.ts';
import { encodeClientSubnet, findClientSubnet } from './edns.ts';
import { decodeMessage, emptyMessage, encodeMessage, type Message } from './message.ts';
import { nameFromText, nameToText } from './name.ts';
import { hexToBytes } from './rdata/base-encoding.ts';
import { recordFromText } from './rdata/testing.ts';
import { recordToText } from './text.ts';
import { WireError } from './wire-error.ts';

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length);
const hex = (s: string) => Buffer.from(hexToBytes(s));
const SIG = 'AQIDBAUGBwgJCgsMDQ4PEA==';

/** Records in our canonical text, with the `data` dns-packet decodes them to (and encodes from). */
const table: [string, string, unknown][] = [
  ['www.example.org. 300 IN A 192.0.2.1', 'A', '192.0.2.1'],
  ['www.example.org. 300 IN AAAA 2001:db8::1', 'AAAA', '2001:db8::1'],
  ['example.org. 3600 IN NS ns1.example.org.', 'NS', 'ns1.example.org'],
  ['alias.example.org. 300 IN CNAME www.example.net.', 'CNAME', 'www.example.net'],
  ['1.2.0.192.in-addr.arpa. 300 IN PTR www.example.org.', 'PTR', 'www.example.org'],
  ['example.org. 300 IN MX 10 mail.example.org.', 'MX', { preference: 10, exchange: 'mail.example.org' }],
  ['example.org. 300 IN TXT "v=spf1 -all" "second string"', 'TXT', [Buffer.from('v=spf1 -all'), Buffer.from('second string')]],
  [
    'example.org. 3600 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300', 'SOA',
    { mname: 'ns1.example.org', rname: 'hostmaster.example.org', serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 },
  ],
  ['_sip._udp.example.org. 300 IN SRV 10 60 5060 sip.example.org.', 'SRV', { priority: 10, weight: 60, port: 5060, target: 'sip.example.org' }],
  ['host.example.org. 300 IN HINFO "INTEL-386" "Unix"', 'HINFO', { cpu: 'INTEL-386', os: 'Unix' }],
  ['example.org. 300 IN CAA 0 issue "ca.example.net"', 'CAA', { flags: 0, tag: 'issue', value: 'ca.example.net', issuerCritical: false }],
  ['example.org. 300 IN CAA 128 tbs "x"', 'CAA', { flags: 128, tag: 'tbs', value: 'x', issuerCritical: true }],
  ['example.org. 300 IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118', 'DS', { keyTag: 60485, algorithm: 5, digestType: 1, digest: hex('2bb183af5f22588179a53b0a98631fad1a292118') }],
  ['example.org. 300 IN DNSKEY 257 3 13 ' + SIG, 'DNSKEY', { flags: 257, algorithm: 13, key: Buffer.from(SIG, 'base64') }],
  [
    'example.org. 300 IN RRSIG A 13 2 300 20231114221320 20230722042640 12345 example.org. ' + SIG, 'RRSIG',
    { typeCovered: 'A', algorithm: 13, labels: 2, originalTTL: 300, expiration: 1700000000, inception: 1690000000, keyTag: 12345, signersName: 'example.org', signature: Buffer.from(SIG, 'base64') },
  ],
  ['a.example.org. 300 IN NSEC b.example.org. A MX RRSIG NSEC', 'NSEC', { nextDomain: 'b.example.org', rrtypes: ['A', 'MX', 'RRSIG', 'NSEC'] }],
  ['host.example.org. 300 IN SSHFP 2 1 123456789ABCDEF67890123456789ABCDEF67890', 'SSHFP', { algorithm: 2, hash: 1, fingerprint: '123456789ABCDEF67890123456789ABCDEF67890' }],
  [
    'example.org. 300 IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.org!" .', 'NAPTR',
    { order: 100, preference: 10, flags: 'u', services: 'E2U+sip', regexp: '!^.*$!sip:info@example.org!', replacement: '.' },
  ],
  ['_443._tcp.example.org. 300 IN TLSA 3 1 1 0C72AC70B745AC19', 'TLSA', { usage: 3, selector: 1, matchingType: 1, certificate: hex('0c72ac70b745ac19') }],
  // dns-packet has no SVCB/HTTPS or TYPE65280: it sees raw rdata.
  ['example.org. 300 IN HTTPS 1 . alpn="h2,h3"', 'UNKNOWN_65', hex('000100' + '00010006' + '026832026833')],
  ['_dns.example.org. 300 IN SVCB 1 dns.example.org. port=853', 'UNKNOWN_64', hex('0001' + '03646e73076578616d706c65036f726700' + '000300020355')],
  ['example.org. 300 IN TYPE65280 \\# 3 010203', 'UNKNOWN_65280', hex('010203')],
];

function sampleMessage(): Message {
  const m = emptyMessage(0xbeef);
  Object.assign(m, { qr: true, aa: true, rd: true, opcode: Opcode.QUERY, rcode: Rcode.NOERROR });
  m.questions.push({ name: nameFromText('www.example.org.'), type: RRType.A, class: RRClass.IN });
  m.answers.push(...table.map(([line]) => recordFromText(line)));
  m.authority.push(recordFromText('example.org. 3600 IN NS ns1.example.org.'));
  m.additional.push(recordFromText('ns1.example.org. 3600 IN A 192.0.2.53'));
  const ecs = { family: 1 as const, sourcePrefix: 24, scopePrefix: 0, address: Uint8Array.from([192, 0, 2]) };
  m.edns = {
    udpSize: 1232, extRcode: 0, version: 0, dnssecOk: true,
    options: [{ code: EdnsOption.CLIENT_SUBNET, data: encodeClientSubnet(ecs, 24) }, { code: EdnsOption.COOKIE, data: hexToBytes('0102030405060708') }],
  };
  return m;
}

describe('encodeMessage then decodeMessage', () => {
  it('gives back the same message, and the same bytes again', () => {
    const m = sampleMessage();
    const wire = encodeMessage(m);
    const back = decodeMessage(wire);
    expect(back).toEqual(m);
    expect(encodeMessage(back)).toEqual(wire);
    expect(back.answers.map(recordToText)).toEqual(table.map(([line]) => line));
  });

  it('compresses names', () => {
    const m = sampleMessage();
    const plain = 12 + [...m.questions].reduce((n, q) => n + q.name.length + 4, 0) +
      [...m.answers, ...m.authority, ...m.additional].reduce((n, rr) => n + rr.name.length + 10 + rr.rdata.length, 0) + 11 + 24;
    expect(encodeMessage(m).length).toBeLessThan(plain - 200);
  });

  it('keeps the header flags, opcode and an extended rcode (RFC 6891 6.1.3)', () => {
    const m = emptyMessage(1);
    Object.assign(m, { qr: true, opcode: Opcode.NOTIFY, aa: true, tc: true, rd: true, ra: true, ad: true, cd: true, rcode: Rcode.BADVERS });
    m.edns = { udpSize: 512, extRcode: 1, version: 0, dnssecOk: false, options: [] };
    const wire = encodeMessage(m);
    expect(wire[3]! & 0xf).toBe(0);
    expect(decodeMessage(wire)).toEqual(m);
  });

  it('sets TC and keeps whole records when the message does not fit', () => {
    const m = emptyMessage(7);
    m.questions.push({ name: nameFromText('big.example.org.'), type: RRType.TXT, class: RRClass.IN });
    for (let i = 0; i < 40; i++) m.answers.push(recordFromText(`big.example.org. 60 IN TXT "${'x'.repeat(30)}${i}"`));
    m.edns = { udpSize: 512, extRcode: 0, version: 0, dnssecOk: false, options: [] };
    const wire = encodeMessage(m, 512);
    expect(wire.length).toBeLessThanOrEqual(512);
    const back = decodeMessage(wire);
    expect(back.tc).toBe(true);
    expect(back.answers.length).toBeGreaterThan(5);
    expect(back.answers.length).toBeLessThan(40);
    expect(back.edns?.udpSize).toBe(512);
  });
});

describe('cross-check with dns-packet', () => {
  it('dns-packet decodes what we encode', () => {
    const m = sampleMessage();
    const p = dnsPacket.decode(buf(encodeMessage(m)));
    expect(p.id).toBe(0xbeef);
    expect(p.type).toBe('response');
    expect(p.flag_aa && p.flag_rd && !p.flag_tc).toBe(true);
    expect(p.questions).toEqual([{ name: 'www.example.org', type: 'A', class: 'IN' }]);
    expect(p.answers!.length).toBe(table.length);
    table.forEach(([line, type, data], i) => {
      const a = p.answers![i] as { name: string; type: string; ttl: number; data: unknown };
      expect({ name: a.name + '.', type: a.type, ttl: a.ttl, data: a.data }, line).toEqual({
        name: nameToText(recordFromText(line).name), type, ttl: recordFromText(line).ttl, data,
      });
    });
    const opt = p.additionals!.find((a) => a.type === 'OPT') as dnsPacket.OptAnswer & { flag_do: boolean };
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.flag_do).toBe(true);
    expect(opt.options[0]).toMatchObject({ code: 8, family: 1, sourcePrefixLength: 24, scopePrefixLength: 24, ip: '192.0.2.0' });
    expect(opt.options[1]).toMatchObject({ code: 10, data: hex('0102030405060708') });
  });

  it('we decode what dns-packet encodes', () => {
    const wire = dnsPacket.encode({
      type: 'response', id: 4242, flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED,
      questions: [{ name: 'www.example.org', type: 'A', class: 'IN' }],
      answers: table.map(([line, type, data]) => ({
        name: nameToText(recordFromText(line).name).slice(0, -1), type, class: 'IN', ttl: recordFromText(line).ttl, data,
      })) as dnsPacket.Answer[],
      additionals: [{
        type: 'OPT', name: '.', udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, flag_do: true,
        options: [{ code: 8, family: 2, sourcePrefixLength: 56, scopePrefixLength: 0, ip: '2001:db8:1:2::' }],
      }],
    });
    const m = decodeMessage(new Uint8Array(wire));
    expect(m.id).toBe(4242);
    expect([m.qr, m.aa, m.rd, m.tc]).toEqual([true, true, true, false]);
    expect(m.answers.map(recordToText)).toEqual(table.map(([line]) => line));
    expect(m.edns).toMatchObject({ udpSize: 4096, dnssecOk: true, version: 0 });
    expect(findClientSubnet(m.edns!.options)).toEqual({
      family: 2, sourcePrefix: 56, scopePrefix: 0, address: Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0]),
    });
  });
});

describe('decodeMessage rejects malformed messages', () => {
  const header = (qd: number, an: number, ns: number, ar: number) => '1234' + '0100' + [qd, an, ns, ar].map((n) => n.toString(16).padStart(4, '0')).join('');
  const q = '03777777076578616d706c65036f726700' + '00010001';
  const rr = (type: string, rdata: string, owner = 'c00c') => owner + type + '0001' + '0000012c' + (rdata.length / 2).toString(16).padStart(4, '0') + rdata;
  const opt = (rdata = '') => '00' + '0029' + '1000' + '00000000' + (rdata.length / 2).toString(16).padStart(4, '0') + rdata;
  const bad: [string, string, RegExp][] = [
    ['a short header', '12340100', /shorter than its 12-byte header/],
    ['a missing question', header(1, 0, 0, 0), /name runs past the end/],
    ['a truncated question', header(1, 0, 0, 0) + q.slice(0, -4), /truncated question/],
    ['trailing bytes', header(1, 0, 0, 0) + q + '00', /trailing bytes after the last record/],
    ['a truncated record header', header(1, 1, 0, 0) + q + 'c00c0001', /truncated resource record header/],
    ['rdata past the end', header(1, 1, 0, 0) + q + rr('0001', 'c0000201').slice(0, -2), /rdata runs past the end of the message/],
    ['bad A rdata', header(1, 1, 0, 0) + q + rr('0001', 'c00002'), /IPv4 address runs past the end of the rdata/],
    ['OPT in the answer section', header(1, 1, 0, 0) + q + opt(), /OPT record outside the additional section/],
    ['two OPT records', header(1, 0, 0, 2) + q + opt() + opt(), /more than one OPT record/],
    ['an OPT owner that is not the root', header(1, 0, 0, 1) + q + 'c00c' + opt().slice(2), /OPT record owner is not the root/],
    ['a truncated EDNS option', header(1, 0, 0, 1) + q + opt('0008'), /truncated EDNS option header/],
    ['an EDNS option past the OPT record', header(1, 0, 0, 1) + q + opt('000800050001'), /EDNS option runs past the OPT record/],
    ['a name loop in an answer', header(1, 1, 0, 0) + q + rr('0001', 'c0000201', 'c021'), /does not point backwards/],
  ];
  for (const [what, data, message] of bad) {
    it(what, () => {
      expect(() => decodeMessage(hexToBytes(data))).toThrow(WireError);
      expect(() => decodeMessage(hexToBytes(data))).toThrow(message);
    });
  }

  it('accepts the same records when well formed', () => {
    const m = decodeMessage(hexToBytes(header(1, 1, 0, 1) + q + rr('0001', 'c0000201') + opt('000a00080102030405060708')));
    expect(m.answers.map(recordToText)).toEqual(['www.example.org. 300 IN A 192.0.2.1']);
    expect(m.edns?.options).toEqual([{ code: 10, data: hexToBytes('0102030405060708') }]);
  });
});
