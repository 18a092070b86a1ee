/**
 * Service location records: SRV and NAPTR. Their names are never compressed on output
 * (RFC 2782, RFC 3403 4.1); a compressed name from the wire is accepted (RFC 3597 4).
 *
 * Diagram legend as in basic.ts; `name` without `*` is written uncompressed.
 */
import { RRType } from '../constants.ts';
import { field, type RdataDescriptor } from './cursor.ts';

/** Descriptors of SRV and NAPTR. */
export const serviceDescriptors: RdataDescriptor[] = [
  // SRV, RFC 2782       | PRIORITY u16 | WEIGHT u16 | PORT u16 / TARGET name /
  {
    type: RRType.SRV, rfc: 'RFC 2782',
    fields: [field('priority', 'u16'), field('weight', 'u16'), field('port', 'u16'), field('target', 'name')],
  },
  // NAPTR, RFC 3403 4.1
  //   | ORDER u16 | PREFERENCE u16 / FLAGS <string> / SERVICES <string> / REGEXP <string> / REPLACEMENT name /
  {
    type: RRType.NAPTR, rfc: 'RFC 3403 4.1',
    fields: [
      field('order', 'u16'), field('preference', 'u16'), field('flags', 'string'),
      field('services', 'string'), field('regexp', 'string'), field('replacement', 'name'),
    ],
  },
];
