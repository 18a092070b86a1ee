/**
 * What every response must be, whatever the query: decodable by dns-packet (an independent
 * decoder) and by our decodeMessage, QR set, the query's ID and opcode echoed, at most the
 * query's own question, never SERVFAIL (an exception in the server), and within 512 bytes over
 * UDP when the query had no EDNS (the client's size, at most our 1232, with EDNS).
 */
import dnsPacket from 'dns-packet';
import { expect } from 'vitest';
import { decodeMessage, type Message } from '../../src/dns/index.ts';

const SERVFAIL = 2;

/**
 * The largest UDP response allowed: 512 without EDNS, else the client's size (at least 512) up
 * to our 1232. When the query does not decode, only the response's own OPT tells.
 */
function udpLimit(queryBytes: Buffer, resp: Message): number {
  let q: Message;
  try {
    q = decodeMessage(queryBytes);
  } catch {
    return resp.edns ? 1232 : 512;
  }
  return q.edns ? Math.max(512, Math.min(q.edns.udpSize, 1232)) : 512;
}

/** Checks `resp` against `query`; returns the decoded response. */
export function checkResponse(queryBytes: Buffer, resp: Buffer, o: { udp: boolean; label: string }): Message {
  const hex = `${o.label}\n query    ${queryBytes.toString('hex')}\n response ${resp.toString('hex')}`;
  expect(() => dnsPacket.decode(resp), `dns-packet decodes: ${hex}`).not.toThrow();
  let m: Message | undefined;
  expect(() => { m = decodeMessage(resp); }, `decodeMessage decodes: ${hex}`).not.toThrow();
  const msg = m!;
  expect(msg.qr, `QR: ${hex}`).toBe(true);
  expect(msg.id, `ID echoed: ${hex}`).toBe(queryBytes.readUInt16BE(0));
  expect(msg.opcode, `opcode echoed: ${hex}`).toBe((queryBytes[2]! >> 3) & 0xf);
  expect(msg.rcode, `not SERVFAIL: ${hex}`).not.toBe(SERVFAIL);
  expect(msg.questions.length, `at most one question: ${hex}`).toBeLessThanOrEqual(1);
  if (msg.questions.length === 1) {
    const qlen = 12 + msg.questions[0]!.name.length + 4;
    expect(resp.subarray(12, qlen).equals(queryBytes.subarray(12, qlen)), `the query's own question: ${hex}`).toBe(true);
  }
  if (o.udp) expect(resp.length, `fits the UDP limit: ${hex}`).toBeLessThanOrEqual(udpLimit(queryBytes, msg));
  return msg;
}
