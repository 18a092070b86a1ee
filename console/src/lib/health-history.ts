/**
 * Reads the health history endpoint's JSON into one time series per checker: status (1 healthy,
 * 0 not) and latency. The endpoint (GET /signpost/health-checks/{id}/history, from the
 * health-check work) answers `{ healthCheckId, healthy, healthyCheckersPercent, checkers: [{
 * checkerId, region, address, healthy, status, checkedAt, …, observations: [{ at, ok, healthy,
 * latencyMs, status }] }] }`; the reader also takes observations flat (each naming its region), so the
 * graph does not hang on one exact layout.
 */

export type Point = { t: number; healthy: number; latencyMs: number | null };
export type Series = { region: string; points: Point[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function timeOf(o: Obj): number | undefined {
  const v = o.time ?? o.at ?? o.timestamp ?? o.checkedAt ?? o.t;
  if (typeof v === 'number') return v > 1e12 ? v / 1000 : v; // ms or s
  if (typeof v === 'string') { const ms = Date.parse(v); return Number.isNaN(ms) ? undefined : ms / 1000; }
  return undefined;
}

/**
 * A point's health: the checker's verdict (`healthy`, FailureThreshold applied) when the server
 * gives it, which is what the check's status follows; else the probe's own result.
 */
function healthyOf(o: Obj): number | undefined {
  const v = o.healthy ?? o.ok ?? o.status ?? o.Status;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v ? 1 : 0;
  if (typeof v === 'string') return /^(success|healthy|ok|up|true)/i.test(v) ? 1 : 0;
  return undefined;
}

function latencyOf(o: Obj): number | null {
  const v = o.latencyMs ?? o.latency ?? o.latency_ms ?? o.durationMs;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const regionOf = (o: Obj): string | undefined => {
  const v = o.region ?? o.Region ?? o.checkerRegion ?? o.checker;
  return typeof v === 'string' ? v : undefined;
};

/**
 * Returns the history as one series per checker (named by region; a second checker in the same
 * region gets its id or address added), points in time order. An object holding a list is a
 * group (e.g. a checker with its observations); an object with a time and a status is a point.
 */
export function readHistory(doc: unknown): Series[] {
  const byLabel = new Map<string, Point[]>();
  const owner = new Map<string, object>();
  const labelFor = (group: Obj, inherited: string | undefined): string | undefined => {
    const region = regionOf(group);
    if (!region) return inherited;
    const first = owner.get(region);
    if (!first || first === group) { owner.set(region, group); return region; }
    const extra = group.checkerId ?? group.address ?? owner.size;
    return `${region} (${String(extra)})`;
  };
  const visit = (v: unknown, label: string | undefined, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(v)) { for (const x of v) visit(x, label, depth + 1); return; }
    if (!isObj(v)) return;
    const lists = Object.values(v).filter((x) => Array.isArray(x));
    if (lists.length > 0) {
      const here = labelFor(v, label);
      for (const l of lists) visit(l, here, depth + 1);
      return;
    }
    const t = timeOf(v);
    const h = healthyOf(v);
    if (t !== undefined && h !== undefined) {
      const key = regionOf(v) ?? label ?? 'all checkers';
      byLabel.set(key, [...(byLabel.get(key) ?? []), { t, healthy: h, latencyMs: latencyOf(v) }]);
      return;
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, labelFor(v, label), depth + 1);
  };
  visit(doc, undefined, 0);
  return [...byLabel].map(([region, points]) => ({ region, points: points.sort((a, b) => a.t - b.t) }))
    .sort((a, b) => a.region.localeCompare(b.region));
}

/** Returns the share of checkers reporting healthy over time, from each region's latest point. */
export function healthyShare(series: readonly Series[]): Point[] {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const idx = series.map(() => -1);
  return times.map((t) => {
    let up = 0; let known = 0;
    series.forEach((s, i) => {
      while (idx[i]! + 1 < s.points.length && s.points[idx[i]! + 1]!.t <= t) idx[i]!++;
      const p = s.points[idx[i]!];
      if (p) { known++; up += p.healthy; }
    });
    return { t, healthy: known ? up / known : 0, latencyMs: null };
  });
}

/** Returns the check's published status from the history document (what DNS answers by), if given. */
export function readPublished(doc: unknown): boolean | undefined {
  return isObj(doc) && typeof doc.healthy === 'boolean' ? doc.healthy : undefined;
}
