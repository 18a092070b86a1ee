/**
 * A checker: the health role of one process, in one region. It probes every check its region
 * covers on one scheduler, applies FailureThreshold to its own results, writes its reports and
 * observations to the store in batches, and publishes the aggregate. It starts from its own last
 * reports in the store, so a restart does not reset its verdicts.
 */
import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import type { HealthObservationRow, HealthReportRow, Store } from '../store/types.ts';
import type { HealthMetrics } from './metrics.ts';
import { probe, ROUTE53_TIMEOUTS, type ProbeResult, type ProbeTimeouts } from './probe.ts';
import { publishHealth } from './publish.ts';
import { reasons } from './reasons.ts';
import { createScheduler } from './scheduler.ts';
import { parseSettings, probedFrom, type HealthCheckSettings } from './settings.ts';
import { resolveTarget } from './target.ts';
import { sourceAddressFor } from './source-address.ts';
import { applyResult, NEW_VERDICT, type CheckerVerdict } from './threshold.ts';

export type CheckerOptions = {
  store: Store;
  region: string;
  /** Stable across restarts: reports are keyed by it. */
  checkerId: string;
  /** The address reported as HealthCheckObservation.IPAddress; undefined = the probes' own source address. */
  address?: string;
  /** Source address of probes (bind before connecting); undefined = the kernel's choice. */
  localAddress?: string;
  /** Multiplies every RequestInterval (1 = Route 53's timing; smaller for tests and demos). */
  intervalScale?: number;
  log: Logger;
  metrics?: HealthMetrics;
  /** Observations kept per check and checker. */
  historyLimit?: number;
  flushMs?: number;
  pollMs?: number;
  concurrency?: number;
  timeouts?: ProbeTimeouts;
};

export type Checker = {
  /** Ids of the checks this checker probes. */
  checks(): string[];
  /** Loads config changes now. */
  reload(): Promise<void>;
  /** Writes pending results and publishes the aggregate now. */
  flush(): Promise<void>;
  stop(): Promise<void>;
};

/** Observations kept per check and checker by default (20 minutes at 10 s). */
export const HISTORY_LIMIT = 120;

/**
 * A checker publishes the aggregate when one of its verdicts moves, and at least this often
 * otherwise, so that reports of a checker that stopped go stale (aggregate.ts: three intervals
 * plus 30 s) without waiting for a transition elsewhere.
 */
export const REPUBLISH_MS = 15_000;

/** Starts a checker; resolves once its checks are scheduled. */
export async function startChecker(o: CheckerOptions): Promise<Checker> {
  const scale = o.intervalScale ?? 1;
  const settings = new Map<string, HealthCheckSettings>();
  const verdicts = new Map<string, CheckerVerdict>();
  const lastFailure = new Map<string, { text: string; at: string }>();
  let reports = new Map<string, HealthReportRow>();
  let observations: HealthObservationRow[] = [];
  let configVersion = -1;
  /** A verdict changed, or a check got its first report from this checker: publish at the next flush. */
  let dirty = false;
  const reported = new Set<string>();
  let seenAddress = o.address ?? o.localAddress ?? '';
  let stopped = false;
  const lag = o.metrics?.scheduleLag.labels({ region: o.region });
  const scheduler = createScheduler({ concurrency: o.concurrency ?? 128, onLag: (ms) => lag?.observe(ms / 1000) });
  const perType = probeMetrics(o.metrics, o.region);

  for (const r of await o.store.listHealthReports()) {
    if (r.checkerId !== o.checkerId) continue;
    verdicts.set(r.checkId, { healthy: r.healthy, against: 0 });
    reported.add(r.checkId);
    if (r.lastFailure !== null && r.lastFailureAt !== null) lastFailure.set(r.checkId, { text: r.lastFailure, at: r.lastFailureAt });
  }

  async function run(id: string): Promise<void> {
    const s = settings.get(id);
    if (!s || stopped) return;
    const target = await resolveTarget(s, o.localAddress);
    const result: ProbeResult = 'dnsFailure' in target
      ? { ok: false, status: reasons.dns(target.dnsFailure), latencyMs: null }
      : await probe(target, o.timeouts ?? ROUTE53_TIMEOUTS);
    if (seenAddress === '' && !result.localAddress && 'ip' in target) seenAddress = (await sourceAddressFor(target.ip)) ?? '';
    if (stopped || settings.get(id) !== s) return; // deleted or changed while probing
    record(id, s, result);
  }

  function record(id: string, s: HealthCheckSettings, result: ProbeResult): void {
    const at = new Date().toISOString();
    if (o.address === undefined && result.localAddress) seenAddress = result.localAddress;
    const m = perType(s.type);
    m?.probes.inc();
    if (!result.ok) m?.failures.inc();
    if (result.ok && result.latencyMs !== null) m?.latency.observe(result.latencyMs / 1000);
    if (s.measureLatency && result.latencyMs !== null) o.metrics?.checkLatency.set({ health_check_id: id, region: o.region }, result.latencyMs / 1000);
    const before = verdicts.get(id) ?? NEW_VERDICT;
    const after = applyResult(before, result.ok, s.failureThreshold);
    verdicts.set(id, after);
    if (!result.ok) lastFailure.set(id, { text: result.status, at });
    if (after.healthy !== before.healthy || !reported.has(id)) dirty = true;
    reported.add(id);
    if (after.healthy !== before.healthy) {
      o.log.info({ healthCheckId: id, region: o.region, checker: o.checkerId, status: result.status }, `checker ${o.checkerId} sees health check ${id} as ${after.healthy ? 'healthy' : 'unhealthy'}`);
    }
    const failure = lastFailure.get(id);
    reports.set(id, {
      checkId: id, checkerId: o.checkerId, region: o.region, address: seenAddress, healthy: after.healthy, status: result.status, checkedAt: at,
      lastFailure: failure?.text ?? null, lastFailureAt: failure?.at ?? null,
    });
    observations.push({ checkId: id, checkerId: o.checkerId, at, ok: result.ok, latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs * 1000) / 1000, status: result.status, healthy: after.healthy });
  }

  async function reload(): Promise<void> {
    const version = await o.store.healthConfigVersion();
    if (version === configVersion) return;
    configVersion = version;
    const wanted = new Set<string>();
    for (const row of await o.store.listHealthChecks()) {
      const s = parseSettings(row.config);
      if (!probedFrom(s, o.region)) continue;
      wanted.add(row.id);
      const old = settings.get(row.id);
      settings.set(row.id, s);
      if (!old || old.requestInterval !== s.requestInterval) {
        if (old) scheduler.delete(row.id);
        scheduler.set({ id: row.id, intervalMs: s.requestInterval * 1000 * scale, run: () => run(row.id) });
      }
    }
    for (const id of settings.keys()) {
      if (wanted.has(id)) continue;
      settings.delete(id);
      verdicts.delete(id);
      reported.delete(id);
      scheduler.delete(id);
    }
  }

  let flushing: Promise<void> | undefined;
  let lastPublish = 0;
  async function flushOnce(): Promise<void> {
    const rs = [...reports.values()];
    const os = observations;
    reports = new Map();
    observations = [];
    if (rs.length > 0 || os.length > 0) await o.store.writeHealthReports(rs, os, o.historyLimit ?? HISTORY_LIMIT);
    // An unchanged verdict cannot change the aggregate: publish when one moved (or REPUBLISH_MS).
    if (dirty || Date.now() - lastPublish > REPUBLISH_MS) {
      dirty = false;
      lastPublish = Date.now();
      await publishHealth(o.store, new Date(), o.log);
    }
  }
  function flush(): Promise<void> {
    flushing ??= flushOnce().catch((err: unknown) => o.log.error({ err }, 'could not write health results')).finally(() => { flushing = undefined; });
    return flushing;
  }

  await reload();
  const flushTimer = setInterval(() => void flush(), o.flushMs ?? 500);
  const pollTimer = setInterval(() => void reload().catch((err: unknown) => o.log.error({ err }, 'could not load health checks')), o.pollMs ?? 1000);
  flushTimer.unref();
  pollTimer.unref();
  return {
    checks: () => scheduler.ids(),
    reload,
    flush,
    async stop() {
      stopped = true;
      scheduler.stop();
      clearInterval(flushTimer);
      clearInterval(pollTimer);
      await flush();
    },
  };
}

/** Returns the probe metrics of one check type in `region`, bound to their labels once (not per probe). */
function probeMetrics(metrics: HealthMetrics | undefined, region: string) {
  type Bound = { probes: Counter.Internal; failures: Counter.Internal; latency: Histogram.Internal<'region' | 'type'> };
  const bound = new Map<string, Bound>();
  return (type: string): Bound | undefined => {
    if (!metrics) return undefined;
    let b = bound.get(type);
    if (!b) {
      const labels = { region, type };
      b = { probes: metrics.probes.labels(labels), failures: metrics.failures.labels(labels), latency: metrics.probeLatency.labels(labels) };
      bound.set(type, b);
    }
    return b;
  };
}
