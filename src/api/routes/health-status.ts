/**
 * What the checkers see: GetHealthCheckStatus (each checker's latest observation),
 * GetHealthCheckLastFailureReason (each checker's last failure), GetCheckerIpRanges (the
 * checkers' source addresses), and Signpost's JSON history for the console (not Route 53).
 */
import { isIPv6 } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { HealthReportRow } from '../../store/index.ts';
import { countingReports } from '../../health/aggregate.ts';
import { parseSettings } from '../../health/settings.ts';
import { apiError } from '../errors.ts';
import { xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';
import { ownedHealthCheck } from './health-checks.ts';

/** The reports that count now for a probed check; InvalidInput for a calculated one. */
async function reportsOf(ctx: ApiContext, accountId: string, id: string): Promise<HealthReportRow[]> {
  const row = await ownedHealthCheck(ctx, accountId, id);
  const s = parseSettings(row.config);
  if (s.type === 'CALCULATED') throw apiError('InvalidInput', `The health check ${id} is CALCULATED: it has no checkers of its own; read the status of its children`);
  return countingReports(s, await ctx.store.listHealthReports(row.id), ctx.now().getTime());
}

function observation(r: HealthReportRow, status: string, at: string): OutElement {
  return ['HealthCheckObservation', [
    ['Region', r.region],
    ['IPAddress', r.address === '' ? undefined : r.address],
    ['StatusReport', [['Status', status], ['CheckedTime', at]]],
  ]];
}

export const getHealthCheckStatus: Handler = async (ctx, req) => {
  const reports = await reportsOf(ctx, req.accountId, req.params.HealthCheckId!);
  return { status: 200, xml: xmlDocument('GetHealthCheckStatusResponse', [
    ['HealthCheckObservations', reports.map((r) => observation(r, r.status, r.checkedAt))],
  ]) };
};

export const getHealthCheckLastFailureReason: Handler = async (ctx, req) => {
  const reports = await reportsOf(ctx, req.accountId, req.params.HealthCheckId!);
  return { status: 200, xml: xmlDocument('GetHealthCheckLastFailureReasonResponse', [
    ['HealthCheckObservations', reports.filter((r) => r.lastFailure !== null).map((r) => observation(r, r.lastFailure!, r.lastFailureAt!))],
  ]) };
};

export const getCheckerIpRanges: Handler = async (ctx) => {
  const addresses = [...new Set((await ctx.store.listHealthReports()).map((r) => r.address).filter((a) => a !== ''))].sort();
  return { status: 200, xml: xmlDocument('GetCheckerIpRangesResponse', [
    ['CheckerIpRanges', addresses.map((a) => ['member', `${a}/${isIPv6(a) ? 128 : 32}`] as OutElement)],
  ]) };
};

/** The history path, a Signpost extension (SigV4-signed like the API; JSON). */
export const HISTORY_PATH = '/signpost/health-checks/:HealthCheckId/history';

/** Registers GET /signpost/health-checks/{id}/history: status, per-checker reports and observations. */
export function registerHealthHistory(app: FastifyInstance, ctx: ApiContext): void {
  app.get(HISTORY_PATH, async (req, reply) => {
    const id = (req.params as Record<string, string>).HealthCheckId!;
    const row = await ownedHealthCheck(ctx, req.accountId, id);
    const s = parseSettings(row.config);
    const reports = s.type === 'CALCULATED' ? [] : countingReports(s, await ctx.store.listHealthReports(id), ctx.now().getTime());
    const observations = await ctx.store.listHealthObservations(id);
    const states = await ctx.store.healthStates();
    return reply.header('content-type', 'application/json').header('x-amz-request-id', req.requestId).send({
      healthCheckId: id,
      healthy: states.get(id) ?? !s.inverted,
      healthyCheckersPercent: reports.length === 0 ? null : Math.round((1000 * reports.filter((r) => r.healthy).length) / reports.length) / 10,
      checkers: reports.map((r) => ({
        checkerId: r.checkerId, region: r.region, address: r.address, healthy: r.healthy, status: r.status, checkedAt: r.checkedAt,
        lastFailure: r.lastFailure, lastFailureAt: r.lastFailureAt,
        // ok: this probe's result; healthy: the checker's verdict after it (FailureThreshold applied).
        observations: observations.filter((o) => o.checkerId === r.checkerId).map((o) => ({ at: o.at, ok: o.ok, healthy: o.healthy, latencyMs: o.latencyMs, status: o.status })),
      })),
    });
  });
}
