import { describe, it } from 'vitest';
import { checkRoundTrip, checkTextError, type RoundTrip } from './testing.ts';

const cases: RoundTrip[] = [
  { type: 'SRV', text: '0 5 5060 sipserver.example.com.', hex: '0000' + '0005' + '13c4' + '09736970736572766572076578616d706c6503636f6d00' },
  { type: 'SRV', text: '65535 65535 65535 .', hex: 'ffffffffffff00' },
  { type: 'SRV', text: '10 60 5060 bigbox', canonical: '10 60 5060 bigbox.example.org.' },
  { type: 'NAPTR', text: '100 50 "s" "z3950+I2L+I2C" "" _z3950._tcp.gatech.edu.' },
  { type: 'NAPTR', text: '100 10 "" "" "!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i" .' },
  {
    type: 'NAPTR', text: '10 100 "u" "E2U+sip" "!^.*$!sip:info@example.org!" .',
    hex: '000a0064' + '0175' + '07' + '4532552b736970' + '1b' + '215e2e2a2421' + '7369703a696e666f406578616d706c652e6f726721' + '00',
  },
  { type: 'NAPTR', text: '10 100 S SIP+D2U "" _sip._udp', canonical: '10 100 "S" "SIP+D2U" "" _sip._udp.example.org.' },
];

describe('service types round trip', () => {
  for (const c of cases) it(`${c.type} ${c.text}`, () => checkRoundTrip(c));
});

describe('service types reject bad text', () => {
  const bad: [string, string, RegExp][] = [
    ['SRV', '0 5 5060', /missing name/],
    ['SRV', '0 5 70000 sip.example.com.', /number 70000 is out of range/],
    ['NAPTR', '100 50 "s" "z3950" _z3950._tcp.gatech.edu.', /missing name/],
    ['NAPTR', '100 50 "s"', /missing string/],
  ];
  for (const [type, text, message] of bad) it(`${type} ${text}`, () => checkTextError(type, text, message));
});
