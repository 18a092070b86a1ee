/**
 * Hosted zones: CreateHostedZone, GetHostedZone, ListHostedZones, ListHostedZonesByName,
 * UpdateHostedZoneComment, DeleteHostedZone, GetHostedZoneCount.
 */
import { RRType, rdataFromText } from '../../dns/index.ts';
import { r53NameFromStored, storedNameFromR53 } from '../record-sets/r53-names.ts';
import { tokenizeRdata } from '../../dns/rdata/index.ts';
import { newDelegationSetId, newZoneId, StoreConflict, VersionConflict, type DelegationSetRow, type RecordSetRow, type Store, type VpcRef, type ZoneRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { bareId, zoneIdOut } from '../ids.ts';
import { onlyElements, parseRequest, requiredText, text, xmlDocument, type OutElement } from '../xml.ts';
import { ADMIN_ACCOUNT_ID, resourceLocation, type ApiContext, type ApiRequest, type Handler } from '../context.ts';
import { changeInfoXml } from './changes.ts';
import { allocateNameServers, checkNoForeignNesting, delegationSetXml, takenNameServers } from './delegation-sets.ts';
import { compareReversedNames, pageSize } from './paging.ts';
import { checkNoSameNameInVpc, knownVpc, parseVpc, vpcXml } from './vpc-associations.ts';

/** TTLs and SOA timers Route 53 gives a new zone's records (route53.md 3.5). */
export const APEX_NS_TTL = 172800;
export const APEX_SOA_TTL = 900;
export const SOA_TIMERS = '1 7200 900 1209600 86400';
/** Every private zone's name servers and SOA mname, as Route 53 gives them (route53.md 3.5). */
export const PRIVATE_NAME_SERVERS = ['ns-1536.awsdns-00.co.uk', 'ns-0.awsdns-00.com', 'ns-1024.awsdns-00.org', 'ns-512.awsdns-00.net'];
export const PRIVATE_SOA_RNAME = 'awsdns-hostmaster.amazon.com.';

/** Returns the zone row owned by the account, or NoSuchHostedZone. */
export async function ownedZone(ctx: ApiContext, accountId: string, id: string): Promise<ZoneRow> {
  const bare = bareId(id, 'hostedzone');
  const zone = await ctx.store.getZone(bare);
  if (!zone || zone.accountId !== accountId) throw apiError('NoSuchHostedZone', `No hosted zone found with ID: ${bare}`);
  return zone;
}

/**
 * Parses a zone name as Route 53 accepts it (trailing dot optional). Unlike Route 53, a single
 * label (`lab.`, `corp.`) is allowed: a self-hosted deployment runs its own TLDs. The names the
 * operator reserves (`--reserved-zone-names`) are refused, and the root zone is the admin
 * account's alone.
 */
export function parseZoneName(ctx: ApiContext, input: string, accountId: string): string {
  const name = parseZoneNameLoose(input);
  if (name.startsWith('*.')) throw apiError('InvalidDomainName', `${r53NameFromStored(name)}: a zone name cannot start with a wildcard label`);
  if (name === '.' && accountId !== ADMIN_ACCOUNT_ID) throw apiError('InvalidDomainName', '. is reserved: only the admin account may host the root zone');
  if (ctx.reservedZoneNames?.includes(name)) throw apiError('InvalidDomainName', `${r53NameFromStored(name)} is reserved by the operator of this Signpost`);
  return name;
}

function hexOf(type: number, value: string): string {
  return Array.from(rdataFromText(type, tokenizeRdata(value)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SOA and NS record sets Route 53 creates with a zone. */
export function apexRecordSets(zoneName: string, nameServers: string[], soaRname?: string): RecordSetRow[] {
  const ns = nameServers.map((n) => `${n}.`);
  const rname = soaRname ?? `hostmaster.${ns[0]!.split('.').slice(1).join('.') || zoneName}`;
  return [
    { name: zoneName, type: RRType.NS, setIdentifier: '', ttl: APEX_NS_TTL, rdata: ns.map((n) => hexOf(RRType.NS, n)), routing: null },
    { name: zoneName, type: RRType.SOA, setIdentifier: '', ttl: APEX_SOA_TTL, rdata: [hexOf(RRType.SOA, `${ns[0]} ${rname} ${SOA_TIMERS}`)], routing: null },
  ];
}

/** The <HostedZone> element. */
export async function hostedZoneXml(ctx: ApiContext, z: ZoneRow): Promise<OutElement[]> {
  return [
    ['Id', zoneIdOut(z.id)],
    ['Name', r53NameFromStored(z.name)],
    ['CallerReference', z.callerReference],
    ['Config', [['Comment', z.comment || undefined], ['PrivateZone', z.privateZone]]],
    ['ResourceRecordSetCount', await ctx.store.countRecordSets(z.id)],
  ];
}

async function zoneDelegationSet(ctx: ApiContext, z: ZoneRow): Promise<OutElement[] | undefined> {
  if (z.delegationSetId === null) return undefined;
  const set = await ctx.store.getDelegationSet(z.delegationSetId);
  return set ? delegationSetXml(set) : undefined;
}

export const createHostedZone: Handler = async (ctx, req) => {
  const body = onlyElements(parseRequest(req.body, 'CreateHostedZoneRequest'),
    ['Name', 'VPC', 'CallerReference', 'HostedZoneConfig', 'DelegationSetId'], 'CreateHostedZoneRequest');
  const name = parseZoneName(ctx, requiredText(body, 'Name', 'CreateHostedZoneRequest'), req.accountId);
  const callerReference = requiredText(body, 'CallerReference', 'CreateHostedZoneRequest');
  if (callerReference.length < 1 || callerReference.length > 128) throw apiError('InvalidInput', 'CallerReference must be 1 to 128 characters');
  const config = onlyElements(body.HostedZoneConfig, ['Comment', 'PrivateZone'], 'HostedZoneConfig');
  const comment = text(config, 'Comment', 'HostedZoneConfig') ?? '';
  if (comment.length > 256) throw apiError('InvalidInput', 'Comment must be at most 256 characters');
  const privateZone = text(config, 'PrivateZone', 'HostedZoneConfig');
  if (privateZone !== undefined && privateZone !== 'true' && privateZone !== 'false') throw apiError('InvalidInput', 'PrivateZone must be true or false');
  if (privateZone === 'true' && body.VPC === undefined) {
    throw apiError('InvalidInput', 'When you\'re creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.');
  }
  if (privateZone === 'false' && body.VPC !== undefined) throw apiError('InvalidInput', 'A public hosted zone (PrivateZone false) cannot be associated with a VPC');
  const delegationSetId = text(body, 'DelegationSetId', 'CreateHostedZoneRequest');
  if (body.VPC !== undefined && delegationSetId !== undefined) throw apiError('InvalidInput', 'A private hosted zone cannot use a reusable delegation set (DelegationSetId)');
  const vpc = body.VPC === undefined ? undefined : parseVpc(body.VPC, 'CreateHostedZoneRequest/VPC');
  if (await ctx.store.callerReferenceOwner('hostedzone', req.accountId, callerReference)) throw apiError('HostedZoneAlreadyExists');
  const owned = (await ctx.store.listZones()).filter((z) => z.accountId === req.accountId);
  if (owned.length >= 500) throw apiError('TooManyHostedZones');
  const id = newZoneId();
  if (vpc) return createPrivateZone(ctx, req, { id, name, accountId: req.accountId, callerReference, comment }, vpc);
  // With every DNS listener serving by name server, zones of other accounts are kept apart by
  // their delegation sets, as in Route 53; otherwise one server set serves them all.
  if (!ctx.nestingAllowed) await checkNoForeignNesting(ctx, name, req.accountId);
  let set: DelegationSetRow;
  let newSet: DelegationSetRow | undefined;
  if (delegationSetId !== undefined) {
    const found = await ctx.store.getDelegationSet(bareId(delegationSetId, 'delegationset', 'delegationSetId'));
    if (!found || found.accountId !== req.accountId) throw apiError('NoSuchDelegationSet', `No reusable delegation set found with ID: ${delegationSetId}`);
    if (!found.reusable) throw apiError('DelegationSetNotReusable');
    if ((await ctx.store.listZones()).filter((z) => z.delegationSetId === found.id).length >= 100) {
      throw apiError('LimitsExceeded', 'The reusable delegation set already serves 100 hosted zones');
    }
    const taken = await takenNameServers(ctx, name);
    if (found.nameServers.some((ns) => taken.has(ns))) {
      throw apiError('ConflictingDomainExists', `The delegation set ${found.id} shares name servers with a hosted zone named ${name}, its parent or a child`);
    }
    set = found;
  } else {
    const nameServers = await allocateNameServers(ctx, name);
    newSet = { id: newDelegationSetId(), accountId: req.accountId, callerReference: null, nameServers, reusable: false, createdAt: ctx.now().toISOString() };
    set = newSet;
  }
  const created = ctx.store.createZone({
    id, name, accountId: req.accountId, callerReference, comment, privateZone: false, delegationSetId: set.id,
  }, apexRecordSets(name, set.nameServers), newSet);
  return createdReply(ctx, req, created, ['DelegationSet', delegationSetXml(set)]);
};

/**
 * Waits for the store to create a zone and returns CreateHostedZone's 201 reply: the zone, its
 * change, and `last` (the public zone's DelegationSet, or the private zone's VPC).
 */
async function createdReply(ctx: ApiContext, req: ApiRequest, creating: ReturnType<Store['createZone']>, last: OutElement) {
  let created;
  try {
    created = await creating;
  } catch (err) {
    if (err instanceof StoreConflict) throw apiError('HostedZoneAlreadyExists');
    throw err;
  }
  ctx.onZoneChange();
  return {
    status: 201,
    headers: { location: resourceLocation(req, `hostedzone/${created.zone.id}`) },
    xml: xmlDocument('CreateHostedZoneResponse', [
      ['HostedZone', await hostedZoneXml(ctx, created.zone)],
      ['ChangeInfo', changeInfoXml(created.change, 'PENDING')],
      last,
    ]),
  };
}

/** CreateHostedZone for a private zone: Route 53's private SOA and NS, the first VPC in the same transaction. */
async function createPrivateZone(ctx: ApiContext, req: ApiRequest, z: Pick<ZoneRow, 'id' | 'name' | 'accountId' | 'callerReference' | 'comment'>, vpc: VpcRef) {
  const found = await knownVpc(ctx, vpc);
  if (found.accountId !== z.accountId) throw apiError('InvalidVPCId', `The VPC ${vpc.vpcId} belongs to another account; create the zone, then authorize that VPC (CreateVPCAssociationAuthorization).`);
  await checkNoSameNameInVpc(ctx, vpc, z.name);
  const created = ctx.store.createZone({ ...z, privateZone: true, delegationSetId: null },
    apexRecordSets(z.name, PRIVATE_NAME_SERVERS, PRIVATE_SOA_RNAME), undefined, { vpc });
  return createdReply(ctx, req, created, ['VPC', vpcXml(vpc)]);
}

export const getHostedZone: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const vpcs = zone.privateZone ? await ctx.store.listZoneVpcs(zone.id) : [];
  return { status: 200, xml: xmlDocument('GetHostedZoneResponse', [
    ['HostedZone', await hostedZoneXml(ctx, zone)],
    ['DelegationSet', await zoneDelegationSet(ctx, zone)],
    ['VPCs', zone.privateZone ? vpcs.map((v) => ['VPC', vpcXml(v)] as OutElement) : undefined],
  ]) };
};

async function accountZones(ctx: ApiContext, accountId: string): Promise<ZoneRow[]> {
  return (await ctx.store.listZones()).filter((z) => z.accountId === accountId);
}

export const listHostedZones: Handler = async (ctx, req) => {
  const max = pageSize(req.query.maxitems, 100);
  let zones = (await accountZones(ctx, req.accountId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (req.query.delegationsetid) {
    const setId = bareId(req.query.delegationsetid, 'delegationset', 'delegationSetId');
    const set = await ctx.store.getDelegationSet(setId);
    if (!set || set.accountId !== req.accountId) throw apiError('NoSuchDelegationSet', `No reusable delegation set found with ID: ${setId}`);
    zones = zones.filter((z) => z.delegationSetId === setId);
  }
  if (req.query.hostedzonetype !== undefined) {
    if (req.query.hostedzonetype !== 'PrivateHostedZone') throw apiError('InvalidInput', 'hostedzonetype must be PrivateHostedZone');
    zones = zones.filter((z) => z.privateZone);
  }
  let start = 0;
  if (req.query.marker) {
    start = zones.findIndex((z) => z.id === bareId(req.query.marker!, 'hostedzone', 'marker'));
    if (start < 0) throw apiError('InvalidInput', `The marker ${req.query.marker} does not name a hosted zone of this listing`);
  }
  const page = zones.slice(start, start + max);
  const next = zones[start + max];
  const items: OutElement[] = [];
  for (const z of page) items.push(['HostedZone', await hostedZoneXml(ctx, z)]);
  return { status: 200, xml: xmlDocument('ListHostedZonesResponse', [
    ['HostedZones', items],
    // Echoes of request parameters appear only when the request sent them, as in Route 53.
    ['Marker', req.query.marker],
    ['IsTruncated', next !== undefined],
    ['NextMarker', next?.id],
    ['MaxItems', String(max)],
  ]) };
};

export const listHostedZonesByName: Handler = async (ctx, req) => {
  const max = pageSize(req.query.maxitems, 100);
  if (req.query.hostedzoneid !== undefined && req.query.dnsname === undefined) {
    throw apiError('InvalidInput', 'hostedzoneid requires dnsname');
  }
  const zones = (await accountZones(ctx, req.accountId)).sort((a, b) => compareReversedNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  const dnsName = req.query.dnsname !== undefined ? parseZoneNameLoose(req.query.dnsname) : undefined;
  if (dnsName !== undefined) {
    const zoneId = req.query.hostedzoneid !== undefined ? bareId(req.query.hostedzoneid, 'hostedzone', 'hostedZoneId') : undefined;
    start = zones.findIndex((z) => {
      const c = compareReversedNames(z.name, dnsName);
      return c > 0 || (c === 0 && (zoneId === undefined || z.id >= zoneId));
    });
    if (start < 0) start = zones.length;
  }
  const page = zones.slice(start, start + max);
  const next = zones[start + max];
  const items: OutElement[] = [];
  for (const z of page) items.push(['HostedZone', await hostedZoneXml(ctx, z)]);
  return { status: 200, xml: xmlDocument('ListHostedZonesByNameResponse', [
    ['HostedZones', items],
    ['DNSName', dnsName === undefined ? undefined : r53NameFromStored(dnsName)],
    ['HostedZoneId', req.query.hostedzoneid],
    ['IsTruncated', next !== undefined],
    ['NextDNSName', next === undefined ? undefined : r53NameFromStored(next.name)],
    ['NextHostedZoneId', next?.id],
    ['MaxItems', String(max)],
  ]) };
};

/** Parses a Route 53 name (octal escapes, trailing dot optional) to the stored form. */
function parseZoneNameLoose(input: string): string {
  try {
    return storedNameFromR53(input);
  } catch (err) {
    throw apiError('InvalidDomainName', err instanceof Error ? err.message : `${input} is not a valid domain name`);
  }
}

export const updateHostedZoneComment: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const body = onlyElements(parseRequest(req.body, 'UpdateHostedZoneCommentRequest'), ['Comment'], 'UpdateHostedZoneCommentRequest');
  const comment = text(body, 'Comment', 'UpdateHostedZoneCommentRequest') ?? '';
  if (comment.length > 256) throw apiError('InvalidInput', 'Comment must be at most 256 characters');
  await ctx.store.updateZoneComment(zone.id, comment);
  return { status: 200, xml: xmlDocument('UpdateHostedZoneCommentResponse', [['HostedZone', await hostedZoneXml(ctx, { ...zone, comment })]]) };
};

export const deleteHostedZone: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const sets = await ctx.store.getRecordSets(zone.id);
  const required = (s: RecordSetRow) => s.name === zone.name && (s.type === RRType.SOA || s.type === RRType.NS) && s.setIdentifier === '';
  if (sets.some((s) => !required(s))) throw apiError('HostedZoneNotEmpty');
  let change;
  try {
    change = await ctx.store.deleteZone(zone.id, zone.version);
  } catch (err) {
    // Someone changed the zone after it was found empty: check again on the next try.
    if (err instanceof VersionConflict) throw apiError('PriorRequestNotComplete');
    throw err;
  }
  if (!change) throw apiError('NoSuchHostedZone', `No hosted zone found with ID: ${zone.id}`);
  ctx.onZoneChange();
  return { status: 200, xml: xmlDocument('DeleteHostedZoneResponse', [['ChangeInfo', changeInfoXml(change, 'PENDING')]]) };
};

export const getHostedZoneCount: Handler = async (ctx, req) => {
  const n = (await accountZones(ctx, req.accountId)).length;
  return { status: 200, xml: xmlDocument('GetHostedZoneCountResponse', [['HostedZoneCount', n]]) };
};

