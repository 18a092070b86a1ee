/**
 * Measured latencies an operator loads instead of the distance estimate (`--latency-table FILE`).
 * The file is CSV, one measurement per line: `client,region,ms`, where client is
 * - an IPv4 or IPv6 network in CIDR form (`198.51.100.0/24`, `2001:db8::/32`),
 * - `continent:EU`, `country:DE` or `country:US-VA` (a subdivision), with Route 53's codes
 *   (the prefix is needed: AF, AS, NA and SA are both continents and countries), or
 * - `*` for every client;
 * region is a Route 53 latency region (`eu-west-1`) and ms a non-negative number. Blank lines and
 * lines starting with `#` are skipped, and a first line `client,region,ms` is a header. The most
 * specific row for a client and region wins: longest network, then subdivision, country,
 * continent, `*`. A region without a row for a client falls back to the estimate.
 */
import { CONTINENTS, geoLocationExists } from './catalogue.ts';
import { parseAddress } from './parse-address.ts';
import { REGIONS } from './regions.ts';

/** One network row: family, its bytes, prefix length, region, ms. */
export type NetworkRow = { family: 4 | 6; bytes: Uint8Array; prefix: number; region: string; ms: number };

/** A parsed latency table: network rows (longest prefix first) and place rows keyed by "client region". */
export type LatencyTable = { readonly networks: readonly NetworkRow[]; readonly places: ReadonlyMap<string, number>; readonly rows: number };

/** Thrown for a bad table; the message is `FILE:LINE: reason`. */
export class LatencyTableError extends Error {
  override name = 'LatencyTableError';
}

/** Returns the table in `text` (the contents of `file`, named in errors). */
export function parseLatencyTable(text: string, file: string): LatencyTable {
  const networks: NetworkRow[] = [];
  const places = new Map<string, number>();
  const seen = new Set<string>();
  let rows = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const fail = (reason: string): never => { throw new LatencyTableError(`${file}:${i + 1}: ${reason}`); };
    if (line === '' || line.startsWith('#')) return;
    if (rows === 0 && i === firstContentLine(text) && /^client\s*,\s*region\s*,\s*ms$/i.test(line)) return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 3) fail(`expected 3 comma-separated fields (client,region,ms), found ${cells.length}`);
    const [client, region, msText] = cells as [string, string, string];
    if (REGIONS[region] === undefined) fail(`unknown region "${region}"`);
    const ms = /^\d+(\.\d+)?$/.test(msText) ? Number(msText) : NaN;
    if (!Number.isFinite(ms)) fail(`latency "${msText}" is not a non-negative number of milliseconds`);
    const key = `${normaliseClient(client, fail)} ${region}`;
    if (seen.has(key)) fail(`a second row for client ${client} and region ${region}`);
    seen.add(key);
    rows++;
    if (client.includes('/')) networks.push({ ...parseNetwork(client, fail), region, ms });
    else places.set(key, ms);
  });
  networks.sort((a, b) => b.prefix - a.prefix);
  return Object.freeze({ networks, places, rows });
}

function firstContentLine(text: string): number {
  const lines = text.split(/\r?\n/);
  return lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** Returns the client's key as place rows are looked up ("country:US-VA", "country:DE", "continent:EU", "*"), or the CIDR. */
function normaliseClient(client: string, fail: (r: string) => never): string {
  if (client === '*' || client.includes('/')) return client.toLowerCase();
  const m = /^(continent|country):([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/i.exec(client);
  if (!m) return fail(`client "${client}" is not a network (CIDR), continent:CODE, country:CODE, country:CODE-SUBDIVISION or *`);
  const kind = m[1]!.toLowerCase();
  const code = m[2]!.toUpperCase();
  const sub = m[3]?.toUpperCase();
  if (kind === 'continent') {
    if (sub !== undefined || CONTINENTS[code] === undefined) fail(`unknown continent "${client.slice(10)}" (continents are ${Object.keys(CONTINENTS).join(', ')})`);
    return `continent:${code}`;
  }
  if (!geoLocationExists({ countryCode: code, ...(sub !== undefined ? { subdivisionCode: sub } : {}) })) fail(`unknown ${sub ? 'subdivision' : 'country'} "${client.slice(8)}"`);
  return sub ? `country:${code}-${sub}` : `country:${code}`;
}

function parseNetwork(text: string, fail: (r: string) => never): { family: 4 | 6; bytes: Uint8Array; prefix: number } {
  const [addr, len] = text.split('/') as [string, string];
  const bytes = new Uint8Array(16);
  const family = parseAddress(addr, bytes);
  if (family === 0 || (family === 4 && addr.includes(':'))) fail(`"${text}" is not an IPv4 or IPv6 network`);
  const max = family === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= max)) fail(`"${text}": prefix length must be 0 to ${max}`);
  for (let bit = prefix; bit < max; bit++) {
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) fail(`"${text}" has bits set after /${prefix}`);
  }
  return { family: family as 4 | 6, bytes, prefix };
}

/** Returns whether `address` (of `family`) lies in `row`'s network. */
export function inNetwork(row: NetworkRow, family: 4 | 6, address: Uint8Array): boolean {
  if (row.family !== family) return false;
  const whole = row.prefix >> 3;
  for (let i = 0; i < whole; i++) if (row.bytes[i] !== address[i]) return false;
  const rest = row.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (row.bytes[whole]! & mask) === (address[whole]! & mask);
}
