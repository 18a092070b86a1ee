/**
 * Requests for AWS services Signpost does not have. A client given one endpoint for every
 * service (`AWS_ENDPOINT_URL`, or moto's server mode) sends them to Signpost, where they reach
 * `POST /`, EC2's endpoint. They are answered 501 NotImplemented naming the service and the
 * operation, in the protocol their SDK reads (JSON for X-Amz-Target services such as
 * route53domains, Query XML otherwise), rather than with an EC2 signature error.
 */
import { credentialScopeOf } from './credential-scope.ts';
import { headerValue, type Headers } from './sigv4-claim.ts';
import { escapeText } from './xml.ts';

/** Services whose requests `POST /` answers itself (Route 53's go there only by mistake). */
const OFFERED = new Set(['ec2', 'route53']);

/** A request meant for another service: which one, which operation, and its protocol. */
export type OtherServiceRequest = { service: string; operation: string; protocol: 'json' | 'query' };

/** Returns what the request is, when it is meant for a service Signpost does not offer. */
export function otherServiceRequest(headers: Headers, url: string, body: Buffer): OtherServiceRequest | undefined {
  const scope = credentialScopeOf(headers, url);
  if (scope?.service !== undefined && OFFERED.has(scope.service)) return undefined;
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) {
    // "Route53Domains_v20140515.ListDomains": the scope names the service when signed.
    const dot = target.lastIndexOf('.');
    const service = scope?.service ?? (dot > 0 ? target.slice(0, dot) : 'unknown service');
    return { service, operation: target.slice(dot + 1), protocol: 'json' };
  }
  if (scope?.service === undefined) return undefined;
  const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? new URLSearchParams(url.split('?')[1] ?? '').get('Action');
  return { service: scope.service, operation: action ?? '(no Action)', protocol: 'query' };
}

/** The 501 reply for `req`, as its SDK expects an error. */
export function notOfferedReply(req: OtherServiceRequest, requestId: string): { status: number; contentType: string; body: string } {
  const message = `The ${req.service} operation ${req.operation} is not offered by Signpost (it offers Route 53, and EC2's VPC operations)`;
  if (req.protocol === 'json') {
    return { status: 501, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'NotImplemented', message }) };
  }
  return {
    status: 501, contentType: 'text/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>NotImplemented</Code><Message>${escapeText(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
