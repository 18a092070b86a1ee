/**
 * ChangeCidrCollection planned as a pure function: the changes apply in order to a copy of the
 * collection's blocks (PUT adds blocks to a location, creating it; DELETE_IF_EXISTS removes the
 * ones present), then the result is checked as a whole, so a block can move between locations
 * in one request whatever the order of its two changes. The plan is the difference.
 */
import type { CidrBlockRow, CidrBlocksPlan } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import type { CidrChange } from './parse-cidr-requests.ts';

/** Blocks one collection may hold (Route 53's quota). */
export const MAX_BLOCKS_PER_COLLECTION = 1000;

/**
 * Returns the block edits that turn `current` into the result of `changes`. Throws
 * CidrBlockInUseException when a block would be in two locations, or a location that record
 * sets use (`inUse`) would lose its last block; LimitsExceeded past 1000 blocks.
 */
export function planCidrChange(current: CidrBlockRow[], changes: CidrChange[], inUse: readonly string[]): CidrBlocksPlan {
  const byLocation = new Map<string, Set<string>>();
  for (const b of current) setOf(byLocation, b.location).add(b.cidr);
  const before = new Set(byLocation.keys());
  for (const c of changes) {
    const set = setOf(byLocation, c.location);
    for (const cidr of c.cidrs) {
      if (c.action === 'PUT') set.add(cidr);
      else set.delete(cidr);
    }
  }
  const where = new Map<string, string>();
  let count = 0;
  for (const [location, cidrs] of byLocation) {
    for (const cidr of cidrs) {
      const other = where.get(cidr);
      if (other !== undefined) {
        throw apiError('CidrBlockInUseException', `The CIDR block ${cidr} would be in two locations, ${other} and ${location}; a block belongs to one location of a collection (move it with DELETE_IF_EXISTS and PUT in one request)`);
      }
      where.set(cidr, location);
      count++;
    }
  }
  const emptied = inUse.filter((l) => before.has(l) && (byLocation.get(l)?.size ?? 0) === 0);
  if (emptied.length > 0) {
    throw apiError('CidrBlockInUseException', `Record sets use the location ${emptied.join(', ')} of this collection, which would have no CIDR block left; change those record sets first`);
  }
  if (count > MAX_BLOCKS_PER_COLLECTION) {
    throw apiError('LimitsExceeded', `A CIDR collection can hold at most ${MAX_BLOCKS_PER_COLLECTION} CIDR blocks; this change would leave ${count}`);
  }
  const had = new Set(current.map(key));
  const after: CidrBlockRow[] = [...where].map(([cidr, location]) => ({ location, cidr }));
  const keep = new Set(after.map(key));
  return { deletes: current.filter((b) => !keep.has(key(b))), puts: after.filter((b) => !had.has(key(b))) };
}

const key = (b: CidrBlockRow) => `${b.location}\n${b.cidr}`;

function setOf(map: Map<string, Set<string>>, location: string): Set<string> {
  let s = map.get(location);
  if (!s) map.set(location, (s = new Set()));
  return s;
}
