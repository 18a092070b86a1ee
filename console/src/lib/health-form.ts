/**
 * The health-check form's state and its translation to CreateHealthCheck's HealthCheckConfig
 * and UpdateHealthCheck's request (with ResetElements for the optional fields that were
 * cleared). Values are sent as typed; the API validates and its messages are shown.
 */
import type { HealthCheck, HealthCheckConfig, UpdateHealthCheckRequest } from '@aws-sdk/client-route-53';

/** Every health-check type Route 53 has (Signpost refuses the last two with a clear error). */
export const HEALTH_CHECK_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP', 'CALCULATED', 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL'] as const;

export type HealthForm = {
  type: string; ipAddress: string; port: string; fqdn: string; resourcePath: string; searchString: string;
  requestInterval: string; failureThreshold: string; measureLatency: boolean; inverted: boolean; disabled: boolean;
  enableSni: boolean; regions: string[]; childHealthChecks: string[]; healthThreshold: string;
  alarmRegion: string; alarmName: string; insufficientData: string; routingControlArn: string;
};

/** Returns the form for a new HTTP check. */
export function emptyHealthForm(): HealthForm {
  return {
    type: 'HTTP', ipAddress: '', port: '', fqdn: '', resourcePath: '/', searchString: '', requestInterval: '30',
    failureThreshold: '3', measureLatency: false, inverted: false, disabled: false, enableSni: true, regions: [],
    childHealthChecks: [], healthThreshold: '', alarmRegion: '', alarmName: '', insufficientData: '', routingControlArn: '',
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
const str = (s: string) => (s.trim() === '' ? undefined : s.trim());
const isEndpoint = (t: string) => ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'].includes(t);

/** Returns CreateHealthCheck's HealthCheckConfig for the form (fields of other types are not sent). */
export function healthFormToConfig(f: HealthForm): HealthCheckConfig {
  const c: HealthCheckConfig = { Type: f.type as HealthCheckConfig['Type'] };
  const set = <K extends keyof HealthCheckConfig>(k: K, v: HealthCheckConfig[K] | undefined) => { if (v !== undefined) c[k] = v; };
  if (isEndpoint(f.type)) {
    set('IPAddress', str(f.ipAddress));
    set('Port', num(f.port));
    set('FullyQualifiedDomainName', str(f.fqdn));
    if (f.type !== 'TCP') set('ResourcePath', str(f.resourcePath));
    if (f.type.endsWith('STR_MATCH')) set('SearchString', f.searchString);
    set('RequestInterval', num(f.requestInterval));
    set('FailureThreshold', num(f.failureThreshold));
    c.MeasureLatency = f.measureLatency;
    if (f.type.startsWith('HTTPS')) c.EnableSNI = f.enableSni;
    if (f.regions.length > 0) c.Regions = f.regions as never;
  }
  if (f.type === 'CALCULATED') {
    c.ChildHealthChecks = f.childHealthChecks;
    set('HealthThreshold', num(f.healthThreshold));
  }
  if (f.type === 'CLOUDWATCH_METRIC') {
    c.AlarmIdentifier = { Region: f.alarmRegion as never, Name: f.alarmName };
  }
  if (f.type === 'CLOUDWATCH_METRIC' || (f.type === 'CALCULATED' && f.insufficientData)) set('InsufficientDataHealthStatus', str(f.insufficientData) as never);
  if (f.type === 'RECOVERY_CONTROL') set('RoutingControlArn', str(f.routingControlArn));
  c.Inverted = f.inverted;
  c.Disabled = f.disabled;
  return c;
}

/** Returns the form holding an existing check's configuration. */
export function healthCheckToForm(h: HealthCheck): HealthForm {
  const c = h.HealthCheckConfig ?? ({} as HealthCheckConfig);
  const f = emptyHealthForm();
  return {
    ...f, type: c.Type ?? 'HTTP', ipAddress: c.IPAddress ?? '', port: c.Port === undefined ? '' : String(c.Port),
    fqdn: c.FullyQualifiedDomainName ?? '', resourcePath: c.ResourcePath ?? '', searchString: c.SearchString ?? '',
    requestInterval: c.RequestInterval === undefined ? '' : String(c.RequestInterval),
    failureThreshold: c.FailureThreshold === undefined ? '' : String(c.FailureThreshold),
    measureLatency: c.MeasureLatency ?? false, inverted: c.Inverted ?? false, disabled: c.Disabled ?? false,
    enableSni: c.EnableSNI ?? false, regions: [...(c.Regions ?? [])], childHealthChecks: [...(c.ChildHealthChecks ?? [])],
    healthThreshold: c.HealthThreshold === undefined ? '' : String(c.HealthThreshold),
    alarmRegion: c.AlarmIdentifier?.Region ?? '', alarmName: c.AlarmIdentifier?.Name ?? '',
    insufficientData: c.InsufficientDataHealthStatus ?? '', routingControlArn: c.RoutingControlArn ?? '',
  };
}

/**
 * Returns UpdateHealthCheck's request: what changed, with the version read (so a concurrent
 * edit fails with HealthCheckVersionMismatch instead of being overwritten) and ResetElements for
 * the resettable fields that were cleared. Type, RequestInterval and MeasureLatency cannot be
 * changed after creation (Route 53's rule), so they are not sent.
 */
export function healthUpdateRequest(h: HealthCheck, f: HealthForm): UpdateHealthCheckRequest {
  const before = healthCheckToForm(h);
  const next = healthFormToConfig(f);
  const u: UpdateHealthCheckRequest = { HealthCheckId: h.Id ?? '', HealthCheckVersion: h.HealthCheckVersion ?? 1 };
  const reset: NonNullable<UpdateHealthCheckRequest['ResetElements']> = [];
  const keep = <K extends keyof UpdateHealthCheckRequest>(k: K, v: UpdateHealthCheckRequest[K] | undefined) => { if (v !== undefined) u[k] = v; };
  keep('IPAddress', next.IPAddress);
  keep('Port', next.Port);
  keep('ResourcePath', next.ResourcePath);
  keep('FullyQualifiedDomainName', next.FullyQualifiedDomainName);
  keep('SearchString', next.SearchString);
  keep('FailureThreshold', next.FailureThreshold);
  keep('Inverted', next.Inverted);
  keep('Disabled', next.Disabled);
  keep('EnableSNI', next.EnableSNI);
  keep('HealthThreshold', next.HealthThreshold);
  keep('ChildHealthChecks', next.ChildHealthChecks);
  keep('Regions', next.Regions);
  keep('AlarmIdentifier', next.AlarmIdentifier);
  keep('InsufficientDataHealthStatus', next.InsufficientDataHealthStatus);
  if (before.fqdn && !f.fqdn.trim()) reset.push('FullyQualifiedDomainName');
  if (before.resourcePath && !f.resourcePath.trim() && f.type !== 'TCP') reset.push('ResourcePath');
  if (before.regions.length > 0 && f.regions.length === 0) reset.push('Regions');
  if (before.childHealthChecks.length > 0 && f.childHealthChecks.length === 0 && f.type === 'CALCULATED') {
    reset.push('ChildHealthChecks');
    delete u.ChildHealthChecks;
  }
  if (reset.length > 0) u.ResetElements = reset;
  return u;
}

/** Returns a one-line description of what a check probes, e.g. "HTTP 192.0.2.1:80/health". */
export function describeCheck(h: HealthCheck): string {
  const c = h.HealthCheckConfig;
  if (!c) return '';
  if (c.Type === 'CALCULATED') return `CALCULATED: ${c.HealthThreshold ?? '?'} of ${c.ChildHealthChecks?.length ?? 0} children`;
  const host = c.IPAddress ?? c.FullyQualifiedDomainName ?? '';
  const path = c.Type === 'TCP' ? '' : c.ResourcePath ?? '';
  return `${c.Type} ${host}${c.Port ? `:${c.Port}` : ''}${path}${c.SearchString ? ` contains "${c.SearchString}"` : ''}`;
}
