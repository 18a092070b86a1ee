/**
 * SvcParam keys and values (RFC 9460 7, 14.3.2; dohpath RFC 9461 5; ohttp RFC 9540 4): for each
 * key, its presentation name, text parser, wire check and canonical text form.
 *
 * Shared contract: `fromText` gets the raw presentation value (escapes unresolved, quotes
 * removed; undefined when there was no `=`) and throws TextError; `check` returns why a wire
 * value is malformed, or undefined; `toText` takes a checked value and returns its presentation
 * value, or undefined when the key is printed alone.
 */
import { TextError } from '../wire-error.ts';
import { base64ToBytes, bytesToBase64 } from './base-encoding.ts';
import { bytesToQuoted, formatIPv6, parseIPv4, parseIPv6, parseUint, textToBytes } from './presentation.ts';

/** The registered SvcParamKeys we know by name. */
export const SvcParamKey = {
  mandatory: 0, alpn: 1, 'no-default-alpn': 2, port: 3, ipv4hint: 4, ech: 5, ipv6hint: 6, dohpath: 7, ohttp: 8,
} as const;

/** key65535 is reserved as "Invalid key" (RFC 9460 14.3.2). */
export const INVALID_KEY = 65535;

const keyNames = new Map<number, string>(Object.entries(SvcParamKey).map(([k, v]) => [v, k]));

/** Returns the presentation name of a key: its mnemonic, or keyNNNNN (RFC 9460 2.1). */
export function svcParamKeyToText(key: number): string {
  return keyNames.get(key) ?? `key${key}`;
}

/** Returns the number of a presentation key name (lower case only, RFC 9460 2.1). */
export function svcParamKeyFromText(text: string): number {
  const known = (SvcParamKey as Record<string, number>)[text];
  if (known !== undefined) return known;
  const m = /^key(0|[1-9]\d{0,4})$/.exec(text);
  if (!m) throw new TextError(`unknown SvcParamKey "${text}"`);
  const n = Number(m[1]);
  if (n > INVALID_KEY) throw new TextError(`SvcParamKey ${text} is out of range (key0-key65534)`);
  if (n === INVALID_KEY) throw new TextError('SvcParamKey key65535 is reserved (RFC 9460 14.3.2)');
  return n;
}

type ValueCodec = {
  fromText(raw: string | undefined): number[];
  check(v: Uint8Array): string | undefined;
  toText(v: Uint8Array): string | undefined;
};

/** Returns the raw value of a key whose value must be present and free of escapes (RFC 9460 7). */
function plainValue(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw new TextError('missing value');
  if (raw.includes('\\')) throw new TextError(`value "${raw}" must not contain escapes`);
  return raw;
}

/** Splits a plain comma-separated list; empty items are an error. */
function plainList(raw: string | undefined): string[] {
  const items = plainValue(raw).split(',');
  if (items.some((x) => x === '')) throw new TextError(`empty item in list "${raw}"`);
  return items;
}

/**
 * Decodes a value-list (RFC 9460 A.1): first the character-string escapes, then `\,` and `\\`
 * inside items; a bare `,` separates items, which must not be empty.
 */
export function parseValueList(raw: string): number[][] {
  const bytes = textToBytes(raw);
  const items: number[][] = [[]];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x2c) { items.push([]); continue; }
    if (b === 0x5c) {
      const next = bytes[++i];
      if (next !== 0x2c && next !== 0x5c) throw new TextError(`bad escape in value list "${raw}" (only \\, and \\\\)`);
      items.at(-1)!.push(next);
      continue;
    }
    items.at(-1)!.push(b);
  }
  if (items.some((x) => x.length === 0)) throw new TextError(`empty item in value list "${raw}"`);
  return items;
}

/** Returns the quoted presentation form of a value-list (RFC 9460 A.1, then RFC 1035 5.1). */
export function formatValueList(items: Uint8Array[]): string {
  const joined: number[] = [];
  items.forEach((item, n) => {
    if (n > 0) joined.push(0x2c);
    for (const b of item) {
      if (b === 0x2c || b === 0x5c) joined.push(0x5c);
      joined.push(b);
    }
  });
  return bytesToQuoted(Uint8Array.from(joined));
}

const u16s = (v: Uint8Array) => Array.from({ length: v.length / 2 }, (_, i) => (v[2 * i]! << 8) | v[2 * i + 1]!);

const mandatory: ValueCodec = {
  fromText(raw) {
    const keys = plainList(raw).map(svcParamKeyFromText).sort((a, b) => a - b);
    if (keys.includes(SvcParamKey.mandatory)) throw new TextError('mandatory must not list itself');
    if (keys.some((k, i) => i > 0 && keys[i - 1] === k)) throw new TextError(`mandatory lists a key twice: "${raw}"`);
    return keys.flatMap((k) => [k >> 8, k & 0xff]);
  },
  check(v) {
    if (v.length === 0 || v.length % 2 !== 0) return 'mandatory value is not a non-empty list of 2-byte keys';
    const keys = u16s(v);
    if (keys.some((k, i) => i > 0 && k <= keys[i - 1]!)) return 'mandatory keys are not in strictly ascending order';
    if (keys.includes(SvcParamKey.mandatory)) return 'mandatory lists itself';
    return undefined;
  },
  toText: (v) => u16s(v).map(svcParamKeyToText).join(','),
};

const alpn: ValueCodec = {
  fromText(raw) {
    if (raw === undefined || raw === '') throw new TextError('missing value');
    const ids = parseValueList(raw);
    if (ids.some((id) => id.length > 255)) throw new TextError('alpn-id longer than 255 bytes');
    return ids.flatMap((id) => [id.length, ...id]);
  },
  check(v) {
    if (v.length === 0) return 'alpn value is empty';
    for (let i = 0; i < v.length; i += 1 + v[i]!) {
      if (v[i] === 0) return 'empty alpn-id';
      if (i + 1 + v[i]! > v.length) return 'alpn-id runs past the end of the value';
    }
    return undefined;
  },
  toText(v) {
    const ids: Uint8Array[] = [];
    for (let i = 0; i < v.length; i += 1 + v[i]!) ids.push(v.subarray(i + 1, i + 1 + v[i]!));
    return formatValueList(ids);
  },
};

/** A key that takes no value (no-default-alpn, ohttp). */
const flag: ValueCodec = {
  fromText(raw) {
    if (raw !== undefined && raw !== '') throw new TextError(`takes no value, got "${raw}"`);
    return [];
  },
  check: (v) => (v.length === 0 ? undefined : 'value must be empty'),
  toText: () => undefined,
};

const port: ValueCodec = {
  fromText(raw) {
    const n = parseUint(plainValue(raw), 0xffff, 'port');
    return [n >> 8, n & 0xff];
  },
  check: (v) => (v.length === 2 ? undefined : 'port value is not 2 bytes'),
  toText: (v) => String((v[0]! << 8) | v[1]!),
};

const addressHint = (size: 4 | 16): ValueCodec => ({
  fromText: (raw) => plainList(raw).flatMap(size === 4 ? parseIPv4 : parseIPv6),
  check: (v) => (v.length > 0 && v.length % size === 0 ? undefined : `value is not a non-empty list of ${size}-byte addresses`),
  toText(v) {
    const out: string[] = [];
    for (let i = 0; i < v.length; i += size) {
      const a = v.subarray(i, i + size);
      out.push(size === 4 ? a.join('.') : formatIPv6(a));
    }
    return out.join(',');
  },
});

const ech: ValueCodec = {
  fromText(raw) {
    const bytes = base64ToBytes(plainValue(raw));
    if (bytes.length === 0) throw new TextError('missing value');
    return Array.from(bytes);
  },
  check: (v) => (v.length > 0 ? undefined : 'ech value is empty'),
  toText: (v) => bytesToBase64(v),
};

const dohpath: ValueCodec = {
  fromText(raw) {
    if (raw === undefined || raw === '') throw new TextError('missing value');
    return textToBytes(raw);
  },
  check: (v) => (v.length > 0 ? undefined : 'dohpath value is empty'),
  toText: (v) => bytesToQuoted(v),
};

/** Keys we do not know: the value is opaque bytes (RFC 9460 2.1). */
const opaque: ValueCodec = {
  fromText: (raw) => (raw === undefined ? [] : textToBytes(raw)),
  check: () => undefined,
  toText: (v) => (v.length === 0 ? undefined : bytesToQuoted(v)),
};

const codecs = new Map<number, ValueCodec>([
  [SvcParamKey.mandatory, mandatory], [SvcParamKey.alpn, alpn], [SvcParamKey['no-default-alpn'], flag],
  [SvcParamKey.port, port], [SvcParamKey.ipv4hint, addressHint(4)], [SvcParamKey.ech, ech],
  [SvcParamKey.ipv6hint, addressHint(16)], [SvcParamKey.dohpath, dohpath], [SvcParamKey.ohttp, flag],
]);

/** Returns the value codec of a key (opaque for keys without a name). */
export function svcValueCodec(key: number): ValueCodec {
  return codecs.get(key) ?? opaque;
}

/**
 * Returns why a record's set of keys is not self-consistent (RFC 9460 2.4.3), or undefined:
 * every key that mandatory lists must be present, and no-default-alpn needs alpn (7.1.1).
 */
export function checkParamSet(keys: number[], mandatoryValue: Uint8Array | undefined): string | undefined {
  for (const k of mandatoryValue ? u16s(mandatoryValue) : []) {
    if (!keys.includes(k)) return `mandatory lists ${svcParamKeyToText(k)}, which the record does not have`;
  }
  if (keys.includes(SvcParamKey['no-default-alpn']) && !keys.includes(SvcParamKey.alpn)) {
    return 'no-default-alpn without alpn (RFC 9460 7.1.1)';
  }
  return undefined;
}
