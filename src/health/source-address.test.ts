import { describe, expect, it } from 'vitest';
import { sourceAddressFor } from './source-address.ts';

describe('sourceAddressFor', () => {
  it('names the address probes to a loopback destination leave from', async () => {
    expect(await sourceAddressFor('127.0.0.1')).toBe('127.0.0.1');
    expect(await sourceAddressFor('::1')).toBe('::1');
  });

  it('asks only about addresses, never looking a name up', async () => {
    expect(await sourceAddressFor('localhost')).toBeUndefined();
  });
});
