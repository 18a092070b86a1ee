/** What every API handler gets: the store, the deployment's settings and the change nudge. */
import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import type { Services } from '../answer/context.ts';
import type { HealthSnapshot } from '../answer/health.ts';
import type { DevOptions } from './dev.ts';

export type ApiContext = {
  store: Store;
  /** The deployment's name-server host names (no trailing dot); zones get four of them. */
  nameServers: string[];
  log: Logger;
  /** Called after every committed change so DNS nodes load it at once. */
  onZoneChange: () => void;
  now: () => Date;
  /** A DNS node whose heartbeat is older than this no longer counts for INSYNC. */
  liveNodeMs: number;
  /** Requests per second per account; 0 = no throttling. */
  rateLimit: number;
  /** What TestDNSAnswer answers with: the DNS nodes' geolocation data and health snapshot. */
  routing?: { services: Services; health(): Promise<HealthSnapshot> };
  /**
   * True when every DNS listener serves public zones by name server (`--dns-listen …=ns-1,…`):
   * zones nested in another account's zones are then kept apart, as in Route 53, and allowed.
   */
  nestingAllowed?: boolean;
  /** Zone names (stored form, `corp.`) no account may create; the operator's choice, none by default. */
  reservedZoneNames?: string[];
  /** Set by `signpost start --dev`: any credentials, reset endpoints (dev.ts). */
  dev?: DevOptions;
};

/** The admin account: the only one that may host the root zone. */
export const ADMIN_ACCOUNT_ID = '000000000000';

/** A request after routing and authentication. */
export type ApiRequest = {
  accountId: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: string;
  /** `scheme://host[:port]` the request was sent to, for the Location of created resources. */
  origin?: string;
};

/** Returns the URL of a created resource (`hostedzone/Z…`) on the host the request was sent to. */
export function resourceLocation(req: ApiRequest, path: string): string {
  return `${req.origin ?? 'https://route53.amazonaws.com'}/2013-04-01/${path}`;
}

/** A successful reply: status, XML document and extra headers. */
export type ApiReply = { status: number; xml: string; headers?: Record<string, string> };

export type Handler = (ctx: ApiContext, req: ApiRequest) => Promise<ApiReply>;
