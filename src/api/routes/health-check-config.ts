/**
 * HealthCheckConfig in and out (route53.md 6.1, 6.2, 6.4): the XML of CreateHealthCheck and
 * UpdateHealthCheck to HealthCheckSettings (defaults filled in), the combination rules Route 53
 * enforces, and the <HealthCheck> element. Settings Signpost cannot act on (CloudWatch alarms,
 * recovery controls) are refused by name, never stored.
 */
import { isIP } from 'node:net';
import { apiError } from '../errors.ts';
import { listItems, onlyElements, type OutElement } from '../xml.ts';
import { booleanOf, checkLength, child, enumOf, integerIn, invalid, optionalText, type At } from '../record-sets/xml-fields.ts';
import { CHECKER_REGIONS, HEALTH_CHECK_TYPES, type HealthCheckSettings, type HealthCheckType } from '../../health/settings.ts';
import type { HealthCheckRow } from '../../store/index.ts';
import { parseSettings } from '../../health/settings.ts';

/** Every HealthCheckType of the model; the last two are refused. */
const MODEL_TYPES = [...HEALTH_CHECK_TYPES, 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL'] as const;
const CONFIG_MEMBERS = [
  'IPAddress', 'Port', 'Type', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString', 'RequestInterval', 'FailureThreshold',
  'MeasureLatency', 'Inverted', 'Disabled', 'HealthThreshold', 'ChildHealthChecks', 'EnableSNI', 'Regions', 'AlarmIdentifier',
  'InsufficientDataHealthStatus', 'RoutingControlArn',
];
/** Members of UpdateHealthCheckRequest besides HealthCheckVersion and ResetElements. */
export const UPDATE_MEMBERS = [
  'HealthCheckVersion', 'IPAddress', 'Port', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString', 'FailureThreshold', 'Inverted',
  'Disabled', 'HealthThreshold', 'ChildHealthChecks', 'EnableSNI', 'Regions', 'AlarmIdentifier', 'InsufficientDataHealthStatus', 'ResetElements',
];
const RESETTABLE = ['FullyQualifiedDomainName', 'Regions', 'ResourcePath', 'ChildHealthChecks'] as const;
const NOT_OFFERED = ['AlarmIdentifier', 'InsufficientDataHealthStatus', 'RoutingControlArn'];

/** The settings fields a request may set, as read (before defaults and combination rules). */
type Fields = Partial<Omit<HealthCheckSettings, 'type'>>;

/** Reads the updatable members (shared by Create and Update) of `node` at `at`. */
function readFields(node: Record<string, unknown>, at: At): Fields {
  const f: Fields = {};
  for (const name of NOT_OFFERED) {
    if (node[name] !== undefined) {
      throw apiError('InvalidInput', `${name} is not supported: Signpost offers no CloudWatch alarms or recovery controls, so CLOUDWATCH_METRIC and RECOVERY_CONTROL health checks (and their settings) are refused`);
    }
  }
  const str = (name: string) => optionalText(node, name, at);
  const ip = str('IPAddress');
  if (ip !== undefined) {
    if (ip.length > 45 || isIP(ip) === 0) throw invalid(ip, child(at, 'IPAddress'), 'Member must be an IPv4 or IPv6 address');
    f.ipAddress = ip;
  }
  const port = str('Port');
  if (port !== undefined) f.port = integerIn(port, child(at, 'Port'), 1, 65535);
  const path = str('ResourcePath');
  if (path !== undefined) f.resourcePath = checkLength(path, child(at, 'ResourcePath'), 0, 255);
  const fqdn = str('FullyQualifiedDomainName');
  if (fqdn !== undefined) f.fullyQualifiedDomainName = checkLength(fqdn, child(at, 'FullyQualifiedDomainName'), 0, 255);
  const search = str('SearchString');
  if (search !== undefined) f.searchString = checkLength(search, child(at, 'SearchString'), 0, 255);
  const threshold = str('FailureThreshold');
  if (threshold !== undefined) f.failureThreshold = integerIn(threshold, child(at, 'FailureThreshold'), 1, 10);
  for (const [name, key] of [['Inverted', 'inverted'], ['Disabled', 'disabled'], ['EnableSNI', 'enableSNI']] as const) {
    const v = str(name);
    if (v !== undefined) f[key] = booleanOf(v, child(at, name));
  }
  const ht = str('HealthThreshold');
  if (ht !== undefined) f.healthThreshold = integerIn(ht, child(at, 'HealthThreshold'), 0, 256);
  if (node.ChildHealthChecks !== undefined) {
    const kids = listItems(node, 'ChildHealthChecks', 'ChildHealthCheck', at.xml).map((k) => {
      if (typeof k !== 'string') throw apiError('InvalidInput', `Invalid XML ; ${at.xml}/ChildHealthChecks/ChildHealthCheck must be text`);
      return checkLength(k, child(at, 'ChildHealthChecks'), 0, 64);
    });
    if (kids.length > 256) throw invalid(String(kids.length), child(at, 'ChildHealthChecks'), 'Member must have length less than or equal to 256');
    f.childHealthChecks = kids;
  }
  if (node.Regions !== undefined) {
    const regions = listItems(node, 'Regions', 'Region', at.xml).map((r) => enumOf(String(r), child(at, 'Regions'), CHECKER_REGIONS));
    if (regions.length < 3) throw invalid(`[${regions.join(', ')}]`, child(at, 'Regions'), 'Member must have length greater than or equal to 3');
    if (regions.length > 64) throw invalid(`[${regions.join(', ')}]`, child(at, 'Regions'), 'Member must have length less than or equal to 64');
    if (new Set(regions).size !== regions.length) throw apiError('InvalidInput', 'A region is listed more than once in Regions');
    f.regions = regions;
  }
  return f;
}

/** Returns the settings of a <HealthCheckConfig>, defaults filled in; InvalidInput otherwise. */
export function parseHealthCheckConfig(node: unknown): HealthCheckSettings {
  const at: At = { xml: 'CreateHealthCheckRequest/HealthCheckConfig', member: 'healthCheckConfig' };
  const cfg = onlyElements(node, CONFIG_MEMBERS, at.xml);
  const typeText = optionalText(cfg, 'Type', at);
  if (typeText === undefined) throw apiError('InvalidInput', `Invalid XML ; cvc-complex-type.2.4.b: The content of element 'HealthCheckConfig' is not complete. 'Type' is expected.`);
  const type = enumOf(typeText, child(at, 'Type'), MODEL_TYPES);
  if (type === 'CLOUDWATCH_METRIC' || type === 'RECOVERY_CONTROL') {
    throw apiError('InvalidInput', `Signpost does not offer ${type} health checks: it has no ${type === 'CLOUDWATCH_METRIC' ? 'CloudWatch alarms' : 'Application Recovery Controller routing controls'} to follow. Use HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP or CALCULATED`);
  }
  const f = readFields(cfg, at);
  const interval = optionalText(cfg, 'RequestInterval', at);
  const measure = optionalText(cfg, 'MeasureLatency', at);
  const s: HealthCheckSettings = {
    type, requestInterval: 30, failureThreshold: 3, measureLatency: false, inverted: false, disabled: false, ...f,
  };
  if (interval !== undefined) {
    s.requestInterval = integerIn(interval, child(at, 'RequestInterval'), 10, 30);
    if (s.requestInterval !== 10 && s.requestInterval !== 30) throw apiError('InvalidInput', `RequestInterval must be 10 or 30, not ${s.requestInterval}`);
  }
  if (measure !== undefined) s.measureLatency = booleanOf(measure, child(at, 'MeasureLatency'));
  if (type === 'CALCULATED' && (interval !== undefined || measure !== undefined || f.failureThreshold !== undefined)) {
    throw apiError('InvalidInput', 'RequestInterval, FailureThreshold and MeasureLatency do not apply to CALCULATED health checks');
  }
  return finishSettings(s);
}

/** Applies Route 53's combination rules and fills the type-dependent defaults. */
export function finishSettings(input: HealthCheckSettings): HealthCheckSettings {
  const s = { ...input };
  const t: HealthCheckType = s.type;
  const refuse = (what: string, why: string) => { throw apiError('InvalidInput', `${what} ${why} for a ${t} health check`); };
  if (t === 'CALCULATED') {
    for (const [k, name] of [['ipAddress', 'IPAddress'], ['port', 'Port'], ['resourcePath', 'ResourcePath'], ['fullyQualifiedDomainName', 'FullyQualifiedDomainName'],
      ['searchString', 'SearchString'], ['enableSNI', 'EnableSNI'], ['regions', 'Regions']] as const) {
      if (s[k] !== undefined) refuse(name, 'cannot be set');
    }
    s.childHealthChecks ??= [];
    s.healthThreshold ??= s.childHealthChecks.length;
    return s;
  }
  if (s.childHealthChecks !== undefined) refuse('ChildHealthChecks', 'cannot be set');
  if (s.healthThreshold !== undefined) refuse('HealthThreshold', 'cannot be set');
  if (s.ipAddress === undefined && s.fullyQualifiedDomainName === undefined) refuse('IPAddress or FullyQualifiedDomainName', 'is required');
  const https = t === 'HTTPS' || t === 'HTTPS_STR_MATCH';
  if (t === 'TCP') {
    if (s.port === undefined) refuse('Port', 'is required');
    if (s.resourcePath !== undefined) refuse('ResourcePath', 'cannot be set');
  } else {
    s.port ??= https ? 443 : 80;
  }
  if (t.endsWith('STR_MATCH')) {
    if (s.searchString === undefined) refuse('SearchString', 'is required');
  } else if (s.searchString !== undefined) refuse('SearchString', 'cannot be set');
  if (https) s.enableSNI ??= true;
  else if (s.enableSNI !== undefined) refuse('EnableSNI', 'cannot be set');
  if (s.resourcePath !== undefined && !s.resourcePath.startsWith('/')) s.resourcePath = `/${s.resourcePath}`;
  return s;
}

/** Returns the settings after an UpdateHealthCheck body (ResetElements first, then the members). */
export function applyUpdate(current: HealthCheckSettings, body: Record<string, unknown>): HealthCheckSettings {
  const at: At = { xml: 'UpdateHealthCheckRequest', member: '' };
  const resets = listItems(body, 'ResetElements', 'ResettableElementName', at.xml).map((r) => enumOf(String(r), { xml: `${at.xml}/ResetElements`, member: 'resetElements' }, RESETTABLE));
  const next: HealthCheckSettings = { ...current };
  for (const r of resets) {
    if (r === 'FullyQualifiedDomainName') delete next.fullyQualifiedDomainName;
    if (r === 'Regions') delete next.regions;
    if (r === 'ResourcePath') delete next.resourcePath;
    if (r === 'ChildHealthChecks') next.childHealthChecks = [];
  }
  // Route 53 keeps a check on an IP address or on a name: the choice cannot change.
  const f = readFields(body, at);
  if (current.type === 'CALCULATED' && f.failureThreshold !== undefined) throw apiError('InvalidInput', 'FailureThreshold does not apply to CALCULATED health checks');
  if (f.ipAddress !== undefined && current.ipAddress === undefined) {
    throw apiError('InvalidInput', 'A health check created with FullyQualifiedDomainName only cannot be given an IPAddress');
  }
  if (current.type === 'CALCULATED' && current.healthThreshold !== undefined && f.healthThreshold === undefined) f.healthThreshold = current.healthThreshold;
  return finishSettings({ ...next, ...f });
}

/** The <HealthCheckConfig> element, in model order. */
export function healthCheckConfigXml(s: HealthCheckSettings): OutElement[] {
  const calculated = s.type === 'CALCULATED';
  return [
    ['IPAddress', s.ipAddress],
    ['Port', s.port],
    ['Type', s.type],
    ['ResourcePath', s.resourcePath],
    ['FullyQualifiedDomainName', s.fullyQualifiedDomainName],
    ['SearchString', s.searchString],
    ['RequestInterval', calculated ? undefined : s.requestInterval],
    ['FailureThreshold', calculated ? undefined : s.failureThreshold],
    ['MeasureLatency', calculated ? undefined : s.measureLatency],
    ['Inverted', s.inverted],
    ['Disabled', s.disabled],
    ['HealthThreshold', s.healthThreshold],
    ['ChildHealthChecks', s.childHealthChecks?.map((c) => ['ChildHealthCheck', c] as OutElement)],
    ['EnableSNI', s.enableSNI],
    ['Regions', s.regions?.map((r) => ['Region', r] as OutElement)],
  ];
}

/** The <HealthCheck> element. */
export function healthCheckXml(row: HealthCheckRow): OutElement[] {
  return [
    ['Id', row.id],
    ['CallerReference', row.callerReference],
    ['HealthCheckConfig', healthCheckConfigXml(parseSettings(row.config))],
    ['HealthCheckVersion', row.version],
  ];
}
