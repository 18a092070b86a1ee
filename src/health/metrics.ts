/**
 * Prometheus metrics of health checking (prom-client), served at /metrics by the HTTP listener:
 * the published status per check (read from the store at scrape time, so any process with the
 * store exports it), probes run and failed, probe latency, schedule lag, and the latency of
 * checks that ask for it (MeasureLatency).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/types.ts';

export type HealthMetrics = {
  registry: Registry;
  probes: Counter<'region' | 'type'>;
  failures: Counter<'region' | 'type'>;
  probeLatency: Histogram<'region' | 'type'>;
  scheduleLag: Histogram<'region'>;
  checkLatency: Gauge<'health_check_id' | 'region'>;
};

/** Returns a registry with the health metrics; `store` feeds the status gauge at scrape time. */
export function createHealthMetrics(store: Store | undefined): HealthMetrics {
  const registry = new Registry();
  const m: HealthMetrics = {
    registry,
    probes: new Counter({ name: 'signpost_health_probes_total', help: 'Health check probes run by this checker', labelNames: ['region', 'type'], registers: [registry] }),
    failures: new Counter({ name: 'signpost_health_probe_failures_total', help: 'Health check probes that failed', labelNames: ['region', 'type'], registers: [registry] }),
    probeLatency: new Histogram({
      name: 'signpost_health_probe_latency_seconds', help: 'Time from connecting to the status line (or the TCP connection) of successful probes',
      labelNames: ['region', 'type'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4], registers: [registry],
    }),
    scheduleLag: new Histogram({
      name: 'signpost_health_schedule_lag_seconds', help: 'How late probes started after their due time',
      labelNames: ['region'], buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5], registers: [registry],
    }),
    checkLatency: new Gauge({ name: 'signpost_health_check_latency_seconds', help: 'Last probe latency of checks with MeasureLatency', labelNames: ['health_check_id', 'region'], registers: [registry] }),
  };
  if (store) {
    new Gauge({
      name: 'signpost_health_check_status', help: 'Published status per health check: 1 healthy, 0 unhealthy', labelNames: ['health_check_id'], registers: [registry],
      async collect() {
        this.reset();
        const states = await store.healthStates();
        for (const [id, healthy] of states) this.set({ health_check_id: id }, healthy ? 1 : 0);
      },
    });
  }
  return m;
}
