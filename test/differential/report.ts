// Prints the full differential report without vitest:
//   node test/differential/report.ts [--queries N] [--seed S] [--workers N] [--strict] [--keep]
// starts Knot and Signpost on free loopback ports, compares, and writes .out/report.md.
// With --keep both servers stay up afterwards (Ctrl-C stops them) so the dig commands in the
// report can be replayed against the printed ports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classify, renderReport } from './compare.ts';
import { startKnot } from './knot.ts';
import { generateQueries } from './queries.ts';
import { compareServers, ZONES } from './run.ts';
import { startSignpost } from './signpost.ts';
import { findFreePort } from './udp.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '20240601' },
    workers: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const knot = await startKnot(await findFreePort(), ZONES);
const signpost = await startSignpost(await findFreePort(), ZONES, Number(values.workers)).catch(async (err: unknown) => {
  await knot.stop();
  throw err;
});
const stopAll = async (): Promise<void> => { await knot.stop(); await signpost.stop(); };
try {
  const queries = generateQueries(Number(values.queries), Number(values.seed));
  const outcome = classify(await compareServers(knot.port, signpost.port, queries), values.strict);
  const report = renderReport(outcome, queries.length, { knot: knot.port, signpost: signpost.port });
  const outDir = join(fileURLToPath(new URL('.', import.meta.url)), '.out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.md'), report);
  console.log(report);
  console.log(`knot on 127.0.0.1:${knot.port}, signpost on 127.0.0.1:${signpost.port}`);
  process.exitCode = outcome.unexplained.length === 0 ? 0 : 1;
} finally {
  if (values.keep) {
    console.log('servers kept running; Ctrl-C to stop');
    process.on('SIGINT', () => { void stopAll().then(() => process.exit()); });
    process.on('SIGTERM', () => { void stopAll().then(() => process.exit()); });
  } else {
    await stopAll();
  }
}
