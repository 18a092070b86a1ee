import { describe, expect, it } from 'vitest';
import { rrTypeToString } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import { ApiError } from '../errors.ts';
import { listRecordSets, reversedName, type ListQuery } from './list-record-sets.ts';
import type { R53Type } from './model.ts';
import { r53NameFromStored } from './r53-names.ts';
import { APEX, alias, rowOf, rrset } from './testing.ts';

const simple = (name: string, type: R53Type = 'A') => rowOf(rrset(name, type, [type === 'TXT' ? '"x"' : type === 'AAAA' ? '2001:db8::1' : '192.0.2.1']));
const weighted = (name: string, id: string) => rowOf(rrset(name, 'A', ['192.0.2.1'], { SetIdentifier: id, Weight: 1 }));
const label = (r: RecordSetRow) => `${r53NameFromStored(r.name)} ${rrTypeToString(r.type)}${r.setIdentifier ? ` ${r.setIdentifier}` : ''}`;

describe('reversedName', () => {
  it.each([
    ['www.example.com.', 'com.example.www.'], ['example.com.', 'com.example.'], ['\\052.example.com.', 'com.example.\\052.'], ['.', '.'],
  ])('%s -> %s', (name, want) => expect(reversedName(name)).toBe(want));
});

describe('listRecordSets ordering', () => {
  it('sorts by reversed name, then type, then set identifier', () => {
    const rows = [
      weighted('w.example.com', 'b'), simple('b.example.com'), simple('a.example.com', 'TXT'), simple('a.example.com', 'AAAA'),
      simple('a-b.example.com'), simple('*.example.com'), simple('z.a.example.com'), weighted('w.example.com', 'a'),
      simple('a.example.com'), rowOf(alias('mail.example.com', 'A', 'a.example.com')), simple('0.example.com'), ...APEX,
    ];
    expect(listRecordSets(rows, {}).items.map(label)).toEqual([
      'example.com. NS', 'example.com. SOA', '0.example.com. A', '\\052.example.com. A', 'a-b.example.com. A',
      'a.example.com. A', 'a.example.com. AAAA', 'a.example.com. TXT', 'z.a.example.com. A', 'b.example.com. A',
      'mail.example.com. A', 'w.example.com. A a', 'w.example.com. A b',
    ]);
  });
});

describe('listRecordSets paging', () => {
  // 12 names x (1 simple AAAA + 25 weighted A) = 312 sets: more than one default page.
  const rows: RecordSetRow[] = [...APEX];
  for (let n = 0; n < 12; n++) {
    rows.push(simple(`host${n}.example.com`, 'AAAA'));
    for (let i = 0; i < 25; i++) rows.push(weighted(`host${n}.example.com`, `set-${String(i).padStart(2, '0')}`));
  }
  const all = listRecordSets(rows, { maxItems: '1000' });

  it('pages with the default of 300 and echoes MaxItems as asked', () => {
    const first = listRecordSets(rows, {});
    expect(first.items).toHaveLength(300);
    expect(first.maxItems).toBe('300');
    expect(first.isTruncated).toBe(true);
    expect(all.items).toHaveLength(300);
    expect(all.maxItems).toBe('1000');
  });

  it.each(['1', '7', '26', '299', '300'])('walks every set with maxitems=%s', (maxItems) => {
    const seen: RecordSetRow[] = [];
    let q: ListQuery = { maxItems };
    for (let pages = 0; pages < 400; pages++) {
      const page = listRecordSets(rows, q);
      expect(page.items.length).toBeLessThanOrEqual(Number(maxItems));
      seen.push(...page.items);
      if (!page.isTruncated) {
        expect(page.next).toBeUndefined();
        break;
      }
      q = { maxItems, ...page.next! };
      const following = listRecordSets(rows, { ...q, maxItems: '1' }).items[0]!;
      expect(page.next!.identifier).toBe(following.setIdentifier === '' ? undefined : following.setIdentifier);
    }
    const first = listRecordSets(rows, { maxItems: '300' });
    const rest = listRecordSets(rows, { maxItems: '300', ...first.next! });
    expect(rest.isTruncated).toBe(false);
    expect(seen.map(label)).toEqual([...first.items, ...rest.items].map(label));
    expect(new Set(seen.map(label)).size).toBe(rows.length);
  });

  it('gives NextRecordIdentifier only for a set that has one', () => {
    expect(listRecordSets(rows, { maxItems: '3' }).next).toEqual({ name: 'host0.example.com.', type: 'A', identifier: 'set-01' });
    expect(listRecordSets(rows, { maxItems: '27' }).next).toEqual({ name: 'host0.example.com.', type: 'AAAA' });
  });

  it.each([
    [{ name: 'host5.example.com' }, 'host5.example.com. A set-00'],
    [{ name: 'HOST5.example.com.', type: 'AAAA' }, 'host5.example.com. AAAA'],
    [{ name: 'host5.example.com', type: 'A', identifier: 'set-10' }, 'host5.example.com. A set-10'],
    [{ name: 'host5.example.com', type: 'CNAME' }, 'host6.example.com. A set-00'],
    [{ name: 'host10.example.com' }, 'host10.example.com. A set-00'],
    [{ name: 'a.example.com' }, 'host0.example.com. A set-00'],
    [{ name: 'example.com', type: 'SOA' }, 'example.com. SOA'],
  ])('starts at %j', (q, first) => {
    expect(label(listRecordSets(rows, { ...q, maxItems: '1' }).items[0]!)).toBe(first);
  });

  it('returns an empty, untruncated page past the end', () => {
    expect(listRecordSets(rows, { name: 'zzz.example.com' })).toEqual({ items: [], isTruncated: false, maxItems: '300' });
  });

  it.each([
    [{ type: 'A' }, /type parameter needs the name parameter/],
    [{ identifier: 'x' }, /identifier parameter needs the name and type/],
    [{ name: 'a.example.com', identifier: 'x' }, /identifier parameter needs the name and type/],
    [{ name: 'a..example.com' }, /^FATAL problem: DomainLabelEmpty/],
    [{ name: 'a.example.com', type: 'HINFO' }, /Invalid value for type: 'HINFO'/],
    [{ maxItems: '0' }, /Invalid value for maxitems: '0'/],
    [{ maxItems: 'ten' }, /Invalid value for maxitems: 'ten'/],
    [{ maxItems: '-5' }, /Invalid value for maxitems/],
  ] as [ListQuery, RegExp][])('refuses %j with InvalidInput', (q, message) => {
    let err: unknown;
    try {
      listRecordSets(rows, q);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('InvalidInput');
    expect((err as ApiError).message).toMatch(message);
  });
});
