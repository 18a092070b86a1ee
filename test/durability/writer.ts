/**
 * Child process for test/durability.test.ts: opens the store in DATA_DIR and applies changes to
 * zone durable.example. until it is killed. After each applyChange resolves it prints
 * `ack <version> <change id>`; a line printed is a write the store acknowledged.
 *
 * Each change N puts `vN.durable.example.` (TXT, rdata = N as hex) and two padding sets, and
 * upserts `latest.durable.example.` to N, so a reader can tell a whole change from part of one.
 */
import { openStore } from '../../src/store/index.ts';
import type { RecordSetRow } from '../../src/store/index.ts';

const ZONE = 'durable.example.';
const TXT = 16;

/** Returns the rdata hex that change `version` writes (the test checks the same form). */
function versionHex(version: number): string {
  return version.toString(16).padStart(8, '0');
}

const set = (name: string, rdata: string[]): RecordSetRow => ({ name, type: TXT, setIdentifier: '', ttl: 60, rdata, routing: null });

async function main(dataDir: string): Promise<void> {
  const store = openStore(dataDir);
  let zone = (await store.findZonesByName(ZONE))[0];
  if (!zone) {
    zone = (await store.createZone({
      id: 'ZDURABLE0000000000000', name: ZONE, accountId: '000000000000', callerReference: `durable-${process.pid}-${Date.now()}`,
      comment: 'durability test', privateZone: false, delegationSetId: null,
    }, [set(ZONE, ['00'])])).zone;
  }
  process.stdout.write(`ready ${zone.version}\n`);
  const deadline = Date.now() + 60_000; // the test kills us long before; never outlive it
  let version = zone.version;
  while (Date.now() < deadline) {
    const next = version + 1;
    const hex = versionHex(next);
    const change = await store.applyChange(zone.id, {
      comment: `change ${next}`,
      deletes: [],
      puts: [
        set(`v${next}.${ZONE}`, [hex]),
        set(`pad-a.v${next}.${ZONE}`, [hex, 'ff'.repeat(200)]),
        set(`pad-b.v${next}.${ZONE}`, [hex, 'ee'.repeat(200)]),
        set(`latest.${ZONE}`, [hex]),
      ],
    });
    if (change.version !== next) {
      process.stderr.write(`expected version ${next}, got ${change.version}\n`);
      process.exit(1);
    }
    process.stdout.write(`ack ${next} ${change.id}\n`);
    version = next;
  }
  await store.close();
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: writer.ts DATA_DIR\n');
  process.exit(64);
}
await main(dir);
