/**
 * The packet's source address as bytes, for routing decisions when a query carries no Client
 * Subnet option. Node reports it as text; a listener sees the same few resolvers again and
 * again, so the last text is remembered and IPv4 is read without allocating.
 */
import { parseIp } from '../zone/cidr-table.ts';

export type PeerReader = {
  /** Writes `peer` into `out` (16 bytes); returns 4, 6, or 0 when it is not an address. */
  read(peer: string | undefined, out: Uint8Array): 0 | 4 | 6;
};

/** Returns a reader with its own one-entry memory. */
export function createPeerReader(): PeerReader {
  let last: string | undefined;
  let lastFamily: 0 | 4 | 6 = 0;
  const lastBytes = new Uint8Array(16);
  return {
    read(peer, out) {
      if (peer === undefined || peer === '') return 0;
      if (peer !== last) {
        last = peer;
        lastFamily = parse(peer, lastBytes);
      }
      for (let i = 0; i < 16; i++) out[i] = lastBytes[i]!;
      return lastFamily;
    },
  };
}

function parse(text: string, out: Uint8Array): 0 | 4 | 6 {
  out.fill(0);
  // IPv4-mapped IPv6 (a dual-stack socket) is the IPv4 client.
  const v4 = text.startsWith('::ffff:') && text.includes('.') ? text.slice(7) : text;
  if (!v4.includes(':')) {
    let part = 0;
    let value = 0;
    let digits = 0;
    for (let i = 0; i <= v4.length; i++) {
      const ch = i < v4.length ? v4.charCodeAt(i) : 46;
      if (ch === 46) {
        if (digits === 0 || value > 255 || part > 3) return 0;
        out[part++] = value;
        value = 0;
        digits = 0;
      } else if (ch >= 48 && ch <= 57) {
        value = value * 10 + (ch - 48);
        digits++;
      } else {
        return 0;
      }
    }
    return part === 4 ? 4 : 0;
  }
  const zone = text.indexOf('%'); // a scope id (fe80::1%eth0) is not part of the address
  const bytes = parseIp(zone >= 0 ? text.slice(0, zone) : text);
  if (!bytes || bytes.length !== 16) return 0;
  out.set(bytes);
  return 6;
}
