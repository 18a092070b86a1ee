import { describe, expect, it } from 'vitest';
import { keyFromText, nameFromText, rrTypeFromString } from '../dns/index.ts';
import { lookup } from './lookup.ts';
import { cases, ZONE_NAME, ZONE_TEXT } from '../../test/cases/authoritative.ts';
import { answerSections, compileFromText, expectCase } from '../../test/helpers/dns-case.ts';

const zone = compileFromText(ZONE_NAME, ZONE_TEXT);

describe('lookup() answers the authoritative table', () => {
  // REFUSED and truncation are the server's business, not the engine's.
  for (const c of cases.filter((x) => x.rcode !== 'REFUSED' && !x.tc)) {
    it(c.name, () => {
      const a = lookup(zone, nameFromText(c.qname), keyFromText(c.qname), rrTypeFromString(c.qtype)!);
      expectCase(answerSections(a), c);
    });
  }
});

describe('lookup() reuse hints', () => {
  const reusable = (qname: string, qtype = 'A') => lookup(zone, nameFromText(qname), keyFromText(qname), rrTypeFromString(qtype)!).reusable;
  it('marks answers for existing names as reusable', () => {
    expect(reusable('www.example.org.')).toBe(true);
    expect(reusable('dangling.example.org.')).toBe(true);
  });
  it('does not mark NXDOMAIN or wildcard answers (they depend on the qname)', () => {
    expect(reusable('nope.example.org.')).toBe(false);
    expect(reusable('x.wild.example.org.')).toBe(false);
  });
});
