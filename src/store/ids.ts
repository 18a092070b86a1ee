/** Route 53-shaped identifiers: Z… for zones, C… for changes, N… for delegation sets, UUIDs for CIDR collections. */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

/** Returns a new hosted zone id (Z + 20 characters, like Route 53's Z0123456789ABCDEFGHIJ). */
export function newZoneId(): string {
  return randomId('Z', 20);
}

/** Returns a new change id (C + 20 characters). */
export function newChangeId(): string {
  return randomId('C', 20);
}

/** Returns a new delegation set id (N + 20 characters). */
export function newDelegationSetId(): string {
  return randomId('N', 20);
}

/** Returns a new CIDR collection id (a lower-case UUID, as Route 53's). */
export function newCidrCollectionId(): string {
  return randomUUID();
}
