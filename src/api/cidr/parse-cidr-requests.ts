/**
 * CreateCidrCollectionRequest and ChangeCidrCollectionRequest bodies, and the collection id in
 * paths, checked against the botocore model (CollectionName, CidrNonce, CollectionVersion,
 * CidrCollectionChange, CidrLocationNameDefaultNotAllowed, Cidr, UUID). Problems are InvalidInput
 * in the AWS validation wording; blocks come back in canonical form (cidr-block.ts).
 */
import { apiError } from '../errors.ts';
import { onlyElements } from '../xml.ts';
import { checkLength, child, enumOf, invalid, matching, missing, mustText, optionalText, type At } from '../record-sets/xml-fields.ts';
import { parseCidrBlock } from './cidr-block.ts';

export const UUID_PATTERN = '[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}';
export const LOCATION_PATTERN = '[0-9A-Za-z_\\-]+';
const NAME_PATTERN = '[0-9A-Za-z_\\-]+';
/** Blocks one ChangeCidrCollection may carry in all (Route 53's API reference). */
export const MAX_BLOCKS_PER_REQUEST = 1000;

export const CIDR_ACTIONS = ['PUT', 'DELETE_IF_EXISTS'] as const;
export type CidrAction = (typeof CIDR_ACTIONS)[number];
/** One CidrCollectionChange: blocks (canonical text) to put at or remove from a location. */
export type CidrChange = { action: CidrAction; location: string; cidrs: string[] };

/** Returns a collection id from a path (member `id` or `collectionId`); InvalidInput unless a UUID. */
export function collectionIdParam(value: string, member: 'id' | 'collectionId'): string {
  return matching(value, { xml: member, member }, UUID_PATTERN);
}

/** Returns a location name (no `*`): 1 to 16 of `[0-9A-Za-z_-]`. */
export function locationName(value: string, at: At): string {
  return matching(checkLength(value, at, 1, 16), at, LOCATION_PATTERN);
}

/** Returns Name and CallerReference of a <CreateCidrCollectionRequest>. */
export function parseCreateCidrCollection(root: Record<string, unknown>): { name: string; callerReference: string } {
  const at: At = { xml: 'CreateCidrCollectionRequest', member: '' };
  const n = onlyElements(root, ['Name', 'CallerReference'], at.xml);
  const name = mustText(n, 'Name', at);
  const ref = mustText(n, 'CallerReference', at);
  return {
    name: matching(checkLength(name, { ...at, member: 'name' }, 1, 64), { ...at, member: 'name' }, NAME_PATTERN),
    // CidrNonce: 1 to 64 ASCII characters.
    callerReference: matching(checkLength(ref, { ...at, member: 'callerReference' }, 1, 64), { ...at, member: 'callerReference' }, '[\\x00-\\x7F]+'),
  };
}

/** Returns CollectionVersion (when given) and the changes of a <ChangeCidrCollectionRequest>. */
export function parseChangeCidrCollection(root: Record<string, unknown>): { version: number | undefined; changes: CidrChange[] } {
  const at: At = { xml: 'ChangeCidrCollectionRequest', member: '' };
  const n = onlyElements(root, ['CollectionVersion', 'Changes'], at.xml);
  const v = optionalText(n, 'CollectionVersion', at);
  let version: number | undefined;
  if (v !== undefined) {
    if (!/^[-+]?\d{1,18}$/.test(v)) throw apiError('InvalidInput', `Invalid XML ; cvc-datatype-valid.1.2.1: '${v}' is not a valid value for 'long' at ${at.xml}/CollectionVersion`);
    version = Number(v);
    if (version < 1) throw invalid(v, { ...at, member: 'collectionVersion' }, 'Member must have value greater than or equal to 1');
  }
  if (n.Changes === undefined) throw missing(at, 'Changes');
  // The model names no list item, so SDKs send <member>; the API reference shows <CidrCollectionChange>.
  const changesAt: At = { xml: `${at.xml}/Changes`, member: 'changes' };
  const items = listItems(n.Changes, ['member', 'CidrCollectionChange'], changesAt);
  if (items.length > 1000) throw invalid(`[${items.length} changes]`, changesAt, 'Member must have length less than or equal to 1000');
  const changes = items.map((item, i) => parseChange(item, { xml: `${changesAt.xml}/member`, member: `changes.${i + 1}.member` }));
  const total = changes.reduce((sum, c) => sum + c.cidrs.length, 0);
  if (total > MAX_BLOCKS_PER_REQUEST) throw apiError('InvalidInput', `A ChangeCidrCollection request can carry at most ${MAX_BLOCKS_PER_REQUEST} CIDR blocks; this one has ${total}`);
  return { version, changes };
}

function parseChange(item: unknown, at: At): CidrChange {
  const n = onlyElements(item, ['LocationName', 'Action', 'CidrList'], at.xml);
  const location = locationName(mustText(n, 'LocationName', at), child(at, 'LocationName'));
  const action = enumOf(mustText(n, 'Action', at), child(at, 'Action'), CIDR_ACTIONS);
  if (n.CidrList === undefined) throw missing(at, 'CidrList');
  const listAt = child(at, 'CidrList');
  const cidrs = listItems(n.CidrList, ['Cidr'], listAt).map((c, i) => {
    const itemAt: At = { xml: `${listAt.xml}/Cidr`, member: `${listAt.member}.${i + 1}.member` };
    if (typeof c !== 'string') throw apiError('InvalidInput', `Invalid XML ; ${itemAt.xml} must be text`);
    const parsed = parseCidrBlock(matching(checkLength(c, itemAt, 1, 50), itemAt, '.*\\S.*'));
    if (!parsed.ok) throw apiError('InvalidInput', `Invalid CIDR block at ${itemAt.member}: ${parsed.reason}`);
    return parsed.block.text;
  });
  if (cidrs.length > 1000) throw invalid(`[${cidrs.length} blocks]`, listAt, 'Member must have length less than or equal to 1000');
  return { action, location, cidrs };
}

/** Returns the items of a list element that holds 1 or more elements named one of `names` (not mixed). */
function listItems(node: unknown, names: string[], at: At): unknown[] {
  const inner = onlyElements(node, names, at.xml);
  const used = names.filter((name) => inner[name] !== undefined);
  if (used.length > 1) throw apiError('InvalidInput', `Invalid XML ; ${at.xml} mixes ${used.join(' and ')} items`);
  const items = used.length === 0 ? undefined : inner[used[0]!];
  const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
  if (list.length === 0) throw missing({ ...at, xml: at.xml }, names[0]!);
  return list;
}
