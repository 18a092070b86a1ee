// Start-up time of `signpost start --dev` (issue 9: "ready in well under a second after the
// runtime starts"): spawns `bin/signpost start --dev --dns-listen 127.0.0.1:0 --http-listen
// 127.0.0.1:0` RUNS times per mode and measures spawn -> the JSON ready line on stdout, the
// line's own readyMs (runtime start -> ready line), and spawn -> the answer to a first API request
// sent as soon as the line is read (GetHostedZoneCount; what a test pipeline waits for). For reference, spawn -> exit of `node -e 0`
// with the same Node binary is the floor no Node program can beat. Modes (Node's module compile
// cache, see README.md "Start-up time"):
//   off  - NODE_DISABLE_COMPILE_CACHE=1: every module is compiled (and stripped of types) anew;
//   cold - NODE_COMPILE_CACHE=<an empty directory> for every run: the first start after an
//          upgrade or a cleaned /tmp;
//   warm - NODE_COMPILE_CACHE=<a directory one unmeasured start has filled>: every later start.
// Each run is stopped with SIGTERM and waited for before the next (Node writes its cache then).
// Run on a quiet machine; nothing here is a test.
//
//   node bench/dev-start.ts [--runs 10] [--modes off,cold,warm]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, modes: { type: 'string', default: 'off,cold,warm' } } });
const RUNS = Number(values.runs);
const MODES = values.modes.split(',');
const BIN = fileURLToPath(new URL('../bin/signpost', import.meta.url));
const NODE = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
const ARGS = ['start', '--dev', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'];

type Sample = { spawnMs: number; readyMs: number; answerMs: number };

/** Environment without any compile-cache setting of the caller, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return { ...env, ...extra };
}

/** One start: spawn -> ready line, then SIGTERM and wait for the exit. */
async function startOnce(env: NodeJS.ProcessEnv): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn(BIN, ARGS, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = await new Promise<{ spawnMs: number; readyMs: number; endpoint: string }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"signpost":"ready"') && out.includes(`${l}\n`));
      if (line) {
        const json = JSON.parse(line) as { readyMs: number; endpoint: string };
        resolve({ spawnMs: performance.now() - t0, readyMs: json.readyMs, endpoint: json.endpoint });
      }
    });
    child.once('exit', (code) => reject(new Error(`signpost exited with ${code} before it was ready:\n${out}${err}`)));
  });
  const answer = await fetch(`${ready.endpoint}/2013-04-01/hostedzonecount`);
  if (answer.status !== 200) throw new Error(`GetHostedZoneCount answered ${answer.status}: ${await answer.text()}`);
  const sample = { spawnMs: ready.spawnMs, readyMs: ready.readyMs, answerMs: performance.now() - t0 };
  child.kill('SIGTERM');
  await exited;
  return sample;
}

/** spawn -> exit of `node -e 0`: the runtime's own start and stop. */
async function nodeOnce(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(NODE, ['-e', '0'], { env: envWith({ NODE_DISABLE_COMPILE_CACHE: '1' }), stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return performance.now() - t0;
}

/** Nearest-rank percentile. */
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const rows: string[] = [];
const node: number[] = [];
for (let i = 0; i < RUNS; i++) node.push(await nodeOnce());
rows.push(`| node -e 0 (spawn -> exit) | ${pct(node, 50).toFixed(0)} | ${pct(node, 90).toFixed(0)} | | | | |`);
for (const mode of MODES) {
  const samples: Sample[] = [];
  const warmDir = mode === 'warm' ? mkdtempSync(join(tmpdir(), 'signpost-ncc-')) : undefined;
  if (warmDir) await startOnce(envWith({ NODE_COMPILE_CACHE: warmDir })); // fills the cache, not measured
  for (let i = 0; i < RUNS; i++) {
    if (mode === 'off') samples.push(await startOnce(envWith({ NODE_DISABLE_COMPILE_CACHE: '1' })));
    else if (mode === 'warm') samples.push(await startOnce(envWith({ NODE_COMPILE_CACHE: warmDir! })));
    else if (mode === 'cold') {
      const dir = mkdtempSync(join(tmpdir(), 'signpost-ncc-'));
      try {
        samples.push(await startOnce(envWith({ NODE_COMPILE_CACHE: dir })));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else throw new Error(`unknown mode "${mode}" (off, cold, warm)`);
  }
  if (warmDir) rmSync(warmDir, { recursive: true, force: true });
  const spawnMs = samples.map((s) => s.spawnMs);
  const readyMs = samples.map((s) => s.readyMs);
  const answerMs = samples.map((s) => s.answerMs);
  rows.push(`| --dev, cache ${mode} | ${[spawnMs, readyMs, answerMs].map((xs) => `${pct(xs, 50).toFixed(0)} | ${pct(xs, 90).toFixed(0)}`).join(' | ')} |`);
}
console.log(`${RUNS} runs each; milliseconds\n`);
console.log('| | spawn -> ready line, median | p90 | readyMs (runtime -> ready), median | p90 | spawn -> first API answer, median | p90 |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
