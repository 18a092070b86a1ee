/**
 * The EC2 VPC operations Signpost needs for private zones: CreateVpc, DescribeVpcs, DeleteVpc,
 * AssociateVpcCidrBlock and DisassociateVpcCidrBlock (tags: tags.ts). A VPC
 * lives in the region its request was signed for and belongs to the signing account. Only what
 * Signpost acts on is accepted: other parameters are refused by name.
 */
import { newCidrAssociationId, newVpcId, isVpcId, type TagRow, type VpcCidrRow, type VpcRow } from '../../store/index.ts';
import { cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../server/cidr.ts';
import type { OutElement } from '../xml.ts';
import type { ApiContext } from '../context.ts';
import { dryRun, ec2Error, items, onlyParams, type Params } from './protocol.ts';

/** Who calls, and where: the signing account and region. */
export type Ec2Caller = { accountId: string; region: string };
/** An operation: parameters in, response children out. */
export type Ec2Operation = (ctx: ApiContext, p: Params, caller: Ec2Caller) => Promise<OutElement[]>;

/** Most CIDR blocks per VPC (EC2's default quota: 5 IPv4 and 5 IPv6). */
export const MAX_CIDRS_PER_FAMILY = 5;
export const MAX_TAGS = 50;

function block(text: string | undefined, param: string): Cidr {
  if (text === undefined) throw ec2Error('MissingParameter', `The request must contain the parameter ${param}`);
  try {
    return parseCidr(text);
  } catch (err) {
    throw ec2Error('InvalidParameterValue', `Value (${text}) for parameter ${param} is invalid. ${(err as Error).message}`);
  }
}

/** Returns the caller's VPC `id` in its region; InvalidVpcID.Malformed / .NotFound otherwise. */
export async function ownVpc(ctx: ApiContext, id: string | undefined, caller: Ec2Caller): Promise<VpcRow> {
  if (id === undefined) throw ec2Error('MissingParameter', 'The request must contain the parameter VpcId');
  if (!isVpcId(id)) throw ec2Error('InvalidVpcID.Malformed', `Invalid id: "${id}"`);
  const vpc = await ctx.store.getVpc(id);
  if (!vpc || vpc.accountId !== caller.accountId || vpc.region !== caller.region) throw ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  return vpc;
}

function family(c: VpcCidrRow): 4 | 6 {
  return c.cidrBlock.includes(':') ? 6 : 4;
}

/** The <vpc> / <item> content of a VPC. */
export function vpcXml(v: VpcRow, tags: TagRow[]): OutElement[] {
  const v4 = v.cidrs.filter((c) => family(c) === 4);
  const v6 = v.cidrs.filter((c) => family(c) === 6);
  return [
    ['ownerId', v.accountId],
    ['instanceTenancy', 'default'],
    ['ipv6CidrBlockAssociationSet', v6.length ? items(v6.map((c) => ipv6AssociationXml(v.region)(c))) : undefined],
    ['cidrBlockAssociationSet', items(v4.map((c) => cidrAssociationXml(c)))],
    ['isDefault', false],
    ['tagSet', tags.length ? items(tags.map((t) => [['key', t.key], ['value', t.value]])) : undefined],
    ['vpcId', v.id],
    ['state', 'available'],
    ['cidrBlock', v4[0]?.cidrBlock ?? v.cidrs[0]?.cidrBlock],
    ['dhcpOptionsId', 'default'],
  ];
}

function cidrAssociationXml(c: VpcCidrRow, state = 'associated'): OutElement[] {
  return [['associationId', c.associationId], ['cidrBlock', c.cidrBlock], ['cidrBlockState', [['state', state]]]];
}

const ipv6AssociationXml = (region: string) => (c: VpcCidrRow, state = 'associated'): OutElement[] =>
  [['associationId', c.associationId], ['ipv6CidrBlock', c.cidrBlock], ['ipv6CidrBlockState', [['state', state]]], ['networkBorderGroup', region]];

/** Parses `Tag.N.Key` / `Tag.N.Value` under `prefix`; EC2's tag rules. */
export function parseTags(p: Params, prefix: string, valueRequired: boolean): { key: string; value: string | undefined }[] {
  const out = p.indexes(prefix).map((i) => ({ key: p.get(`${prefix}.${i}.Key`), value: p.get(`${prefix}.${i}.Value`) }));
  for (const t of out) {
    if (t.key === undefined || t.key === '') throw ec2Error('InvalidParameterValue', 'Tag keys must not be empty');
    if (t.key.length > 127) throw ec2Error('InvalidParameterValue', `Tag key exceeds the maximum length of 127 characters: ${t.key.slice(0, 20)}…`);
    if (t.key.toLowerCase().startsWith('aws:')) throw ec2Error('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    if ((t.value ?? '').length > 255) throw ec2Error('InvalidParameterValue', `Tag value exceeds the maximum length of 255 characters (key ${t.key})`);
    if (valueRequired && t.value === undefined) t.value = '';
  }
  return out as { key: string; value: string | undefined }[];
}

export const createVpc: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^CidrBlock$/, /^Ipv6CidrBlock$/, /^TagSpecification\.\d+\.(ResourceType|Tag\.\d+\.(Key|Value))$/, /^DryRun$/, /^InstanceTenancy$/]);
  const tenancy = p.get('InstanceTenancy');
  if (tenancy !== undefined && tenancy !== 'default') throw ec2Error('UnsupportedOperation', `InstanceTenancy ${tenancy} is not supported: Signpost VPCs are address ranges for DNS views`);
  const v4 = block(p.get('CidrBlock'), 'CidrBlock');
  if (v4.family !== 4) throw ec2Error('InvalidParameterValue', `Value (${p.get('CidrBlock')}) for parameter CidrBlock is invalid. This is not a valid IPv4 CIDR block.`);
  const cidrs: VpcCidrRow[] = [{ associationId: newCidrAssociationId(), cidrBlock: formatCidr(v4) }];
  const v6text = p.get('Ipv6CidrBlock');
  if (v6text !== undefined) {
    const v6 = block(v6text, 'Ipv6CidrBlock');
    if (v6.family !== 6) throw ec2Error('InvalidParameterValue', `Value (${v6text}) for parameter Ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.`);
    cidrs.push({ associationId: newCidrAssociationId(), cidrBlock: formatCidr(v6) });
  }
  const tags: TagRow[] = [];
  for (const i of p.indexes('TagSpecification')) {
    const type = p.get(`TagSpecification.${i}.ResourceType`);
    if (type !== 'vpc') throw ec2Error('InvalidParameterValue', `'${type ?? ''}' is not a valid taggable resource type for this operation.`);
    for (const t of parseTags(p, `TagSpecification.${i}.Tag`, true)) tags.push({ key: t.key, value: t.value ?? '' });
  }
  if (tags.length > MAX_TAGS) throw ec2Error('TagLimitExceeded', `The maximum number of tags per resource is ${MAX_TAGS}`);
  if (dryRun(p)) throw dryRunError();
  const vpc: VpcRow = { id: newVpcId(), region: caller.region, accountId: caller.accountId, cidrs, createdAt: ctx.now().toISOString() };
  await ctx.store.createVpc(vpc, tags);
  ctx.onZoneChange(); // DNS nodes re-read VPC blocks with zones
  return [['vpc', vpcXml(vpc, tags)]];
};

export function dryRunError() {
  return ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

/** DescribeVpcs filters: name -> the values a VPC has for it. */
const FILTERS: Record<string, (v: VpcRow, tags: TagRow[]) => string[]> = {
  'vpc-id': (v) => [v.id],
  'cidr': (v) => [v.cidrs.find((c) => family(c) === 4)?.cidrBlock ?? ''],
  'cidr-block-association.cidr-block': (v) => v.cidrs.filter((c) => family(c) === 4).map((c) => c.cidrBlock),
  'cidr-block-association.association-id': (v) => v.cidrs.filter((c) => family(c) === 4).map((c) => c.associationId),
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.cidrs.filter((c) => family(c) === 6).map((c) => c.cidrBlock),
  'owner-id': (v) => [v.accountId],
  'state': () => ['available'],
  'is-default': () => ['false'],
  'tag-key': (_v, tags) => tags.map((t) => t.key),
};

/** Returns whether `value` matches a filter value (EC2 filters take * and ? wildcards). */
function matchesFilter(value: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

export const describeVpcs: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^VpcId\.\d+$/, /^Filter\.\d+\.(Name|Value\.\d+)$/, /^DryRun$/, /^MaxResults$/, /^NextToken$/]);
  const ids = p.list('VpcId');
  for (const id of ids) if (!isVpcId(id)) throw ec2Error('InvalidVpcID.Malformed', `Invalid id: "${id}"`);
  const filters = p.indexes('Filter').map((i) => {
    const name = p.get(`Filter.${i}.Name`) ?? '';
    const tagKey = name.startsWith('tag:') ? name.slice(4) : undefined;
    const of = tagKey !== undefined ? (_v: VpcRow, tags: TagRow[]) => tags.filter((t) => t.key === tagKey).map((t) => t.value) : FILTERS[name];
    if (!of) throw ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
    return { of, values: p.list(`Filter.${i}.Value`) };
  });
  const maxText = p.get('MaxResults');
  if (maxText !== undefined && ids.length > 0) throw ec2Error('InvalidParameterCombination', 'The parameter vpcIdSet cannot be used with the parameter maxResults');
  const max = maxText === undefined ? Infinity : Number(maxText);
  if (maxText !== undefined && !(max >= 5 && max <= 1000)) throw ec2Error('InvalidParameterValue', `Value (${maxText}) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  if (dryRun(p)) throw dryRunError();
  const mine = (await ctx.store.listVpcs()).filter((v) => v.accountId === caller.accountId && v.region === caller.region);
  const missing = ids.filter((id) => !mine.some((v) => v.id === id));
  if (missing.length) throw ec2Error('InvalidVpcID.NotFound', `The vpc ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' do${missing.length > 1 ? '' : 'es'} not exist`);
  const found: OutElement[][] = [];
  for (const v of mine) {
    if (ids.length && !ids.includes(v.id)) continue;
    const tags = await ctx.store.listTags('vpc', v.id);
    if (filters.every((f) => f.of(v, tags).some((have) => f.values.some((want) => matchesFilter(have, want))))) found.push(vpcXml(v, tags));
  }
  const start = p.get('NextToken') === undefined ? 0 : Number(p.get('NextToken'));
  if (!Number.isInteger(start) || start < 0 || start > found.length) throw ec2Error('InvalidParameterValue', `Invalid value '${p.get('NextToken')}' for nextToken`);
  const page = found.slice(start, start + max);
  const next = start + page.length < found.length ? String(start + page.length) : undefined;
  return [['vpcSet', items(page)], ['nextToken', next]];
};

export const deleteVpc: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^VpcId$/, /^DryRun$/]);
  const vpc = await ownVpc(ctx, p.get('VpcId'), caller);
  if (dryRun(p)) throw dryRunError();
  const result = await ctx.store.deleteVpc(vpc.id);
  if (result === 'in-use') throw ec2Error('DependencyViolation', `The vpc '${vpc.id}' has dependencies and cannot be deleted: it is associated with private hosted zones (disassociate them or delete the zones first).`);
  if (result === 'missing') throw ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpc.id}' does not exist`);
  ctx.onZoneChange();
  return [['return', true]];
};

export const associateVpcCidrBlock: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^VpcId$/, /^CidrBlock$/, /^Ipv6CidrBlock$/]);
  const vpc = await ownVpc(ctx, p.get('VpcId'), caller);
  const v4 = p.get('CidrBlock');
  const v6 = p.get('Ipv6CidrBlock');
  if ((v4 === undefined) === (v6 === undefined)) throw ec2Error('InvalidParameterCombination', 'Give exactly one of CidrBlock and Ipv6CidrBlock');
  const param = v4 !== undefined ? 'CidrBlock' : 'Ipv6CidrBlock';
  const c = block(v4 ?? v6, param);
  if (c.family !== (v4 !== undefined ? 4 : 6)) throw ec2Error('InvalidParameterValue', `Value (${v4 ?? v6}) for parameter ${param} is invalid. Wrong address family.`);
  const text = formatCidr(c);
  for (const have of vpc.cidrs) {
    if (cidrsOverlap(parseCidr(have.cidrBlock), c)) throw ec2Error('CidrConflict', `The CIDR '${text}' conflicts with another subnet or CIDR block of the VPC (${have.cidrBlock})`);
  }
  if (vpc.cidrs.filter((x) => family(x) === c.family).length >= MAX_CIDRS_PER_FAMILY) {
    throw ec2Error('CidrLimitExceeded', `This network '${vpc.id}' has met its maximum number of allowed CIDRs: ${MAX_CIDRS_PER_FAMILY}`);
  }
  const added: VpcCidrRow = { associationId: newCidrAssociationId(), cidrBlock: text };
  await ctx.store.setVpcCidrs(vpc.id, [...vpc.cidrs, added]);
  ctx.onZoneChange();
  return [
    [c.family === 4 ? 'cidrBlockAssociation' : 'ipv6CidrBlockAssociation', c.family === 4 ? cidrAssociationXml(added) : ipv6AssociationXml(vpc.region)(added)],
    ['vpcId', vpc.id],
  ];
};

export const disassociateVpcCidrBlock: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^AssociationId$/]);
  const id = p.get('AssociationId');
  if (id === undefined) throw ec2Error('MissingParameter', 'The request must contain the parameter AssociationId');
  const vpc = (await ctx.store.listVpcs()).find((v) => v.accountId === caller.accountId && v.region === caller.region && v.cidrs.some((c) => c.associationId === id));
  if (!vpc) throw ec2Error('InvalidVpcCidrBlockAssociationID.NotFound', `The vpc CIDR block association ID '${id}' does not exist`);
  const gone = vpc.cidrs.find((c) => c.associationId === id)!;
  if (gone === vpc.cidrs[0]) throw ec2Error('OperationNotPermitted', `The vpc CIDR block with association ID ${id} may not be disassociated. It is the primary IPv4 CIDR block of the VPC`);
  await ctx.store.setVpcCidrs(vpc.id, vpc.cidrs.filter((c) => c !== gone));
  ctx.onZoneChange();
  return [
    [family(gone) === 4 ? 'cidrBlockAssociation' : 'ipv6CidrBlockAssociation', family(gone) === 4 ? cidrAssociationXml(gone, 'disassociating') : ipv6AssociationXml(vpc.region)(gone, 'disassociating')],
    ['vpcId', vpc.id],
  ];
};

/** The operations by Action name. */
export const EC2_OPERATIONS: Record<string, Ec2Operation> = {
  CreateVpc: createVpc,
  DescribeVpcs: describeVpcs,
  DeleteVpc: deleteVpc,
  AssociateVpcCidrBlock: associateVpcCidrBlock,
  DisassociateVpcCidrBlock: disassociateVpcCidrBlock,
};
