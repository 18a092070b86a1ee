/**
 * What bin/signpost runs: it turns on Node's module compile cache before anything else is
 * loaded, then loads the command (main.ts). Node strips the TypeScript types of every module and
 * compiles it at each start; the cache keeps both on disk (in os.tmpdir()/node-compile-cache, or
 * $NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later starts skip that
 * work: `signpost start --dev` is ready in about half the time. Node keys each entry by file name
 * and checks the source's size and checksum, so an edited file is compiled anew; a cache that
 * cannot be written (read-only tmpdir) only costs the speed. This must be the only static import
 * here: static imports are loaded before this code runs.
 */
import { constants, enableCompileCache } from 'node:module';

const cache = enableCompileCache();
// DNS worker processes (node:cluster) load their modules through the same cache.
if (cache.status === constants.compileCacheStatus.ENABLED && cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;

await import('./main.ts');
