import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { exportJson, exportMasterFile } from './master-file.ts';
import { BATCH_LIMITS, planImport } from './import-json.ts';

const Z = 'example.com.';
const sets: ResourceRecordSet[] = [
  { Name: Z, Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-1.example.net.' }] },
  { Name: Z, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1.example.net. hostmaster.example.com. 1 7200 900 1209600 86400' }] },
  { Name: 'www.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }] },
  { Name: 'w.example.com.', Type: 'A', TTL: 60, SetIdentifier: 'a', Weight: 1, ResourceRecords: [{ Value: '192.0.2.3' }] },
  { Name: 'apex.example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'Z1', DNSName: 'www.example.com.', EvaluateTargetHealth: false } },
];

describe('export', () => {
  it('prints the ListResourceRecordSets JSON that import reads back', () => {
    const text = exportJson(sets);
    expect(JSON.parse(text)).toEqual({ ResourceRecordSets: sets });
    const plan = planImport(text, Z);
    expect(plan.skipped.map((r) => r.Type)).toEqual(['NS', 'SOA']);
    expect(plan.batches.flat().map((c) => c.ResourceRecordSet)).toEqual(sets.slice(2));
    expect(plan.batches.flat().every((c) => c.Action === 'UPSERT')).toBe(true);
  });

  it('prints simple records as a master file, SOA first, and names what it leaves out', () => {
    const { text, leftOut } = exportMasterFile(sets, Z);
    expect(text.split('\n')).toEqual([
      '$ORIGIN example.com.',
      'example.com. 900 IN SOA ns-1.example.net. hostmaster.example.com. 1 7200 900 1209600 86400',
      'example.com. 172800 IN NS ns-1.example.net.',
      'www.example.com. 60 IN A 192.0.2.1',
      'www.example.com. 60 IN A 192.0.2.2',
      '',
    ]);
    expect(leftOut).toEqual([sets[3], sets[4]]);
  });
});

describe('import', () => {
  it('takes a bare list too', () => {
    expect(planImport(JSON.stringify([sets[2]]), Z).count).toBe(1);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => planImport('{', Z)).toThrow(/not JSON/);
    expect(() => planImport('{"x":1}', Z)).toThrow(/ResourceRecordSets/);
    expect(() => planImport('[{"Name":"a."}]', Z)).toThrow(/Record set 1: each record set needs a Name and a Type/);
    expect(() => planImport('[{"Name":"a.","Type":"A"}]', Z)).toThrow(/needs ResourceRecords or an AliasTarget/);
  });

  it('splits into batches within Route 53\'s limits (an UPSERT counts twice)', () => {
    const many: ResourceRecordSet[] = Array.from({ length: 1200 }, (_, i) => ({ Name: `h${i}.example.com.`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: `192.0.2.${i % 250}` }] }));
    const plan = planImport(JSON.stringify({ ResourceRecordSets: many }), Z);
    expect(plan.count).toBe(1200);
    for (const b of plan.batches) {
      expect(b.length * 2).toBeLessThanOrEqual(BATCH_LIMITS.records);
      expect(b.reduce((s, c) => s + 2 * (c.ResourceRecordSet!.ResourceRecords![0]!.Value!.length), 0)).toBeLessThanOrEqual(BATCH_LIMITS.chars);
    }
    expect(plan.batches.flat()).toHaveLength(1200);
    expect(plan.batches.length).toBeGreaterThanOrEqual(3);
  });
});
