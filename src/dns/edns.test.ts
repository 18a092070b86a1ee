import * as dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { EdnsOption } from './constants.ts';
import { encodeClientSubnet, findClientSubnet, parseClientSubnet, readEdnsOptions } from './edns.ts';
import { decodeMessage } from './message.ts';
import { hexToBytes } from './rdata/base-encoding.ts';
import { WireError } from './wire-error.ts';

const ecs = (hex: string) => parseClientSubnet(hexToBytes(hex));

describe('parseClientSubnet (RFC 7871 6)', () => {
  it('reads IPv4 and IPv6 subnets', () => {
    expect(ecs('0001' + '1800' + 'c00002')).toEqual({ family: 1, sourcePrefix: 24, scopePrefix: 0, address: Uint8Array.from([192, 0, 2]) });
    expect(ecs('0001' + '1510' + 'c00008')).toMatchObject({ sourcePrefix: 21, scopePrefix: 16 });
    expect(ecs('0002' + '3800' + '20010db8000102')).toMatchObject({ family: 2, sourcePrefix: 56 });
    expect(ecs('0001' + '0000')).toEqual({ family: 1, sourcePrefix: 0, scopePrefix: 0, address: new Uint8Array(0) });
    expect(ecs('0002' + '8000' + '20010db8000000000000000000000001').address.length).toBe(16);
  });

  const bad: [string, string, RegExp][] = [
    ['a short option', '000118', /shorter than 4 bytes/],
    ['family 0', '0000' + '0000', /family 0 unknown/],
    ['family 3', '0003' + '1800' + 'c00002', /family 3 unknown/],
    ['an IPv4 prefix of 33', '0001' + '2100' + 'c000020100', /prefix too long/],
    ['an IPv6 prefix of 129', '0002' + '8100' + '00'.repeat(17), /prefix too long/],
    ['a scope prefix of 33', '0001' + '1821' + 'c00002', /prefix too long/],
    ['an address longer than the prefix', '0001' + '1800' + 'c0000201', /address length does not match its prefix/],
    ['an address shorter than the prefix', '0001' + '1800' + 'c000', /address length does not match/],
    ['an address for prefix 0', '0001' + '0000' + '00', /address length does not match/],
    ['bits set beyond the prefix', '0001' + '1500' + 'c0000f', /bits beyond its prefix/],
    ['a low bit set beyond /31', '0001' + '1f00' + 'c0000201', /bits beyond its prefix/],
  ];
  for (const [what, hex, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => ecs(hex)).toThrow(WireError);
      expect(() => ecs(hex)).toThrow(message);
    });
  }

  it('encodes a reply option with the scope prefix', () => {
    const parsed = ecs('0001' + '1800' + 'c00002');
    expect(encodeClientSubnet(parsed, 20)).toEqual(hexToBytes('0001' + '1814' + 'c00002'));
    expect(parseClientSubnet(encodeClientSubnet(parsed, 24))).toEqual({ ...parsed, scopePrefix: 24 });
  });

  it('finds the option among others', () => {
    const options = readEdnsOptions(hexToBytes('000a00020102' + '00080007' + '00011800c00002'), 0, 17);
    expect(options.map((o) => o.code)).toEqual([EdnsOption.COOKIE, EdnsOption.CLIENT_SUBNET]);
    expect(findClientSubnet(options)?.sourcePrefix).toBe(24);
    expect(findClientSubnet(options.slice(0, 1))).toBeUndefined();
  });

  it('reads the option dns-packet writes into a query', () => {
    const wire = dnsPacket.encode({
      type: 'query', id: 1, questions: [{ name: 'www.example.org', type: 'A', class: 'IN' }],
      additionals: [{
        type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false,
        options: [{ code: 8, family: 1, sourcePrefixLength: 22, scopePrefixLength: 0, ip: '198.51.100.0' }],
      }],
    });
    const m = decodeMessage(new Uint8Array(wire));
    expect(m.edns?.udpSize).toBe(1232);
    expect(findClientSubnet(m.edns!.options)).toEqual({
      family: 1, sourcePrefix: 22, scopePrefix: 0, address: Uint8Array.from([198, 51, 100]),
    });
  });
});
