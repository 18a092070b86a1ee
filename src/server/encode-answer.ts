/**
 * Encodes an engine Answer as a response template: header (ID 0, RD/CD clear), the query's own
 * question bytes, then the sections with name compression. The OPT record is not part of the
 * template; the responder stamps the ID and flags and appends OPT per query.
 *
 * Truncation (RFC 2181 9, RFC 1035 4.2.1): when the answer or authority section does not fit,
 * the template keeps only the question and sets TC. Additional RRsets that do not fit are left
 * out whole without TC, except in a referral, whose glue a resolver needs to go on (RFC 9471):
 * there TC is set.
 *
 * For a question about a name that does not exist, the response becomes a relocatable template
 * (relocatable.ts) reused for other names under the same closest encloser. Its names may then
 * point only at the part of the qname those names share (`sharedFrom`) or at the qname as a
 * whole, and only where the qname itself is the owner; so zone data that happens to spell the
 * first qname is never compressed against it.
 */
import { RRClass, noteName, resetWriter, rewind, writeName, writeRdata, writeU16, writeU32, type Name, type Writer } from '../dns/index.ts';
import type { Answer, Placed } from '../answer/lookup.ts';
import type { ParsedQuery } from './query.ts';

function writeOwner(w: Writer, p: Placed, qname: Name | undefined): boolean {
  if (p.owner !== qname) return writeName(w, p.owner, true);
  // The qname itself: a pointer to the question (offset 12), logged for relocation.
  if (w.pos + 2 > w.limit) return false;
  w.view.setUint16(w.pos, 0xc00c);
  if (w.pointerCount * 2 < w.pointers.length) {
    w.pointers[w.pointerCount * 2] = w.pos;
    w.pointers[w.pointerCount * 2 + 1] = 12;
    w.pointerCount++;
  }
  w.pos += 2;
  return true;
}

function writeSet(w: Writer, p: Placed, qname: Name | undefined): boolean {
  const set = p.set;
  for (const rdata of set.rdatas) {
    if (!(writeOwner(w, p, qname) && writeU16(w, set.type) && writeU16(w, RRClass.IN) &&
      writeU32(w, p.ttl) && writeRdata(w, set.type, rdata))) return false;
  }
  return true;
}

/** How the question may be compressed against: all of it, or for templates only its shared suffix. */
export type QuestionTargets = { qname: Name; sharedFrom: number } | undefined;

/**
 * Writes the response template for `a` into `w` (at most `limit` bytes); returns its length.
 * With `template`, `template.qname` must be the very Name object the answer's qname owners use.
 */
export function encodeAnswer(w: Writer, msg: Uint8Array, q: ParsedQuery, a: Answer, limit: number, template?: QuestionTargets): number {
  resetWriter(w, limit);
  const buf = w.buf;
  const flags = 0x8000 | (q.opcode << 11) | (a.aa ? 0x0400 : 0) | (a.rcode & 0xf);
  w.view.setUint32(0, flags); // ID 0, flags
  w.view.setUint32(4, 0x00010000); // QDCOUNT 1, ANCOUNT 0
  w.view.setUint32(8, 0);
  buf.set(msg.subarray(12, q.questionEnd), 12);
  w.pos = q.questionEnd;
  if (template) noteName(w, msg.subarray(template.sharedFrom, q.qnameEnd), template.sharedFrom);
  else noteName(w, msg.subarray(12, q.qnameEnd), 12);
  const qname = template?.qname;
  const afterQuestion = w.pos;
  let an = 0;
  let ns = 0;
  let ar = 0;
  for (const p of a.answer) {
    if (!writeSet(w, p, qname)) return truncate(w, afterQuestion);
    an += p.set.rdatas.length;
  }
  for (const p of a.authority) {
    if (!writeSet(w, p, qname)) return truncate(w, afterQuestion);
    ns += p.set.rdatas.length;
  }
  for (const p of a.additional) {
    const before = w.pos;
    if (!writeSet(w, p, qname)) {
      if (a.outcome === 'delegation') return truncate(w, afterQuestion);
      rewind(w, before);
      break;
    }
    ar += p.set.rdatas.length;
  }
  w.view.setUint16(6, an);
  w.view.setUint16(8, ns);
  w.view.setUint16(10, ar);
  return w.pos;
}

function truncate(w: Writer, afterQuestion: number): number {
  rewind(w, afterQuestion);
  w.view.setUint16(2, w.view.getUint16(2) | 0x0200);
  w.view.setUint32(6, 0);
  w.view.setUint16(10, 0);
  return w.pos;
}
