/**
 * What `signpost start --dev` prints once it is ready: the endpoints for people, then one line of
 * JSON for scripts (the last line of the start-up output, with the ports the kernel chose when
 * the listen addresses ask for port 0).
 */
import { formatListenAddress } from '../server/listen-address.ts';
import type { Config } from './config.ts';

/** The ready line's JSON. */
export type DevReady = {
  signpost: 'ready';
  dev: true;
  /** The Route 53 endpoint (`--endpoint-url`, `endpoint_url`). */
  endpoint: string | null;
  httpPort: number | null;
  /** Every DNS listener, UDP and TCP on the same port. */
  dns: { host: string; port: number }[];
  /** The first DNS listener's port, for the common single-listener case. */
  dnsPort: number | null;
  /** POST here (or to /moto-api/reset) to wipe everything. */
  reset: string | null;
  defaultAccount: string;
  /** Milliseconds from the runtime's start to this line. */
  readyMs: number;
};

/** Returns the lines --dev prints when ready; the last is the JSON ready line. */
export function devReadyLines(config: Config, httpPort: number | undefined, dnsListeners: string[]): string[] {
  const endpoint = httpPort === undefined ? null : `http://${formatListenAddress({ host: config.httpListen.host, port: httpPort })}`;
  const dns = dnsListeners.map((l) => {
    const m = /^\[?(.*?)\]?:(\d+)$/.exec(l)!;
    return { host: m[1]!, port: Number(m[2]) };
  });
  const ready: DevReady = {
    signpost: 'ready', dev: true, endpoint, httpPort: httpPort ?? null, dns, dnsPort: dns[0]?.port ?? null,
    reset: endpoint && `${endpoint}/signpost/reset`, defaultAccount: config.devAccount, readyMs: Math.round(performance.now()),
  };
  const lines = ['dev mode: throwaway store; any access key and secret are accepted (a 12-digit key id is the account id,'];
  lines.push(`  any other key acts as account ${config.devAccount})`);
  if (endpoint) {
    lines.push(`  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 aws route53 list-hosted-zones --endpoint-url ${endpoint}`);
    lines.push(`  reset everything: curl -X POST ${endpoint}/moto-api/reset  (or ${endpoint}/signpost/reset)`);
  }
  for (const d of dns) lines.push(`  dig @${d.host} -p ${d.port} NAME`);
  lines.push(JSON.stringify(ready));
  return lines;
}
