/**
 * Asks an upstream resolver one question: over UDP from a fresh socket (a random source port and
 * a random ID, so an off-path spoofer has both to guess), again over TCP when the UDP answer is
 * truncated (RFC 1035 4.2.1, RFC 7766). Off the query path: used only by the alias resolver.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { RRClass, decodeMessage, emptyMessage, encodeMessage, namesEqual, type Message, type Name } from '../dns/index.ts';

/** Where the upstream resolver listens. */
export type Upstream = { host: string; port: number };

/** Why an exchange produced no response: `timeout`, `unreachable`, `malformed`, … */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
}

/** The EDNS payload size we offer (the DNS flag day 2020 value): fewer truncated answers. */
const UDP_SIZE = 1232;

/** Returns the wire query for (name, qtype) with RD set and EDNS. */
function encodeQuery(id: number, name: Name, qtype: number): Uint8Array {
  const q = emptyMessage(id);
  q.rd = true;
  q.questions.push({ name, type: qtype, class: RRClass.IN });
  q.edns = { udpSize: UDP_SIZE, extRcode: 0, version: 0, dnssecOk: false, options: [] };
  return encodeMessage(q);
}

/** True when `m` answers the query (id, question); anything else is ignored as noise or spoofing. */
function answers(m: Message, id: number, name: Name, qtype: number): boolean {
  const q = m.questions[0];
  return m.qr && m.id === id && m.questions.length === 1 && q !== undefined && q.type === qtype && namesEqual(q.name, name);
}

/** Sends the query over UDP; resolves with the first matching response. */
function exchangeUdp(up: Upstream, name: Name, qtype: number, timeoutMs: number): Promise<Message> {
  const id = randomInt(0x10000);
  const query = encodeQuery(id, name, qtype);
  const socket = dgram.createSocket(net.isIPv6(up.host) ? 'udp6' : 'udp4');
  return new Promise<Message>((resolve, reject) => {
    let finished = false;
    const done = (err: Error | undefined, m?: Message) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err); else resolve(m!);
    };
    const timer = setTimeout(() => done(new UpstreamError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    // A connected socket takes datagrams only from the upstream and hears ICMP port-unreachable.
    socket.on('error', (err) => done(new UpstreamError(`unreachable (${(err as NodeJS.ErrnoException).code ?? err.message})`)));
    socket.on('message', (msg) => {
      let m: Message;
      try {
        m = decodeMessage(msg);
      } catch {
        return; // not a DNS message for us: keep waiting for the real one
      }
      if (answers(m, id, name, qtype)) done(undefined, m);
    });
    socket.connect(up.port, up.host, () => socket.send(query));
  });
}

/** Sends the query over TCP (two-byte length prefix); resolves with the response. */
function exchangeTcp(up: Upstream, name: Name, qtype: number, timeoutMs: number): Promise<Message> {
  const id = randomInt(0x10000);
  const query = encodeQuery(id, name, qtype);
  return new Promise<Message>((resolve, reject) => {
    const socket = net.connect({ host: up.host, port: up.port });
    let got = Buffer.alloc(0);
    let finished = false;
    const done = (err: Error | undefined, m?: Message) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      if (err) reject(err); else resolve(m!);
    };
    socket.setTimeout(timeoutMs, () => done(new UpstreamError(`no answer over TCP within ${timeoutMs} ms`)));
    socket.on('error', (err) => done(new UpstreamError(`TCP: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
    socket.on('end', () => done(new UpstreamError('TCP connection closed before the answer')));
    socket.on('connect', () => {
      const frame = Buffer.allocUnsafe(2 + query.length);
      frame.writeUInt16BE(query.length, 0);
      frame.set(query, 2);
      socket.write(frame);
    });
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < 2 || got.length < 2 + got.readUInt16BE(0)) return;
      let m: Message;
      try {
        m = decodeMessage(got.subarray(2, 2 + got.readUInt16BE(0)));
      } catch (err) {
        return done(new UpstreamError(`malformed TCP answer: ${(err as Error).message}`));
      }
      if (!answers(m, id, name, qtype)) return done(new UpstreamError('the TCP answer does not match the question'));
      done(undefined, m);
    });
  });
}

/**
 * Returns the upstream's response to (name, qtype, IN) with RD set: over UDP, then over TCP when
 * truncated. Rejects with UpstreamError on a timeout, an unreachable upstream or a bad response;
 * the caller reads the RCODE.
 */
export async function askUpstream(up: Upstream, name: Name, qtype: number, timeoutMs: number): Promise<Message> {
  const m = await exchangeUdp(up, name, qtype, timeoutMs);
  return m.tc ? exchangeTcp(up, name, qtype, timeoutMs) : m;
}
