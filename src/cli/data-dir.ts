/**
 * The data directory of the commands that work on the store directly (`status`, `explain`,
 * `zone`, `keys`, `vpc`): `--data-dir`, else SIGNPOST_DATA_DIR, else `./data` from where the
 * command runs. Commands that only read or delete need a store there already: run from the
 * wrong directory, they would otherwise create an empty store and report "zones: 0".
 */
import { existsSync } from 'node:fs';
import { openStore, storeFile, type Store } from '../store/index.ts';
import { DEFAULTS } from './config.ts';
import { UsageError } from './errors.ts';

/** The data directory a command was given (or the default). */
export function dataDirOf(opts: { dataDir?: string }): string {
  return opts.dataDir ?? process.env.SIGNPOST_DATA_DIR ?? DEFAULTS.dataDir;
}

/**
 * Opens the command's store. `create: false` (reading or deleting): UsageError when the data
 * directory has no store yet, rather than making an empty one.
 */
export function openCommandStore(opts: { dataDir?: string }, { create }: { create: boolean }): Store {
  const dir = dataDirOf(opts);
  if (!create && !existsSync(storeFile(dir))) {
    throw new UsageError(`no Signpost store in ${dir} (no ${storeFile(dir)}): give the data directory signpost start uses, with --data-dir or SIGNPOST_DATA_DIR`);
  }
  return openStore(dir);
}

/** Runs `fn` on the command's store, closing it after. */
export async function withStore<T>(opts: { dataDir?: string }, access: { create: boolean }, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openCommandStore(opts, access);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
