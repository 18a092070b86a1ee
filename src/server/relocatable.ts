/**
 * Relocatable responses for names that do not exist in a zone (NXDOMAIN, and answers synthesized
 * from a wildcard). Every such qname below one closest encloser gets the same response but for
 * the question; only the compression pointers move. A template keeps the header, the bytes after
 * the question, and where each pointer must point once a question of another length is in place:
 * at the qname itself, at a suffix of the qname shared by all those names (the closest encloser
 * and above), or inside the tail.
 */
import type { Writer } from '../dns/index.ts';

export type Template = {
  header: Uint8Array;
  tail: Uint8Array;
  /** Triples: position in tail, kind (0 qname start, 1 distance back from the qname's end, 2 tail offset), value. */
  fixups: Int32Array;
};

/**
 * Builds a template from the response just written in `w` for a question that ended at
 * `qnameEnd`/`questionEnd`, whose last `sharedLength` qname bytes are common to every name the
 * template will serve. Returns undefined when some pointer depends on the rest of the qname.
 */
export function makeTemplate(w: Writer, length: number, qnameEnd: number, questionEnd: number, sharedLength: number): Template | undefined {
  if (w.pointerCount * 2 >= w.pointers.length) return undefined; // the pointer log overflowed
  const sharedStart = qnameEnd - sharedLength;
  const fixups: number[] = [];
  for (let i = 0; i < w.pointerCount; i++) {
    const pos = w.pointers[i * 2]!;
    const target = w.pointers[i * 2 + 1]!;
    if (pos < questionEnd) continue;
    // Pointers at 12 were written only for owners that are the qname (encode-answer.ts), and
    // other pointers into the question only at its shared suffix; anything else is refused.
    if (target >= questionEnd) fixups.push(pos - questionEnd, 2, target - questionEnd);
    else if (target === 12) fixups.push(pos - questionEnd, 0, 0);
    else if (target >= sharedStart && target < qnameEnd) fixups.push(pos - questionEnd, 1, qnameEnd - target);
    else return undefined;
  }
  return { header: w.buf.slice(0, 12), tail: w.buf.slice(questionEnd, length), fixups: Int32Array.from(fixups) };
}

/**
 * Writes the template's response for this question into `out` at 0; returns the length, or -1
 * when a pointer would have to reach past 0x3fff (a long qname moved its target out of reach).
 */
export function applyTemplate(t: Template, out: Uint8Array, msg: Uint8Array, qnameEnd: number, questionEnd: number): number {
  out.set(t.header, 0);
  for (let i = 12; i < questionEnd; i++) out[i] = msg[i]!;
  out.set(t.tail, questionEnd);
  const f = t.fixups;
  for (let i = 0; i < f.length; i += 3) {
    const pos = questionEnd + f[i]!;
    const kind = f[i + 1]!;
    const target = kind === 0 ? 12 : kind === 1 ? qnameEnd - f[i + 2]! : questionEnd + f[i + 2]!;
    if (target > 0x3fff) return -1;
    out[pos] = 0xc0 | (target >> 8);
    out[pos + 1] = target & 0xff;
  }
  return questionEnd + t.tail.length;
}
