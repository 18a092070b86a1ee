/**
 * The records of a zone: filters (name, type, routing policy), a virtualised table that stays
 * fast for 10,000 record sets (only the rows in view are in the page), selection and delete,
 * and the record form for create and edit. Each saved change shows PENDING, then INSYNC.
 */
import { useMemo, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChangeResourceRecordSetsCommand, RRType, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useRecordSets } from '../api/queries.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { ChangeStatus } from '../components/change-status.tsx';
import { POLICIES, filterRecords, isApexRequired, policyOf, recordKey, relativeName, routingDetail, valuesOf, type Policy, type RecordFilter } from '../lib/records.ts';
import { RecordEditor } from './record-editor.tsx';
import { SelectField } from '../components/select-field.tsx';
import { CheckStatus } from '../components/check-status.tsx';

const ROW = 44;

/** The records tab of zone `zoneId` (named `zoneName`, absolute). */
export function RecordsTab({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const sets = useRecordSets(zoneId);
  const [filter, setFilter] = useState<RecordFilter>({ name: '', type: '', policy: '' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<ResourceRecordSet | 'new' | undefined>();
  const [lastChange, setLastChange] = useState<string>();
  const [confirming, setConfirming] = useState(false); // a deletion asks once more: it cannot be undone
  const shown = useMemo(() => filterRecords(sets.records, filter), [sets.records, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const del = useMutation({
    mutationFn: () => route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Comment: 'deleted in the console', Changes: sets.records.filter((r) => selected.has(recordKey(r))).map((r) => ({ Action: 'DELETE', ResourceRecordSet: r })) },
    })),
    onSuccess: async (out) => { setSelected(new Set()); setConfirming(false); setLastChange(out.ChangeInfo?.Id); await refresh(); },
  });
  const refresh = async () => {
    await qc.resetQueries({ queryKey: ['records', zoneId] });
    await qc.invalidateQueries({ queryKey: ['zone', zoneId] });
    // The zone list shows record counts: drop it rather than show a stale count while it reloads.
    await qc.resetQueries({ queryKey: ['zones'] });
  };
  const toggle = (k: string) => setSelected((s) => { const n = new Set(s); if (n.has(k)) n.delete(k); else n.add(k); return n; });
  const items = rows.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = rows.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <section aria-labelledby="records-h">
      <div className="page-head">
        <h2 id="records-h">Records</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>Create record</button>
      </div>
      {lastChange && <p><ChangeStatus id={lastChange} /></p>}
      {editing && (
        <RecordEditor zoneId={zoneId} zoneName={zoneName} record={editing === 'new' ? undefined : editing} records={sets.records}
          onClose={() => setEditing(undefined)}
          onSaved={async (changeId) => { setEditing(undefined); setLastChange(changeId); await refresh(); }} />
      )}
      <div className="toolbar" role="search" aria-label="Filter records">
        <label>Name <input type="search" value={filter.name} onChange={(e) => setFilter({ ...filter, name: e.target.value })} placeholder="contains…" spellCheck={false} /></label>
        <SelectField label="Type" value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value })}>
          <option value="">All types</option>
          {Object.values(RRType).map((t) => <option key={t}>{t}</option>)}
        </SelectField>
        <SelectField label="Routing policy" value={filter.policy} onChange={(e) => setFilter({ ...filter, policy: e.target.value as Policy | '' })}>
          <option value="">All policies</option>
          {Object.entries(POLICIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </SelectField>
        <span className="muted" aria-live="polite" data-testid="record-count">
          {shown.length.toLocaleString()} of {sets.records.length.toLocaleString()} record sets{sets.complete ? '' : ' (loading more…)'}
        </span>
        {confirming && selected.size > 0 ? (
          <span className="confirm" role="group" aria-label="Confirm deletion">
            <button type="button" className="danger" disabled={del.isPending} onClick={() => del.mutate()} autoFocus>
              Delete {selected.size} record set{selected.size === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
          </span>
        ) : (
          <button type="button" className="danger" disabled={selected.size === 0 || del.isPending} onClick={() => setConfirming(true)}>
            Delete {selected.size || ''} selected
          </button>
        )}
      </div>
      <ErrorBox error={del.error} />
      {sets.isPending && <Loading what="records" />}
      <ErrorBox error={sets.error} />
      <div className="table-wrap virtual" ref={scroller} style={{ maxHeight: '65vh' }} tabIndex={-1}>
        <table className="list records" aria-rowcount={shown.length + 1}>
          <caption className="sr-only">Record sets of {zoneName}</caption>
          <thead><tr>
            <th scope="col" className="sel"><span className="sr-only">Select</span></th>
            <th scope="col">Name</th><th scope="col">Type</th><th scope="col">Policy</th><th scope="col">Routing</th>
            <th scope="col" className="num">TTL</th><th scope="col">Values</th><th scope="col">Health check</th><th scope="col"><span className="sr-only">Actions</span></th>
          </tr></thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true"><td colSpan={9} style={{ height: padTop, padding: 0 }} /></tr>}
            {items.map((it) => {
              const r = shown[it.index]!;
              const k = recordKey(r);
              const vals = valuesOf(r);
              const rel = relativeName(r.Name ?? '', zoneName);
              const locked = isApexRequired(r, zoneName);
              return (
                <tr key={k} style={{ height: ROW }} aria-rowindex={it.index + 2}>
                  <td className="sel">
                    <input type="checkbox" aria-label={`Select ${rel} ${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ''}`} checked={selected.has(k)} onChange={() => toggle(k)} disabled={locked} />
                  </td>
                  <td className="name" title={r.Name}>{rel}</td>
                  <td>{r.Type}</td>
                  <td>{POLICIES[policyOf(r)]}{r.SetIdentifier ? <span className="muted"> · {r.SetIdentifier}</span> : null}</td>
                  <td>{routingDetail(r)}</td>
                  <td className="num">{r.TTL ?? ''}</td>
                  <td className="values" title={vals.join('\n')}>{vals[0]}{vals.length > 1 ? <span className="muted"> +{vals.length - 1} more</span> : null}</td>
                  <td>{r.HealthCheckId ? <CheckStatus id={r.HealthCheckId} /> : ''}</td>
                  <td><button type="button" className="small" onClick={() => setEditing(r)} aria-label={`Edit ${rel} ${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ''}`}>Edit</button></td>
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true"><td colSpan={9} style={{ height: padBottom, padding: 0 }} /></tr>}
          </tbody>
        </table>
      </div>
    </section>
  );
}
