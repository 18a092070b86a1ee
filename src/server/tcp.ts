/**
 * The TCP listener (RFC 1035 4.2.2, RFC 7766): two-byte length prefix, several queries per
 * connection answered in order, an idle timeout and a cap on open connections.
 *
 * A client must not be able to hold a connection or memory: the idle timeout runs from the last
 * complete query (a byte now and then does not keep a connection open, as Node's socket timeout
 * would), and when the client does not read its answers, reading stops until they drain.
 */
import net from 'node:net';
import type { Responder } from './responder.ts';
import type { ListenAddress } from './listen-address.ts';

export type TcpOptions = { idleTimeoutMs: number; maxConnections: number; listener?: number };
export type TcpListener = { server: net.Server; port: number; close(): Promise<void> };

function serveConnection(socket: net.Socket, responder: Responder, idleTimeoutMs: number, listener: number): void {
  const peer = socket.remoteAddress ?? '';
  let pending: Buffer = Buffer.alloc(0);
  let blocked = false; // answers wait for the client to read them
  const idle = setTimeout(() => socket.destroy(), idleTimeoutMs);
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => clearTimeout(idle));
  /** Answers the complete queries in `pending`, until the client stops reading. */
  const answer = () => {
    while (!blocked && pending.length >= 2) {
      const len = pending.readUInt16BE(0);
      if (pending.length < 2 + len) break;
      const msg = pending.subarray(2, 2 + len);
      pending = pending.subarray(2 + len);
      idle.refresh();
      const out = responder.respond(msg, true, peer, listener);
      if (out === undefined) continue;
      const frame = Buffer.allocUnsafe(2 + out.length);
      frame.writeUInt16BE(out.length, 0);
      out.copy(frame, 2);
      if (!socket.write(frame)) {
        blocked = true;
        socket.pause();
      }
    }
  };
  socket.on('drain', () => {
    blocked = false;
    socket.resume();
    answer();
  });
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    answer();
  });
}

/** Starts a TCP listener answering with `responder`. Resolves once listening. */
export function listenTcp(addr: ListenAddress, responder: Responder, opts: TcpOptions): Promise<TcpListener> {
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serveConnection(socket, responder, opts.idleTimeoutMs, opts.listener ?? 0);
  });
  server.maxConnections = opts.maxConnections;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: addr.host, port: addr.port, ipv6Only: addr.family === 6 }, () => {
      server.off('error', reject);
      const a = server.address();
      resolve({
        server,
        port: typeof a === 'object' && a ? a.port : addr.port,
        close: () => new Promise<void>((r) => {
          server.close(() => r());
          for (const s of open) s.destroy(); // idle connections would hold close() open
        }),
      });
    });
  });
}
