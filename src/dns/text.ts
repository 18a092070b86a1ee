/** Presentation form of whole records (RFC 1035 5.1), for tools, tests and zone export. */
import { rrClassToString, rrTypeToString } from './constants.ts';
import type { ResourceRecord } from './message.ts';
import { nameToText } from './name.ts';
import { rdataToText } from './rdata/index.ts';

/** Returns `owner ttl class type rdata` for one record. */
export function recordToText(rr: ResourceRecord): string {
  return `${nameToText(rr.name)} ${rr.ttl} ${rrClassToString(rr.class)} ${rrTypeToString(rr.type)} ${rdataToText(rr.type, rr.rdata)}`;
}
