/**
 * Hex (RFC 4648 8) and base64 (RFC 4648 4) for record data, on plain Uint8Array (dns/ uses no
 * Node-only byte types). Decoders throw TextError: their input is always presentation text.
 */
import { TextError } from '../wire-error.ts';

const HEX_DIGITS = '0123456789abcdef';
const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map<string, number>([...B64_ALPHABET].map((ch, i) => [ch, i]));

/** Returns the lower-case hex digits of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 0xf]!;
  return s;
}

/** Returns the bytes of an even number of hex digits (either case). */
export function hexToBytes(text: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) {
    throw new TextError(`"${clip(text)}" is not an even number of hex digits`);
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substring(i * 2, i * 2 + 2), 16);
  return out;
}

/** Returns the padded base64 form of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    s += B64_ALPHABET[n >> 18]! + B64_ALPHABET[(n >> 12) & 63]!;
    s += left > 1 ? B64_ALPHABET[(n >> 6) & 63]! : '=';
    s += left > 2 ? B64_ALPHABET[n & 63]! : '=';
  }
  return s;
}

/**
 * Returns the bytes of padded base64 text. The length must be a multiple of 4 and `=` may only
 * end the text; as RFC 4648 3.5 allows, unused bits in the last group are ignored.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new TextError(`"${clip(text)}" is not base64`);
  }
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (B64_INDEX.get(text[i + j]!) ?? 0);
    // Only the last group is short, so stopping at out.length drops exactly the padding.
    for (const b of [n >> 16, (n >> 8) & 0xff, n & 0xff]) if (o < out.length) out[o++] = b;
  }
  return out;
}

function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '...' : text;
}
