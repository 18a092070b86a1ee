// Turns a reply (decoded by dns-packet, independent of Signpost's codec) into comparable
// text: header fields, and each section as a sorted list of
// "owner ttl class type rdata" strings with owners and rdata names lower-cased (DNS names
// compare case-insensitively), plus the exact-case question and answer owners, which are
// compared separately (RFC 4343: a server should echo the client's spelling).
import * as dnsPacket from 'dns-packet';

export type Reply = {
  rcode: string;
  opcode: string;
  flags: { qr: boolean; aa: boolean; tc: boolean; rd: boolean; ra: boolean; ad: boolean; cd: boolean; z: boolean };
  question: string[];
  answer: string[];
  authority: string[];
  additional: string[];
  /** OPT presence, extended rcode, version and DO bit; payload size and options are ignored. */
  opt: string;
  /**
   * The question and the answer records owned by the qname, spelled exactly as sent, for the
   * 0x20 check. Later links of a CNAME chain are left out: a server may spell them as the
   * zone does or as the CNAME's target does, and both are right.
   */
  exactOwners: string[];
};

type AnyRecord = { name: string; type: string; class?: string; ttl?: number; data?: unknown; flags?: number; extendedRcode?: number };

const hex = (b: unknown): string => (Buffer.isBuffer(b) ? b.toString('hex') : String(b)).toLowerCase();
const dname = (n: unknown): string => fqdn(String(n)).toLowerCase();

/** Returns name with a trailing dot (dns-packet drops it). */
export function fqdn(name: string): string {
  if (name === '' || name === '.') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

/** Returns one character-string in master-file form, escaping quotes, backslashes and non-printables. */
export function quoteBytes(b: Uint8Array): string {
  let s = '"';
  for (const c of b) {
    if (c === 0x22 || c === 0x5c) s += `\\${String.fromCharCode(c)}`;
    else if (c < 0x20 || c > 0x7e) s += `\\${String(c).padStart(3, '0')}`;
    else s += String.fromCharCode(c);
  }
  return `${s}"`;
}

/** Splits RFC 1035 <character-string>s out of raw rdata (TXT/SPF). */
function characterStrings(raw: Buffer): string {
  const out: string[] = [];
  for (let i = 0; i < raw.length;) {
    const len = raw[i]!;
    out.push(quoteBytes(raw.subarray(i + 1, i + 1 + len)));
    i += 1 + len;
  }
  return out.join(' ');
}

/** Returns the rdata of a decoded record in presentation form, names lower-cased. */
export function rdataText(r: AnyRecord): string {
  const d = r.data as Record<string, unknown> & unknown;
  switch (r.type) {
    case 'A': case 'AAAA': return String(d);
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': return dname(d);
    case 'MX': return `${String(d.preference)} ${dname(d.exchange)}`;
    case 'SOA': return `${dname(d.mname)} ${dname(d.rname)} ${String(d.serial)} ${String(d.refresh)} ${String(d.retry)} ${String(d.expire)} ${String(d.minimum)}`;
    case 'TXT': return (d as unknown as Buffer[]).map((b) => quoteBytes(b)).join(' ');
    case 'SPF': return characterStrings(d as unknown as Buffer);
    case 'SRV': return `${String(d.priority)} ${String(d.weight)} ${String(d.port)} ${dname(d.target)}`;
    case 'CAA': return `${String(d.flags)} ${String(d.tag)} ${quoteBytes(Buffer.from(String(d.value)))}`;
    case 'NAPTR': return `${String(d.order)} ${String(d.preference)} ${quoteBytes(Buffer.from(String(d.flags)))} ${quoteBytes(Buffer.from(String(d.services)))} ${quoteBytes(Buffer.from(String(d.regexp)))} ${dname(d.replacement)}`;
    case 'SSHFP': return `${String(d.algorithm)} ${String(d.hash)} ${hex(d.fingerprint)}`;
    case 'TLSA': return `${String(d.usage)} ${String(d.selector)} ${String(d.matchingType)} ${hex(d.certificate)}`;
    case 'DS': return `${String(d.keyTag)} ${String(d.algorithm)} ${String(d.digestType)} ${hex(d.digest)}`;
    default: return `\\# ${Buffer.isBuffer(d) ? d.length : '?'} ${hex(d)}`;
  }
}

/** Returns "owner ttl class type rdata" for one record, owner lower-cased. */
export function recordText(r: AnyRecord): string {
  return `${dname(r.name)} ${r.ttl ?? 0} ${r.class ?? 'IN'} ${r.type} ${rdataText(r)}`;
}

/** Decodes raw reply bytes into a Reply, or returns an error string. */
export function normalizeReply(raw: Buffer): Reply | string {
  let p: ReturnType<typeof dnsPacket.decode>;
  try {
    p = dnsPacket.decode(raw);
  } catch (err) {
    return `undecodable reply (${(err as Error).message}): ${raw.toString('hex')}`;
  }
  const f = p as unknown as Record<string, boolean | string>;
  const additionals = (p.additionals ?? []) as AnyRecord[];
  const opts = additionals.filter((r) => r.type === 'OPT');
  const o = opts[0] as (AnyRecord & { ednsVersion?: number; flag_do?: boolean }) | undefined;
  const opt = o === undefined ? 'none'
    : `present${opts.length > 1 ? ` x${opts.length}` : ''} ext-rcode=${String(o.extendedRcode ?? 0)} version=${String(o.ednsVersion ?? 0)} do=${o.flag_do ? 1 : 0}`;
  const sorted = (rs: AnyRecord[] | undefined): string[] => (rs ?? []).map(recordText).sort();
  return {
    rcode: String(f.rcode),
    opcode: String(f.opcode),
    flags: {
      qr: f.flag_qr === true, aa: f.flag_aa === true, tc: f.flag_tc === true, rd: f.flag_rd === true,
      ra: f.flag_ra === true, ad: f.flag_ad === true, cd: f.flag_cd === true, z: f.flag_z === true,
    },
    question: (p.questions ?? []).map((q) => `${dname(q.name)} ${q.class ?? 'IN'} ${q.type}`),
    answer: sorted(p.answers as AnyRecord[]),
    authority: sorted(p.authorities as AnyRecord[]),
    additional: sorted(additionals.filter((r) => r.type !== 'OPT')),
    opt,
    exactOwners: [
      ...(p.questions ?? []).map((q) => `question ${fqdn(q.name)}`),
      ...((p.answers ?? []) as AnyRecord[])
        .filter((r) => p.questions?.some((q) => dname(q.name) === dname(r.name)))
        .map((r) => `answer ${fqdn(r.name)} ${r.type}`).sort(),
    ],
  };
}

/** Returns a compact multi-line rendering of a reply for reports. */
export function showReply(r: Reply | string | null): string {
  if (r === null) return '  (no reply: timeout)';
  if (typeof r === 'string') return `  ${r}`;
  const flags = Object.entries(r.flags).filter(([, v]) => v).map(([k]) => k).join(' ');
  const lines = [`  ${r.rcode} flags=[${flags}] opt=${r.opt}`];
  for (const [name, sec] of [['AN', r.answer], ['NS', r.authority], ['AR', r.additional]] as const) {
    for (const rr of sec) lines.push(`  ${name} ${rr}`);
  }
  return lines.join('\n');
}
