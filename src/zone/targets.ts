/** Names that record data points at: the targets of NS, CNAME, MX, SRV and PTR records. */
import { RRType, readName, type Name } from '../dns/index.ts';

/** Returns the name an rdata points at (NS, CNAME, PTR, MX, SRV), or undefined for other types. */
export function targetNameOf(type: number, rdata: Uint8Array): Name | undefined {
  switch (type) {
    case RRType.NS:
    case RRType.CNAME:
    case RRType.PTR:
      return readName(rdata, 0).name;
    case RRType.MX:
      return readName(rdata, 2).name;
    case RRType.SRV:
      return readName(rdata, 6).name;
    default:
      return undefined;
  }
}
