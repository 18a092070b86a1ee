/**
 * Signed queries (TSIG, RFC 8945) on a server that holds no TSIG keys. Route 53 offers no TSIG,
 * so every key is unknown: the query is answered NOTAUTH with an unsigned TSIG record whose
 * error is BADKEY (RFC 8945 5.2.2, 5.3.2), as Knot and BIND answer for a key they lack. A
 * signing client then learns that its key was not checked, instead of being handed an unsigned
 * answer it may take for a verified one.
 */
import { readName } from '../dns/index.ts';

/** TSIG's RR type and its error code for an unknown key (RFC 8945 4.2, 8). */
export const TSIG_TYPE = 250;
const BADKEY = 17;
/** The fudge sent back, in seconds: RFC 8945 10's recommendation, what Knot sends. */
const FUDGE = 300;

/** What the answer needs from the query's TSIG record: its key and algorithm names (uncompressed), time and original ID. */
export type TsigRequest = { keyName: Uint8Array; algorithm: Uint8Array; timeSigned: Uint8Array; originalId: number };

/** Reads the TSIG record that starts at `offset` in `msg`; undefined when it is malformed. */
export function readTsig(msg: Uint8Array, offset: number): TsigRequest | undefined {
  try {
    const owner = readName(msg, offset);
    const rdata = owner.end + 10;
    if (rdata > msg.length) return undefined;
    const rdEnd = rdata + ((msg[owner.end + 8]! << 8) | msg[owner.end + 9]!);
    const alg = readName(msg, rdata);
    let p = alg.end;
    if (p + 10 > rdEnd) return undefined;
    const timeSigned = msg.slice(p, p + 6);
    const macSize = (msg[p + 8]! << 8) | msg[p + 9]!;
    p += 10 + macSize;
    if (p + 6 > rdEnd) return undefined;
    const otherLen = (msg[p + 4]! << 8) | msg[p + 5]!;
    if (p + 6 + otherLen !== rdEnd) return undefined;
    return { keyName: owner.name, algorithm: alg.name, timeSigned, originalId: (msg[p]! << 8) | msg[p + 1]! };
  } catch {
    return undefined;
  }
}

/** Returns `response` with the BADKEY TSIG record appended as the last additional record. */
export function appendBadKey(response: Buffer, t: TsigRequest): Buffer {
  const rdLength = t.algorithm.length + 16;
  const rr = Buffer.alloc(t.keyName.length + 10 + rdLength);
  rr.set(t.keyName, 0);
  let p = t.keyName.length;
  rr.writeUInt16BE(TSIG_TYPE, p);
  rr.writeUInt16BE(255, p + 2); // class ANY; TTL 0
  rr.writeUInt16BE(rdLength, p + 8);
  p += 10;
  rr.set(t.algorithm, p);
  p += t.algorithm.length;
  rr.set(t.timeSigned, p); // the request's time: only BADTIME answers carry the server's
  rr.writeUInt16BE(FUDGE, p + 6);
  // MAC size 0: an error for an unknown key is never signed.
  rr.writeUInt16BE(t.originalId, p + 10);
  rr.writeUInt16BE(BADKEY, p + 12);
  // Other length 0.
  const out = Buffer.concat([response, rr]);
  out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
  return out;
}
