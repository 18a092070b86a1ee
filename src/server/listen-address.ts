/** Listener addresses as given on the command line: `HOST:PORT` or `[IPV6]:PORT`. */
import { isIP } from 'node:net';

export type ListenAddress = { host: string; port: number; family: 4 | 6 };

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

/** Returns the text form of a listen address. */
export function formatListenAddress(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}
