/**
 * Listener addresses as given on the command line: `HOST:PORT` or `[IPV6]:PORT`, for DNS
 * optionally followed by `@vpc-…` (every query on it comes from that VPC) and/or
 * `=ns-1.example.net,ns-2.example.net` (the name servers it answers as: it serves the public
 * zones whose delegation set includes one of them).
 */
import { isIP } from 'node:net';

export type ListenAddress = {
  host: string;
  port: number;
  family: 4 | 6;
  /** Queries arriving here come from this VPC. */
  vpcId?: string;
  /** Name-server host names (lower case, no trailing dot) this listener answers as. */
  nameServers?: string[];
};

const HOST_NAME = /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{1,63}$/;

/** Parses `127.0.0.1:5300`, `[::1]:5300` or `0.0.0.0:53`; throws a usage error otherwise. */
export function parseListenAddress(text: string): ListenAddress {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m) throw new Error(`listen address "${text}" is not HOST:PORT or [IPV6]:PORT`);
  const host = m[1]!;
  const port = Number(m[2]);
  const family = isIP(host);
  if (family === 0) throw new Error(`listen address "${text}": "${host}" is not an IP address`);
  if (port > 65535) throw new Error(`listen address "${text}": port out of range`);
  return { host, port, family: family as 4 | 6 };
}

/**
 * Parses a DNS listener: `ADDR:PORT`, then optionally `@vpc-ID` and `=NS,NS,…` (in this order);
 * throws a usage error naming what is wrong.
 */
export function parseDnsListenAddress(text: string): ListenAddress {
  const m = /^(\[[^\]]+\]:\d+|[^:@=]+:\d+)(?:@([^=]*))?(?:=(.*))?$/.exec(text);
  if (!m) return parseListenAddress(text);
  const addr = parseListenAddress(m[1]!);
  if (m[2] !== undefined) {
    if (!/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(m[2])) throw new Error(`listen address "${text}": "${m[2]}" is not a VPC id (vpc- and 17 hex digits)`);
    addr.vpcId = m[2];
  }
  if (m[3] !== undefined) {
    const names = m[3].split(',').map((n) => n.trim().replace(/\.$/, '').toLowerCase());
    for (const n of names) if (!HOST_NAME.test(n)) throw new Error(`listen address "${text}": "${n}" is not a name-server host name`);
    addr.nameServers = names;
  }
  return addr;
}

/** Returns the text form of a listen address. */
export function formatListenAddress(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/** Splits a comma-separated list of DNS listeners, keeping `=ns-1,ns-2` name lists whole. */
export function splitDnsListenList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    // Every listener has ":PORT"; a piece without a colon continues the previous name list.
    if (!part.includes(':') && out.length > 0 && out[out.length - 1]!.includes('=')) out[out.length - 1] += `,${part}`;
    else out.push(part);
  }
  return out;
}
