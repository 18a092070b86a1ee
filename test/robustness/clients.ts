/**
 * Raw UDP and TCP clients for the robustness tests. A batch is followed by a "barrier" query:
 * the server answers in order, so everything it sent for the batch arrives before the barrier's
 * answer, and "no answer" needs no timer. Timeouts are only upper bounds for a dead server.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { query } from './packets.ts';

/** The ID of barrier queries; no corpus packet uses it. */
export const BARRIER_ID = 0xfffe;
/** A good query whose answer the table knows (www.example.org. A). */
export const barrierQuery = (): Buffer => query('www.example.org.', 1, { id: BARRIER_ID, edns: true });
const WAIT_MS = 5000;

const isBarrier = (b: Buffer) => b.length >= 12 && b.readUInt16BE(0) === BARRIER_ID && (b[2]! & 0x80) !== 0;

export type UdpClient = {
  /** Sends `packets` then a barrier; resolves with what came back before it, and the barrier's answer. */
  batch(packets: Buffer[]): Promise<{ responses: Buffer[]; barrier: Buffer }>;
  /** Sends one packet and resolves with the first datagram that comes back. */
  ask(packet: Buffer): Promise<Buffer>;
  close(): Promise<void>;
};

/** Opens a UDP socket talking to 127.0.0.1:port. */
export async function openUdp(port: number): Promise<UdpClient> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  socket.setRecvBufferSize(4 * 1024 * 1024);
  let received: Buffer[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (m) => { received.push(m); wake?.(); });
  const waitFor = (done: () => boolean, what: string) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { wake = undefined; reject(new Error(`no ${what} within ${WAIT_MS} ms`)); }, WAIT_MS);
    wake = () => { if (done()) { clearTimeout(timer); wake = undefined; resolve(); } };
    wake();
  });
  const send = (p: Buffer) => socket.send(p, port, '127.0.0.1');
  return {
    async batch(packets) {
      received = [];
      for (const p of packets) send(p);
      send(barrierQuery());
      await waitFor(() => received.some(isBarrier), 'barrier answer');
      const i = received.findIndex(isBarrier);
      return { responses: received.slice(0, i), barrier: received[i]! };
    },
    async ask(packet) {
      received = [];
      send(packet);
      await waitFor(() => received.length > 0, 'answer');
      return received[0]!;
    },
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

/** Prefixes `msg` with its two-byte length (RFC 1035 4.2.2). */
export function frame(msg: Buffer): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(msg.length);
  return Buffer.concat([len, msg]);
}

export type TcpClient = {
  socket: net.Socket;
  /** Frames received and not yet taken. */
  frames: Buffer[];
  /** Resolves with the next frame; rejects when the server closes first or after the wait. */
  next(): Promise<Buffer>;
  /** Resolves when the connection has closed. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Writes `packets` as frames plus a barrier in one write; resolves with the frames before the barrier's. */
  batch(packets: Buffer[]): Promise<{ responses: Buffer[]; barrier: Buffer }>;
};

/** Connects to 127.0.0.1:port. */
export async function openTcp(port: number): Promise<TcpClient> {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  socket.on('error', () => { /* a reset by the server shows up as close */ });
  const frames: Buffer[] = [];
  let pending = Buffer.alloc(0);
  let closed = false;
  let wake: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    pending = Buffer.concat([pending, d]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      frames.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
      pending = pending.subarray(2 + pending.readUInt16BE(0));
    }
    wake?.();
  });
  const closedP = new Promise<void>((r) => socket.once('close', () => { closed = true; wake?.(); r(); }));
  const next = () => new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => { wake = undefined; reject(new Error(`no frame within ${WAIT_MS} ms`)); }, WAIT_MS);
    wake = () => {
      const f = frames.shift();
      if (f === undefined && !closed) return;
      clearTimeout(timer);
      wake = undefined;
      if (f) resolve(f); else reject(new Error('connection closed before a frame arrived'));
    };
    wake();
  });
  return {
    socket, frames, next, closed: closedP, isClosed: () => closed,
    async batch(packets) {
      socket.write(Buffer.concat([...packets.map(frame), frame(barrierQuery())]));
      const responses: Buffer[] = [];
      for (;;) {
        const f = await next();
        if (isBarrier(f)) return { responses, barrier: f };
        responses.push(f);
      }
    },
  };
}

/** Resolves after `ms` (pacing only, never an assertion). */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
