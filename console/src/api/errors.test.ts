import { describe, expect, it } from 'vitest';
import { errorMessages, isNotOffered } from './errors.ts';

describe('API errors as the console shows them', () => {
  it('lists each problem of an InvalidChangeBatch', () => {
    const err = { name: 'InvalidChangeBatch', message: '[RRSet of type CNAME with DNS name example.org. is not permitted at apex in zone example.org., RRSet with DNS name a.example.org., type A, SetIdentifier x cannot be created.]' };
    expect(errorMessages(err)).toEqual([
      'RRSet of type CNAME with DNS name example.org. is not permitted at apex in zone example.org.',
      'RRSet with DNS name a.example.org., type A, SetIdentifier x cannot be created.',
    ]);
    expect(errorMessages({ name: 'InvalidInput', message: '[not a list]' })).toEqual(['[not a list]']);
  });

  it('tells "this server has no such operation" from other errors', () => {
    expect(isNotOffered({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 404 } })).toBe(true);
    expect(isNotOffered({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(true);
    expect(isNotOffered({ name: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 'route53', not 'ec2'." })).toBe(true);
    expect(isNotOffered({ name: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' })).toBe(false);
    expect(isNotOffered({ name: 'NoSuchHealthCheck', $metadata: { httpStatusCode: 404 } })).toBe(false);
  });
});
