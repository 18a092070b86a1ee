/**
 * One health check: configuration and edit, status per checker region with the last failure
 * reason, the graph of status and latency over time (the health history endpoint), the records
 * that use it, and which of them are withheld from answers right now.
 */
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DeleteHealthCheckCommand, GetHealthCheckCommand, GetHealthCheckLastFailureReasonCommand, GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useAllRecordSets } from '../api/queries.ts';
import { overallStatus, reportHealthy, useHealthHistory } from '../api/health.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { HealthGraph } from '../components/health-graph.tsx';
import { Link, navigate } from '../router.tsx';
import { describeCheck } from '../lib/health-form.ts';
import { displayName, relativeName } from '../lib/records.ts';
import { withheldRecords } from '../lib/withheld.ts';
import { HealthCheckEditor } from './health-check-editor.tsx';
import { RegionBadges } from './health-checks.tsx';

/** The health-check page. */
export function HealthCheckPage({ id }: { id: string }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const check = useQuery({ queryKey: ['health-check', id], queryFn: async () => (await route53.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck });
  // A CALCULATED check has no checkers of its own: its status comes from its children.
  const probed = !!check.data && check.data.HealthCheckConfig?.Type !== 'CALCULATED';
  const history = useHealthHistory(id);
  // Asked again with every refresh of the history, so the checkers' table, the graph and the
  // status badge show the same moment.
  const status = useQuery({ queryKey: ['hc-status', id, history.dataUpdatedAt], placeholderData: keepPreviousData, enabled: probed, queryFn: async () => (await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }))).HealthCheckObservations ?? [] });
  // Asked again as soon as a checker reports a new failure, so the two cards never disagree.
  const failures = (status.data ?? []).filter((o) => !reportHealthy(o)).map((o) => `${o.Region}@${o.StatusReport?.CheckedTime?.getTime() ?? ''}`).join(',');
  const reason = useQuery({ queryKey: ['hc-reason', id, failures], placeholderData: keepPreviousData, refetchInterval: 10000, enabled: probed, queryFn: async () => (await route53.send(new GetHealthCheckLastFailureReasonCommand({ HealthCheckId: id }))).HealthCheckObservations ?? [] });
  const records = useAllRecordSets(true);
  const del = useMutation({
    mutationFn: () => route53.send(new DeleteHealthCheckCommand({ HealthCheckId: id })),
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: ['health-checks'] }); navigate('/health-checks'); },
  });
  const users = useMemo(() => (records.data ?? []).filter((x) => x.record.HealthCheckId === id), [records.data, id]);
  const overall = overallStatus(check.data, status.data, history.data?.published);
  const withheld = useMemo(() => {
    const health = new Map<string, boolean>();
    if (overall !== 'Unknown') health.set(id, overall === 'Healthy');
    // The whole group matters (a PRIMARY is withheld only if its SECONDARY is healthy), so pass every
    // record of the names this check is used on; checks other than this one count as healthy here.
    const names = new Set(users.map((u) => `${u.record.Name}|${u.record.Type}`));
    return withheldRecords((records.data ?? []).filter((x) => names.has(`${x.record.Name}|${x.record.Type}`)).map((x) => x.record), health);
  }, [overall, users, records.data, id]);
  if (check.isPending) return <Loading what="the health check" />;
  if (check.error || !check.data) return <ErrorBox error={check.error} what="Health checks" />;
  const h = check.data;
  return (
    <section aria-labelledby="hcd-h">
      <p className="crumbs"><Link to="/health-checks">Health checks</Link> ›</p>
      <div className="page-head">
        <h1 id="hcd-h">{describeCheck(h)}</h1>
        <span className={`badge ${overall === 'Healthy' ? 'ok' : overall === 'Unhealthy' ? 'bad' : 'pending'}`} data-testid="hc-overall">{overall}</span>
      </div>
      <div className="row wrap middle">
        <code>{id}</code>
        <button type="button" onClick={() => setEditing(true)} disabled={editing}>Edit</button>
        <button type="button" className="danger" onClick={() => del.mutate()} disabled={del.isPending}>Delete</button>
      </div>
      <ErrorBox error={del.error} />
      {editing && <HealthCheckEditor check={h} onClose={() => setEditing(false)} />}
      <div className="grid2">
        <section className="card" aria-labelledby="st-h">
          <h2 id="st-h" className="h3">Status by checker</h2>
          {!probed && <p className="muted">A calculated check has no checkers of its own: it is healthy when at least {h.HealthCheckConfig?.HealthThreshold ?? '?'} of its {h.HealthCheckConfig?.ChildHealthChecks?.length ?? 0} child checks are.</p>}
          {status.data ? <RegionBadges obs={status.data} /> : <ErrorBox error={status.error} />}
          <table className="list compact">
            <thead><tr><th scope="col">Region</th><th scope="col">Last report</th><th scope="col">At</th></tr></thead>
            <tbody>{(status.data ?? []).map((o, i) => (
              <tr key={i}><td>{o.Region}</td><td className={reportHealthy(o) ? 'ok-text' : 'bad-text'}>{o.StatusReport?.Status}</td><td>{o.StatusReport?.CheckedTime?.toLocaleTimeString()}</td></tr>
            ))}</tbody>
          </table>
          <h3 className="h4">Last failure per checker</h3>
          {reason.data && reason.data.length === 0 && <p className="muted">No failures recorded.</p>}
          <ul>{(reason.data ?? []).map((o, i) => <li key={i}>{o.Region}: {o.StatusReport?.Status} <span className="muted">{o.StatusReport?.CheckedTime?.toLocaleString()}</span></li>)}</ul>
        </section>
        <section className="card" aria-labelledby="gr-h">
          <h2 id="gr-h" className="h3">Status and latency over time</h2>
          {history.error ? <ErrorBox error={history.error} what="The health history graph (GET /signpost/health-checks/ID/history)" />
            : history.data && history.data.series.length > 0 ? <HealthGraph series={history.data.series} label={`Health of ${describeCheck(h)} over time`} />
            : <p className="muted">{history.isPending ? 'Loading history…' : 'No observations yet.'}</p>}
        </section>
      </div>
      <section className="card" aria-labelledby="use-h">
        <h2 id="use-h" className="h3">Records that use this check</h2>
        {records.isPending && <Loading what="records of every zone" />}
        <ErrorBox error={records.error} />
        {records.data && users.length === 0 && <p className="muted">No record uses this check.</p>}
        <ul>{users.map(({ zone, record }) => {
          const w = withheld.find((x) => x.record === record);
          return (
            <li key={`${zone.Id}|${record.Name}|${record.Type}|${record.SetIdentifier}`} data-testid="hc-user">
              <Link to={`/zones/${(zone.Id ?? '').replace('/hostedzone/', '')}`}>{relativeName(record.Name ?? '', zone.Name ?? '')} · {displayName(zone.Name ?? '')}</Link> {record.Type} {record.SetIdentifier && <span className="muted">({record.SetIdentifier})</span>}
              {' '}{w ? <span className="badge bad long" data-testid="withheld">withheld now: {w.reason}</span> : <span className="badge ok">in answers</span>}
            </li>
          );
        })}</ul>
      </section>
    </section>
  );
}
