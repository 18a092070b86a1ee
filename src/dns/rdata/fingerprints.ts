/**
 * Fingerprint records that pin keys and certificates: SSHFP (RFC 4255) and TLSA (RFC 6698).
 * The data prints as upper-case hex and may be split over several tokens in text.
 *
 * Diagram legend as in basic.ts.
 */
import { RRType } from '../constants.ts';
import { field, type RdataDescriptor } from './cursor.ts';

/** Descriptors of SSHFP and TLSA. */
export const fingerprintDescriptors: RdataDescriptor[] = [
  // SSHFP, RFC 4255 3.1     | ALGORITHM u8 | FP TYPE u8 / FINGERPRINT (hex) /
  {
    type: RRType.SSHFP, rfc: 'RFC 4255 3.1',
    fields: [field('algorithm', 'u8'), field('fptype', 'u8'), field('fingerprint', 'hex')],
  },
  // TLSA, RFC 6698 2.1      | USAGE u8 | SELECTOR u8 | MATCHING TYPE u8 / CERTIFICATE ASSOCIATION DATA (hex) /
  {
    type: RRType.TLSA, rfc: 'RFC 6698 2.1',
    fields: [field('usage', 'u8'), field('selector', 'u8'), field('matchingtype', 'u8'), field('data', 'hex')],
  },
];
