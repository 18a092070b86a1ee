/**
 * The EC2 Query protocol as the AWS CLI and SDKs speak it: a form-encoded POST to `/` with
 * Action and Version; lists flattened as `Name.1`, `Name.2`, structures as `Name.1.Key`.
 * Responses are XML in EC2's namespace with a requestId; errors are EC2's
 * `<Response><Errors><Error>…</Error></Errors><RequestID>…</RequestID></Response>`.
 */
import { escapeText, xmlElements, type OutElement } from '../xml.ts';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An error the EC2 endpoint answers with (EC2's code, HTTP status and message). */
export class Ec2Error extends Error {
  override name = 'Ec2Error';
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Returns an Ec2Error (status 400 unless given). */
export function ec2Error(code: string, message: string, status = 400): Ec2Error {
  return new Ec2Error(code, message, status);
}

/** Renders an error document as EC2 does. */
export function ec2ErrorXml(err: Ec2Error, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeText(err.code)}</Code><Message>${escapeText(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}

/** Returns a response document: `<{Action}Response>` with the requestId first. */
export function ec2Document(action: string, requestId: string, children: OutElement[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}">${xmlElements([['requestId', requestId], ...children])}</${action}Response>`;
}

/** `item` elements for a list, as EC2 wraps them. */
export function items(values: OutElement[][]): OutElement[] {
  return values.map((v) => ['item', v] as OutElement);
}

/** The parameters of one request. */
export type Params = {
  /** The value of a scalar parameter. */
  get(name: string): string | undefined;
  /** The values of `Name.1`, `Name.2`, … in order of their index (a gap ends the list). */
  list(name: string): string[];
  /** The indexes of `Name.N.*` structures, in order. */
  indexes(name: string): number[];
  /** Every parameter name, for refusing the ones an operation does not know. */
  names(): string[];
};

/** Parses a form-encoded body; duplicates and malformed list indexes are refused. */
export function parseParams(body: string): Params {
  const map = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(body)) {
    if (map.has(k)) throw ec2Error('InvalidParameterValue', `The parameter ${k} is given more than once`);
    map.set(k, v);
  }
  return {
    get: (name) => map.get(name),
    list(name) {
      const out: string[] = [];
      for (const i of this.indexes(name)) {
        const v = map.get(`${name}.${i}`);
        if (v !== undefined) out.push(v);
      }
      return out;
    },
    indexes(name) {
      const found = new Set<number>();
      const prefix = `${name}.`;
      for (const k of map.keys()) {
        if (!k.startsWith(prefix)) continue;
        const m = /^(\d{1,4})(\.|$)/.exec(k.slice(prefix.length));
        if (!m || Number(m[1]) < 1) throw ec2Error('InvalidParameterValue', `The parameter ${k} is not a valid list member`);
        found.add(Number(m[1]));
      }
      return [...found].sort((a, b) => a - b);
    },
    names: () => [...map.keys()],
  };
}

/** Refuses any parameter not matched by `known` (never accept and ignore). */
export function onlyParams(p: Params, known: RegExp[]): void {
  for (const n of p.names()) {
    if (n === 'Action' || n === 'Version') continue;
    if (!known.some((r) => r.test(n))) throw ec2Error('UnknownParameter', `The parameter ${n.replace(/\.\d+.*$/, '')} is not supported by Signpost's ${p.get('Action')}`);
  }
}

/** True when DryRun is set: the caller wants the checks only (answered DryRunOperation). */
export function dryRun(p: Params): boolean {
  const v = p.get('DryRun');
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw ec2Error('InvalidParameterValue', `Value (${v}) for parameter DryRun is invalid. Expected 'true' or 'false'.`);
}
