/**
 * One hosted zone: its name servers ready to copy, comment, VPCs, deletion, and the records and
 * import/export tabs.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeleteHostedZoneCommand, UpdateHostedZoneCommentCommand } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useZone } from '../api/queries.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { Link, navigate } from '../router.tsx';
import { displayName } from '../lib/records.ts';
import { RecordsTab } from './records.tsx';
import { ImportExportTab } from './import-export.tsx';
import { ZoneVpcs } from './zone-vpcs.tsx';

/** The zone page; `tab` is "records" or "import-export". */
export function ZonePage({ id, tab }: { id: string; tab: string }) {
  const zone = useZone(id);
  if (zone.isPending) return <Loading what="the hosted zone" />;
  if (zone.error || !zone.data?.HostedZone) return <ErrorBox error={zone.error} />;
  const z = zone.data.HostedZone;
  const name = z.Name ?? '';
  const ns = zone.data.DelegationSet?.NameServers ?? [];
  return (
    <section aria-labelledby="zone-h">
      <p className="crumbs"><Link to="/zones">Hosted zones</Link> ›</p>
      <div className="page-head">
        <h1 id="zone-h">{displayName(name)}</h1>
        <span className={`badge ${z.Config?.PrivateZone ? 'private' : 'public'}`}>{z.Config?.PrivateZone ? 'Private' : 'Public'}</span>
      </div>
      <div className="grid2">
        <div className="card">
          <dl className="facts">
            <dt>Hosted zone ID</dt><dd><code>{id}</code> <CopyButton text={id} label="hosted zone ID" /></dd>
            <dt>Record sets</dt><dd>{z.ResourceRecordSetCount?.toLocaleString()}</dd>
            <dt>Comment</dt><dd><Comment id={id} comment={z.Config?.Comment ?? ''} /></dd>
            {z.Config?.PrivateZone && (<><dt>VPCs</dt><dd><ZoneVpcs id={id} vpcs={zone.data.VPCs ?? []} /></dd></>)}
          </dl>
          <DeleteZone id={id} name={displayName(name)} />
        </div>
        {ns.length > 0 && (
          <div className="card">
            <h2 className="h3">Name servers</h2>
            <p className="muted">Give these to your registrar for {displayName(name).replace(/\.$/, '')}.</p>
            <pre className="ns" data-testid="name-servers">{ns.join('\n')}</pre>
            <CopyButton text={ns.join('\n')} label="name servers" />
          </div>
        )}
      </div>
      <nav className="tabs" aria-label="Zone">
        <Link to={`/zones/${id}`} aria-current={tab === 'records' ? 'page' : undefined}>Records</Link>
        <Link to={`/zones/${id}/import-export`} aria-current={tab === 'import-export' ? 'page' : undefined}>Import / export</Link>
      </nav>
      {tab === 'import-export' ? <ImportExportTab zoneId={id} zoneName={name} /> : <RecordsTab zoneId={id} zoneName={name} />}
    </section>
  );
}

function Comment({ id, comment }: { id: string; comment: string }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment);
  const save = useMutation({
    mutationFn: () => route53.send(new UpdateHostedZoneCommentCommand({ Id: id, Comment: text })),
    onSuccess: async () => { setEditing(false); await qc.invalidateQueries({ queryKey: ['zone', id] }); await qc.invalidateQueries({ queryKey: ['zones'] }); },
  });
  if (!editing) return <>{comment || <span className="muted">none</span>} <button type="button" className="small" onClick={() => { setText(comment); setEditing(true); }}>Edit comment</button></>;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <form onSubmit={submit} className="row">
      <label><span className="sr-only">Comment</span><input value={text} onChange={(e) => setText(e.target.value)} autoFocus /></label>
      <button type="submit" className="small primary" disabled={save.isPending}>Save</button>
      <button type="button" className="small" onClick={() => setEditing(false)}>Cancel</button>
      <ErrorBox error={save.error} />
    </form>
  );
}

function DeleteZone({ id, name }: { id: string; name: string }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const del = useMutation({
    mutationFn: () => route53.send(new DeleteHostedZoneCommand({ Id: id })),
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: ['zones'] }); navigate('/zones'); },
  });
  if (!confirm) return <button type="button" className="danger" onClick={() => setConfirm(true)}>Delete zone</button>;
  return (
    <div className="confirm" role="group" aria-label="Confirm deletion">
      <p>Delete {name}? Route 53 refuses while it holds records other than its SOA and NS.</p>
      <button type="button" className="danger" onClick={() => del.mutate()} disabled={del.isPending} autoFocus>Delete {name}</button>
      <button type="button" onClick={() => setConfirm(false)}>Cancel</button>
      <ErrorBox error={del.error} />
    </div>
  );
}
