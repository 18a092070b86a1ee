/** The UDP listener: one socket per address per process; with reusePort the kernel spreads load. */
import dgram from 'node:dgram';
import type { Responder } from './responder.ts';
import type { ListenAddress } from './listen-address.ts';

export type UdpListener = { socket: dgram.Socket; port: number; close(): Promise<void> };

/** Binds a UDP socket answering with `responder`. Resolves once bound. */
export function listenUdp(addr: ListenAddress, responder: Responder, opts: { reusePort: boolean; listener?: number }): Promise<UdpListener> {
  const listener = opts.listener ?? 0;
  const socket = dgram.createSocket({
    type: addr.family === 6 ? 'udp6' : 'udp4',
    reuseAddr: opts.reusePort,
    reusePort: opts.reusePort,
    ipv6Only: addr.family === 6,
  });
  const send = (out: Buffer, port: number, address: string) => socket.send(out, port, address);
  socket.on('message', (msg, rinfo) => {
    const out = responder.respond(msg, false, rinfo.address, listener);
    if (out !== undefined) send(out, rinfo.port, rinfo.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: addr.host, port: addr.port, exclusive: true }, () => {
      socket.off('error', reject);
      socket.on('error', () => { /* send errors (e.g. ICMP unreachable) must not stop the listener */ });
      try {
        socket.setRecvBufferSize(8 * 1024 * 1024);
      } catch { /* capped by net.core.rmem_max; the default still works */ }
      resolve({
        socket,
        port: socket.address().port,
        close: () => new Promise<void>((r) => socket.close(() => r())),
      });
    });
  });
}
