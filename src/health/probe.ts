/**
 * Probes, after route53.md 6.1-6.3: HTTP and HTTPS (a TCP connection within 4 s, then a 2xx or
 * 3xx status line within 2 s of connecting; for string matches the body within 2 s more, the
 * search string in its first 5,120 bytes, gzip/deflate decoded), and TCP (a connection within
 * 10 s). HTTPS does not verify certificates, as Route 53 does not; SNI carries the FQDN.
 * A probe never throws: every outcome is a ProbeResult with Route 53's wording. A status-only
 * HTTP(S) probe is status-probe.ts; this file keeps TCP and string matches.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { certificateNames, failureText, probeSecureContext, ROUTE53_TIMEOUTS, sniMismatchResult, type ProbeResult, type ProbeTarget, type ProbeTimeouts } from './probe-common.ts';
import { reasons, SEARCH_BYTES } from './reasons.ts';
import { PROBE_HEADERS, probeStatus } from './status-probe.ts';

export { ROUTE53_TIMEOUTS, type ProbeResult, type ProbeTarget, type ProbeTimeouts } from './probe-common.ts';

/**
 * Runs one probe. HTTPS with SNI: when the certificate does not name the FQDN, the probe is made
 * once more without SNI, as Route 53 does, and that second result counts.
 */
export async function probe(t: ProbeTarget, timeouts: ProbeTimeouts = ROUTE53_TIMEOUTS): Promise<ProbeResult> {
  if (t.kind === 'tcp') return probeTcp(t, timeouts);
  const run = t.searchString === undefined ? probeStatus : probeBody;
  const r = await run(t, timeouts);
  if (!r.sniMismatch) return r;
  const { sni: _, ...withoutSni } = t;
  return run(withoutSni, timeouts);
}

function probeTcp(t: ProbeTarget, to: ProbeTimeouts): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: t.ip, port: t.port, ...(t.localAddress ? { localAddress: t.localAddress } : {}) });
    const done = (r: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, status: reasons.connectTimeout(t.ip), latencyMs: null }), to.tcpConnectMs);
    socket.once('connect', () => done({ ok: true, status: reasons.tcpSuccess(t.ip), latencyMs: performance.now() - started, ...(socket.localAddress ? { localAddress: socket.localAddress } : {}) }));
    socket.once('error', (err) => done({ ok: false, status: failureText(t, err), latencyMs: null }));
  });
}

/** An HTTP(S) probe that reads the body for a string match, through node:http (chunked, gzip). */
function probeBody(t: ProbeTarget, to: ProbeTimeouts): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let req: ClientRequest;
    let localAddress: string | undefined;
    const done = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(localAddress ? { ...r, localAddress } : r);
    };
    const options = {
      host: t.ip, port: t.port, path: t.path, method: 'GET', agent: false as const,
      headers: { Host: t.host, ...PROBE_HEADERS },
      ...(t.localAddress ? { localAddress: t.localAddress } : {}),
    };
    // Node would derive SNI from the Host header; Route 53 sends it only with EnableSNI, so the
    // TLS connection is made here, to the IP address, with exactly the name wanted (or none).
    req = t.kind === 'https'
      ? httpsRequest({
        ...options,
        agent: undefined, // with an agent, Node ignores createConnection
        createConnection: () => {
          const socket = tlsConnect({
            host: t.ip, port: t.port, rejectUnauthorized: false, secureContext: probeSecureContext(), ...(t.sni ? { servername: t.sni } : {}), ...(t.localAddress ? { localAddress: t.localAddress } : {}),
          });
          socket.once('secureConnect', () => {
            if (t.sni !== undefined && !certificateNames(socket, t.sni)) done(sniMismatchResult(t));
          });
          return socket;
        },
      })
      : httpRequest(options);
    timer = setTimeout(() => done({ ok: false, status: reasons.connectTimeout(t.ip), latencyMs: null }), to.connectMs);
    req.once('socket', (socket) => {
      socket.once('connect', () => {
        localAddress = socket.localAddress;
        clearTimeout(timer);
        timer = setTimeout(() => done({ ok: false, status: reasons.responseTimeout(t.ip), latencyMs: null }), to.responseMs);
      });
    });
    req.once('error', (err) => done({ ok: false, status: failureText(t, err), latencyMs: null }));
    req.once('response', (res) => {
      const latencyMs = performance.now() - started;
      const code = res.statusCode ?? 0;
      if (code < 200 || code >= 400) return done({ ok: false, status: reasons.httpStatus(code, t.ip), latencyMs });
      if (t.searchString === undefined) return done({ ok: true, status: reasons.httpSuccess(code, t.ip), latencyMs });
      clearTimeout(timer);
      timer = setTimeout(() => done({ ok: false, status: reasons.bodyTimeout(code, t.ip), latencyMs }), to.bodyMs);
      readHead(res, (body) => {
        const found = body.includes(Buffer.from(t.searchString!, 'utf8'));
        done({ ok: found, status: found ? reasons.httpSuccess(code, t.ip) : reasons.stringNotFound(code, t.ip), latencyMs });
      }, (err) => done({ ok: false, status: reasons.other(t.ip, `the response body could not be read: ${err.message}`), latencyMs }));
    });
    req.end();
  });
}

/** Reads up to SEARCH_BYTES of the (decoded) body, then calls `onHead` once. */
function readHead(res: IncomingMessage, onHead: (head: Buffer) => void, onError: (err: Error) => void): void {
  const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const stream: Readable = enc === 'gzip' ? res.pipe(createGunzip()) : enc === 'deflate' ? res.pipe(createInflate()) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onHead(Buffer.concat(chunks).subarray(0, SEARCH_BYTES));
  };
  stream.on('data', (c: Buffer) => {
    chunks.push(c);
    size += c.length;
    if (size >= SEARCH_BYTES) finish();
  });
  stream.once('end', finish);
  stream.once('error', (err) => {
    if (!finished) {
      finished = true;
      onError(err);
    }
  });
}
