/**
 * `signpost keys create|list|delete`: the access keys API clients sign requests with (SigV4).
 * They work on the store directly, so they work whether or not a server is running; a running
 * API server looks keys up on each request, so a new or deleted key takes effect at once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { StoreConflict, type Store } from '../store/index.ts';
import { withStore } from './data-dir.ts';
import { ADMIN_ACCOUNT_ID } from '../api/context.ts';
import { DEFAULTS } from './config.ts';
import { UsageError } from './errors.ts';

/** A key as created: the secret is shown once, here; `keys list` never prints it. */
export type CreatedKey = { accessKeyId: string; secret: string; accountId: string };

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** Printable ASCII without spaces: a secret must survive an environment variable and a shell line. */
const SECRET = /^[\x21-\x7e]{1,128}$/;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Returns a new access key id: "AKIA" and 16 upper-case letters and digits, like AWS's. */
export function newAccessKeyId(): string {
  let id = 'AKIA';
  for (let i = 0; i < 16; i++) id += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return id;
}

/** Returns a new secret access key: 40 base64 characters (240 random bits). */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** Returns a new random 12-digit account id (no leading zero). */
export function newAccountId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 11 }, () => randomInt(10)).join('');
}

type KeyOptions = { account?: string; accessKeyId?: string; secretAccessKey?: string };

/** Throws a UsageError naming the first bad option; run before any store is opened or created. */
export function checkKeyOptions(opts: KeyOptions): void {
  if ((opts.accessKeyId === undefined) !== (opts.secretAccessKey === undefined)) {
    throw new UsageError('give both --access-key-id and --secret-access-key, or neither (to generate them)');
  }
  if (opts.accessKeyId !== undefined && !ACCESS_KEY_ID.test(opts.accessKeyId)) {
    throw new UsageError(`bad access key id "${opts.accessKeyId}": 16 to 128 upper-case letters and digits (A-Z, 0-9)`);
  }
  if (opts.secretAccessKey !== undefined && !SECRET.test(opts.secretAccessKey)) {
    throw new UsageError('bad secret access key: 1 to 128 printable ASCII characters, no spaces');
  }
  if (opts.account !== undefined && !ACCOUNT_ID.test(opts.account)) {
    throw new UsageError(`bad account id "${opts.account}": 12 digits`);
  }
}

/** Creates an access key (and its account when new); returns the key with its secret. */
export async function createKey(store: Store, opts: KeyOptions = {}): Promise<CreatedKey> {
  checkKeyOptions(opts);
  const accountId = opts.account ?? await unusedAccountId(store);
  const key: CreatedKey = { accessKeyId: opts.accessKeyId ?? newAccessKeyId(), secret: opts.secretAccessKey ?? newSecretAccessKey(), accountId };
  await store.createAccount(accountId);
  try {
    await store.createAccessKey({ id: key.accessKeyId, secret: key.secret, accountId, createdAt: new Date().toISOString() });
  } catch (err) {
    if (err instanceof StoreConflict) throw new UsageError(`access key ${key.accessKeyId} already exists`);
    throw err;
  }
  return key;
}

async function unusedAccountId(store: Store): Promise<string> {
  const taken = new Set((await store.listAccounts()).map((a) => a.id));
  for (;;) {
    const id = newAccountId();
    if (!taken.has(id)) return id;
  }
}

/**
 * Creates a key for the admin account (the one `zone import` gives zones by default) when the
 * store has no access keys at all (first start); returns it so the caller can print it, or
 * undefined when keys already exist.
 */
export async function ensureAdminKey(store: Store): Promise<CreatedKey | undefined> {
  if ((await store.listAccessKeys()).length > 0) return undefined;
  return createKey(store, { account: ADMIN_ACCOUNT_ID });
}

/** Returns the lines `keys create` prints: the key, the secret and a ready-to-run example. */
export function describeCreatedKey(key: CreatedKey, endpoint = `http://${DEFAULTS.httpListen}`): string {
  return [
    `account:           ${key.accountId}`,
    `access key id:     ${key.accessKeyId}`,
    `secret access key: ${key.secret}`,
    '(keep the secret now: `signpost keys list` does not show it)',
    '',
    'example:',
    `  AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${shellWord(key.secret)} aws route53 list-hosted-zones --endpoint-url ${endpoint}`,
  ].join('\n');
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9+/=._-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Returns the `keys list` table: account, key id and creation time, never the secret. */
export async function listKeys(store: Store): Promise<string> {
  const keys = await store.listAccessKeys();
  if (keys.length === 0) return 'no access keys (create one with: signpost keys create)';
  const rows = [['ACCOUNT', 'ACCESS KEY ID', 'CREATED'], ...keys.map((k) => [k.accountId, k.id, k.createdAt])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`).join('\n');
}


/** Adds the `keys` command group (create, list, delete) to the signpost command. */
export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('manage the access keys API clients sign requests with');
  const dataDirHelp = `data directory (default ${DEFAULTS.dataDir}; env SIGNPOST_DATA_DIR)`;
  keys.command('create')
    .description('create an access key (and a new account unless --account is given); prints the secret once')
    .option('--account <id>', '12-digit account id the key belongs to (default: a new account)')
    .option('--access-key-id <id>', 'use this access key id (16-128 of A-Z, 0-9) instead of a generated one')
    .option('--secret-access-key <secret>', 'use this secret instead of a generated one (with --access-key-id)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (opts: { account?: string; accessKeyId?: string; secretAccessKey?: string; dataDir?: string }) => {
      checkKeyOptions(opts); // a refused key leaves no new store behind
      const key = await withStore(opts, { create: true }, (store) => createKey(store, opts));
      console.log(describeCreatedKey(key));
    });
  keys.command('list')
    .description('list access keys: account, key id, creation time (never secrets)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (opts: { dataDir?: string }) => {
      console.log(await withStore(opts, { create: false }, listKeys));
    });
  keys.command('delete')
    .description('delete access key ID; requests signed with it fail from then on')
    .argument('<id>', 'access key id')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, opts: { dataDir?: string }) => {
      const deleted = await withStore(opts, { create: false }, (store) => store.deleteAccessKey(id));
      if (!deleted) throw new UsageError(`no access key ${id}`);
      console.log(`deleted access key ${id}`);
    });
}
