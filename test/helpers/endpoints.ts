/**
 * Real endpoints for health-check tests: HTTP, HTTPS (a self-signed certificate made by openssl
 * for the test) and TCP servers on 127.0.0.1, port 0. Each records what it saw (Host headers,
 * SNI names, source addresses) and can be told to refuse some source addresses or to stop.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Seen = { hosts: string[]; sni: string[]; sources: string[] };
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type Endpoint = {
  port: number;
  seen: Seen;
  /** Source addresses accepted; undefined = all. Others get their connection reset. */
  allow: Set<string> | undefined;
  handler: Handler;
  close(): Promise<void>;
};

/** A self-signed certificate for www.example.com (and IP 127.0.0.1), made with openssl. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=www.example.com', '-addext', 'subjectAltName=DNS:www.example.com,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gate(e: Endpoint, socket: Socket): boolean {
  const from = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  e.seen.sources.push(from);
  if (e.allow && !e.allow.has(from)) {
    socket.resetAndDestroy();
    return false;
  }
  return true;
}

async function listen(server: Server | TcpServer, port = 0, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}

function closer(server: Server | TcpServer, sockets: Set<Socket>): () => Promise<void> {
  return () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
}

/** Starts an HTTP (or, with `tls`, HTTPS) server answering with `handler` (default: 200 "ok"), on `port` (default: any). */
export async function startWebServer(opts: { tls?: { key: string; cert: string }; handler?: Handler; port?: number } = {}): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  const e: Endpoint = { port: 0, seen: { hosts: [], sni: [], sources: [] }, allow: undefined, handler: opts.handler ?? ((_q, r) => r.end('ok')), close: async () => {} };
  const onRequest: Handler = (req, res) => {
    e.seen.hosts.push(String(req.headers.host));
    e.handler(req, res);
  };
  const server = opts.tls
    ? createHttps({ ...opts.tls, SNICallback: (name, cb) => { e.seen.sni.push(name); cb(null); } }, onRequest)
    : createHttp(onRequest);
  server.on('connection', (s: Socket) => {
    if (!gate(e, s)) return;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  e.port = await listen(server, opts.port ?? 0);
  e.close = closer(server, sockets);
  return e;
}

/** Starts a TCP server that accepts (from allowed sources) and holds connections open. */
export async function startTcpServer(port = 0): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  const e: Endpoint = { port: 0, seen: { hosts: [], sni: [], sources: [] }, allow: undefined, handler: () => {}, close: async () => {} };
  const server = createTcp((s) => {
    if (!gate(e, s)) return;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  e.port = await listen(server, port);
  e.close = closer(server, sockets);
  return e;
}

/** Returns a port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = createTcp();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
