import { describe, expect, it } from 'vitest';
import { parseCidrBlock } from './cidr-block.ts';

describe('parseCidrBlock', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['128.0.0.0/1', '128.0.0.0/1'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:0:0::/48', '2001:db8::/48'],
    ['2001:0db8:00ff::/48', '2001:db8:ff::/48'],
    ['8000::/1', '8000::/1'],
    ['2001:db8:1:0:0:0:0:0/48', '2001:db8:1::/48'],
  ])('takes %s as %s', (input, canonical) => {
    const r = parseCidrBlock(input);
    expect(r).toMatchObject({ ok: true, block: { text: canonical } });
  });

  it.each([
    ['192.0.2.0', /has no prefix length/],
    ['192.0.2.0/', /has no prefix length/],
    ['192.0.2.0/024', /has no prefix length/],
    ['192.0.2.0/x', /has no prefix length/],
    ['0.0.0.0/0', /use the default location '\*'/],
    ['::/0', /use the default location '\*'/],
    ['192.0.2.0/25', /longer than \/24, the longest IPv4 prefix/],
    ['192.0.2.1/32', /longer than \/24/],
    ['2001:db8::/49', /longer than \/48, the longest IPv6 prefix/],
    ['192.0.2.1/24', /has host bits set; the block is 192\.0\.2\.0\/24/],
    ['2001:db8::1/48', /has host bits set; the block is 2001:db8::\/48/],
    ['10.1.0.0/8', /the block is 10\.0\.0\.0\/8/],
    ['256.0.0.0/8', /is not a CIDR block/],
    ['01.0.0.0/8', /is not a CIDR block/],
    ['example.com/24', /is not a CIDR block/],
    ['2001:db8:::/32', /is not a CIDR block/],
    ['', /is not a CIDR block/],
  ])('refuses %s', (input, reason) => {
    const r = parseCidrBlock(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
