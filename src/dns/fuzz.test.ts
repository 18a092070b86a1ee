/**
 * Property tests in the spirit of miekg's fuzz.go: the decoder must only ever return a message
 * or throw WireError, quickly; and whatever it accepts must survive encode -> decode and
 * rdata -> text -> rdata unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRClass, RRType } from './constants.ts';
import { decodeMessage, emptyMessage, encodeMessage, type Message } from './message.ts';
import { nameFromText } from './name.ts';
import { descriptors, rdataFromText, rdataFromWire, rdataToText, tokenizeRdata } from './rdata/index.ts';
import { recordFromText } from './rdata/testing.ts';
import { WireError } from './wire-error.ts';

const RUNS = 2000;

/**
 * Decodes, failing the property on anything but success or WireError. Termination needs no
 * timer: compression pointers must point strictly backwards, so every decode is bounded by the
 * message length.
 */
function decodeOrWireError(bytes: Uint8Array): Message | undefined {
  try {
    return decodeMessage(bytes);
  } catch (e) {
    if (!(e instanceof WireError)) throw new Error(`decodeMessage threw ${String(e)}`, { cause: e });
    expect(e.offset).toBeGreaterThanOrEqual(0);
    return undefined;
  }
}

/** Checks that an accepted message re-encodes to the same message and its rdata prints stably. */
function checkStable(m: Message): void {
  const again = decodeMessage(encodeMessage(m));
  expect(again).toEqual(m);
  for (const rr of [...m.answers, ...m.authority, ...m.additional]) {
    const text = rdataToText(rr.type, rr.rdata);
    expect(rdataFromText(rr.type, tokenizeRdata(text)), text).toEqual(rr.rdata);
  }
}

function seeds(): Uint8Array[] {
  const response = emptyMessage(0x1234);
  response.qr = true;
  response.questions.push({ name: nameFromText('www.example.org.'), type: RRType.A, class: RRClass.IN });
  for (const line of [
    'www.example.org. 300 IN CNAME web.example.org.',
    'web.example.org. 300 IN A 192.0.2.1',
    'example.org. 300 IN MX 10 mail.example.org.',
    'example.org. 300 IN SOA ns1.example.org. hostmaster.example.org. 1 7200 900 1209600 300',
    'example.org. 300 IN TXT "v=spf1 -all" "x"',
    'example.org. 300 IN HTTPS 1 . alpn="h2,h3" mandatory=alpn port=443 ipv4hint=192.0.2.1 ipv6hint=2001:db8::1 key9="x"',
    'example.org. 300 IN CAA 0 issue "ca.example.net"',
    'a.example.org. 300 IN NSEC b.example.org. A MX RRSIG NSEC TYPE1234',
    'example.org. 300 IN RRSIG A 13 2 300 20231114221320 20230722042640 12345 example.org. AQIDBA==',
    '_sip._udp.example.org. 300 IN SRV 10 60 5060 sip.example.org.',
    'example.org. 300 IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.org!" .',
    'example.org. 300 IN TYPE65280 \\# 3 010203',
  ]) response.answers.push(recordFromText(line));
  response.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: true, options: [{ code: 8, data: Uint8Array.from([0, 1, 24, 0, 192, 0, 2]) }] };
  const query = emptyMessage(7);
  query.questions.push({ name: nameFromText('_443._tcp.example.org.'), type: RRType.SVCB, class: RRClass.IN });
  query.edns = { udpSize: 4096, extRcode: 0, version: 0, dnssecOk: false, options: [] };
  return [encodeMessage(response), encodeMessage(query)];
}

type Mutation = { kind: 'set' | 'insert' | 'delete' | 'truncate'; at: number; value: number };

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Array.from(seed);
  for (const { kind, at, value } of mutations) {
    const i = b.length === 0 ? 0 : at % b.length;
    if (kind === 'set') b[i] = value;
    else if (kind === 'insert') b.splice(i, 0, value);
    else if (kind === 'delete') b.splice(i, 1);
    else b = b.slice(0, i);
  }
  return Uint8Array.from(b);
}

describe('decodeMessage under fuzzing', () => {
  it('random bytes give a message or a WireError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const m = decodeOrWireError(bytes);
      if (m) checkStable(m);
    }), { numRuns: RUNS });
  });

  it('random bodies behind a plausible header give a message or a WireError', () => {
    const header = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }));
    fc.assert(fc.property(header, fc.uint8Array({ maxLength: 400 }), ([id, flags, counts], body) => {
      const h = [id >> 8, id & 0xff, flags >> 8, flags & 0xff, ...counts.flatMap((n) => [0, n])];
      const m = decodeOrWireError(Uint8Array.from([...h, ...body]));
      if (m) checkStable(m);
    }), { numRuns: RUNS });
  });

  it('mutated valid messages give a message or a WireError', () => {
    const valid = seeds();
    for (const s of valid) expect(decodeOrWireError(s)).toBeDefined();
    const mutation = fc.record({
      kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'insert', 'delete', 'truncate'),
      at: fc.nat(),
      value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0xc0, 0xff, 0x3f, 0x40, 0x80)),
    });
    let accepted = 0;
    fc.assert(fc.property(fc.nat({ max: valid.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, ms) => {
      const m = decodeOrWireError(mutate(valid[which]!, ms));
      if (m) { accepted++; checkStable(m); }
    }), { numRuns: RUNS });
    // The mutations must leave enough messages valid to exercise checkStable.
    expect(accepted).toBeGreaterThan(RUNS / 20);
  });
});

describe('rdataFromWire under fuzzing', () => {
  /** Reads rdata; anything accepted must print as text that parses back to the same bytes. */
  function checkRdata(type: number, bytes: Uint8Array): void {
    let rdata: Uint8Array;
    try {
      rdata = rdataFromWire(type, bytes, 0, bytes.length);
    } catch (e) {
      if (e instanceof WireError) return;
      throw e;
    }
    const text = rdataToText(type, rdata);
    expect(rdataFromText(type, tokenizeRdata(text)), `${type} ${text}`).toEqual(rdata);
  }

  it('random rdata of every known type is rejected or prints stably', () => {
    const types = [...descriptors.keys()];
    fc.assert(fc.property(fc.constantFrom(...types), fc.uint8Array({ maxLength: 80 }), (type, bytes) => {
      checkRdata(type, bytes);
    }), { numRuns: RUNS });
  });

  it('random SvcParams are rejected or print stably', () => {
    const param = fc.record({ key: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(667, 65534, 65535)), value: fc.uint8Array({ maxLength: 20 }) });
    const alpnish = fc.array(fc.uint8Array({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 })
      .map((ids) => Uint8Array.from(ids.flatMap((id) => [id.length, ...id])));
    const params = fc.array(fc.oneof(param, fc.record({ key: fc.constant(1), value: alpnish })), { maxLength: 5 });
    fc.assert(fc.property(fc.boolean(), params, (sorted, ps) => {
      const list = sorted ? [...ps].sort((a, b) => a.key - b.key) : ps;
      const bytes = [0, 1, 0, ...list.flatMap(({ key, value }) => [key >> 8, key & 0xff, value.length >> 8, value.length & 0xff, ...value])];
      checkRdata(RRType.SVCB, Uint8Array.from(bytes));
    }), { numRuns: RUNS });
  });
});
