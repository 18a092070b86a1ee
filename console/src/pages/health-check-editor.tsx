/**
 * Create and edit a health check, every type and option. Editing sends UpdateHealthCheck with
 * the version read (a concurrent edit fails with HealthCheckVersionMismatch rather than being
 * lost). Type, request interval and latency measurement are fixed once created, as in Route 53.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateHealthCheckCommand, HealthCheckRegion, UpdateHealthCheckCommand, type HealthCheck } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useHealthChecks } from '../api/queries.ts';
import { ErrorBox } from '../components/feedback.tsx';
import { navigate } from '../router.tsx';
import { HEALTH_CHECK_TYPES, describeCheck, emptyHealthForm, healthCheckToForm, healthFormToConfig, healthUpdateRequest, type HealthForm } from '../lib/health-form.ts';
import { SelectField } from '../components/select-field.tsx';

/** The health-check form: creates when `check` is undefined, else edits it. */
export function HealthCheckEditor({ check, onClose }: { check?: HealthCheck; onClose: () => void }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const all = useHealthChecks();
  const [f, setF] = useState<HealthForm>(() => (check ? healthCheckToForm(check) : emptyHealthForm()));
  const set = (p: Partial<HealthForm>) => setF((o) => ({ ...o, ...p }));
  const save = useMutation({
    mutationFn: async () => {
      if (check) return (await route53.send(new UpdateHealthCheckCommand(healthUpdateRequest(check, f)))).HealthCheck;
      return (await route53.send(new CreateHealthCheckCommand({ CallerReference: `console-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, HealthCheckConfig: healthFormToConfig(f) }))).HealthCheck;
    },
    onSuccess: async (h) => {
      await qc.invalidateQueries({ queryKey: ['health-checks'] });
      await qc.invalidateQueries({ queryKey: ['health-check', h?.Id] });
      onClose();
      if (!check && h?.Id) navigate(`/health-checks/${h.Id}`);
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const endpoint = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'].includes(f.type);
  return (
    <form className="card stack editor" onSubmit={submit} aria-labelledby="hce-h" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <h2 id="hce-h" className="h3">{check ? 'Edit health check' : 'Create health check'}</h2>
      <SelectField label="Type" value={f.type} onChange={(e) => set({ type: e.target.value })} disabled={!!check} autoFocus={!check}>
        {HEALTH_CHECK_TYPES.map((t) => <option key={t}>{t}</option>)}
      </SelectField>
      {endpoint && (<>
        <div className="row wrap">
          <label>IP address<input value={f.ipAddress} onChange={(e) => set({ ipAddress: e.target.value })} placeholder="192.0.2.10" spellCheck={false} /></label>
          <label>Port<input inputMode="numeric" value={f.port} onChange={(e) => set({ port: e.target.value })} size={6} aria-describedby="hce-port" /><small id="hce-port" className="muted">{f.type === 'TCP' ? 'required' : `empty: ${f.type.startsWith('HTTPS') ? '443' : '80'}`}</small></label>
          <label className="grow">Domain name (host header{f.type.startsWith('HTTPS') ? ', SNI' : ''}, or the endpoint when no IP)<input value={f.fqdn} onChange={(e) => set({ fqdn: e.target.value })} spellCheck={false} /></label>
        </div>
        {f.type !== 'TCP' && <label>Path<input value={f.resourcePath} onChange={(e) => set({ resourcePath: e.target.value })} placeholder="/health" spellCheck={false} /></label>}
        {f.type.endsWith('STR_MATCH') && <label>Search string (in the first 5,120 bytes of the body)<input value={f.searchString} onChange={(e) => set({ searchString: e.target.value })} /></label>}
        <div className="row wrap">
          <SelectField label="Request interval" value={f.requestInterval} onChange={(e) => set({ requestInterval: e.target.value })} disabled={!!check}>
            <option value="30">30 seconds (standard)</option><option value="10">10 seconds (fast)</option>
          </SelectField>
          <label>Failure threshold (1–10)<input inputMode="numeric" value={f.failureThreshold} onChange={(e) => set({ failureThreshold: e.target.value })} size={4} /></label>
        </div>
        <div className="row wrap">
          <label className="inline"><input type="checkbox" checked={f.measureLatency} onChange={(e) => set({ measureLatency: e.target.checked })} disabled={!!check} /> Measure latency</label>
          {f.type.startsWith('HTTPS') && <label className="inline"><input type="checkbox" checked={f.enableSni} onChange={(e) => set({ enableSni: e.target.checked })} /> Send SNI</label>}
        </div>
        <fieldset>
          <legend>Checker regions (none chosen: all)</legend>
          <div className="row wrap">
            {Object.values(HealthCheckRegion).map((r) => (
              <label key={r} className="inline"><input type="checkbox" checked={f.regions.includes(r)} onChange={(e) => set({ regions: e.target.checked ? [...f.regions, r] : f.regions.filter((x) => x !== r) })} /> {r}</label>
            ))}
          </div>
        </fieldset>
      </>)}
      {f.type === 'CALCULATED' && (
        <fieldset>
          <legend>Child health checks</legend>
          {(all.data ?? []).filter((h) => h.Id !== check?.Id).map((h) => (
            <label key={h.Id} className="inline"><input type="checkbox" checked={f.childHealthChecks.includes(h.Id ?? '')}
              onChange={(e) => set({ childHealthChecks: e.target.checked ? [...f.childHealthChecks, h.Id ?? ''] : f.childHealthChecks.filter((x) => x !== h.Id) })} /> {describeCheck(h)}</label>
          ))}
          <label>Healthy when at least this many children are healthy<input inputMode="numeric" value={f.healthThreshold} onChange={(e) => set({ healthThreshold: e.target.value })} size={4} /></label>
        </fieldset>
      )}
      {f.type === 'CLOUDWATCH_METRIC' && (
        <div className="row wrap">
          <label>Alarm region<input value={f.alarmRegion} onChange={(e) => set({ alarmRegion: e.target.value })} /></label>
          <label>Alarm name<input value={f.alarmName} onChange={(e) => set({ alarmName: e.target.value })} /></label>
        </div>
      )}
      {(f.type === 'CLOUDWATCH_METRIC' || f.type === 'CALCULATED') && (
        <SelectField label="When data is insufficient" value={f.insufficientData} onChange={(e) => set({ insufficientData: e.target.value })}>
          <option value="">Default</option><option>Healthy</option><option>Unhealthy</option><option>LastKnownStatus</option>
        </SelectField>
      )}
      {f.type === 'RECOVERY_CONTROL' && <label>Routing control ARN<input value={f.routingControlArn} onChange={(e) => set({ routingControlArn: e.target.value })} /></label>}
      <div className="row wrap">
        <label className="inline"><input type="checkbox" checked={f.inverted} onChange={(e) => set({ inverted: e.target.checked })} /> Invert status</label>
        <label className="inline"><input type="checkbox" checked={f.disabled} onChange={(e) => set({ disabled: e.target.checked })} /> Disabled (always healthy)</label>
      </div>
      <ErrorBox error={save.error} what="Health checks" />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : check ? 'Save changes' : 'Create health check'}</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
