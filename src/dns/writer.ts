/**
 * A message writer over one reusable buffer, with RFC 1035 4.1.4 name compression.
 *
 * Shared contract: every `write*` returns false (and writes nothing useful) when the bytes would
 * pass `limit`; callers roll back to a saved position with `rewind`. No exceptions on the hot path.
 */
import type { Name } from './name.ts';

/** Writer state; `comp` maps a lower-cased name suffix (latin1 wire string) to its offset. */
export type Writer = {
  buf: Uint8Array;
  view: DataView;
  pos: number;
  limit: number;
  comp: Map<string, number>;
};

/** Returns a writer over a new buffer of `capacity` bytes. */
export function createWriter(capacity = 65535): Writer {
  const buf = new Uint8Array(capacity);
  return { buf, view: new DataView(buf.buffer), pos: 0, limit: capacity, comp: new Map() };
}

/** Resets a writer for a new message of at most `limit` bytes. */
export function resetWriter(w: Writer, limit: number): void {
  w.pos = 0;
  w.limit = Math.min(limit, w.buf.length);
  w.comp.clear();
}

/** Moves the write position back to `pos`, forgetting compression targets written after it. */
export function rewind(w: Writer, pos: number): void {
  if (pos >= w.pos) return;
  w.pos = pos;
  for (const [k, off] of w.comp) if (off >= pos) w.comp.delete(k);
}

export function writeU8(w: Writer, v: number): boolean {
  if (w.pos + 1 > w.limit) return false;
  w.buf[w.pos++] = v;
  return true;
}

export function writeU16(w: Writer, v: number): boolean {
  if (w.pos + 2 > w.limit) return false;
  w.view.setUint16(w.pos, v);
  w.pos += 2;
  return true;
}

export function writeU32(w: Writer, v: number): boolean {
  if (w.pos + 4 > w.limit) return false;
  w.view.setUint32(w.pos, v >>> 0);
  w.pos += 4;
  return true;
}

export function writeBytes(w: Writer, b: Uint8Array): boolean {
  if (w.pos + b.length > w.limit) return false;
  w.buf.set(b, w.pos);
  w.pos += b.length;
  return true;
}

function suffixKey(name: Name, from: number): string {
  let s = '';
  for (let i = from; i < name.length; i++) {
    const b = name[i]!;
    s += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  }
  return s;
}

/**
 * Writes a name, compressed against names written before when `compress` is true, and records
 * its suffixes as targets (offsets below 0x4000 only). Returns false when it does not fit.
 */
export function writeName(w: Writer, name: Name, compress: boolean): boolean {
  const start = w.pos;
  let i = 0;
  while (name[i] !== 0) {
    const key = suffixKey(name, i);
    if (compress) {
      const target = w.comp.get(key);
      if (target !== undefined) {
        if (w.pos + 2 > w.limit) { rewind(w, start); return false; }
        w.view.setUint16(w.pos, 0xc000 | target);
        w.pos += 2;
        return true;
      }
    }
    const len = name[i]!;
    if (w.pos + 1 + len > w.limit) { rewind(w, start); return false; }
    if (w.pos < 0x4000 && !w.comp.has(key)) w.comp.set(key, w.pos);
    w.buf.set(name.subarray(i, i + 1 + len), w.pos);
    w.pos += 1 + len;
    i += 1 + len;
  }
  if (w.pos + 1 > w.limit) { rewind(w, start); return false; }
  w.buf[w.pos++] = 0;
  return true;
}

/** Records the name at `offset` (already in the buffer, uncompressed) as compression targets. */
export function noteName(w: Writer, name: Name, offset: number): void {
  let i = 0;
  while (name[i] !== 0 && offset + i < 0x4000) {
    const key = suffixKey(name, i);
    if (!w.comp.has(key)) w.comp.set(key, offset + i);
    i += 1 + name[i]!;
  }
}
