// Differences between Knot DNS 3.2 and Signpost that the test accepts, each with its reason.
//
// - 'deliberate': Signpost is right to differ (Route 53's behaviour, an RFC leaves the choice
//   open, or Knot does something Signpost does not offer). Stays as long as the choice does.
// - 'reported': a difference reported to the lead as a probable bug or an open decision, kept
//   here so the suite stays green until it is decided. Once fixed it matches nothing, and the
//   test then fails to say the entry must go (as a strict expected failure). DIFF_STRICT=1
//   makes these fail like any unexplained difference.
//
// A difference that no entry matches fails the test.
import type { Difference } from './compare.ts';
import type { Reply } from './normalize.ts';

export type Exception = {
  id: string;
  kind: 'deliberate' | 'reported';
  reason: string;
  matches: (d: Difference) => boolean;
};

const reply = (r: Difference['knotReply']): Reply | null => (r !== null && typeof r !== 'string' ? r : null);
const tc = (r: Difference['knotReply']): boolean => reply(r)?.flags.tc ?? false;
const rcode = (r: Difference['knotReply']): string => reply(r)?.rcode ?? '';
const opcode = (d: Difference): number => d.query.variant?.opcode ?? 0;

export const EXCEPTIONS: Exception[] = [
  {
    id: 'truncated-udp-content',
    kind: 'deliberate',
    reason: 'When both servers set TC over UDP, what else the truncated reply carries is free '
      + '(RFC 2181 §9: a resolver ignores it and retries over TCP). Knot sends an empty answer; '
      + 'the complete answers are compared over TCP instead.',
    matches: (d) => d.transport === 'udp' && tc(d.knotReply) && tc(d.signpostReply)
      && ['answer', 'authority', 'additional', 'case'].includes(d.field),
  },
  {
    id: 'no-update-or-notify',
    kind: 'deliberate',
    reason: 'Signpost implements neither NOTIFY (opcode 4) nor UPDATE (opcode 5), as Route 53 does not, '
      + 'and answers NOTIMP (RFC 1035 §4.1.1). Knot implements both and refuses them with NOTAUTH, '
      + 'or FORMERR for an UPDATE whose zone section is not an SOA question (RFC 2136 §3.1.1).',
    matches: (d) => (opcode(d) === 4 || opcode(d) === 5) && d.field === 'rcode'
      && rcode(d.signpostReply) === 'NOTIMP' && ['NOTAUTH', 'FORMERR'].includes(rcode(d.knotReply)),
  },
  {
    id: 'no-zone-transfer',
    kind: 'deliberate',
    reason: 'Signpost offers no zone transfers yet (Route 53 offers none) and REFUSES AXFR and IXFR '
      + '(RFC 5936 §4.2 allows REFUSED). Knot answers AXFR over UDP with NOTIMP and IXFR with '
      + 'NOTAUTH (no ACL allows it).',
    matches: (d) => (d.query.qtype === 'AXFR' || d.query.qtype === 'IXFR') && d.field === 'rcode'
      && rcode(d.signpostReply) === 'REFUSED',
  },
  {
    id: 'opt-missing-in-error-replies',
    kind: 'reported',
    reason: 'Signpost drops the OPT record from NOTIMP and FORMERR replies (opcode STATUS/UPDATE, '
      + 'no question) to EDNS queries; RFC 6891 §7 says a responder MUST include OPT when the '
      + 'request had one. Knot includes it.',
    matches: (d) => d.field === 'opt' && d.query.edns !== null && d.signpost === 'none'
      && ['NOTIMP', 'FORMERR'].includes(rcode(d.signpostReply)),
  },
  {
    id: 'qclass-any',
    kind: 'reported',
    reason: 'QCLASS ANY (255): Knot answers from its IN data with AA; Signpost answers REFUSED. '
      + 'RFC 1035 §3.2.5 allows ANY as a QCLASS; resolvers do not send it. Open decision.',
    matches: (d) => d.query.variant?.qclass === 'ANY' && rcode(d.signpostReply) === 'REFUSED',
  },
  {
    id: 'qtype-zero',
    kind: 'reported',
    reason: 'QTYPE 0 is reserved (RFC 6895 §3.1). Knot answers NOTIMP without AA; Signpost treats '
      + 'it as an ordinary type (NODATA with SOA, CNAME chased, referral). Open decision: '
      + 'NOTIMP or FORMERR are the usual answers.',
    matches: (d) => d.query.qtype === 'TYPE0' && rcode(d.knotReply) === 'NOTIMP',
  },
  {
    id: 'rrsig-nsec-at-cname',
    kind: 'reported',
    reason: 'A query for RRSIG or NSEC at a CNAME owner: Knot does not chase the CNAME (RRSIG and '
      + 'NSEC may sit beside a CNAME, RFC 4035 §2.5 / RFC 2181 §10.1) and answers NODATA; '
      + 'Signpost chases it. Matters once DNSSEC signing arrives.',
    matches: (d) => (d.query.qtype === 'RRSIG' || d.query.qtype === 'NSEC')
      && (d.field === 'answer' || d.field === 'case') && (reply(d.knotReply)?.answer.length ?? 1) === 0,
  },
  {
    id: 'additional-from-wildcard',
    kind: 'reported',
    reason: 'An MX (or SRV/NS) target that exists only through a wildcard: Knot adds the '
      + 'synthesised A/AAAA to the additional section; Signpost adds nothing. Additional data is '
      + 'optional, but RFC 1034 §4.3.2 step 6 looks the target up like a query, wildcards included.',
    matches: (d) => d.field === 'additional' && d.signpost === '' && /\.wild\.example\.com\. \d+ IN (A|AAAA) /.test(d.knot),
  },
];
