/**
 * Import and export. Export: the ListResourceRecordSets JSON (every record set, routing and
 * aliases included; what `aws route53 list-resource-record-sets` prints) as a download, and a
 * master-file view of the records a master file can express. Import: that JSON, pasted or
 * uploaded, checked whole and sent as UPSERT batches. Master-file import is not offered here:
 * `signpost zone import` does it on the server.
 */
import { useMemo, useState, type ChangeEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useRecordSets } from '../api/queries.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { ChangeStatus } from '../components/change-status.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { exportJson, exportMasterFile } from '../lib/master-file.ts';
import { planImport, type ImportPlan } from '../lib/import-json.ts';
import { displayName } from '../lib/records.ts';

/** The import/export tab of a zone. */
export function ImportExportTab({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const sets = useRecordSets(zoneId);
  return (
    <div className="grid2">
      <section className="card stack" aria-labelledby="export-h">
        <h2 id="export-h" className="h3">Export</h2>
        {!sets.complete ? <Loading what={`records (${sets.records.length} so far)`} /> : <Export zoneName={zoneName} records={sets.records} />}
        <ErrorBox error={sets.error} />
      </section>
      <section className="card stack" aria-labelledby="import-h">
        <h2 id="import-h" className="h3">Import</h2>
        <Import zoneId={zoneId} zoneName={zoneName} />
      </section>
    </div>
  );
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Export({ zoneName, records }: { zoneName: string; records: Parameters<typeof exportJson>[0] }) {
  const json = useMemo(() => exportJson(records), [records]);
  const master = useMemo(() => exportMasterFile(records, zoneName), [records, zoneName]);
  const base = displayName(zoneName).replace(/\.$/, '');
  return (
    <>
      <p>{records.length.toLocaleString()} record sets.</p>
      <div className="row wrap">
        <button type="button" onClick={() => download(`${base}.json`, json, 'application/json')}>Download JSON</button>
        <CopyButton text={json} label="JSON export" />
      </div>
      <p className="muted">The JSON is what <code>aws route53 list-resource-record-sets</code> prints: every record set with its routing, health check and alias target. Import takes it back.</p>
      <h3 className="h4">Master file (RFC 1035)</h3>
      <textarea className="code" readOnly rows={10} wrap="off" value={master.text} aria-label="Master file" data-testid="master-file" />
      <div className="row wrap">
        <button type="button" onClick={() => download(`${base}.zone`, master.text, 'text/plain')}>Download master file</button>
        <CopyButton text={master.text} label="master file" />
      </div>
      {master.leftOut.length > 0 && (
        <p className="notice">Left out of the master file, which cannot express them: {master.leftOut.length} record set(s) with a routing policy or an alias target
          ({master.leftOut.slice(0, 5).map((r) => `${displayName(r.Name ?? '')} ${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ''}`).join(', ')}{master.leftOut.length > 5 ? ', …' : ''}). The JSON has them.</p>
      )}
    </>
  );
}

function Import({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [done, setDone] = useState<{ changeId: string | undefined; count: number; batches: number }>();
  const plan = useMemo((): { plan?: ImportPlan; error?: Error } => {
    if (!text.trim()) return {};
    try { return { plan: planImport(text, zoneName) }; } catch (e) { return { error: e as Error }; }
  }, [text, zoneName]);
  const run = useMutation({
    mutationFn: async (p: ImportPlan) => {
      let changeId: string | undefined;
      for (const [i, changes] of p.batches.entries()) {
        const out = await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Comment: `console import ${i + 1}/${p.batches.length}`, Changes: changes } }));
        changeId = out.ChangeInfo?.Id;
      }
      return { changeId, count: p.count, batches: p.batches.length };
    },
    onSuccess: async (r) => { setDone(r); setText(''); await qc.resetQueries({ queryKey: ['records', zoneId] }); await qc.invalidateQueries({ queryKey: ['zone', zoneId] }); await qc.resetQueries({ queryKey: ['zones'] }); },
  });
  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  };
  return (
    <>
      <p className="muted">Paste or upload record sets as JSON (the export above, or <code>aws route53 list-resource-record-sets</code> output). Each set is written with UPSERT; the zone's SOA and apex NS are kept.</p>
      <label>JSON file <input type="file" accept=".json,application/json" onChange={upload} /></label>
      <label>Or paste
        <textarea className="code" rows={8} value={text} onChange={(e) => { setText(e.target.value); setDone(undefined); }} spellCheck={false} data-testid="import-text" />
      </label>
      {plan.error && <div className="error" role="alert">{plan.error.message}</div>}
      {plan.plan && (
        <p>{plan.plan.count} record set(s) to write in {plan.plan.batches.length} request(s){plan.plan.skipped.length ? `; ${plan.plan.skipped.length} apex SOA/NS left as they are` : ''}.</p>
      )}
      <ErrorBox error={run.error} />
      <button type="button" className="primary" disabled={!plan.plan || plan.plan.count === 0 || run.isPending} onClick={() => plan.plan && run.mutate(plan.plan)}>
        {run.isPending ? 'Importing…' : 'Import'}
      </button>
      {done && <p role="status">Imported {done.count} record set(s) in {done.batches} request(s). {done.changeId && <ChangeStatus id={done.changeId} />}</p>}
      <p className="muted">Master-file (BIND format) import is not offered in the console: use <code>signpost zone import {displayName(zoneName)} FILE</code> on the server.</p>
    </>
  );
}
