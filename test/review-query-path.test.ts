/**
 * Review of the DNS query path (query reader, responder caches and relocatable templates,
 * encoder, lookup, zone compilation). Each test pins one bug found in review; the expected
 * answers were checked against Knot DNS 3.2 (test/differential/knot.ts) where noted.
 * Everything runs in-process against a responder: no sockets, no timers.
 */
import { describe, expect, it } from 'vitest';
import { decodeMessage, type LowerName } from '../src/dns/index.ts';
import { createResponder, type Responder } from '../src/server/responder.ts';
import type { ZoneIndex } from '../src/zone/zone-index.ts';
import { ZONE_NAME, ZONE_TEXT } from './cases/authoritative.ts';
import { caseQuery, compileFromText, wireSections } from './helpers/dns-case.ts';

const SOA_HEAD = '$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n';

function serve(...zones: ZoneIndex[]): Responder {
  const r = createResponder();
  r.setCatalog({ zones: new Map<LowerName, ZoneIndex>(zones.map((z) => [z.apex, z])) });
  return r;
}

function ask(r: Responder, qname: string, qtype: string, opts: { tcp?: boolean; noEdns?: boolean } = {}) {
  const out = r.respond(caseQuery({ name: '', qname, qtype, noEdns: opts.noEdns ?? false }), opts.tcp ?? false);
  if (!out) throw new Error('no response');
  return out;
}

const norm = (l: string[]) => l.map((x) => x.replace(/\s+/g, ' ').toLowerCase()).sort();

describe('relocatable templates (src/server/relocatable.ts)', () => {
  // makeTemplate treats every pointer to offset 12 as "the qname" (fixup kind 0), so on reuse
  // it is re-aimed at the new qname. But the writer also points at 12 whenever a zone-data name
  // merely *equals* (or ends with) the first qname. Here the first missing name asked for is the
  // SOA RNAME hostmaster.example.org: the SOA's RNAME is compressed to a pointer to 12, and every
  // later NXDOMAIN under the apex for that qtype then carries RNAME = its own qname.
  // Knot: RNAME stays hostmaster.example.org.
  // At fault: relocatable.ts makeTemplate, `else if (target === 12) fixups.push(pos - questionEnd, 0, 0);`
  it('NXDOMAIN for another name keeps the SOA RNAME after the RNAME itself was asked for', () => {
    const r = serve(compileFromText(ZONE_NAME, ZONE_TEXT));
    const first = wireSections(ask(r, 'hostmaster.example.org.', 'A'));
    expect(first.rcode).toBe('NXDOMAIN');
    const s = wireSections(ask(r, 'nope.example.org.', 'A'));
    expect(s.rcode).toBe('NXDOMAIN');
    // Observed: "example.org. 300 IN SOA ns1.example.org. nope.example.org. 2024010101 ..."
    expect(norm(s.authority)).toEqual(norm(['example.org. 300 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300']));
  });

  // Same root cause with a wildcard: *.mw MX 10 t.mw. Asking t.mw MX first writes the MX
  // target as a pointer to 12; x.mw MX then gets "MX 10 x.mw.example.org." (Knot: t.mw).
  it('a wildcard MX whose target is a name the wildcard covers keeps its target for other qnames', () => {
    const r = serve(compileFromText('example.org.', `${SOA_HEAD}*.mw IN MX 10 t.mw\n`));
    expect(norm(wireSections(ask(r, 't.mw.example.org.', 'MX')).answer)).toEqual(norm(['t.mw.example.org. 3600 IN MX 10 t.mw.example.org.']));
    const s = wireSections(ask(r, 'x.mw.example.org.', 'MX'));
    // Observed: ["x.mw.example.org. 3600 IN MX 10 x.mw.example.org."]
    expect(norm(s.answer)).toEqual(norm(['x.mw.example.org. 3600 IN MX 10 t.mw.example.org.']));
  });

  // applyTemplate moves in-tail pointer targets (fixup kind 2) by the change in question length
  // and writes `0xc0 | (target >> 8)` without checking that the new target is still below
  // 0x4000. A template built for a short qname, whose answer has a compression target just
  // below 0x3fff, is reused over TCP for a longer qname: the pointer wraps (0xc0 | 0x40 = 0xc0)
  // to a low offset and the message no longer decodes ("unsupported label type").
  // At fault: relocatable.ts applyTemplate (no bound on `target`), and responder.ts which
  // applies the template whenever it fits the size limit.
  it('a relocated template never writes a compression pointer above 0x3fff', () => {
    const label = (c: string, n = 63) => c.repeat(n);
    const zoneText = (pad: number) => {
      let t = `${SOA_HEAD}host IN A 192.0.2.1\n`;
      // 77 MX records with long, unrelated out-of-zone targets fill ~16 KB; then one padded
      // target to place the in-zone target "host" right below 0x4000.
      for (let i = 0; i < 77; i++) t += `*.w IN MX ${i} ${label('a')}.${label('b')}.${label('c')}.t${i}.\n`;
      t += `*.w IN MX 900 ${label('p', pad)}.t-pad.\n*.w IN MX 1000 host\n`;
      return t;
    };
    const hostOffset = (pad: number) => {
      const r = serve(compileFromText('example.org.', zoneText(pad)));
      return { r, at: ask(r, 'a.w.example.org.', 'MX', { tcp: true, noEdns: true }).indexOf(Buffer.from('\x04host', 'latin1')) };
    };
    const pad = 10 + (0x3ff0 - hostOffset(10).at);
    expect(pad).toBeGreaterThan(0);
    expect(pad).toBeLessThanOrEqual(63);
    const { r, at } = hostOffset(pad); // also leaves the template for a.w behind in r
    expect(at).toBe(0x3ff0);
    const out = ask(r, `${'q'.repeat(40)}.w.example.org.`, 'MX', { tcp: true, noEdns: true });
    // The template cannot be relocated this far (its target moves past 0x3fff), so the
    // responder encodes afresh instead; before the fix it wrote a corrupt pointer and
    // decodeMessage threw "unsupported label type".
    const s = wireSections(out);
    expect(s.answer).toHaveLength(79);
    expect(norm(s.additional)).toEqual(norm(['host.example.org. 3600 IN A 192.0.2.1']));
  });
});

describe('nested hosted zones (src/server/responder.ts)', () => {
  // With both example.org (which delegates sub and holds its DS) and sub.example.org hosted,
  // a DS query for sub.example.org must be answered from the parent side (RFC 4035 3.1.4.1,
  // RFC 4034 5: DS lives only in the parent). The responder picks the zone by longest suffix
  // only, so the child answers NODATA with its own SOA and the DS is unreachable: a validating
  // resolver asking this server sees the delegation as insecure/bogus.
  // Knot: answers the parent's DS (AA). At fault: responder.ts answerQuery,
  // `findZone(served, key)` (no DS special case: search from the parent of qname).
  it('answers DS at a child apex from the parent zone', () => {
    const parent = compileFromText(ZONE_NAME, ZONE_TEXT);
    const child = compileFromText('sub.example.org.', '$ORIGIN sub.example.org.\n$TTL 3600\n@ IN SOA ns hostmaster 1 7200 900 1209600 300\n@ IN NS ns\nns IN A 192.0.2.60\n');
    const s = wireSections(ask(serve(parent, child), 'sub.example.org.', 'DS'));
    // Observed: NOERROR, no answer, authority "sub.example.org. 300 IN SOA ns.sub.example.org. ...".
    expect([s.rcode, s.aa]).toEqual(['NOERROR', true]);
    expect(norm(s.answer)).toEqual(norm(['sub.example.org. 3600 IN DS 12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118D0D2A19DF5F10A9D5E74A1A1']));
  });
});

describe('CNAME loops through a wildcard (src/answer/lookup.ts)', () => {
  // *.lp CNAME y.lp: y.lp does not exist, so it is synthesized from *.lp again and points at
  // itself. The loop check compares the target with `p.set.key`, which for a synthesized
  // CNAME is the wildcard's key (*.lp), never the synthesized owner, so the loop is not seen
  // and the same RR "y.lp CNAME y.lp" is added until MAX_CNAME_CHAIN: 13 answer records, 12
  // of them duplicates. Knot: x.lp CNAME y.lp, y.lp CNAME y.lp.
  // At fault: lookup.ts `a.answer.some((p) => p.set.key === tkey)` (should compare owners).
  it('stops a wildcard CNAME that points back into the same wildcard', () => {
    const r = serve(compileFromText('example.org.', `${SOA_HEAD}*.lp IN CNAME y.lp\n`));
    const s = wireSections(ask(r, 'x.lp.example.org.', 'A'));
    // Observed: 13 answer records.
    expect(norm(s.answer)).toEqual(norm(['x.lp.example.org. 3600 IN CNAME y.lp.example.org.', 'y.lp.example.org. 3600 IN CNAME y.lp.example.org.']));
  });
});

describe('additional-section truncation (src/server/encode-answer.ts)', () => {
  // A referral whose name servers are all below the cut cannot be followed without their glue.
  // When that glue does not fit (UDP without EDNS, 512 bytes), RFC 9471 3 requires TC so the
  // resolver retries over TCP; encodeAnswer drops the additional RRsets silently instead, so
  // the client gets NS names it can never resolve. Knot 3.2 sets TC here (kdig then retries
  // over TCP and gets the 4 AAAA glue records).
  // At fault: encode-answer.ts, the additional loop `rewind(w, before); break;` without TC
  // for in-bailiwick glue of a referral.
  it('sets TC on a referral when in-domain glue does not fit', () => {
    const long = (c: string) => `${c.repeat(63)}.${'a'.repeat(63)}.big`;
    let t = SOA_HEAD;
    for (const c of ['a', 'b', 'c', 'd', 'e']) t += `big IN NS ${long(c)}\n`;
    for (const n of [1, 2, 3]) t += `${long('a')} IN AAAA 2001:db8::${n}\n`;
    t += `${long('b')} IN AAAA 2001:db8::4\n`;
    const r = serve(compileFromText('example.org.', t));
    const out = ask(r, 'big.example.org.', 'A', { noEdns: true });
    expect(out.length).toBeLessThanOrEqual(512);
    const m = decodeMessage(out);
    // Observed: tc false, 5 NS in authority, no additional records.
    expect(m.tc).toBe(true);
  });
});
