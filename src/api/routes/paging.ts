/** Paging and ordering rules shared by the List operations (route53.md 1.4). */
import { apiError } from '../errors.ts';

/** Parses `maxitems`: a positive integer, clamped to `max`; the default is `max`. */
export function pageSize(value: string | undefined, max: number): number {
  if (value === undefined) return max;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw apiError('InvalidInput', `maxitems must be a positive integer, not "${value}"`);
  return Math.min(Number(value), max);
}

/** Orders names as Route 53 lists them: labels reversed, compared as ASCII (com.example.www.). */
export function compareReversedNames(a: string, b: string): number {
  const ra = reversed(a);
  const rb = reversed(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

function reversed(name: string): string {
  return name.replace(/\.$/, '').split('.').reverse().join('.') + '.';
}
