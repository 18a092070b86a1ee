/**
 * `signpost vpc create|list|delete`: VPCs from the command line, on the data directory whether
 * or not a server runs (a running DNS node picks changes up within a poll). The same rules as
 * the EC2 API: ids vpc- and 17 hex digits, blocks in CIDR form, no overlap inside one VPC, and
 * a VPC with private zones cannot be deleted.
 */
import type { Command } from 'commander';
import { isVpcId, newCidrAssociationId, newVpcId, StoreConflict, type Store, type VpcRow } from '../store/index.ts';
import { withStore } from './data-dir.ts';
import { cidrsOverlap, formatCidr, parseCidr } from '../server/cidr.ts';
import { sharedBlocks } from '../server/views.ts';
import { ADMIN_ACCOUNT_ID } from '../api/context.ts';
import { DEFAULTS } from './config.ts';
import { UsageError } from './errors.ts';

export type VpcInput = { region: string; cidrs: string[]; vpcId?: string; account?: string };

/** Creates a VPC; returns its row. UsageError for a bad region, block, id or account. */
export async function createVpc(store: Store, o: VpcInput): Promise<VpcRow> {
  if (!/^[a-z0-9-]{1,64}$/.test(o.region)) throw new UsageError(`bad region "${o.region}": lower-case letters, digits and dashes (e.g. us-east-1)`);
  if (o.cidrs.length === 0) throw new UsageError('give at least one --cidr block');
  const blocks = o.cidrs.map((c) => {
    try {
      return parseCidr(c);
    } catch (err) {
      throw new UsageError(`bad --cidr: ${(err as Error).message}`);
    }
  });
  blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => {
    if (cidrsOverlap(a, b)) throw new UsageError(`the blocks ${formatCidr(a)} and ${formatCidr(b)} overlap`);
  }));
  if (o.vpcId !== undefined && !isVpcId(o.vpcId)) throw new UsageError(`bad VPC id "${o.vpcId}": vpc- and 17 (or 8) lower-case hex digits`);
  if (o.account !== undefined && !/^\d{12}$/.test(o.account)) throw new UsageError(`bad account id "${o.account}": 12 digits`);
  const vpc: VpcRow = {
    id: o.vpcId ?? newVpcId(), region: o.region, accountId: o.account ?? ADMIN_ACCOUNT_ID, createdAt: new Date().toISOString(),
    cidrs: blocks.map((b) => ({ associationId: newCidrAssociationId(), cidrBlock: formatCidr(b) })),
  };
  try {
    await store.createVpc(vpc);
  } catch (err) {
    if (err instanceof StoreConflict) throw new UsageError(`a VPC with id ${vpc.id} exists`);
    throw err;
  }
  return vpc;
}

/** Warnings about `vpc`'s blocks that other VPCs have too (their clients are in no VPC). */
export async function sharedBlockWarnings(store: Store, vpc: VpcRow): Promise<string[]> {
  const shared = sharedBlocks((await store.listVpcs()).map((v) => ({ id: v.id, cidrs: v.cidrs.map((c) => c.cidrBlock) })));
  return shared.filter((s) => s.vpcs.includes(vpc.id)).map((s) =>
    `warning: ${s.vpcs.filter((id) => id !== vpc.id).join(', ')} has the block ${s.block} too: DNS clients in it are taken to be in neither VPC, unless a DNS listener is bound to one (--dns-listen ADDR:PORT@vpc-ID)`);
}

/** Returns the `vpc list` table: id, region, account, blocks and the private zones using it. */
export async function listVpcs(store: Store): Promise<string> {
  const vpcs = await store.listVpcs();
  if (vpcs.length === 0) return 'no VPCs (create one with: signpost vpc create --region REGION --cidr CIDR)';
  const associations = await store.listZoneVpcs();
  const zones = new Map((await store.listZones()).map((z) => [z.id, z.name]));
  const rows = [['VPC ID', 'REGION', 'ACCOUNT', 'CIDR BLOCKS', 'PRIVATE ZONES'], ...vpcs.map((v) => [
    v.id, v.region, v.accountId, v.cidrs.map((c) => c.cidrBlock).join(','),
    associations.filter((a) => a.vpcId === v.id && a.region === v.region).map((a) => zones.get(a.zoneId) ?? a.zoneId).join(',') || '-',
  ])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Deletes a VPC; UsageError when it does not exist or private zones still use it. */
export async function deleteVpc(store: Store, id: string): Promise<void> {
  const result = await store.deleteVpc(id);
  if (result === 'missing') throw new UsageError(`no VPC ${id}`);
  if (result === 'in-use') throw new UsageError(`VPC ${id} is associated with private hosted zones; disassociate them or delete the zones first`);
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Adds the `vpc` command group (create, list, delete) to the signpost command. */
export function registerVpcCommands(program: Command): void {
  const vpc = program.command('vpc').description('manage VPCs: the address ranges private hosted zones answer to');
  const dataDirHelp = `data directory (default ${DEFAULTS.dataDir}; env SIGNPOST_DATA_DIR)`;
  vpc.command('create')
    .description('create a VPC with one or more CIDR blocks; prints its id')
    .requiredOption('--region <region>', 'the VPC\'s region, as Route 53 names it with the VPC (e.g. us-east-1)')
    .requiredOption('--cidr <block>', 'an IPv4 or IPv6 block, e.g. 10.1.0.0/16; repeatable', collect)
    .option('--vpc-id <id>', 'use this id (vpc- and 17 hex digits) instead of a generated one')
    .option('--account <id>', `12-digit account that owns the VPC (default ${ADMIN_ACCOUNT_ID}, the admin account)`)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (opts: { region: string; cidr: string[]; vpcId?: string; account?: string; dataDir?: string }) => {
      const { v, warnings } = await withStore(opts, { create: true }, async (store) => {
        const made = await createVpc(store, { region: opts.region, cidrs: opts.cidr, ...(opts.vpcId ? { vpcId: opts.vpcId } : {}), ...(opts.account ? { account: opts.account } : {}) });
        return { v: made, warnings: await sharedBlockWarnings(store, made) };
      });
      console.log(`created VPC ${v.id} in ${v.region} (account ${v.accountId}): ${v.cidrs.map((c) => c.cidrBlock).join(', ')}`);
      for (const w of warnings) console.error(w);
    });
  vpc.command('list')
    .description('list VPCs: id, region, account, CIDR blocks and the private zones associated with each')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (opts: { dataDir?: string }) => {
      console.log(await withStore(opts, { create: false }, listVpcs));
    });
  vpc.command('delete')
    .description('delete VPC ID (refused while private hosted zones are associated with it)')
    .argument('<id>', 'VPC id')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, opts: { dataDir?: string }) => {
      await withStore(opts, { create: false }, (store) => deleteVpc(store, id));
      console.log(`deleted VPC ${id}`);
    });
}
