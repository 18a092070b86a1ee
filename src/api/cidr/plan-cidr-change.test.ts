import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import type { CidrChange } from './parse-cidr-requests.ts';
import { planCidrChange } from './plan-cidr-change.ts';

const put = (location: string, ...cidrs: string[]): CidrChange => ({ action: 'PUT', location, cidrs });
const del = (location: string, ...cidrs: string[]): CidrChange => ({ action: 'DELETE_IF_EXISTS', location, cidrs });
const b = (location: string, cidr: string) => ({ location, cidr });

function refused(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('planCidrChange', () => {
  it('adds new blocks, drops removed ones, and plans nothing for what is already so', () => {
    const current = [b('paris', '192.0.2.0/24'), b('rome', '198.51.100.0/24')];
    expect(planCidrChange(current, [put('paris', '192.0.2.0/24', '203.0.113.0/24'), del('rome', '198.51.100.0/24', '10.0.0.0/8')], [])).toEqual({
      deletes: [b('rome', '198.51.100.0/24')], puts: [b('paris', '203.0.113.0/24')],
    });
    expect(planCidrChange(current, [put('paris', '192.0.2.0/24'), del('oslo', '10.0.0.0/8')], [])).toEqual({ deletes: [], puts: [] });
  });

  it('applies changes in order: a PUT after a DELETE of the same block keeps it', () => {
    expect(planCidrChange([], [put('paris', '192.0.2.0/24'), del('paris', '192.0.2.0/24'), put('paris', '192.0.2.0/24')], [])).toEqual({
      deletes: [], puts: [b('paris', '192.0.2.0/24')],
    });
  });

  it('moves a block between locations in one request, whatever the order', () => {
    const current = [b('paris', '192.0.2.0/24')];
    const moved = { deletes: [b('paris', '192.0.2.0/24')], puts: [b('rome', '192.0.2.0/24')] };
    expect(planCidrChange(current, [put('rome', '192.0.2.0/24'), del('paris', '192.0.2.0/24')], [])).toEqual(moved);
    expect(planCidrChange(current, [del('paris', '192.0.2.0/24'), put('rome', '192.0.2.0/24')], [])).toEqual(moved);
  });

  it('refuses a block in two locations with CidrBlockInUseException', () => {
    const err = refused(() => planCidrChange([b('paris', '192.0.2.0/24')], [put('rome', '192.0.2.0/24')], []));
    expect(err.code).toBe('CidrBlockInUseException');
    expect(err.message).toMatch(/192\.0\.2\.0\/24 would be in two locations, paris and rome/);
  });

  it('refuses to take the last block of a location that record sets use, and allows it for unused ones', () => {
    const current = [b('paris', '192.0.2.0/24'), b('paris', '198.51.100.0/24'), b('rome', '203.0.113.0/24')];
    const err = refused(() => planCidrChange(current, [del('paris', '192.0.2.0/24', '198.51.100.0/24')], ['*', 'paris']));
    expect(err.code).toBe('CidrBlockInUseException');
    expect(err.message).toMatch(/Record sets use the location paris/);
    expect(planCidrChange(current, [del('paris', '192.0.2.0/24')], ['paris']).deletes).toEqual([b('paris', '192.0.2.0/24')]);
    expect(planCidrChange(current, [del('rome', '203.0.113.0/24')], ['*', 'paris']).deletes).toEqual([b('rome', '203.0.113.0/24')]);
  });

  it('refuses more than 1000 blocks in the collection with LimitsExceeded', () => {
    const current = Array.from({ length: 999 }, (_, i) => b('many', `10.${i >> 8}.${i & 255}.0/24`));
    expect(planCidrChange(current, [put('more', '192.0.2.0/24')], []).puts).toHaveLength(1);
    const err = refused(() => planCidrChange(current, [put('more', '192.0.2.0/24', '198.51.100.0/24')], []));
    expect(err.code).toBe('LimitsExceeded');
    expect(err.message).toMatch(/at most 1000 CIDR blocks; this change would leave 1001/);
  });
});
