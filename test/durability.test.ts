/**
 * kill -9 never loses an acknowledged write. A child process (test/durability/writer.ts) applies
 * changes in a loop and prints `ack <version> <change id>` after each applyChange resolves; the
 * test SIGKILLs it at seeded pseudo-random moments, reopens the store and checks that every
 * acknowledged change is there, whole, and that the file is not corrupt.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { openStore, storeFile } from '../src/store/index.ts';
import { seededRng } from './helpers/rng.ts';

const NODE = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
const WRITER = fileURLToPath(new URL('./durability/writer.ts', import.meta.url));
const ZONE = 'durable.example.';
const ROUNDS = 5;
const SEED = 0x5eed_2024;


type Ack = { version: number; changeId: string };

/**
 * Runs the writer until it has acknowledged `acksBeforeKill` changes, waits `delayMs` more, then
 * SIGKILLs it; resolves with every ack it printed (complete lines only) once it has exited.
 */
function runAndKill(dataDir: string, acksBeforeKill: number, delayMs: number): Promise<{ acks: Ack[]; signal: string | null; stderr: string }> {
  const child = spawn(NODE, [WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  let killScheduled = false;
  const acks = () => out.split('\n').slice(0, -1).filter((l) => l.startsWith('ack ')).map((l) => {
    const [, v, id] = l.split(' ');
    return { version: Number(v), changeId: String(id) };
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!killScheduled && acks().length >= acksBeforeKill) {
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => {
    child.once('close', (_code, signal) => {
      clearTimeout(guard);
      resolve({ acks: acks(), signal, stderr });
    });
  });
}

describe('durability: SIGKILL never loses an acknowledged write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'signpost-durability-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every acked change over ${ROUNDS} kills at seeded moments`, async () => {
    const random = seededRng(SEED); // the same kill moments on every run
    const acked: Ack[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acksBeforeKill = 1 + Math.floor(random() * 40);
      const delayMs = Math.floor(random() * 6);
      const run = await runAndKill(dataDir, acksBeforeKill, delayMs);
      expect(run.signal, `round ${round}: the writer should die by SIGKILL\n${run.stderr}`).toBe('SIGKILL');
      expect(run.acks.length, `round ${round}: acks before the kill`).toBeGreaterThanOrEqual(acksBeforeKill);
      acked.push(...run.acks);

      const store = openStore(dataDir);
      try {
        const [zone, ...more] = await store.findZonesByName(ZONE);
        expect(more).toEqual([]);
        expect(zone, `round ${round}: the zone`).toBeDefined();
        const last = acked[acked.length - 1]!.version;
        expect(zone!.version).toBeGreaterThanOrEqual(last);
        expect((await store.zoneVersions()).get(zone!.id)).toBe(zone!.version);

        const sets = new Map((await store.getRecordSets(zone!.id)).map((s) => [s.name, s.rdata]));
        const hex = (v: number) => v.toString(16).padStart(8, '0');
        for (const a of acked) {
          expect(sets.get(`v${a.version}.${ZONE}`), `acked change ${a.version}`).toEqual([hex(a.version)]);
          expect(await store.getChange(a.changeId)).toMatchObject({ zoneId: zone!.id, version: a.version });
        }
        // Every committed version (acked or not) is whole: its sets, and `latest` names the newest.
        for (let v = 2; v <= zone!.version; v++) {
          expect(sets.get(`v${v}.${ZONE}`), `change ${v}`).toEqual([hex(v)]);
          expect(sets.get(`pad-a.v${v}.${ZONE}`)?.[0]).toBe(hex(v));
          expect(sets.get(`pad-b.v${v}.${ZONE}`)?.[0]).toBe(hex(v));
        }
        expect(sets.size).toBe(1 + 1 + 3 * (zone!.version - 1));
        expect(sets.get(`latest.${ZONE}`)).toEqual([hex(zone!.version)]);
      } finally {
        await store.close();
      }

      const db = new DatabaseSync(storeFile(dataDir));
      try {
        expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        db.close();
      }
    }
  });
});
