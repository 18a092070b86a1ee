/**
 * The HTTP and HTTPS probe of checks without a search string. Route 53 judges these by the
 * status code alone, so the request is written straight to the socket and the probe ends at the
 * status line: no ClientRequest, IncomingMessage, header parser or body stream per probe. In a
 * checker probing 1,000 checks that machinery cost about a fifth of its CPU (bench/README.md,
 * health checking). String matches need the decoded body and use node:http (probe.ts).
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { certificateNames, failureText, probeSecureContext, sniMismatchResult, type ProbeResult, type ProbeTarget, type ProbeTimeouts } from './probe-common.ts';
import { reasons } from './reasons.ts';

/** The headers a Route 53 checker sends; the Host header comes first, before them. */
export const PROBE_HEADERS = {
  'User-Agent': 'Amazon-Route53-Health-Check-Service (Signpost)',
  Accept: '*/*',
  'Accept-Encoding': 'gzip, deflate',
} as const;

/** Bytes read while looking for the final status line (informational responses come first). */
const MAX_HEAD = 16 * 1024;

const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?:[ \r\n]|$)/;

/** Returns the request a status probe writes. */
export function statusRequest(t: ProbeTarget): string {
  let head = `GET ${t.path} HTTP/1.1\r\nHost: ${t.host}\r\n`;
  for (const [name, value] of Object.entries(PROBE_HEADERS)) head += `${name}: ${value}\r\n`;
  return `${head}Connection: close\r\n\r\n`;
}

/**
 * Reads the final status code from the start of a response: a number, 'more' while the line (or
 * an informational response before it) is incomplete, or 'malformed'.
 */
export function finalStatus(head: string): number | 'more' | 'malformed' {
  let at = 0;
  for (;;) {
    const eol = head.indexOf('\n', at);
    if (eol < 0) return head.length - at > 1024 ? 'malformed' : 'more';
    const m = STATUS_LINE.exec(head.slice(at, eol + 1));
    if (!m) return 'malformed';
    const code = Number(m[1]);
    // 1xx responses are informational (100 Continue, 103 Early Hints) and a final one follows;
    // 101 Switching Protocols is final.
    if (code >= 200 || code === 101 || code < 100) return code;
    const end = head.indexOf('\r\n\r\n', eol - 1);
    if (end < 0) return 'more';
    at = end + 4;
  }
}

/** Probes `t` (kind http or https) by its status line. */
export function probeStatus(t: ProbeTarget, to: ProbeTimeouts): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const where = { host: t.ip, port: t.port, ...(t.localAddress ? { localAddress: t.localAddress } : {}) };
    // SNI only with EnableSNI (t.sni): Route 53 sends none otherwise, and neither does this.
    const socket: Socket = t.kind === 'https'
      ? tlsConnect({ ...where, rejectUnauthorized: false, secureContext: probeSecureContext(), ...(t.sni ? { servername: t.sni } : {}) })
      : connect(where);
    let localAddress: string | undefined;
    let head = '';
    let settled = false;
    const done = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(localAddress ? { ...r, localAddress } : r);
    };
    let timer = setTimeout(() => done({ ok: false, status: reasons.connectTimeout(t.ip), latencyMs: null }), to.connectMs);
    socket.once('connect', () => {
      localAddress = socket.localAddress;
      clearTimeout(timer);
      timer = setTimeout(() => done({ ok: false, status: reasons.responseTimeout(t.ip), latencyMs: null }), to.responseMs);
    });
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1', 0, Math.min(chunk.length, MAX_HEAD - head.length));
      const code = finalStatus(head);
      if (code === 'more' && head.length < MAX_HEAD) return;
      if (typeof code !== 'number') return done({ ok: false, status: reasons.other(t.ip, 'The response did not start with an HTTP status line.'), latencyMs: null });
      const latencyMs = performance.now() - started;
      const ok = code >= 200 && code < 400;
      done({ ok, status: ok ? reasons.httpSuccess(code, t.ip) : reasons.httpStatus(code, t.ip), latencyMs });
    });
    socket.once('end', () => done({ ok: false, status: reasons.other(t.ip, 'The connection closed before an HTTP status line.'), latencyMs: null }));
    socket.once('error', (err) => done({ ok: false, status: failureText(t, err), latencyMs: null }));
    if (t.kind === 'http') socket.write(statusRequest(t));
    else {
      socket.once('secureConnect', () => {
        if (t.sni !== undefined && !certificateNames(socket as TLSSocket, t.sni)) return done(sniMismatchResult(t));
        socket.write(statusRequest(t));
      });
    }
  });
}
