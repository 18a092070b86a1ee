import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { NAMESPACE, parseRequest } from '../xml.ts';
import { decodeToken, encodeToken, maxResults } from './cidr-xml.ts';
import { collectionIdParam, parseChangeCidrCollection, parseCreateCidrCollection } from './parse-cidr-requests.ts';

const create = (inner: string) => parseCreateCidrCollection(parseRequest(`<CreateCidrCollectionRequest xmlns="${NAMESPACE}">${inner}</CreateCidrCollectionRequest>`, 'CreateCidrCollectionRequest'));
const change = (inner: string) => parseChangeCidrCollection(parseRequest(`<ChangeCidrCollectionRequest xmlns="${NAMESPACE}">${inner}</ChangeCidrCollectionRequest>`, 'ChangeCidrCollectionRequest'));
const item = (location: string, action: string, cidrs: string[], tag = 'member') =>
  `<${tag}><LocationName>${location}</LocationName><Action>${action}</Action><CidrList>${cidrs.map((c) => `<Cidr>${c}</Cidr>`).join('')}</CidrList></${tag}>`;

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('CreateCidrCollectionRequest', () => {
  it('reads Name and CallerReference', () => {
    expect(create('<Name>offices-1_a</Name><CallerReference>ref 1</CallerReference>')).toEqual({ name: 'offices-1_a', callerReference: 'ref 1' });
  });

  it.each([
    ['<CallerReference>r</CallerReference>', /'Name' is expected/],
    ['<Name>a</Name>', /'CallerReference' is expected/],
    ['<Name>a.b</Name><CallerReference>r</CallerReference>', /Value 'a\.b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    [`<Name>${'a'.repeat(65)}</Name><CallerReference>r</CallerReference>`, /at 'name' failed to satisfy constraint: Member must have length less than or equal to 64/],
    [`<Name>a</Name><CallerReference>${'r'.repeat(65)}</CallerReference>`, /at 'callerReference' .* less than or equal to 64/],
    ['<Name>a</Name><CallerReference>réf</CallerReference>', /at 'callerReference' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ['<Name>a</Name><CallerReference>r</CallerReference><Comment>x</Comment>', /Invalid content was found starting with element 'Comment'/],
  ])('refuses %s', (inner, message) => {
    expect(refusal(() => create(inner))).toMatch(new RegExp(`^InvalidInput: .*${message.source}`));
  });
});

describe('ChangeCidrCollectionRequest', () => {
  it('reads CollectionVersion and the changes in order, blocks in canonical form, from <member> or <CidrCollectionChange> items', () => {
    expect(change(`<CollectionVersion>7</CollectionVersion><Changes>${item('paris', 'PUT', ['2001:DB8:0::/32', '192.0.2.0/24'])}${item('rome', 'DELETE_IF_EXISTS', ['10.0.0.0/8'])}</Changes>`)).toEqual({
      version: 7,
      changes: [{ action: 'PUT', location: 'paris', cidrs: ['2001:db8::/32', '192.0.2.0/24'] }, { action: 'DELETE_IF_EXISTS', location: 'rome', cidrs: ['10.0.0.0/8'] }],
    });
    expect(change(`<Changes>${item('paris', 'PUT', ['192.0.2.0/24'], 'CidrCollectionChange')}</Changes>`)).toEqual({
      version: undefined, changes: [{ action: 'PUT', location: 'paris', cidrs: ['192.0.2.0/24'] }],
    });
  });

  it.each([
    ['no Changes', '', /'Changes' is expected/],
    ['empty Changes', '<Changes></Changes>', /The content of element 'Changes' is not complete. 'member' is expected/],
    ['an empty CidrList', `<Changes><member><LocationName>a</LocationName><Action>PUT</Action><CidrList/></member></Changes>`, /'CidrList' is not complete. 'Cidr' is expected/],
    ['no LocationName', `<Changes><member><Action>PUT</Action><CidrList><Cidr>192.0.2.0/24</Cidr></CidrList></member></Changes>`, /'LocationName' is expected/],
    ['a bad action', `<Changes>${item('a', 'CREATE', ['192.0.2.0/24'])}</Changes>`, /Value 'CREATE' at 'changes\.1\.member\.action' .* enum value set: \[PUT, DELETE_IF_EXISTS\]/],
    ['the default location', `<Changes>${item('*', 'PUT', ['192.0.2.0/24'])}</Changes>`, /Value '\*' at 'changes\.1\.member\.locationName'/],
    ['a long location', `<Changes>${item('a'.repeat(17), 'PUT', ['192.0.2.0/24'])}</Changes>`, /locationName' failed to satisfy constraint: Member must have length less than or equal to 16/],
    ['a bad block', `<Changes>${item('a', 'PUT', ['192.0.2.0/24', '192.0.2.0/33'])}</Changes>`, /Invalid CIDR block at changes\.1\.member\.cidrList\.2\.member: '192\.0\.2\.0\/33' is longer than \/24/],
    ['a blank block', `<Changes>${item('a', 'PUT', ['  '])}</Changes>`, /Value '' at 'changes\.1\.member\.cidrList\.1\.member' failed to satisfy constraint: Member must have length greater than or equal to 1/],
    ['version 0', `<CollectionVersion>0</CollectionVersion><Changes>${item('a', 'PUT', ['192.0.2.0/24'])}</Changes>`, /at 'collectionVersion' failed to satisfy constraint: Member must have value greater than or equal to 1/],
    ['a version that is not a number', `<CollectionVersion>two</CollectionVersion><Changes>${item('a', 'PUT', ['192.0.2.0/24'])}</Changes>`, /'two' is not a valid value for 'long'/],
    ['mixed item names', `<Changes>${item('a', 'PUT', ['192.0.2.0/24'])}${item('b', 'PUT', ['198.51.100.0/24'], 'CidrCollectionChange')}</Changes>`, /mixes member and CidrCollectionChange items/],
  ])('refuses %s', (_what, inner, message) => {
    expect(refusal(() => change(inner))).toMatch(new RegExp(`^InvalidInput: .*${message.source}`));
  });

  it('refuses more than 1000 blocks in one request', () => {
    const blocks = (n: number, second: number) => Array.from({ length: n }, (_, i) => `10.${second}.${i % 256}.0/24`.replace(/^10\.(\d+)\.(\d+)/, (_m, s, t) => `10.${Number(s) + (i >> 8)}.${t}`));
    expect(change(`<Changes>${item('a', 'PUT', blocks(500, 0))}${item('b', 'PUT', blocks(500, 100))}</Changes>`).changes).toHaveLength(2);
    expect(refusal(() => change(`<Changes>${item('a', 'PUT', blocks(500, 0))}${item('b', 'PUT', blocks(501, 100))}</Changes>`)))
      .toMatch(/^InvalidInput: A ChangeCidrCollection request can carry at most 1000 CIDR blocks; this one has 1001/);
  });
});

describe('ids and paging', () => {
  it('takes lower-case UUIDs as collection ids', () => {
    expect(collectionIdParam('0e548232-8f42-4e8c-bbda-81b6bf5e71ca', 'id')).toBe('0e548232-8f42-4e8c-bbda-81b6bf5e71ca');
    expect(refusal(() => collectionIdParam('0e548232', 'collectionId'))).toMatch(/^InvalidInput: 1 validation error detected: Value '0e548232' at 'collectionId'/);
  });

  it('reads maxresults, clamped to 100', () => {
    expect([maxResults(undefined), maxResults('1'), maxResults('5000')]).toEqual([100, 1, 100]);
    for (const bad of ['0', '-1', 'ten', '1.5']) expect(refusal(() => maxResults(bad))).toMatch(/^InvalidInput: maxresults must be a positive integer/);
  });

  it('gives out tokens that resume their own listing only', () => {
    expect(decodeToken('blocks', encodeToken('blocks', { location: 'paris', cidr: '192.0.2.0/24' }))).toEqual({ location: 'paris', cidr: '192.0.2.0/24' });
    expect(decodeToken('collections', encodeToken('collections', 'offices'))).toBe('offices');
    expect(decodeToken('locations', undefined)).toBeUndefined();
    for (const bad of [encodeToken('collections', 'offices'), 'not a token', 'bm90LWpzb24', Buffer.from('{"kind":"locations","after":1}').toString('base64url')]) {
      expect(refusal(() => decodeToken('locations', bad))).toMatch(/^InvalidPaginationToken: /);
    }
  });
});
