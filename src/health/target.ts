/**
 * From a check's settings to what a probe connects to (route53.md 6.2): the IP address, or the
 * FQDN resolved to an IPv4 address at every probe; the port (default 80 or 443); the path; the
 * Host header (the FQDN on the default port, FQDN:port otherwise, the IP without an FQDN); SNI.
 */
import { lookup } from 'node:dns/promises';
import type { ProbeTarget } from './probe-common.ts';
import type { HealthCheckSettings } from './settings.ts';

/** Returns the probe target, or a resolution failure for an FQDN without an IPv4 address. */
export async function resolveTarget(s: HealthCheckSettings, localAddress?: string): Promise<ProbeTarget | { dnsFailure: string }> {
  let ip = s.ipAddress;
  if (ip === undefined) {
    const name = s.fullyQualifiedDomainName ?? '';
    try {
      ip = (await lookup(name, { family: 4 })).address;
    } catch {
      return { dnsFailure: name };
    }
  }
  return targetFor(s, ip, localAddress);
}

/** Returns the probe target of `s` at address `ip`. */
export function targetFor(s: HealthCheckSettings, ip: string, localAddress?: string): ProbeTarget {
  const kind = s.type === 'TCP' ? 'tcp' : s.type.startsWith('HTTPS') ? 'https' : 'http';
  const defaultPort = kind === 'https' ? 443 : 80;
  const port = s.port ?? defaultPort;
  const fqdn = s.fullyQualifiedDomainName;
  const ipHost = ip.includes(':') ? `[${ip}]` : ip;
  const host = fqdn ? (port === defaultPort ? fqdn : `${fqdn}:${port}`) : (port === defaultPort ? ipHost : `${ipHost}:${port}`);
  return {
    kind, ip, port, host, path: requestTarget(s.resourcePath ?? '/'),
    ...(kind === 'https' && fqdn && s.enableSNI !== false ? { sni: fqdn } : {}),
    ...(s.type.endsWith('STR_MATCH') && s.searchString !== undefined ? { searchString: s.searchString } : {}),
    ...(localAddress ? { localAddress } : {}),
  };
}

/**
 * Returns a ResourcePath as a request target: a space, a control or a non-ASCII character is
 * percent-encoded (as UTF-8), as a browser would send it; a path never breaks the request line.
 */
export function requestTarget(path: string): string {
  return path.replace(/[^\x21-\x7e]+/g, (run) => [...Buffer.from(run, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
