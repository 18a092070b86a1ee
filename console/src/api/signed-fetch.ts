/**
 * Signed requests to Signpost's own extension endpoints (health history, answer explanations),
 * which no AWS SDK knows. Signed with SigV4 by the same signer the SDK uses, with the same key.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-browser';
import { REGION } from './clients.ts';
import type { Credentials } from './session.ts';

/** An HTTP error from an extension endpoint, with the server's status and body text. */
export class SignedFetchError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = code;
    this.status = status;
    this.code = code;
  }
}

/** GETs `path` (with `query`) from this origin, signed for route53; returns the response text. */
export async function signedGet(credentials: Credentials, path: string, query: Record<string, string> = {}): Promise<{ text: string; type: string }> {
  const url = new URL(path, location.origin);
  const signer = new SignatureV4({ service: 'route53', region: REGION, credentials, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  const signed = await signer.sign({
    method: 'GET', protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname, query, headers: { host: url.host },
  });
  const qs = new URLSearchParams(query).toString();
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k.toLowerCase() !== 'host'));
  const res = await fetch(`${url.pathname}${qs ? `?${qs}` : ''}`, { headers });
  const text = await res.text();
  if (!res.ok) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${res.status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? (text.slice(0, 200) || res.statusText);
    throw new SignedFetchError(res.status, code, message);
  }
  return { text, type: res.headers.get('content-type') ?? '' };
}
