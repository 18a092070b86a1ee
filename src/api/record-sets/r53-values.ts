/**
 * ResourceRecord `Value`s (route53.md 3.1) <-> canonical rdata (hex, as RecordSetRow.rdata).
 *
 * In: Route 53's `\ooo` octal escapes become RFC 1035 decimal `\DDD` escapes, the value is split
 * into tokens and parsed by dns/ with the root as origin, so names may omit the trailing dot.
 * Out: dns/ prints the rdata and decimal escapes turn back into octal ones. Values are therefore
 * normalised (`2001:DB8::0:1` lists as `2001:db8::1`, names gain their trailing dot); Route 53
 * itself echoes most values as sent.
 *
 * Before dns/ sees a value, the checks Route 53 reports with its own codes run here: the address
 * of A and AAAA, the number of fields, the names inside the value, quoted TXT and SPF strings.
 */
import { ROOT, RRType, TextError, rdataFromText, rdataToText, rrTypeToString, type Token } from '../../dns/index.ts';
import { bytesToHex, hexToBytes } from '../../dns/rdata/base-encoding.ts';
import { tokenizeRdata } from '../../dns/rdata/index.ts';
import { FatalProblem, unsupportedCharacter } from './fatal-problem.ts';
import { parseR53Name, readEscape } from './r53-names.ts';

/** Types whose whole value is one domain name. */
const NAME_ONLY = new Set<number>([RRType.CNAME, RRType.NS, RRType.PTR]);

/** Field counts: exact for most types, a minimum where the last field may be split (hex, params). */
const FIELDS: Partial<Record<number, { n: number; exact: boolean }>> = {
  [RRType.MX]: { n: 2, exact: true }, [RRType.SRV]: { n: 4, exact: true }, [RRType.SOA]: { n: 7, exact: true },
  [RRType.CAA]: { n: 3, exact: true }, [RRType.NAPTR]: { n: 6, exact: true }, [RRType.DS]: { n: 4, exact: false },
  [RRType.SSHFP]: { n: 3, exact: false }, [RRType.TLSA]: { n: 4, exact: false }, [RRType.SVCB]: { n: 2, exact: false },
  [RRType.HTTPS]: { n: 2, exact: false },
};

/** Token positions that hold a domain name. */
const NAMES_AT: Partial<Record<number, number[]>> = {
  [RRType.MX]: [1], [RRType.SRV]: [3], [RRType.SOA]: [0, 1], [RRType.NAPTR]: [5], [RRType.SVCB]: [1], [RRType.HTTPS]: [1],
};

const WORDS = ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'];

/** Returns `text` with Route 53 `\ooo` escapes rewritten as RFC 1035 `\DDD`; other escapes kept. */
export function octalToDecimalEscapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    if (text[i] !== '\\') {
      out += text[i++];
      continue;
    }
    const e = readEscape(text, i);
    out += e.length === 4 ? '\\' + String(e.byte).padStart(3, '0') : text.substring(i, i + 2);
    i += e.length;
  }
  return out;
}

/** Returns `text` (dns/ output) with RFC 1035 `\DDD` escapes rewritten as Route 53 `\ooo`. */
export function decimalToOctalEscapes(text: string): string {
  return text.replace(/\\(\d{3}|[^])/g, (all, body: string) =>
    body.length === 3 ? '\\' + Number(body).toString(8).padStart(3, '0') : all);
}

/** Returns the canonical rdata of a Route 53 value of `type`; throws FatalProblem. */
export function r53ValueToRdata(type: number, value: string): Uint8Array {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw unsupportedCharacter(value);
  }
  // Route 53 reads these as one name: a space in them is a character, not a separator.
  if (NAME_ONLY.has(type)) return parseR53Name(value);
  const t = rrTypeToString(type);
  let tokens: Token[];
  try {
    tokens = tokenizeRdata(value);
  } catch (e) {
    if (!(e instanceof TextError)) throw e;
    if (type === RRType.TXT || type === RRType.SPF) throw invalidTxt(value);
    throw new FatalProblem(`${t}RRDATAIllegalValue`, capitalise(e.message), value);
  }
  checkShape(type, t, value, tokens);
  const converted = tokens.map((tok, i) => {
    const text = octalToDecimalEscapes(tok.text);
    // `@` is the origin in RFC 1035 text; to Route 53 it is an ordinary character.
    return { text: text === '@' && NAMES_AT[type]?.includes(i) ? '\\064' : text, quoted: tok.quoted };
  });
  try {
    return rdataFromText(type, converted, ROOT);
  } catch (e) {
    if (!(e instanceof TextError)) throw e;
    if (type === RRType.A) throw badIPv4(value);
    if (type === RRType.AAAA) throw badIPv6(value);
    throw new FatalProblem(`${t}RRDATAIllegalValue`, capitalise(e.message), value);
  }
}

/** Runs the checks Route 53 names with its own codes; throws FatalProblem. */
function checkShape(type: number, t: string, value: string, tokens: Token[]): void {
  if (type === RRType.A && tokens.length !== 1) throw badIPv4(value);
  if (type === RRType.AAAA && tokens.length !== 1) throw badIPv6(value);
  if (type === RRType.TXT || type === RRType.SPF) {
    if (tokens.length === 0 || tokens.some((x) => !x.quoted)) throw invalidTxt(value);
    for (const x of tokens) {
      let bytes = 0;
      for (let i = 0; i < x.text.length; bytes++) i += x.text[i] === '\\' ? readEscape(x.text, i).length : 1;
      if (bytes > 255) throw new FatalProblem('TXTRDATATooLong', 'Character string is longer than 255 characters', value);
    }
  }
  const f = FIELDS[type];
  if (f && (f.exact ? tokens.length !== f.n : tokens.length < f.n)) {
    throw f.exact
      ? new FatalProblem(`${t}RRDATANot${WORDS[f.n]}Fields`, `${t} record doesn't have ${f.n} fields`, value)
      : new FatalProblem(`${t}RRDATATooFewFields`, `${t} record doesn't have at least ${f.n} fields`, value);
  }
  for (const i of NAMES_AT[type] ?? []) {
    const tok = tokens[i];
    if (tok && !tok.quoted) parseR53Name(tok.text);
  }
}

const badIPv4 = (v: string) => new FatalProblem('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', v);
const badIPv6 = (v: string) => new FatalProblem('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', v);
const invalidTxt = (v: string) => new FatalProblem('InvalidCharacterString', 'Value should be enclosed in quotation marks', v);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Returns the Route 53 text of canonical rdata of `type`. */
export function rdataToR53Value(type: number, rdata: Uint8Array): string {
  return decimalToOctalEscapes(rdataToText(type, rdata));
}

/** Returns the canonical rdata hex (RecordSetRow.rdata) of a Route 53 value; throws FatalProblem. */
export function r53ValueToHex(type: number, value: string): string {
  return bytesToHex(r53ValueToRdata(type, value));
}

/** Returns the Route 53 text of stored rdata hex. */
export function hexToR53Value(type: number, hex: string): string {
  return rdataToR53Value(type, hexToBytes(hex));
}
