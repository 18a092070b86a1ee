/**
 * The API clients: the AWS SDK's own Route 53 client (and, loaded on demand, its EC2 client for
 * VPCs) pointed at the page's own origin. The SDK signs every request with SigV4, writes the
 * XML and turns errors into typed exceptions, exactly as for any other client of Signpost.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Credentials } from './session.ts';

/** Route 53 is global; clients sign for us-east-1 (Signpost accepts any region). */
export const REGION = 'us-east-1';

/** Returns a Route 53 client that signs with `credentials` and calls this page's origin. */
export function createRoute53(credentials: Credentials): Route53Client {
  return new Route53Client({ endpoint: location.origin, region: REGION, credentials, maxAttempts: 1 });
}

const ec2 = new Map<string, Promise<{ client: EC2Client; mod: typeof import('@aws-sdk/client-ec2') }>>();

/** Returns the EC2 client for `region` (its code is loaded only when a page needs VPCs). */
export function loadEc2(credentials: Credentials, region: string): Promise<{ client: EC2Client; mod: typeof import('@aws-sdk/client-ec2') }> {
  const key = `${credentials.accessKeyId}|${region}`;
  let p = ec2.get(key);
  if (!p) {
    p = import('@aws-sdk/client-ec2').then((mod) => ({
      mod, client: new mod.EC2Client({ endpoint: location.origin, region, credentials, maxAttempts: 1 }),
    }));
    ec2.set(key, p);
  }
  return p;
}
