/**
 * Health checks: the list with the current status per checker region (GetHealthCheckStatus),
 * and the form that creates a check.
 */
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { GetHealthCheckStatusCommand, type HealthCheck, type HealthCheckObservation } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useHealthChecks } from '../api/queries.ts';
import { isNotOffered } from '../api/errors.ts';
import { overallStatus, reportHealthy, useHealthHistory } from '../api/health.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { Link } from '../router.tsx';
import { describeCheck } from '../lib/health-form.ts';
import { HealthCheckEditor } from './health-check-editor.tsx';

/** Badges for each checker region's last report. */
export function RegionBadges({ obs }: { obs: readonly HealthCheckObservation[] }) {
  return (
    <ul className="badges">
      {obs.map((o, i) => (
        <li key={`${o.Region}-${o.IPAddress}-${i}`}>
          <span className={`badge ${reportHealthy(o) ? 'ok' : 'bad'}`} title={o.StatusReport?.Status}>{o.Region ?? o.IPAddress}: {reportHealthy(o) ? 'healthy' : 'unhealthy'}</span>
        </li>
      ))}
    </ul>
  );
}

/** The health-checks page. */
export function HealthChecksPage() {
  const { route53 } = useSession();
  const checks = useHealthChecks();
  const [creating, setCreating] = useState(false);
  const statuses = useQueries({
    queries: (checks.data ?? []).map((h) => ({
      // A CALCULATED check has no checkers of its own (the API refuses to report them).
      enabled: h.HealthCheckConfig?.Type !== 'CALCULATED',
      queryKey: ['hc-status', h.Id],
      queryFn: async () => (await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: h.Id }))).HealthCheckObservations ?? [],
      refetchInterval: 5000,
    })),
  });
  if (checks.error && isNotOffered(checks.error)) {
    return (<section><h1>Health checks</h1><ErrorBox error={checks.error} what="Health checks (CreateHealthCheck, ListHealthChecks, GetHealthCheckStatus)" /></section>);
  }
  return (
    <section aria-labelledby="hc-h">
      <div className="page-head">
        <h1 id="hc-h">Health checks</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>Create health check</button>
      </div>
      {creating && <HealthCheckEditor onClose={() => setCreating(false)} />}
      {checks.isPending && <Loading what="health checks" />}
      <ErrorBox error={checks.error} />
      {checks.data && checks.data.length === 0 && <p>No health checks yet.</p>}
      {checks.data && checks.data.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <caption className="sr-only">Health checks</caption>
            <thead><tr><th scope="col">Health check</th><th scope="col">Status</th><th scope="col">Checker regions</th><th scope="col">ID</th></tr></thead>
            <tbody>
              {checks.data.map((h, i) => <CheckRow key={h.Id} h={h} obs={statuses[i]?.data} error={statuses[i]?.error} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CheckRow({ h, obs, error }: { h: HealthCheck; obs: HealthCheckObservation[] | undefined; error: unknown }) {
  const history = useHealthHistory(h.Id);
  const overall = overallStatus(h, obs, history.data?.published);
  return (
    <tr>
      <td><Link to={`/health-checks/${h.Id}`}>{describeCheck(h)}</Link>{h.HealthCheckConfig?.Disabled && <span className="muted"> (disabled)</span>}{h.HealthCheckConfig?.Inverted && <span className="muted"> (inverted)</span>}</td>
      <td><span className={`badge ${overall === 'Healthy' ? 'ok' : overall === 'Unhealthy' ? 'bad' : 'pending'}`} data-testid="hc-status">{overall}</span></td>
      <td>{h.HealthCheckConfig?.Type === 'CALCULATED' ? <span className="muted">from its child checks</span>
        : obs ? <RegionBadges obs={obs} /> : error ? <ErrorBox error={error} /> : '…'}</td>
      <td><code>{h.Id}</code></td>
    </tr>
  );
}
