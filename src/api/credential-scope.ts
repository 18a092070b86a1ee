/**
 * The credential scope a request names (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`, in
 * the Authorization header or a presigned URL's X-Amz-Credential), read without checking the
 * signature. --dev takes the account and region from it; the `POST /` endpoint tells requests
 * meant for another AWS service from EC2's by it.
 */
import { headerValue, type Headers } from './sigv4-claim.ts';

/** What a credential scope names; parts that are absent are undefined. */
export type CredentialScope = { accessKeyId: string; region?: string; service?: string };

/** Returns the scope the request names, or undefined when it names none (unsigned). */
export function credentialScopeOf(headers: Headers, url: string): CredentialScope | undefined {
  const auth = headerValue(headers, 'authorization');
  let credential = auth === undefined ? undefined : /Credential=([^,\s]+)/.exec(auth)?.[1];
  if (credential === undefined && url.includes('?')) {
    credential = new URLSearchParams(url.slice(url.indexOf('?') + 1)).get('X-Amz-Credential') ?? undefined;
  }
  if (credential === undefined) return undefined;
  const [accessKeyId = '', , region, service] = credential.split('/');
  return { accessKeyId, ...(region ? { region } : {}), ...(service ? { service } : {}) };
}
