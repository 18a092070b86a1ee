/**
 * Reads a zone file for `signpost zone import`: a master file (with the extension that
 * zone-file-write.ts documents) or ListResourceRecordSets JSON. Returns Route 53 record sets
 * with the line each starts on, the plain records (for the RFC checks of zone/validate.ts), and
 * every problem found, each as FILE:LINE: reason.
 */
import { lowerName, nameFromText, nameToText, rrTypeFromString, type Name } from '../dns/index.ts';
import { bytesToHex } from '../dns/rdata/base-encoding.ts';
import { FatalProblem, r53SetFromRow, r53ValueToHex, rdataToR53Value, type R53RecordSet } from '../api/record-sets/index.ts';
import { parseMasterFileAll, type ZoneRecord } from '../zone/master-file.ts';
import type { RecordSetRow } from '../store/index.ts';
import { RECORD_MARK, SET_MARK } from './zone-file-write.ts';

/** A record set read from the file, and where it starts (undefined for JSON). */
export type SourceSet = { set: R53RecordSet; line: number | undefined; plain: boolean };

export type ReadResult = { sets: SourceSet[]; plain: ZoneRecord[]; errors: string[] };

type Mark = { set?: string; routing?: unknown; value?: string };

/** Reads `text` as a master file (`json`: ListResourceRecordSets JSON) of the zone `origin`. */
export function readZoneText(text: string, file: string, origin: Name, format: 'master' | 'json'): ReadResult {
  return format === 'json' ? readJson(text, file) : readMaster(text, file, origin);
}

function readMaster(text: string, file: string, origin: Name): ReadResult {
  const marks = new Map<number, string>();
  const setLines: { line: number; json: string }[] = [];
  const { records, errors: syntax } = parseMasterFileAll(text, {
    origin, fileName: file,
    onComment: (line, c) => {
      if (c.startsWith(RECORD_MARK)) marks.set(line, c.slice(RECORD_MARK.length));
      else if (c.startsWith(SET_MARK)) setLines.push({ line, json: c.slice(SET_MARK.length) });
    },
  });
  const errors = syntax.map((e) => e.message);
  const groups = new Map<string, { row: RecordSetRow; line: number; plain: boolean }>();
  const plain: ZoneRecord[] = [];
  for (const r of records) {
    let mark: Mark = {};
    const json = marks.get(r.line);
    if (json !== undefined) {
      try {
        mark = parseMark(json);
      } catch (e) {
        errors.push(`${file}:${r.line}: bad signpost comment: ${(e as Error).message}`);
        continue;
      }
    }
    const name = nameToText(lowerName(r.owner));
    const key = `${name}/${r.type}/${mark.set ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      const row: RecordSetRow = { name, type: r.type, setIdentifier: mark.set ?? '', ttl: r.ttl, rdata: [], values: [], routing: mark.routing === undefined ? null : JSON.stringify(mark.routing) };
      groups.set(key, (g = { row, line: r.line, plain: mark.set === undefined }));
    } else if (g.row.ttl !== r.ttl && !g.plain) {
      errors.push(`${file}:${r.line}: records of set "${mark.set}" of ${name} have different TTLs (${g.row.ttl} and ${r.ttl}); a set has one TTL`);
    }
    if (g.plain) plain.push(r);
    g.row.rdata.push(bytesToHex(r.rdata));
    g.row.values!.push(mark.value ?? rdataToR53Value(r.type, r.rdata));
  }
  for (const s of setLines) {
    try {
      const o = JSON.parse(s.json) as { name?: unknown; type?: unknown; ttl?: unknown; set?: unknown; routing?: unknown; values?: unknown };
      const type = typeof o.type === 'string' ? rrTypeFromString(o.type) : undefined;
      if (typeof o.name !== 'string' || type === undefined || typeof o.ttl !== 'number') throw new Error('name, type and ttl are required');
      const values = Array.isArray(o.values) ? o.values.map(String) : [];
      const name = nameToText(lowerName(nameFromText(o.name)));
      const row: RecordSetRow = {
        name, type, setIdentifier: typeof o.set === 'string' ? o.set : '', ttl: o.ttl,
        rdata: values.map((v) => r53ValueToHex(type, v)), values, routing: o.routing === undefined ? null : JSON.stringify(o.routing),
      };
      groups.set(`${name}/${type}/${row.setIdentifier}/set`, { row, line: s.line, plain: false });
    } catch (e) {
      const why = e instanceof FatalProblem ? e.message : (e as Error).message;
      errors.push(`${file}:${s.line}: bad signpost-set comment: ${why}`);
    }
  }
  const sets = [...groups.values()].map((g) => ({ set: r53SetFromRow(g.row), line: g.line, plain: g.plain }));
  return { sets, plain, errors };
}

function parseMark(json: string): Mark {
  const o = JSON.parse(json) as Mark;
  if (typeof o !== 'object' || o === null) throw new Error('expected a JSON object');
  if (o.set !== undefined && typeof o.set !== 'string') throw new Error('"set" must be a string');
  if (o.value !== undefined && typeof o.value !== 'string') throw new Error('"value" must be a string');
  if (o.routing !== undefined && (typeof o.routing !== 'object' || o.routing === null)) throw new Error('"routing" must be an object');
  return o;
}

function readJson(text: string, file: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { sets: [], plain: [], errors: [`${file}: not JSON: ${(e as Error).message}`] };
  }
  const list = Array.isArray(doc) ? doc : (doc as { ResourceRecordSets?: unknown })?.ResourceRecordSets;
  if (!Array.isArray(list)) return { sets: [], plain: [], errors: [`${file}: expected {"ResourceRecordSets": [...]}, as aws route53 list-resource-record-sets prints`] };
  const sets: SourceSet[] = [];
  const errors: string[] = [];
  const lines = elementLines(text, Array.isArray(doc) ? 1 : 2);
  list.forEach((s: unknown, i) => {
    const o = s as Partial<R53RecordSet> | null;
    const line = lines.length === list.length ? lines[i] : undefined;
    if (typeof o !== 'object' || o === null || typeof o.Name !== 'string' || typeof o.Type !== 'string') {
      errors.push(`${file}${line === undefined ? '' : `:${line}`}: ResourceRecordSets[${i}]: a record set needs a Name and a Type`);
      return;
    }
    sets.push({ set: o as R53RecordSet, line, plain: false });
  });
  return { sets, plain: [], errors };
}

/**
 * Returns the line on which each element of the record-set array starts: the array is the
 * document (`depth` 1) or a member of it (`depth` 2, {"ResourceRecordSets": [...]}). For JSON
 * that parsed, so only strings need care; the caller uses the lines when their count matches.
 */
export function elementLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let open = 0;
  let inString = false;
  let next = false; // the next value starts an element
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (next && c !== ']') lines.push(line);
    next = false;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') next = ++open === depth && c === '[';
    else if (c === '}' || c === ']') open--;
    else if (c === ',') next = open === depth;
  }
  return lines;
}
