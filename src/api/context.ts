/** What every API handler gets: the store, the deployment's settings and the change nudge. */
import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import type { Services } from '../answer/context.ts';
import type { HealthSnapshot } from '../answer/health.ts';

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
};

/** A request after routing and authentication. */
export type ApiRequest = {
  accountId: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: string;
};

/** A successful reply: status, XML document and extra headers. */
export type ApiReply = { status: number; xml: string; headers?: Record<string, string> };

export type Handler = (ctx: ApiContext, req: ApiRequest) => Promise<ApiReply>;
