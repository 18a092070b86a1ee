/**
 * Health checks: Create (CallerReference idempotency as Route 53 does it), Get, List, Update
 * (HealthCheckVersion optimistic locking, ResetElements), Delete (refused while in use) and
 * GetHealthCheckCount. After every write the statuses are published again, so that Inverted,
 * Disabled and calculated checks take effect without waiting for a probe.
 */
import { newHealthCheckId, StoreConflict, VersionConflict, type HealthCheckRow } from '../../store/index.ts';
import { publishHealth } from '../../health/publish.ts';
import { parseSettings, settingsJson, type HealthCheckSettings } from '../../health/settings.ts';
import { apiError } from '../errors.ts';
import { onlyElements, parseRequest, requiredText, text, xmlDocument, type OutElement } from '../xml.ts';
import { resourceLocation, type ApiContext, type ApiRequest, type Handler } from '../context.ts';
import { ACCOUNT_LIMITS } from './limits.ts';
import { pageSize } from './paging.ts';
import { applyUpdate, healthCheckXml, parseHealthCheckConfig, UPDATE_MEMBERS } from './health-check-config.ts';

/** Returns the account's health check `id`; NoSuchHealthCheck for another account's or none. */
export async function ownedHealthCheck(ctx: ApiContext, accountId: string, id: string): Promise<HealthCheckRow> {
  const check = await ctx.store.getHealthCheck(id);
  if (!check || check.accountId !== accountId) throw apiError('NoSuchHealthCheck', `No health check exists with the ID ${id}`);
  return check;
}

/** Checks that the children of a calculated check exist in the account and are not calculated. */
async function checkChildren(ctx: ApiContext, accountId: string, s: HealthCheckSettings, self?: string): Promise<void> {
  for (const id of s.childHealthChecks ?? []) {
    const child = await ctx.store.getHealthCheck(id);
    if (!child || child.accountId !== accountId) throw apiError('InvalidInput', `The child health check ${id} does not exist`);
    if (id === self || parseSettings(child.config).type === 'CALCULATED') throw apiError('InvalidInput', `The child health check ${id} is a CALCULATED health check; children cannot be calculated`);
  }
  if (new Set(s.childHealthChecks ?? []).size !== (s.childHealthChecks ?? []).length) throw apiError('InvalidInput', 'A child health check is listed more than once');
}

const republish = (ctx: ApiContext) => publishHealth(ctx.store, ctx.now(), ctx.log).catch((err: unknown) => ctx.log.error({ err }, 'could not publish health statuses'));

function created(req: ApiRequest, row: HealthCheckRow) {
  return {
    status: 201,
    headers: { location: resourceLocation(req, `healthcheck/${row.id}`) },
    xml: xmlDocument('CreateHealthCheckResponse', [['HealthCheck', healthCheckXml(row)]]),
  };
}

export const createHealthCheck: Handler = async (ctx, req) => {
  const body = onlyElements(parseRequest(req.body, 'CreateHealthCheckRequest'), ['CallerReference', 'HealthCheckConfig'], 'CreateHealthCheckRequest');
  const callerReference = requiredText(body, 'CallerReference', 'CreateHealthCheckRequest');
  if (callerReference.length < 1 || callerReference.length > 64) throw apiError('InvalidInput', 'CallerReference must be 1 to 64 characters');
  if (body.HealthCheckConfig === undefined) throw apiError('InvalidInput', "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'CreateHealthCheckRequest' is not complete. 'HealthCheckConfig' is expected.");
  const settings = parseHealthCheckConfig(body.HealthCheckConfig);
  const config = settingsJson(settings);
  // Route 53: the same reference and settings return the existing check; other settings, or a
  // check since deleted, are HealthCheckAlreadyExists.
  const again = async (): Promise<HealthCheckRow | undefined> => {
    const owner = await ctx.store.callerReferenceOwner('healthcheck', req.accountId, callerReference);
    if (owner === undefined) return undefined;
    const existing = await ctx.store.getHealthCheck(owner);
    if (existing && existing.createdConfig === config) return existing;
    throw apiError('HealthCheckAlreadyExists', existing
      ? `A health check with the caller reference ${callerReference} exists with other settings`
      : `The caller reference ${callerReference} was used for a health check that has since been deleted`);
  };
  const existing = await again();
  if (existing) return created(req, existing);
  await checkChildren(ctx, req.accountId, settings);
  if ((await ctx.store.listHealthChecks(req.accountId)).length >= ACCOUNT_LIMITS.MAX_HEALTH_CHECKS_BY_OWNER!) {
    throw apiError('TooManyHealthChecks', `An account can have at most ${ACCOUNT_LIMITS.MAX_HEALTH_CHECKS_BY_OWNER} health checks`);
  }
  let row: HealthCheckRow;
  try {
    row = await ctx.store.createHealthCheck({
      id: newHealthCheckId(), accountId: req.accountId, callerReference, config, createdConfig: config, createdAt: ctx.now().toISOString(),
    });
  } catch (err) {
    if (!(err instanceof StoreConflict)) throw err;
    const raced = await again(); // a concurrent request with the same reference won
    if (raced) return created(req, raced);
    throw err;
  }
  await republish(ctx);
  return created(req, row);
};

export const getHealthCheck: Handler = async (ctx, req) => {
  const row = await ownedHealthCheck(ctx, req.accountId, req.params.HealthCheckId!);
  return { status: 200, xml: xmlDocument('GetHealthCheckResponse', [['HealthCheck', healthCheckXml(row)]]) };
};

export const listHealthChecks: Handler = async (ctx, req) => {
  // Route 53: 100 by default, at most 1,000.
  const max = req.query.maxitems === undefined ? 100 : pageSize(req.query.maxitems, 1000);
  const all = await ctx.store.listHealthChecks(req.accountId);
  let start = 0;
  if (req.query.marker) {
    start = all.findIndex((c) => c.id === req.query.marker);
    if (start < 0) throw apiError('InvalidInput', `The marker ${req.query.marker} does not name a health check of this listing`);
  }
  const next = all[start + max];
  return { status: 200, xml: xmlDocument('ListHealthChecksResponse', [
    ['HealthChecks', all.slice(start, start + max).map((c) => ['HealthCheck', healthCheckXml(c)] as OutElement)],
    ['Marker', req.query.marker ?? ''],
    ['IsTruncated', next !== undefined],
    ['NextMarker', next?.id],
    ['MaxItems', String(max)],
  ]) };
};

export const updateHealthCheck: Handler = async (ctx, req) => {
  const row = await ownedHealthCheck(ctx, req.accountId, req.params.HealthCheckId!);
  const body = onlyElements(parseRequest(req.body, 'UpdateHealthCheckRequest'), UPDATE_MEMBERS, 'UpdateHealthCheckRequest');
  const versionText = text(body, 'HealthCheckVersion', 'UpdateHealthCheckRequest');
  let expected: number | undefined;
  if (versionText !== undefined) {
    if (!/^\d{1,15}$/.test(versionText) || Number(versionText) < 1) throw apiError('InvalidInput', `HealthCheckVersion must be a positive integer, not "${versionText}"`);
    expected = Number(versionText);
  }
  const mismatch = () => apiError('HealthCheckVersionMismatch', `The health check ${row.id} is at version ${row.version}; the request names version ${expected}`);
  if (expected !== undefined && expected !== row.version) throw mismatch();
  const settings = applyUpdate(parseSettings(row.config), body);
  await checkChildren(ctx, req.accountId, settings, row.id);
  let updated: HealthCheckRow;
  try {
    updated = await ctx.store.updateHealthCheck(row.id, settingsJson(settings), row.version);
  } catch (err) {
    if (err instanceof VersionConflict) throw expected !== undefined ? mismatch() : apiError('PriorRequestNotComplete');
    throw err;
  }
  await republish(ctx);
  return { status: 200, xml: xmlDocument('UpdateHealthCheckResponse', [['HealthCheck', healthCheckXml(updated)]]) };
};

export const deleteHealthCheck: Handler = async (ctx, req) => {
  const row = await ownedHealthCheck(ctx, req.accountId, req.params.HealthCheckId!);
  const zones = new Map((await ctx.store.listZones()).map((z) => [z.id, z]));
  const sets = (await ctx.store.recordSetsUsingHealthCheck(row.id)).filter((s) => zones.get(s.zoneId)?.accountId === req.accountId);
  if (sets.length > 0) {
    const first = sets[0]!;
    throw apiError('HealthCheckInUse', `The health check ${row.id} is referenced by the resource record set ${first.name} in hosted zone ${first.zoneId}${sets.length > 1 ? ` and ${sets.length - 1} more` : ''}`);
  }
  const parents = (await ctx.store.listHealthChecks(req.accountId)).filter((c) => parseSettings(c.config).childHealthChecks?.includes(row.id));
  if (parents.length > 0) throw apiError('HealthCheckInUse', `The health check ${row.id} is a child of the calculated health check ${parents[0]!.id}`);
  await ctx.store.deleteHealthCheck(row.id);
  await republish(ctx);
  return { status: 200, xml: xmlDocument('DeleteHealthCheckResponse', []) };
};

export const getHealthCheckCount: Handler = async (ctx, req) => {
  return { status: 200, xml: xmlDocument('GetHealthCheckCountResponse', [['HealthCheckCount', (await ctx.store.listHealthChecks(req.accountId)).length]]) };
};
