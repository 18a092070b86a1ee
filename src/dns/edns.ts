/**
 * EDNS(0) (RFC 6891) and its Client Subnet option (RFC 7871).
 *
 * The OPT pseudo-record's CLASS carries the requester's UDP payload size and its TTL carries the
 * extended RCODE (high 8 bits), the version and the flags (DO, RFC 3225).
 */
import { EdnsOption } from './constants.ts';
import { WireError } from './wire-error.ts';

/** One EDNS option as on the wire. */
export type EdnsOptionData = { code: number; data: Uint8Array };

/** A parsed Client Subnet option. `address` holds only the bytes the source prefix covers. */
export type ClientSubnet = { family: 1 | 2; sourcePrefix: number; scopePrefix: number; address: Uint8Array };

/** The OPT record's fields. */
export type Edns = {
  udpSize: number;
  extRcode: number;
  version: number;
  dnssecOk: boolean;
  options: EdnsOptionData[];
};

/** Parses the options in an OPT rdata at [start, end) of `msg`. */
export function readEdnsOptions(msg: Uint8Array, start: number, end: number): EdnsOptionData[] {
  const options: EdnsOptionData[] = [];
  let pos = start;
  while (pos < end) {
    if (pos + 4 > end) throw new WireError('truncated EDNS option header', pos);
    const code = (msg[pos]! << 8) | msg[pos + 1]!;
    const len = (msg[pos + 2]! << 8) | msg[pos + 3]!;
    if (pos + 4 + len > end) throw new WireError('EDNS option runs past the OPT record', pos);
    options.push({ code, data: msg.slice(pos + 4, pos + 4 + len) });
    pos += 4 + len;
  }
  return options;
}

/**
 * Parses a Client Subnet option (RFC 7871 6). Throws WireError when it is malformed: unknown
 * family, prefix too long, wrong address length, or bits set beyond the source prefix.
 */
export function parseClientSubnet(data: Uint8Array): ClientSubnet {
  if (data.length < 4) throw new WireError('Client Subnet option shorter than 4 bytes', 0);
  const family = (data[0]! << 8) | data[1]!;
  const sourcePrefix = data[2]!;
  const scopePrefix = data[3]!;
  if (family !== 1 && family !== 2) throw new WireError(`Client Subnet family ${family} unknown`, 0);
  const max = family === 1 ? 32 : 128;
  if (sourcePrefix > max || scopePrefix > max) throw new WireError('Client Subnet prefix too long', 2);
  const bytes = Math.ceil(sourcePrefix / 8);
  if (data.length - 4 !== bytes) throw new WireError('Client Subnet address length does not match its prefix', 4);
  const address = data.slice(4);
  if (sourcePrefix % 8 !== 0 && bytes > 0) {
    const mask = 0xff >> (sourcePrefix % 8);
    if ((address[bytes - 1]! & mask) !== 0) throw new WireError('Client Subnet address has bits beyond its prefix', 4 + bytes - 1);
  }
  return { family, sourcePrefix, scopePrefix, address };
}

/** Returns the wire form of a Client Subnet option's data with the given scope prefix. */
export function encodeClientSubnet(ecs: ClientSubnet, scopePrefix: number): Uint8Array {
  const out = new Uint8Array(4 + ecs.address.length);
  out[1] = ecs.family;
  out[2] = ecs.sourcePrefix;
  out[3] = scopePrefix;
  out.set(ecs.address, 4);
  return out;
}

/** Finds the Client Subnet option among options, parsed, or undefined. */
export function findClientSubnet(options: EdnsOptionData[]): ClientSubnet | undefined {
  const o = options.find((x) => x.code === EdnsOption.CLIENT_SUBNET);
  return o ? parseClientSubnet(o.data) : undefined;
}
