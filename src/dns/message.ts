/**
 * Whole DNS messages (RFC 1035 4.1): header, question, answer, authority, additional; the OPT
 * pseudo-record (RFC 6891) is lifted out of the additional section into `edns`.
 *
 * This is the general codec, used by tests, tools and the server's slow path; the server's hot
 * path reads queries with `query.ts` and writes answers from pre-encoded bytes.
 */
import { RRType } from './constants.ts';
import { readEdnsOptions, type Edns } from './edns.ts';
import { readName, type Name } from './name.ts';
import { rdataFromWire, writeRdata } from './rdata/index.ts';
import { WireError } from './wire-error.ts';
import { createWriter, resetWriter, rewind, writeName, writeU8, writeU16, writeU32, writeBytes, type Writer } from './writer.ts';

export type Question = { name: Name; type: number; class: number };
export type ResourceRecord = { name: Name; type: number; class: number; ttl: number; rdata: Uint8Array };

/** A decoded message. `flags` is the whole second header word minus opcode and rcode bits. */
export type Message = {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  /** Full rcode: header 4 bits plus the EDNS extended bits. */
  rcode: number;
  questions: Question[];
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  edns: Edns | undefined;
};

/** Returns an empty message with the given id. */
export function emptyMessage(id = 0): Message {
  return {
    id, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false,
    rcode: 0, questions: [], answers: [], authority: [], additional: [], edns: undefined,
  };
}

/** Decodes a message; throws WireError on anything malformed (including trailing bytes). */
export function decodeMessage(msg: Uint8Array): Message {
  if (msg.length < 12) throw new WireError('message shorter than its 12-byte header', 0);
  const u16 = (p: number) => (msg[p]! << 8) | msg[p + 1]!;
  const flags = u16(2);
  const m = emptyMessage(u16(0));
  m.qr = (flags & 0x8000) !== 0;
  m.opcode = (flags >> 11) & 0xf;
  m.aa = (flags & 0x0400) !== 0;
  m.tc = (flags & 0x0200) !== 0;
  m.rd = (flags & 0x0100) !== 0;
  m.ra = (flags & 0x0080) !== 0;
  m.ad = (flags & 0x0020) !== 0;
  m.cd = (flags & 0x0010) !== 0;
  m.rcode = flags & 0xf;
  const counts = [u16(4), u16(6), u16(8), u16(10)];
  let pos = 12;
  for (let i = 0; i < counts[0]!; i++) {
    const { name, end } = readName(msg, pos);
    if (end + 4 > msg.length) throw new WireError('truncated question', end);
    m.questions.push({ name, type: u16(end), class: u16(end + 2) });
    pos = end + 4;
  }
  const sections = [m.answers, m.authority, m.additional];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const { name, end } = readName(msg, pos);
      if (end + 10 > msg.length) throw new WireError('truncated resource record header', end);
      const type = u16(end);
      const cls = u16(end + 2);
      const ttl = ((msg[end + 4]! << 24) >>> 0) + (msg[end + 5]! << 16) + (msg[end + 6]! << 8) + msg[end + 7]!;
      const rdlen = u16(end + 8);
      const start = end + 10;
      if (start + rdlen > msg.length) throw new WireError('rdata runs past the end of the message', start);
      if (type === RRType.OPT) {
        if (s !== 2) throw new WireError('OPT record outside the additional section', pos);
        if (m.edns) throw new WireError('more than one OPT record', pos);
        if (name.length !== 1) throw new WireError('OPT record owner is not the root', pos);
        m.edns = {
          udpSize: cls,
          extRcode: ttl >>> 24,
          version: (ttl >>> 16) & 0xff,
          dnssecOk: (ttl & 0x8000) !== 0,
          options: readEdnsOptions(msg, start, start + rdlen),
        };
        m.rcode |= (ttl >>> 24) << 4;
      } else {
        sections[s]!.push({ name, type, class: cls, ttl, rdata: rdataFromWire(type, msg, start, rdlen) });
      }
      pos = start + rdlen;
    }
  }
  if (pos !== msg.length) throw new WireError('trailing bytes after the last record', pos);
  return m;
}

const scratch = createWriter();

function writeRecord(w: Writer, rr: ResourceRecord): boolean {
  const start = w.pos;
  const ok = writeName(w, rr.name, true) && writeU16(w, rr.type) && writeU16(w, rr.class) &&
    writeU32(w, rr.ttl) && writeRdata(w, rr.type, rr.rdata);
  // rewind, not just pos: names of the dropped record must not stay compression targets.
  if (!ok) rewind(w, start);
  return ok;
}

/**
 * Encodes a message with name compression into a new array of at most `limit` bytes. When the
 * records do not fit, sets TC and keeps the records that fit whole (tests and tools only; the
 * server decides truncation itself).
 */
export function encodeMessage(m: Message, limit = 65535): Uint8Array {
  const w = scratch;
  resetWriter(w, limit);
  const flags = (m.qr ? 0x8000 : 0) | ((m.opcode & 0xf) << 11) | (m.aa ? 0x0400 : 0) | (m.tc ? 0x0200 : 0) |
    (m.rd ? 0x0100 : 0) | (m.ra ? 0x0080 : 0) | (m.ad ? 0x0020 : 0) | (m.cd ? 0x0010 : 0) | (m.rcode & 0xf);
  writeU16(w, m.id); writeU16(w, flags);
  w.pos = 12;
  let qd = 0;
  for (const q of m.questions) {
    if (!(writeName(w, q.name, true) && writeU16(w, q.type) && writeU16(w, q.class))) throw new Error('question does not fit');
    qd++;
  }
  const optLen = m.edns ? 11 + m.edns.options.reduce((n, o) => n + 4 + o.data.length, 0) : 0;
  w.limit -= optLen;
  const counts = [0, 0, 0];
  let truncated = false;
  [m.answers, m.authority, m.additional].forEach((section, s) => {
    for (const rr of section) {
      if (truncated) return;
      if (writeRecord(w, rr)) counts[s]!++;
      else truncated = true;
    }
  });
  w.limit += optLen;
  if (m.edns) {
    const e = m.edns;
    writeU8(w, 0); // the root name
    writeU16(w, RRType.OPT); writeU16(w, e.udpSize);
    writeU32(w, (((m.rcode >> 4) & 0xff) << 24) | ((e.version & 0xff) << 16) | (e.dnssecOk ? 0x8000 : 0));
    writeU16(w, optLen - 11);
    for (const o of e.options) { writeU16(w, o.code); writeU16(w, o.data.length); writeBytes(w, o.data); }
    counts[2]!++;
  }
  w.view.setUint16(2, flags | (truncated ? 0x0200 : 0));
  w.view.setUint16(4, qd);
  w.view.setUint16(6, counts[0]!);
  w.view.setUint16(8, counts[1]!);
  w.view.setUint16(10, counts[2]!);
  return w.buf.slice(0, w.pos);
}
