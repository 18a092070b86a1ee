/**
 * Reading constrained request fields. A value that breaks a model constraint is an InvalidInput
 * in the AWS validation wording: `1 validation error detected: Value '<v>' at '<path>' failed to
 * satisfy constraint: Member must ...`, where `path` names the member in camel case with 1-based
 * list indexes (`changeBatch.changes.1.member.resourceRecordSet.tTL`).
 */
import { apiError, type ApiError } from '../errors.ts';

/** Where a field sits: the element path for XML messages, the member path for validation ones. */
export type At = { xml: string; member: string };

/** Returns the At of child `name` (a model member name) of `at`. */
export function child(at: At, name: string): At {
  return { xml: `${at.xml}/${name}`, member: `${at.member}.${name.charAt(0).toLowerCase()}${name.slice(1)}` };
}

/** Returns the InvalidInput for a value that breaks `constraint`. */
export function invalid(value: string, at: At, constraint: string): ApiError {
  return apiError('InvalidInput', `1 validation error detected: Value '${value}' at '${at.member}' failed to satisfy constraint: ${constraint}`);
}

/** Returns the text of child `name`, or undefined; InvalidInput when it is repeated or not text. */
export function optionalText(node: Record<string, unknown>, name: string, at: At): string | undefined {
  let v = node[name];
  // Some names (Region) are list items elsewhere in the API, so the parser always makes arrays.
  if (Array.isArray(v)) {
    if (v.length !== 1) throw apiError('InvalidInput', `Invalid XML ; ${at.xml}/${name} appears ${v.length} times`);
    v = v[0];
  }
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw apiError('InvalidInput', `Invalid XML ; ${at.xml}/${name} must be text`);
  return v;
}

/** Returns the text of required child `name`; InvalidInput when missing. */
export function mustText(node: Record<string, unknown>, name: string, at: At): string {
  const v = optionalText(node, name, at);
  if (v === undefined) throw missing(at, name);
  return v;
}

/** Returns the InvalidInput for a missing child element. */
export function missing(at: At, name: string): ApiError {
  const element = at.xml.split('/').at(-1);
  return apiError('InvalidInput', `Invalid XML ; cvc-complex-type.2.4.b: The content of element '${element}' is not complete. '${name}' is expected.`);
}

/** Checks a string's length against the model's min and max. */
export function checkLength(v: string, at: At, min: number, max: number): string {
  if (v.length < min) throw invalid(v, at, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw invalid(v, at, `Member must have length less than or equal to ${max}`);
  return v;
}

/** Returns a whole number within [min, max]. */
export function integerIn(v: string, at: At, min: number, max: number): number {
  if (!/^[-+]?\d+$/.test(v)) throw apiError('InvalidInput', `Invalid XML ; cvc-datatype-valid.1.2.1: '${v}' is not a valid value for 'integer' at ${at.xml}`);
  const n = Number(v);
  if (n < min) throw invalid(v, at, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw invalid(v, at, `Member must have value less than or equal to ${max}`);
  return n;
}

/** Returns an xsd:boolean. */
export function booleanOf(v: string, at: At): boolean {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw apiError('InvalidInput', `Invalid XML ; cvc-datatype-valid.1.2.1: '${v}' is not a valid value for 'boolean' at ${at.xml}`);
}

/** Returns `v` when it is one of `values`. */
export function enumOf<T extends string>(v: string, at: At, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(v)) throw invalid(v, at, `Member must satisfy enum value set: [${values.join(', ')}]`);
  return v as T;
}

/** Returns `v` when the whole of it matches `pattern` (the model's regular expression). */
export function matching(v: string, at: At, pattern: string): string {
  if (!new RegExp(`^(?:${pattern})$`).test(v)) throw invalid(v, at, `Member must satisfy regular expression pattern: ${pattern}`);
  return v;
}
