/**
 * What every probe shares: the target, the outcome, Route 53's time limits, the failure text of
 * a socket error, and one TLS context for every HTTPS probe.
 */
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { reasons } from './reasons.ts';

export type ProbeTimeouts = { connectMs: number; responseMs: number; bodyMs: number; tcpConnectMs: number };
/** Route 53's limits. */
export const ROUTE53_TIMEOUTS: ProbeTimeouts = { connectMs: 4000, responseMs: 2000, bodyMs: 2000, tcpConnectMs: 10_000 };

/** What to probe, resolved: an IP address and everything the request carries. */
export type ProbeTarget = {
  kind: 'http' | 'https' | 'tcp';
  ip: string;
  port: number;
  /** The request target, percent-encoded where it must be (target.ts). */
  path: string;
  /** Host header value (HTTP/HTTPS). */
  host: string;
  /** TLS server name (HTTPS with EnableSNI and an FQDN). */
  sni?: string;
  searchString?: string;
  /** Source address of the probe (the checker's address). */
  localAddress?: string;
};

/**
 * A probe's outcome; latency is the time from starting to connect to the status line (or
 * connection). `sniMismatch`: the certificate did not name the SNI name, and the probe stopped
 * there for probe() to retry without SNI.
 */
export type ProbeResult = { ok: boolean; status: string; latencyMs: number | null; localAddress?: string; sniMismatch?: true };

/** Returns Route 53's wording for a socket or TLS error. */
export function failureText(t: ProbeTarget, err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return reasons.refused(t.ip);
  if (err.code === 'ETIMEDOUT') return reasons.connectTimeout(t.ip);
  if (err.code?.startsWith('ERR_SSL') || /SSL|TLS|certificate/i.test(err.message)) return reasons.tls(t.ip, err.message);
  return reasons.other(t.ip, `${err.code ?? 'error'}: ${err.message}`);
}

let secureContext: SecureContext | undefined;
/** One TLS context for every HTTPS probe: making one per connection costs CPU and memory. */
export function probeSecureContext(): SecureContext {
  return (secureContext ??= createSecureContext());
}

/**
 * Returns whether the certificate `socket` got names `sni` (its subjectAltName or CN, wildcards
 * as TLS clients match them). Probes never reject a certificate; Route 53 only uses this to
 * retry once without SNI, for servers whose default certificate is the right one.
 */
export function certificateNames(socket: TLSSocket, sni: string): boolean {
  // The X509Certificate checks natively; getPeerCertificate() would build a JS object per probe.
  return socket.getPeerX509Certificate()?.checkHost(sni) !== undefined;
}

/** The result of a probe stopped after a certificate that does not name the SNI name. */
export function sniMismatchResult(t: ProbeTarget): ProbeResult {
  return { ok: false, status: reasons.tls(t.ip, `the certificate does not name ${t.sni ?? ''}`), latencyMs: null, sniMismatch: true };
}
