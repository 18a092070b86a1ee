import { describe, expect, it } from 'vitest';
import { nameFromText, readName, nameToText } from './name.ts';
import { bytesToHex } from './rdata/base-encoding.ts';
import { createWriter, noteName, resetWriter, rewind, writeBytes, writeName, writeU16, writeU32, writeU8 } from './writer.ts';

const ORG = nameFromText('example.org.');
const WWW = nameFromText('www.Example.org.');

describe('writer', () => {
  it('writes numbers big-endian and refuses to pass the limit', () => {
    const w = createWriter(16);
    resetWriter(w, 7);
    expect(writeU8(w, 1) && writeU16(w, 0x0203) && writeU32(w, 0x04050607)).toBe(true);
    expect(writeU8(w, 8)).toBe(false);
    expect(writeBytes(w, Uint8Array.of(9))).toBe(false);
    expect(bytesToHex(w.buf.subarray(0, w.pos))).toBe('01020304050607');
  });

  it('compresses against earlier names, ignoring case (RFC 1035 4.1.4)', () => {
    const w = createWriter(512);
    writeName(w, ORG, true);
    writeName(w, WWW, true);
    writeName(w, WWW, true);
    expect(bytesToHex(w.buf.subarray(0, w.pos))).toBe('076578616d706c65036f726700' + '03777777c000' + 'c00d');
    const msg = w.buf.subarray(0, w.pos);
    expect(nameToText(readName(msg, 13).name)).toBe('www.example.org.');
  });

  it('writes uncompressed when asked, but still offers the name as a target', () => {
    const w = createWriter(512);
    writeName(w, ORG, false);
    writeName(w, ORG, false);
    writeName(w, WWW, true);
    expect(bytesToHex(w.buf.subarray(26, w.pos))).toBe('03777777c000');
  });

  it('forgets targets after a rewind, and on a failed write', () => {
    const w = createWriter(512);
    writeU16(w, 0);
    const mark = w.pos;
    writeName(w, ORG, true);
    rewind(w, mark);
    writeName(w, WWW, true);
    expect(bytesToHex(w.buf.subarray(2, w.pos))).toBe('03777777074578616d706c65036f726700');
    resetWriter(w, 20);
    expect(writeName(w, nameFromText('a-long-label.example.org.'), true)).toBe(false);
    expect(w.pos).toBe(0);
    expect(w.targetCount).toBe(0);
  });

  it('records no targets at offsets a pointer cannot reach (0x4000 and beyond)', () => {
    const w = createWriter(0x5000);
    w.pos = 0x3ffe;
    writeName(w, WWW, true); // www at 0x3ffe, example at 0x4002, org at 0x400a
    expect([...w.targets.subarray(0, w.targetCount)]).toEqual([0x3ffe]);
    writeName(w, ORG, true);
    expect(bytesToHex(w.buf.subarray(0x400f, w.pos))).toBe('076578616d706c65036f726700');
  });

  it('noteName records a name already in the buffer', () => {
    const w = createWriter(512);
    writeBytes(w, ORG);
    noteName(w, ORG, 0);
    writeName(w, WWW, true);
    expect(bytesToHex(w.buf.subarray(13, w.pos))).toBe('03777777c000');
  });

  // Regression (found by the fuzz test): a name with a repeated label was compressed against
  // its own first label, comparing the rest with bytes not yet written; when stale bytes from
  // an earlier message matched, the writer emitted a pointer loop (a.a. -> 01 61 c0 00).
  it('never compresses a name against itself half-written', () => {
    const w = createWriter(64);
    w.buf.fill(0); // stale bytes that would "match" the root label
    writeName(w, nameFromText('a.a.'), true);
    expect(bytesToHex(w.buf.subarray(0, w.pos))).toBe('0161016100');
    resetWriter(w, 64);
    w.buf.set([3, 0x77, 0x77, 0x77, 7, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 3, 0x6f, 0x72, 0x67, 0]);
    writeName(w, nameFromText('www.www.example.org.'), true);
    expect(nameToText(readName(w.buf.subarray(0, w.pos), 0).name)).toBe('www.www.example.org.');
  });
});
