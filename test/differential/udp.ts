// Loopback DNS transport for the differential test: many queries in flight over one UDP
// socket (matched by message ID), DNS over TCP for truncated answers, and free-port lookup.
// Only 127.0.0.1 is ever addressed.
import dgram from 'node:dgram';
import net from 'node:net';
import * as dnsPacket from 'dns-packet';

const HOST = '127.0.0.1';

/** Returns a port that was free on 127.0.0.1 for both UDP and TCP a moment ago. */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, HOST, () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, HOST, () => s.close(() => resolve(true)));
    });
    if (udpFree && port > 0) return port;
  }
  throw new Error('no free port on 127.0.0.1');
}

/** Sends each wire query over UDP to port with at most `window` in flight; returns the raw replies (null on timeout). */
export async function sendUdpBatch(
  port: number, queries: Uint8Array[], window = 32, timeoutMs = 2000, retries = 2,
): Promise<(Buffer | null)[]> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sock.bind(0, HOST, () => resolve()));
  const replies: (Buffer | null)[] = new Array<Buffer | null>(queries.length).fill(null);
  const waiting = new Map<number, (msg: Buffer) => void>();
  sock.on('message', (msg) => {
    if (msg.length < 2) return;
    const cb = waiting.get(msg.readUInt16BE(0));
    if (cb) cb(msg);
  });
  const one = (i: number): Promise<void> => new Promise((resolve) => {
    const q = queries[i]!;
    const id = (q[0]! << 8) | q[1]!;
    let tries = 0;
    let timer: NodeJS.Timeout | undefined;
    const send = (): void => {
      tries++;
      sock.send(q, port, HOST);
      timer = setTimeout(() => {
        if (tries <= retries) send();
        else { waiting.delete(id); resolve(); }
      }, timeoutMs);
    };
    waiting.set(id, (msg) => {
      clearTimeout(timer);
      waiting.delete(id);
      replies[i] = msg;
      resolve();
    });
    send();
  });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < queries.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, queries.length) }, lane));
  sock.close();
  return replies;
}

/** Sends one wire query over TCP (two-octet length prefix) and returns the reply. */
export function sendTcp(port: number, query: Uint8Array, timeoutMs = 3000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, HOST);
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('tcp timeout')); }, timeoutMs);
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      }
    });
    sock.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}

/** Resolves once port answers an SOA query for name over UDP; rejects after timeoutMs or when gaveUp() says so. */
export async function waitForDns(port: number, name: string, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const query = dnsPacket.encode({ type: 'query', id: 4242, questions: [{ type: 'SOA', name }] });
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error('process exited');
    const [reply] = await sendUdpBatch(port, [query], 1, 200, 0);
    if (reply) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
