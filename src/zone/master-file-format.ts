/**
 * Prints records as an RFC 1035 master file that `parseMasterFile` reads back to the same
 * records: a $ORIGIN line, the apex SOA, the apex NS set, then everything else in canonical
 * order (RFC 4034 6.1) by owner, then by type number. Records of one RRset keep their input order.
 * Every line is `owner TTL CLASS TYPE rdata` with the owner absolute.
 */
import { RRType, lowerName, nameToText, namesEqual, rdataToText, rrClassToString, rrTypeToString, type Name } from '../dns/index.ts';

/** A record to print (a `ZoneRecord` without its line). */
export type FormatRecord = { owner: Name; ttl: number; class: number; type: number; rdata: Uint8Array };

/** Returns the labels of a name, case-folded, rightmost first. */
function reversedLabels(name: Name): string[] {
  const key = lowerName(name);
  const labels: string[] = [];
  for (let i = 0; key.charCodeAt(i) !== 0; i += 1 + key.charCodeAt(i)) {
    labels.push(key.substring(i + 1, i + 1 + key.charCodeAt(i)));
  }
  return labels.reverse();
}

/**
 * Compares two names in canonical DNS order (RFC 4034 6.1): label by label from the right,
 * each label as case-folded octets, a missing octet or label sorting first. Returns <0, 0 or >0.
 */
export function compareNamesCanonical(a: Name, b: Name): number {
  const la = reversedLabels(a);
  const lb = reversedLabels(b);
  for (let i = 0; i < la.length && i < lb.length; i++) {
    // Latin1 strings compare by code unit, which here is the octet value.
    if (la[i] !== lb[i]) return la[i]! < lb[i]! ? -1 : 1;
  }
  return la.length - lb.length;
}

/** Returns a master file holding `records`, for zone export. */
export function formatMasterFile(origin: Name, records: FormatRecord[]): string {
  const rank = (r: FormatRecord) =>
    !namesEqual(r.owner, origin) ? 2 : r.type === RRType.SOA ? 0 : r.type === RRType.NS ? 1 : 2;
  const sorted = records
    .map((r, index) => ({ r, index, rank: rank(r) }))
    .sort((x, y) => x.rank - y.rank || compareNamesCanonical(x.r.owner, y.r.owner) || x.r.type - y.r.type || x.index - y.index);
  const lines = [`$ORIGIN ${nameToText(origin)}`];
  for (const { r } of sorted) {
    const rdata = rdataToText(r.type, r.rdata);
    const head = `${nameToText(r.owner)} ${r.ttl} ${rrClassToString(r.class)} ${rrTypeToString(r.type)}`;
    lines.push(rdata === '' ? head : `${head} ${rdata}`);
  }
  return lines.join('\n') + '\n';
}
