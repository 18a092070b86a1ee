/**
 * The record form: every record type, values or an alias target (chosen from the zone's
 * records or typed), and every routing policy (routing fields in record-routing.tsx). Saving
 * sends one ChangeResourceRecordSets batch; the API's validation messages are shown as given.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ChangeResourceRecordSetsCommand, RRType, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { ErrorBox } from '../components/feedback.tsx';
import { POLICIES, isApexRequired, relativeName, type Policy } from '../lib/records.ts';
import { VALUE_HINTS, changesFor, emptyForm, formToRecordSet, recordSetToForm, type RecordForm } from '../lib/record-form.ts';
import { RoutingFields } from './record-routing.tsx';
import { SelectField } from '../components/select-field.tsx';

type Props = {
  zoneId: string; zoneName: string; record: ResourceRecordSet | undefined; records: readonly ResourceRecordSet[];
  onClose: () => void; onSaved: (changeId: string | undefined) => void;
};

/** Types an alias record may have (Route 53 aliases answer as the target's type). */
const ALIAS_TYPES = new Set(['A', 'AAAA', 'CAA', 'CNAME', 'DS', 'HTTPS', 'MX', 'NAPTR', 'PTR', 'SPF', 'SRV', 'SVCB', 'TXT']);

/** The create/edit form for one record set. */
export function RecordEditor({ zoneId, zoneName, record, records, onClose, onSaved }: Props) {
  const { route53 } = useSession();
  const [confirming, setConfirming] = useState(false); // a deletion asks once more: it cannot be undone
  const [f, setF] = useState<RecordForm>(() => (record ? { ...recordSetToForm(record, zoneId), name: relativeName(record.Name ?? '', zoneName) } : emptyForm(zoneId)));
  const set = (patch: Partial<RecordForm>) => setF((old) => ({ ...old, ...patch }));
  const targets = useMemo(() => [...new Set(records.filter((r) => r.Type === f.type || r.Type === 'CNAME').map((r) => r.Name ?? ''))].slice(0, 500), [records, f.type]);
  const save = useMutation({
    mutationFn: () => route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId, ChangeBatch: { Comment: record ? 'edited in the console' : 'created in the console', Changes: changesFor(record, formToRecordSet(f, zoneName)) },
    })),
    onSuccess: (out) => onSaved(out.ChangeInfo?.Id),
  });
  const del = useMutation({
    mutationFn: () => route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: record! }] } })),
    onSuccess: (out) => onSaved(out.ChangeInfo?.Id),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const suffix = `.${zoneName.replace(/\.$/, '')}`;
  return (
    <form className="card stack editor" onSubmit={submit} aria-labelledby="rec-h" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <h3 id="rec-h">{record ? `Edit ${relativeName(record.Name ?? '', zoneName)} ${record.Type}` : 'Create record'}</h3>
      <div className="row wrap">
        <label className="grow">Record name
          <span className="with-suffix">
            <input value={f.name} onChange={(e) => set({ name: e.target.value })} placeholder="www (empty for the apex)" autoFocus spellCheck={false} aria-describedby="name-suffix" />
            <span id="name-suffix" className="muted">{suffix}</span>
          </span>
        </label>
        <SelectField label="Type" value={f.type} onChange={(e) => set({ type: e.target.value })}>
          {Object.values(RRType).map((t) => <option key={t}>{t}</option>)}
        </SelectField>
        <SelectField label="Routing policy" value={f.policy} onChange={(e) => set({ policy: e.target.value as Policy })}>
          {Object.entries(POLICIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </SelectField>
      </div>
      {ALIAS_TYPES.has(f.type) && (
        <label className="inline"><input type="checkbox" checked={f.alias} onChange={(e) => set({ alias: e.target.checked })} /> Alias: answer with another record's data</label>
      )}
      {f.alias ? (
        <fieldset>
          <legend>Alias target</legend>
          <div className="row wrap">
            <label className="grow">Target name
              <input list="alias-targets" value={f.aliasDnsName} onChange={(e) => set({ aliasDnsName: e.target.value })} placeholder="a record in this zone, or any host name" spellCheck={false} />
            </label>
            <datalist id="alias-targets">{targets.map((t) => <option key={t} value={t} />)}</datalist>
            <label>Target hosted zone ID
              <input value={f.aliasZoneId} onChange={(e) => set({ aliasZoneId: e.target.value })} spellCheck={false} />
            </label>
          </div>
          <label className="inline"><input type="checkbox" checked={f.evaluateTargetHealth} onChange={(e) => set({ evaluateTargetHealth: e.target.checked })} /> Evaluate target health</label>
        </fieldset>
      ) : (
        <div className="row wrap">
          <label className="grow">Values, one per line
            <textarea rows={Math.min(8, Math.max(2, f.values.split('\n').length + 1))} value={f.values} onChange={(e) => set({ values: e.target.value })}
              placeholder={VALUE_HINTS[f.type] ?? ''} spellCheck={false} />
          </label>
          <label>TTL (seconds)<input inputMode="numeric" value={f.ttl} onChange={(e) => set({ ttl: e.target.value })} size={8} /></label>
        </div>
      )}
      {f.policy !== 'simple' && <RoutingFields form={f} set={set} />}
      <ErrorBox error={save.error ?? del.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : record ? 'Save changes' : 'Create record'}</button>
        <button type="button" onClick={onClose}>Cancel</button>
        {record && !isApexRequired(record, zoneName) && (confirming
          ? <><button type="button" className="danger push" onClick={() => del.mutate()} disabled={del.isPending} autoFocus>Delete this record set</button>
            <button type="button" onClick={() => setConfirming(false)}>Keep it</button></>
          : <button type="button" className="danger push" onClick={() => setConfirming(true)}>Delete record</button>)}
      </div>
    </form>
  );
}
