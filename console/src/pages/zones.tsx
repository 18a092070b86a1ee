/**
 * Hosted zones: the list with search, record counts and public/private, and the form that
 * creates a zone.
 */
import { useMemo, useState } from 'react';
import { useZones } from '../api/queries.ts';
import { ErrorBox, Loading } from '../components/feedback.tsx';
import { Link } from '../router.tsx';
import { displayName } from '../lib/records.ts';
import { CreateZone } from './zone-create.tsx';

const zoneIdOf = (id: string | undefined) => (id ?? '').replace('/hostedzone/', '');

/** The hosted-zones page. */
export function ZonesPage() {
  const zones = useZones();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const shown = useMemo(() => {
    const s = search.trim().toLowerCase();
    return (zones.data ?? []).filter((z) => !s || displayName(z.Name ?? '').toLowerCase().includes(s)
      || (z.Config?.Comment ?? '').toLowerCase().includes(s) || zoneIdOf(z.Id).toLowerCase().includes(s.toLowerCase()));
  }, [zones.data, search]);
  return (
    <section aria-labelledby="zones-h">
      <div className="page-head">
        <h1 id="zones-h">Hosted zones</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>Create hosted zone</button>
      </div>
      {creating && <CreateZone onDone={() => setCreating(false)} />}
      <div className="toolbar">
        <label>Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name, comment or id" /></label>
        {zones.data && <span className="muted" aria-live="polite">{shown.length} of {zones.data.length} zones</span>}
      </div>
      {zones.isPending && <Loading what="hosted zones" />}
      <ErrorBox error={zones.error} />
      {zones.data && zones.data.length === 0 && <p>No hosted zones yet. Create one to start.</p>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <caption className="sr-only">Hosted zones</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col" className="num">Records</th><th scope="col">Comment</th><th scope="col">ID</th></tr></thead>
            <tbody>
              {shown.map((z) => (
                <tr key={z.Id}>
                  <td><Link to={`/zones/${zoneIdOf(z.Id)}`}>{displayName(z.Name ?? '')}</Link></td>
                  <td><span className={`badge ${z.Config?.PrivateZone ? 'private' : 'public'}`}>{z.Config?.PrivateZone ? 'Private' : 'Public'}</span></td>
                  <td className="num">{z.ResourceRecordSetCount?.toLocaleString()}</td>
                  <td>{z.Config?.Comment}</td>
                  <td><code>{zoneIdOf(z.Id)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
