/**
 * RFC 1035 section 5 master files: parse text into records, all or nothing.
 *
 * Shared contract:
 * - `opts.origin` is the zone apex and the initial $ORIGIN; every owner must be at or below it.
 * - A record without a TTL gets (RFC 2308 4, RFC 1035 5.1): the last $TTL, else the last explicit
 *   TTL, else the SOA minimum when the SOA is the first record, else `opts.defaultTtl`; with
 *   none of these it is an error.
 * - Only class IN is accepted. $INCLUDE and $GENERATE are refused.
 * - Every failure throws one MasterFileError naming the file and line; nothing is returned.
 */
import {
  RRClass, RRType, TextError, WireError, isAtOrBelow, lowerName, nameFromText, nameToText,
  rdataFromText, rrClassFromString, rrClassToString, rrTypeFromString, rrTypeToString, type LowerName, type Name,
} from '../dns/index.ts';
import { parsePeriod } from '../dns/rdata/fields.ts';
import { MasterFileError } from './master-file-error.ts';
import { readEntries, type Entry, type LexToken } from './master-file-lexer.ts';

export { MasterFileError } from './master-file-error.ts';
export { formatMasterFile, compareNamesCanonical } from './master-file-format.ts';

/** One record read from a master file; `line` is where its entry starts. */
export type ZoneRecord = { owner: Name; ttl: number; class: number; type: number; rdata: Uint8Array; line: number };

/** Options for `parseMasterFile`; `onComment` gets every comment (text after `;`) and its line. */
export type ParseOptions = { origin: Name; fileName?: string; defaultTtl?: number; onComment?: (line: number, text: string) => void };

/** Largest TTL a zone may hold (RFC 2181 8). */
export const MAX_TTL = 2147483647;

type State = {
  apexKey: LowerName;
  origin: Name;
  ttlDirective: number | undefined;
  lastTtl: number | undefined;
  soaMinimum: number | undefined;
  prevOwner: Name | undefined;
  records: ZoneRecord[];
};

/** A problem in one entry; `parseMasterFile` adds the file name and line. */
class EntryError extends Error {}

function fail(reason: string): never {
  throw new EntryError(reason);
}

/** Returns every record of a master file, or throws MasterFileError at the first problem. */
export function parseMasterFile(text: string, opts: ParseOptions): ZoneRecord[] {
  const { records, errors } = parseMasterFileAll(text, opts);
  if (errors.length > 0) throw errors[0]!;
  return records;
}

/**
 * Reads a whole master file: the records of every good entry, and a MasterFileError for every
 * bad one (reading goes on after a bad entry; bad quoting or parentheses end it).
 */
export function parseMasterFileAll(text: string, opts: ParseOptions): { records: ZoneRecord[]; errors: MasterFileError[] } {
  const errors: MasterFileError[] = [];
  const fileName = opts.fileName ?? '<input>';
  const { defaultTtl } = opts;
  if (defaultTtl !== undefined && !(Number.isInteger(defaultTtl) && defaultTtl >= 0 && defaultTtl <= MAX_TTL)) {
    throw new RangeError(`defaultTtl ${defaultTtl} is not a TTL (0-${MAX_TTL})`);
  }
  const st: State = {
    apexKey: lowerName(opts.origin), origin: opts.origin, ttlDirective: undefined,
    lastTtl: undefined, soaMinimum: undefined, prevOwner: undefined, records: [],
  };
  try {
    for (const entry of readEntries(text, fileName, opts.onComment)) readEntry(entry);
  } catch (err) {
    if (!(err instanceof MasterFileError)) throw err;
    errors.push(err);
  }
  return { records: st.records, errors };

  function readEntry(entry: Entry): void {
    try {
      const first = entry.tokens[0]!;
      if (!first.quoted && first.text.startsWith('$')) {
        if (entry.blankOwner) fail(`${first.text} must start at the beginning of its line`);
        readDirective(entry, st);
      } else {
        st.records.push(readRecord(entry, st, opts));
      }
    } catch (err) {
      if (err instanceof EntryError || err instanceof TextError || err instanceof WireError) {
        errors.push(new MasterFileError(fileName, entry.line, err.message));
        return;
      }
      throw err;
    }
  }
}

function readDirective(entry: Entry, st: State): void {
  const [head, ...args] = entry.tokens;
  const name = head!.text.toUpperCase();
  if (name === '$INCLUDE') fail('$INCLUDE is not supported: put the included records in this file');
  if (name === '$GENERATE') fail('$GENERATE is not supported: write the records out');
  if (name !== '$ORIGIN' && name !== '$TTL') fail(`unknown directive ${head!.text}`);
  if (args.length !== 1) fail(`${name} takes exactly one value, got ${args.length}`);
  const value = args[0]!.text;
  if (name === '$TTL') st.ttlDirective = parseTtl(value);
  else st.origin = nameFromText(value, st.origin);
}

function readRecord(entry: Entry, st: State, opts: ParseOptions): ZoneRecord {
  const tokens = entry.tokens;
  let i = 0;
  let owner: Name;
  if (entry.blankOwner) {
    owner = st.prevOwner ?? fail('line starts with a space (same owner as before) but there is no record before it');
  } else {
    const t = tokens[i++]!;
    if (t.quoted) fail(`owner name "${t.text}" must not be quoted`);
    owner = t.text === '@' ? st.origin : nameFromText(t.text, st.origin);
  }
  if (!isAtOrBelow(lowerName(owner), st.apexKey)) {
    fail(`owner ${nameToText(owner)} is outside the zone ${nameToText(opts.origin)}`);
  }
  st.prevOwner = owner;

  // RFC 1035 5.1: TTL and class are both optional and may come in either order.
  let ttl: number | undefined;
  let cls: number | undefined; // always IN once read
  let t: LexToken | undefined;
  for (t = tokens[i]; t !== undefined && !t.quoted; t = tokens[++i]) {
    if (ttl === undefined && /^(\d+|(\d+[smhdw])+)$/i.test(t.text)) ttl = parseTtl(t.text);
    else if (cls === undefined && rrClassFromString(t.text) !== undefined) cls = readClass(t.text);
    else break;
  }
  if (t === undefined) fail(`record for ${nameToText(owner)} has no type`);
  const type = t.quoted ? undefined : rrTypeFromString(t.text);
  if (type === undefined) fail(`unknown type "${t.text}"`);
  checkType(type);

  const rdata = readRdata(type, tokens.slice(i + 1), st.origin);
  if (type === RRType.SOA && st.records.length === 0) st.soaMinimum = soaMinimum(rdata);
  if (ttl !== undefined) st.lastTtl = ttl;
  ttl ??= st.ttlDirective ?? st.lastTtl ?? st.soaMinimum ?? opts.defaultTtl ??
    fail('no TTL for this record: add a $TTL line or give the record a TTL');
  return { owner, ttl, class: RRClass.IN, type, rdata, line: entry.line };
}

/** Types that only exist in queries or as pseudo-records (RFC 6895 3.1) have no place in a zone. */
function checkType(type: number): void {
  if (type === 0 || type === RRType.OPT || (type >= 128 && type <= 255)) {
    fail(`type ${rrTypeToString(type)} cannot appear in a zone`);
  }
}

function readRdata(type: number, tokens: LexToken[], origin: Name): Uint8Array {
  try {
    return rdataFromText(type, tokens.map((t) => ({ text: t.text, quoted: t.quoted })), origin);
  } catch (err) {
    if (err instanceof TextError || err instanceof WireError) {
      fail(`bad ${rrTypeToString(type)} record data: ${err.message}`);
    }
    throw err;
  }
}

function readClass(text: string): number {
  const cls = rrClassFromString(text);
  if (cls !== RRClass.IN) fail(`class ${rrClassToString(cls!)} is not supported (only IN)`);
  return cls;
}

function parseTtl(text: string): number {
  const ttl = parsePeriod(text, 'TTL');
  if (ttl > MAX_TTL) fail(`TTL ${text} is out of range (0-${MAX_TTL}, RFC 2181 8)`);
  return ttl;
}

function soaMinimum(rdata: Uint8Array): number {
  return new DataView(rdata.buffer, rdata.byteOffset, rdata.byteLength).getUint32(rdata.length - 4);
}
