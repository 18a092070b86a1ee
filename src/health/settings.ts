/**
 * A health check's settings as Signpost keeps them (HealthCheckRow.config is this, as JSON):
 * Route 53's HealthCheckConfig in camel case, defaults filled in. api/ translates the XML once;
 * the checker and the aggregation read only this.
 */

/** The types Signpost probes or computes. CLOUDWATCH_METRIC and RECOVERY_CONTROL are refused. */
export const HEALTH_CHECK_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP', 'CALCULATED'] as const;
export type HealthCheckType = (typeof HEALTH_CHECK_TYPES)[number];

/** Route 53's checker regions (the HealthCheckRegion enum); a checker runs in one of them. */
export const CHECKER_REGIONS = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'] as const;
export type CheckerRegion = (typeof CHECKER_REGIONS)[number];

export type HealthCheckSettings = {
  type: HealthCheckType;
  ipAddress?: string;
  port?: number;
  resourcePath?: string;
  fullyQualifiedDomainName?: string;
  searchString?: string;
  /** Seconds: 10 or 30. */
  requestInterval: number;
  failureThreshold: number;
  measureLatency: boolean;
  inverted: boolean;
  disabled: boolean;
  healthThreshold?: number;
  childHealthChecks?: string[];
  enableSNI?: boolean;
  /** Checker regions that probe this check; absent = every region. */
  regions?: string[];
};

/** Returns the settings stored in a HealthCheckRow's config. */
export function parseSettings(json: string): HealthCheckSettings {
  return JSON.parse(json) as HealthCheckSettings;
}

/** Returns the canonical JSON of settings (keys in one order, so equal settings give equal text). */
export function settingsJson(s: HealthCheckSettings): string {
  const order: (keyof HealthCheckSettings)[] = [
    'type', 'ipAddress', 'port', 'resourcePath', 'fullyQualifiedDomainName', 'searchString', 'requestInterval', 'failureThreshold',
    'measureLatency', 'inverted', 'disabled', 'healthThreshold', 'childHealthChecks', 'enableSNI', 'regions',
  ];
  const out: Record<string, unknown> = {};
  for (const k of order) if (s[k] !== undefined) out[k] = s[k];
  return JSON.stringify(out);
}

/** True for the types a checker probes (everything but CALCULATED). */
export function isProbed(s: HealthCheckSettings): boolean {
  return s.type !== 'CALCULATED';
}

/** True when checkers in `region` probe this check. */
export function probedFrom(s: HealthCheckSettings, region: string): boolean {
  return isProbed(s) && !s.disabled && (s.regions === undefined || s.regions.includes(region));
}
