/**
 * Private zones' VPCs: AssociateVPCWithHostedZone, DisassociateVPCFromHostedZone,
 * Create/Delete/ListVPCAssociationAuthorizations and ListHostedZonesByVPC (route53.md 8).
 *
 * Who may do what, as in Route 53: the zone's owner associates its own VPCs; another account
 * associates its VPC once the zone's owner has authorized that VPC (NotAuthorizedException
 * otherwise); either the zone's owner or the VPC's owner disassociates. A VPC is never
 * associated with two zones of the same name (ConflictingDomainExists).
 */
import { isVpcId, StoreConflict, type VpcRef, type VpcRow, type ZoneRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { bareId } from '../ids.ts';
import { onlyElements, parseRequest, requiredText, text, xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';
import { r53NameFromStored } from '../record-sets/r53-names.ts';
import { changeInfoXml } from './changes.ts';
import { ownedZone } from './hosted-zones.ts';
import { pageSize } from './paging.ts';

/** Route 53's quotas (route53.md 11). */
export const MAX_VPCS_PER_ZONE = 300;
export const MAX_AUTHORIZATIONS_PER_ZONE = 1000;

/** Parses a <VPC> element (VPCRegion, VPCId); InvalidVPCId when either is missing or malformed. */
export function parseVpc(node: unknown, path: string): VpcRef {
  // <VPC> is a list item elsewhere (GetHostedZone's VPCs), so the parser gives an array.
  if (Array.isArray(node) && node.length !== 1) throw apiError('InvalidInput', `Invalid XML ; ${path} must be given once`);
  const vpc = onlyElements(Array.isArray(node) ? node[0] : node, ['VPCRegion', 'VPCId'], path);
  const vpcId = text(vpc, 'VPCId', path);
  const region = text(vpc, 'VPCRegion', path);
  if (vpcId === undefined || region === undefined) throw apiError('InvalidVPCId', 'Invalid or missing VPC Id.');
  if (!isVpcId(vpcId)) throw apiError('InvalidVPCId', `The VPC ID ${vpcId} is not valid.`);
  if (!/^[a-z0-9-]{1,64}$/.test(region)) throw apiError('InvalidInput', `Invalid XML ; ${path}/VPCRegion "${region}" is not a region name`);
  return { vpcId, region };
}

/** The <VPC> element. */
export function vpcXml(v: VpcRef): OutElement[] {
  return [['VPCRegion', v.region], ['VPCId', v.vpcId]];
}

/** Returns the VPC `ref` names, when it exists in that region; InvalidVPCId otherwise. */
export async function knownVpc(ctx: ApiContext, ref: VpcRef): Promise<VpcRow> {
  const vpc = await ctx.store.getVpc(ref.vpcId);
  if (!vpc || vpc.region !== ref.region) {
    throw apiError('InvalidVPCId', `The VPC ${ref.vpcId} in region ${ref.region} does not exist (create it with the EC2 API or 'signpost vpc create').`);
  }
  return vpc;
}

/** ConflictingDomainExists when the VPC is already associated with a zone named `name` (other than `except`). */
export async function checkNoSameNameInVpc(ctx: ApiContext, ref: VpcRef, name: string, except?: string): Promise<void> {
  for (const a of await ctx.store.listZoneVpcs()) {
    if (a.vpcId !== ref.vpcId || a.region !== ref.region || a.zoneId === except) continue;
    const z = await ctx.store.getZone(a.zoneId);
    if (z?.name === name) throw apiError('ConflictingDomainExists', `The VPC ${ref.vpcId} is already associated with a private hosted zone named ${r53NameFromStored(name)} (${z.id})`);
  }
}

/** The zone with `id`, whoever owns it (cross-account operations); NoSuchHostedZone otherwise. */
async function anyZone(ctx: ApiContext, id: string): Promise<ZoneRow> {
  const zone = await ctx.store.getZone(bareId(id, 'hostedzone'));
  if (!zone) throw apiError('NoSuchHostedZone', `No hosted zone found with ID: ${bareId(id, 'hostedzone')}`);
  return zone;
}

function commentOf(body: Record<string, unknown>, path: string): string {
  const comment = text(body, 'Comment', path) ?? '';
  if (comment.length > 256) throw apiError('InvalidInput', 'Comment must be at most 256 characters');
  return comment;
}

const same = (a: VpcRef, b: VpcRef) => a.vpcId === b.vpcId && a.region === b.region;

export const associateVpcWithHostedZone: Handler = async (ctx, req) => {
  const path = 'AssociateVPCWithHostedZoneRequest';
  const body = onlyElements(parseRequest(req.body, path), ['VPC', 'Comment'], path);
  if (body.VPC === undefined) requiredText(body, 'VPC', path);
  const ref = parseVpc(body.VPC, `${path}/VPC`);
  const comment = commentOf(body, path);
  const zone = await anyZone(ctx, req.params.Id!);
  const vpc = await knownVpc(ctx, ref);
  if (zone.accountId !== req.accountId) {
    // Another account's zone: only the VPC's owner, and only with the zone owner's authorization.
    const authorized = (await ctx.store.listVpcAuthorizations(zone.id)).some((a) => same(a, ref));
    if (!authorized || vpc.accountId !== req.accountId) {
      throw apiError('NotAuthorizedException', `Associating VPC ${ref.vpcId} with hosted zone ${zone.id} has not been authorized by the zone's owner (CreateVPCAssociationAuthorization).`);
    }
  } else if (vpc.accountId !== req.accountId) {
    throw apiError('InvalidVPCId', `The VPC ${ref.vpcId} belongs to another account; its owner associates it once you have authorized it (CreateVPCAssociationAuthorization).`);
  }
  if (!zone.privateZone) throw apiError('PublicZoneVPCAssociation', `The hosted zone ${zone.id} is public; only private hosted zones are associated with VPCs.`);
  const current = await ctx.store.listZoneVpcs(zone.id);
  if (current.some((a) => same(a, ref))) throw apiError('ConflictingDomainExists', `The VPC ${ref.vpcId} is already associated with the hosted zone ${zone.id}`);
  if (current.length >= MAX_VPCS_PER_ZONE) throw apiError('LimitsExceeded', `A private hosted zone can be associated with at most ${MAX_VPCS_PER_ZONE} VPCs`);
  await checkNoSameNameInVpc(ctx, ref, zone.name);
  const change = await ctx.store.associateVpc(zone.id, ref, comment);
  ctx.onZoneChange();
  return { status: 200, xml: xmlDocument('AssociateVPCWithHostedZoneResponse', [['ChangeInfo', changeInfoXml(change, 'PENDING')]]) };
};

export const disassociateVpcFromHostedZone: Handler = async (ctx, req) => {
  const path = 'DisassociateVPCFromHostedZoneRequest';
  const body = onlyElements(parseRequest(req.body, path), ['VPC', 'Comment'], path);
  if (body.VPC === undefined) requiredText(body, 'VPC', path);
  const ref = parseVpc(body.VPC, `${path}/VPC`);
  const comment = commentOf(body, path);
  const zone = await anyZone(ctx, req.params.Id!);
  const vpc = await ctx.store.getVpc(ref.vpcId);
  // The zone's owner, or the owner of the VPC; to anyone else the zone does not exist.
  if (zone.accountId !== req.accountId && vpc?.accountId !== req.accountId) {
    throw apiError('NoSuchHostedZone', `No hosted zone found with ID: ${zone.id}`);
  }
  try {
    const change = await ctx.store.disassociateVpc(zone.id, ref, comment);
    ctx.onZoneChange();
    return { status: 200, xml: xmlDocument('DisassociateVPCFromHostedZoneResponse', [['ChangeInfo', changeInfoXml(change, 'PENDING')]]) };
  } catch (err) {
    if (err instanceof StoreConflict && err.what === 'last-vpc') {
      throw apiError('LastVPCAssociation', `The VPC ${ref.vpcId} is the last VPC associated with the hosted zone ${zone.id}; delete the zone instead.`);
    }
    if (err instanceof StoreConflict && err.what === 'no-association') {
      throw apiError('VPCAssociationNotFound', `The VPC ${ref.vpcId} (${ref.region}) is not associated with the hosted zone ${zone.id}.`);
    }
    throw err;
  }
};

export const createVpcAssociationAuthorization: Handler = async (ctx, req) => {
  const path = 'CreateVPCAssociationAuthorizationRequest';
  const body = onlyElements(parseRequest(req.body, path), ['VPC'], path);
  if (body.VPC === undefined) requiredText(body, 'VPC', path);
  const ref = parseVpc(body.VPC, `${path}/VPC`);
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  if (!zone.privateZone) throw apiError('InvalidInput', `The hosted zone ${zone.id} is public; only private hosted zones are associated with VPCs.`);
  await knownVpc(ctx, ref);
  const existing = await ctx.store.listVpcAuthorizations(zone.id);
  if (!existing.some((a) => same(a, ref)) && existing.length >= MAX_AUTHORIZATIONS_PER_ZONE) {
    throw apiError('TooManyVPCAssociationAuthorizations', `The hosted zone ${zone.id} already has ${MAX_AUTHORIZATIONS_PER_ZONE} VPC association authorizations.`);
  }
  await ctx.store.createVpcAuthorization({ zoneId: zone.id, ...ref });
  return { status: 200, xml: xmlDocument('CreateVPCAssociationAuthorizationResponse', [['HostedZoneId', zone.id], ['VPC', vpcXml(ref)]]) };
};

export const deleteVpcAssociationAuthorization: Handler = async (ctx, req) => {
  const path = 'DeleteVPCAssociationAuthorizationRequest';
  const body = onlyElements(parseRequest(req.body, path), ['VPC'], path);
  if (body.VPC === undefined) requiredText(body, 'VPC', path);
  const ref = parseVpc(body.VPC, `${path}/VPC`);
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  if (!(await ctx.store.deleteVpcAuthorization({ zoneId: zone.id, ...ref }))) {
    throw apiError('VPCAssociationAuthorizationNotFound', `The VPC ${ref.vpcId} (${ref.region}) is not authorized to be associated with the hosted zone ${zone.id}.`);
  }
  return { status: 200, xml: xmlDocument('DeleteVPCAssociationAuthorizationResponse', []) };
};

/** Returns the index a `nexttoken` points at (the 1-based position, as text); InvalidPaginationToken otherwise. */
function tokenStart(token: string | undefined, length: number): number {
  if (token === undefined) return 0;
  const n = /^[1-9]\d{0,8}$/.test(token) ? Number(token) : NaN;
  if (!(n >= 1 && n <= length)) throw apiError('InvalidPaginationToken', `The pagination token "${token}" is not valid.`);
  return n;
}

export const listVpcAssociationAuthorizations: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const max = req.query.maxresults === undefined ? 50 : pageSize(req.query.maxresults, 50);
  const all = await ctx.store.listVpcAuthorizations(zone.id);
  const start = tokenStart(req.query.nexttoken, all.length);
  const page = all.slice(start, start + max);
  const more = start + max < all.length;
  return { status: 200, xml: xmlDocument('ListVPCAssociationAuthorizationsResponse', [
    ['HostedZoneId', zone.id],
    ['NextToken', more ? String(start + max) : undefined],
    ['VPCs', page.map((a) => ['VPC', vpcXml(a)] as OutElement)],
  ]) };
};

export const listHostedZonesByVpc: Handler = async (ctx, req) => {
  const vpcId = req.query.vpcid;
  const region = req.query.vpcregion;
  if (vpcId === undefined || region === undefined) throw apiError('InvalidInput', 'vpcid and vpcregion are both required');
  const ref = parseVpc({ VPCId: vpcId, VPCRegion: region }, 'ListHostedZonesByVPCRequest');
  const vpc = await knownVpc(ctx, ref);
  if (vpc.accountId !== req.accountId) throw apiError('InvalidVPCId', `The VPC ${ref.vpcId} belongs to another account.`);
  const max = pageSize(req.query.maxitems, 100);
  const zones: ZoneRow[] = [];
  for (const a of await ctx.store.listZoneVpcs()) {
    if (!same(a, ref)) continue;
    const z = await ctx.store.getZone(a.zoneId);
    if (z) zones.push(z);
  }
  zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const start = tokenStart(req.query.nexttoken, zones.length);
  const page = zones.slice(start, start + max);
  const more = start + max < zones.length;
  return { status: 200, xml: xmlDocument('ListHostedZonesByVPCResponse', [
    ['HostedZoneSummaries', page.map((z) => ['HostedZoneSummary', [
      ['HostedZoneId', z.id], ['Name', r53NameFromStored(z.name)], ['Owner', [['OwningAccount', z.accountId]]],
    ]] as OutElement)],
    ['MaxItems', String(max)],
    ['NextToken', more ? String(start + max) : undefined],
  ]) };
};
