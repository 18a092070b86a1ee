/**
 * ListResourceRecordSets ordering and paging (route53.md 1.4). Sets sort by name with its labels
 * reversed, compared as ASCII strings of Route 53's stored form including the trailing dot
 * (`com.example.www.`; so `a-b.example.com.` sorts before `a.example.com.`), then by the type
 * mnemonic, then by set identifier (a simple set, with none, first). A page starts at the first
 * set at or after (name, type, identifier); `next` names the first set of the following page.
 */
import { lowerName, rrTypeToString } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import { apiError } from '../errors.ts';
import { FatalProblem } from './fatal-problem.ts';
import { R53_TYPES } from './model.ts';
import { parseR53Name, r53NameFromStored, r53NameText } from './r53-names.ts';

export type ListQuery = { name?: string; type?: string; identifier?: string; maxItems?: string };
export type ListPage = {
  items: RecordSetRow[];
  isTruncated: boolean;
  /** The first set of the next page, when truncated; `identifier` only when it has one. */
  next?: { name: string; type: string; identifier?: string };
  /** The requested page size, echoed as given (default "300"). */
  maxItems: string;
};

/** The default and largest page. */
const PAGE = 300;

type SortKey = [name: string, type: string, identifier: string];

/** Returns Route 53's sort key of a name in its output form: labels reversed, trailing dot. */
export function reversedName(r53Name: string): string {
  if (r53Name === '.') return '.';
  return r53Name.slice(0, -1).split('.').reverse().join('.') + '.';
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 3; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

/** Returns one page of `rows` in Route 53's order; InvalidInput for bad parameters. */
export function listRecordSets(rows: RecordSetRow[], q: ListQuery): ListPage {
  const maxItems = q.maxItems ?? String(PAGE);
  if (!/^\d{1,10}$/.test(maxItems) || Number(maxItems) < 1) {
    throw apiError('InvalidInput', `Invalid value for maxitems: '${maxItems}' (a whole number of at least 1; pages hold at most ${PAGE} sets)`);
  }
  const size = Math.min(Number(maxItems), PAGE);
  const start = startKey(q);
  const sorted = rows
    .map((row) => ({ row, key: [reversedName(r53NameFromStored(row.name)), rrTypeToString(row.type), row.setIdentifier] as SortKey }))
    .sort((a, b) => compareKeys(a.key, b.key));
  let from = 0;
  if (start) while (from < sorted.length && compareKeys(sorted[from]!.key, start) < 0) from++;
  const items = sorted.slice(from, from + size).map((x) => x.row);
  const after = sorted[from + size]?.row;
  const page: ListPage = { items, isTruncated: after !== undefined, maxItems };
  if (after) {
    page.next = { name: r53NameFromStored(after.name), type: rrTypeToString(after.type) };
    if (after.setIdentifier !== '') page.next.identifier = after.setIdentifier;
  }
  return page;
}

/** Returns where the page starts, from the name, type and identifier parameters. */
function startKey(q: ListQuery): SortKey | undefined {
  if (q.name === undefined) {
    if (q.type !== undefined) throw apiError('InvalidInput', 'The type parameter needs the name parameter (StartRecordType needs StartRecordName)');
    if (q.identifier !== undefined) throw apiError('InvalidInput', 'The identifier parameter needs the name and type parameters');
    return undefined;
  }
  let name: string;
  try {
    name = reversedName(r53NameText(lowerName(parseR53Name(q.name))));
  } catch (e) {
    if (e instanceof FatalProblem) throw apiError('InvalidInput', e.message);
    throw e;
  }
  if (q.type !== undefined && !(R53_TYPES as readonly string[]).includes(q.type)) {
    throw apiError('InvalidInput', `Invalid value for type: '${q.type}' (one of ${R53_TYPES.join(', ')})`);
  }
  if (q.identifier !== undefined && q.type === undefined) throw apiError('InvalidInput', 'The identifier parameter needs the name and type parameters');
  return [name, q.type ?? '', q.identifier ?? ''];
}
