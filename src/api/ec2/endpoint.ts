/**
 * The EC2 endpoint on the API's HTTP listener: `POST /` with a form-encoded body (the Query
 * protocol), signed with SigV4 for service `ec2`. The signing region is the VPC's region.
 * Every failure is answered in EC2's error layout, with EC2's codes; requests meant for other
 * services are answered first, in theirs (other-services.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';
import { verifySigV4 } from '../sigv4.ts';
import type { ApiContext } from '../context.ts';
import { ec2Document, ec2Error, ec2ErrorXml, Ec2Error, parseParams } from './protocol.ts';
import { EC2_OPERATIONS, type Ec2Operation } from './vpcs.ts';
import { createTags, deleteTags } from './tags.ts';
import { devEc2CallerOf } from '../dev.ts';
import { notOfferedReply, otherServiceRequest } from '../other-services.ts';

/** EC2's codes for the signature failures the Route 53 catalogue names otherwise. */
const AUTH_CODES: Record<string, [code: string, status: number]> = {
  MissingAuthenticationToken: ['MissingAuthenticationToken', 401],
  InvalidClientTokenId: ['AuthFailure', 401],
  IncompleteSignature: ['IncompleteSignature', 400],
  SignatureDoesNotMatch: ['SignatureDoesNotMatch', 403],
  AccessDenied: ['AuthFailure', 401],
  XAmzContentSHA256Mismatch: ['SignatureDoesNotMatch', 403],
  Throttling: ['RequestLimitExceeded', 503],
};

/** Every EC2 operation the endpoint answers, by Action. */
const OPERATIONS: Record<string, Ec2Operation> = { ...EC2_OPERATIONS, CreateTags: createTags, DeleteTags: deleteTags };

/** Adds `POST /` (the EC2 VPC operations) to the API app; `allow` is the per-account throttle. */
export function registerEc2(app: FastifyInstance, ctx: ApiContext, allow: (accountId: string) => boolean): void {
  app.post('/', async (req, reply) => {
    const requestId = randomUUID();
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const other = otherServiceRequest(req.headers, req.raw.url ?? '/', body);
    if (other) {
      const r = notOfferedReply(other, requestId);
      return reply.code(r.status).header('content-type', r.contentType).header('x-amzn-requestid', requestId).send(r.body);
    }
    let status = 200;
    let xml: string;
    try {
      // --dev: any credentials, as for Route 53 (dev.ts).
      const who = ctx.dev ? devEc2CallerOf(req.headers, req.raw.url ?? '/', ctx.dev.defaultAccount) : await verifySigV4({ method: req.method, url: req.raw.url ?? '/', headers: req.headers, body }, async (id) => {
        const key = await ctx.store.getAccessKey(id);
        return key ? { secret: key.secret, accountId: key.accountId } : undefined;
      }, ctx.now(), { service: 'ec2' });
      if (!allow(who.accountId)) throw ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
      const params = parseParams(body.toString('utf8'));
      const action = params.get('Action');
      if (action === undefined) throw ec2Error('MissingAction', 'The request must contain the parameter Action');
      const op = OPERATIONS[action];
      if (!op) throw ec2Error('InvalidAction', `The action ${action} is not valid for this web service (Signpost's EC2 endpoint has the VPC operations: ${Object.keys(OPERATIONS).join(', ')}).`);
      const children = await op(ctx, params, { accountId: who.accountId, region: who.region });
      xml = ec2Document(action, requestId, children);
    } catch (err) {
      let e: Ec2Error;
      if (err instanceof Ec2Error) e = err;
      else if (err instanceof ApiError) {
        const [code, st] = AUTH_CODES[err.code] ?? [err.code, err.status];
        e = ec2Error(code, err.message, st);
      } else {
        ctx.log.error({ err }, 'EC2 request failed');
        e = ec2Error('InternalError', 'An internal error has occurred', 500);
      }
      status = e.status;
      xml = ec2ErrorXml(e, requestId);
    }
    return reply.code(status).header('content-type', 'text/xml;charset=UTF-8').header('x-amzn-requestid', requestId).send(xml);
  });
}
