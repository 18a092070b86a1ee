/**
 * A message writer over one reusable buffer, with RFC 1035 4.1.4 name compression.
 *
 * Shared contract: every `write*` returns false (and writes nothing useful) when the bytes would
 * pass `limit`; callers roll back to a saved position with `rewind`. No exceptions on the hot path.
 */
import type { Name } from './name.ts';

/**
 * Writer state. `targets` holds the offsets of labels written uncompressed (below 0x4000): the
 * places a later name may point at. Matching walks the bytes already written, so writing a name
 * allocates nothing.
 */
export type Writer = {
  buf: Uint8Array;
  view: DataView;
  pos: number;
  limit: number;
  targets: Int32Array;
  targetCount: number;
  /** Pointers written: pairs of (position, target), so a caller can relocate a message. */
  pointers: Int32Array;
  pointerCount: number;
};

/** Most compression targets remembered per message; later labels are simply not targets. */
const MAX_TARGETS = 512;

/** Returns a writer over a new buffer of `capacity` bytes. */
export function createWriter(capacity = 65535): Writer {
  const buf = new Uint8Array(capacity);
  return { buf, view: new DataView(buf.buffer), pos: 0, limit: capacity, targets: new Int32Array(MAX_TARGETS), targetCount: 0,
    pointers: new Int32Array(MAX_TARGETS * 2), pointerCount: 0 };
}

/** Resets a writer for a new message of at most `limit` bytes. */
export function resetWriter(w: Writer, limit: number): void {
  w.pos = 0;
  w.limit = Math.min(limit, w.buf.length);
  w.targetCount = 0;
  w.pointerCount = 0;
}

/** Moves the write position back to `pos`, forgetting compression targets written after it. */
export function rewind(w: Writer, pos: number): void {
  if (pos >= w.pos) return;
  w.pos = pos;
  while (w.targetCount > 0 && w.targets[w.targetCount - 1]! >= pos) w.targetCount--;
  while (w.pointerCount > 0 && w.pointers[w.pointerCount * 2 - 2]! >= pos) w.pointerCount--;
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

const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

/** True when the name in `buf` at `at` (possibly compressed) equals `name` from label `i` on. */
function sameSuffix(buf: Uint8Array, at: number, name: Name, i: number): boolean {
  for (let hops = 0; hops < 128; hops++) {
    let len = buf[at]!;
    while ((len & 0xc0) === 0xc0) {
      at = ((len & 0x3f) << 8) | buf[at + 1]!;
      len = buf[at]!;
    }
    if (len !== name[i]) return false;
    if (len === 0) return true;
    for (let k = 1; k <= len; k++) if (lower(buf[at + k]!) !== lower(name[i + k]!)) return false;
    at += 1 + len;
    i += 1 + len;
  }
  return false;
}

function findTarget(w: Writer, name: Name, i: number): number {
  for (let t = 0; t < w.targetCount; t++) {
    const off = w.targets[t]!;
    if (sameSuffix(w.buf, off, name, i)) return off;
  }
  return -1;
}

function addTarget(w: Writer, off: number): void {
  if (off < 0x4000 && w.targetCount < MAX_TARGETS) w.targets[w.targetCount++] = off;
}

/**
 * Writes a name, compressed against names written before when `compress` is true, and records
 * its labels as targets. Returns false (writing nothing) when it does not fit. The name may
 * start at offset `from` of a larger array (uncompressed, as in canonical rdata).
 */
export function writeName(w: Writer, name: Name, compress: boolean, from = 0): boolean {
  const start = w.pos;
  // Labels of this name become targets only once the whole name is written: compared against
  // itself half-written, a suffix would be matched with bytes not yet written (a pointer loop).
  let pending = 0;
  let i = from;
  while (name[i] !== 0) {
    if (compress) {
      const target = findTarget(w, name, i);
      if (target >= 0) {
        if (w.pos + 2 > w.limit) { rewind(w, start); return false; }
        w.view.setUint16(w.pos, 0xc000 | target);
        if (w.pointerCount < MAX_TARGETS) {
          w.pointers[w.pointerCount * 2] = w.pos;
          w.pointers[w.pointerCount * 2 + 1] = target;
          w.pointerCount++;
        }
        w.pos += 2;
        w.targetCount += pending;
        return true;
      }
    }
    const len = name[i]!;
    if (w.pos + 1 + len > w.limit) { rewind(w, start); return false; }
    if (w.pos < 0x4000 && w.targetCount + pending < MAX_TARGETS) w.targets[w.targetCount + pending++] = w.pos;
    w.buf.set(name.subarray(i, i + 1 + len), w.pos);
    w.pos += 1 + len;
    i += 1 + len;
  }
  if (w.pos + 1 > w.limit) { rewind(w, start); return false; }
  w.buf[w.pos++] = 0;
  w.targetCount += pending;
  return true;
}

/** Records the name already in the buffer at `offset` (uncompressed) as compression targets. */
export function noteName(w: Writer, name: Name, offset: number): void {
  for (let i = 0; name[i] !== 0; i += 1 + name[i]!) addTarget(w, offset + i);
}
