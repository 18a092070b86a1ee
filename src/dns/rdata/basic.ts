/**
 * The RFC 1035 record types, with AAAA and SPF, which share their shapes.
 *
 * Diagram legend: `u16` etc. are big-endian numbers; `name*` is a domain name that may be
 * compressed on output (RFC 3597 4 allows it only for RFC 1035 types); `/.../` is variable
 * length; `<string>` is a character-string (length byte, then up to 255 bytes).
 */
import { RRType } from '../constants.ts';
import { field, type RdataDescriptor } from './cursor.ts';

/** Descriptors of A, NS, CNAME, SOA, PTR, HINFO, MX, TXT, AAAA and SPF. */
export const basicDescriptors: RdataDescriptor[] = [
  // A, RFC 1035 3.4.1              | ADDRESS (4 bytes) |
  { type: RRType.A, rfc: 'RFC 1035 3.4.1', fields: [field('address', 'ipv4')] },
  // AAAA, RFC 3596 2.2             | ADDRESS (16 bytes) |
  { type: RRType.AAAA, rfc: 'RFC 3596 2.2', fields: [field('address', 'ipv6')] },
  // NS, RFC 1035 3.3.11            / NSDNAME name* /
  { type: RRType.NS, rfc: 'RFC 1035 3.3.11', fields: [field('nsdname', 'cname')] },
  // CNAME, RFC 1035 3.3.1          / CNAME name* /
  { type: RRType.CNAME, rfc: 'RFC 1035 3.3.1', fields: [field('cname', 'cname')] },
  // PTR, RFC 1035 3.3.12           / PTRDNAME name* /
  { type: RRType.PTR, rfc: 'RFC 1035 3.3.12', fields: [field('ptrdname', 'cname')] },
  // SOA, RFC 1035 3.3.13
  //   / MNAME name* / RNAME name* / SERIAL u32 | REFRESH u32 | RETRY u32 | EXPIRE u32 | MINIMUM u32 |
  // The four timers accept BIND-style units in text (1h30m) and print as seconds.
  {
    type: RRType.SOA, rfc: 'RFC 1035 3.3.13',
    fields: [
      field('mname', 'cname'), field('rname', 'cname'), field('serial', 'u32'), field('refresh', 'period'),
      field('retry', 'period'), field('expire', 'period'), field('minimum', 'period'),
    ],
  },
  // HINFO, RFC 1035 3.3.2          / CPU <string> / OS <string> /
  { type: RRType.HINFO, rfc: 'RFC 1035 3.3.2', fields: [field('cpu', 'string'), field('os', 'string')] },
  // MX, RFC 1035 3.3.9             | PREFERENCE u16 / EXCHANGE name* /
  { type: RRType.MX, rfc: 'RFC 1035 3.3.9', fields: [field('preference', 'u16'), field('exchange', 'cname')] },
  // TXT, RFC 1035 3.3.14           / TXT-DATA: one or more <string> /
  { type: RRType.TXT, rfc: 'RFC 1035 3.3.14', fields: [field('text', 'strings')] },
  // SPF, RFC 4408 3.1.1: the same layout as TXT (RFC 7208 3.1 retired the type; we still serve it)
  { type: RRType.SPF, rfc: 'RFC 4408 3.1.1', fields: [field('text', 'strings')] },
];
