/**
 * DNSSEC records (RFC 4034): DNSKEY, RRSIG, NSEC and DS. Signer and next names are never
 * compressed (RFC 4034 3.1.7, 4.1.1). Digests print as upper-case hex, keys and signatures as
 * base64 (either may be split over several tokens in text); times as YYYYMMDDHHmmSS (3.2).
 *
 * Diagram legend as in basic.ts.
 */
import { RRType } from '../constants.ts';
import { field, type RdataDescriptor } from './cursor.ts';

/** Descriptors of DNSKEY, RRSIG, NSEC and DS. */
export const dnssecDescriptors: RdataDescriptor[] = [
  // DNSKEY, RFC 4034 2.2    | FLAGS u16 | PROTOCOL u8 | ALGORITHM u8 / PUBLIC KEY (base64) /
  {
    type: RRType.DNSKEY, rfc: 'RFC 4034 2.2',
    fields: [field('flags', 'u16'), field('protocol', 'u8'), field('algorithm', 'u8'), field('publickey', 'base64')],
  },
  // RRSIG, RFC 4034 3.2
  //   | TYPE COVERED u16 | ALGORITHM u8 | LABELS u8 | ORIGINAL TTL u32 | EXPIRATION u32 |
  //   | INCEPTION u32 | KEY TAG u16 / SIGNER'S NAME name / SIGNATURE (base64) /
  {
    type: RRType.RRSIG, rfc: 'RFC 4034 3.2',
    fields: [
      field('typecovered', 'type'), field('algorithm', 'u8'), field('labels', 'u8'), field('originalttl', 'u32'),
      field('expiration', 'time'), field('inception', 'time'), field('keytag', 'u16'), field('signer', 'name'),
      field('signature', 'base64'),
    ],
  },
  // NSEC, RFC 4034 4.2      / NEXT DOMAIN NAME name / TYPE BIT MAPS (see bitmap.ts) /
  { type: RRType.NSEC, rfc: 'RFC 4034 4.2', fields: [field('next', 'name'), field('types', 'bitmap')] },
  // DS, RFC 4034 5.3        | KEY TAG u16 | ALGORITHM u8 | DIGEST TYPE u8 / DIGEST (hex) /
  {
    type: RRType.DS, rfc: 'RFC 4034 5.3',
    fields: [field('keytag', 'u16'), field('algorithm', 'u8'), field('digesttype', 'u8'), field('digest', 'hex')],
  },
];
