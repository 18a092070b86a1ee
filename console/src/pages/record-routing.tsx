/**
 * The routing fields of the record form, per policy: set identifier and health check for all,
 * then weight, failover role, latency region, geolocation pickers (ListGeoLocations), CIDR
 * collection and location (ListCidrCollections, ListCidrLocations), or geoproximity.
 */
import { useQuery } from '@tanstack/react-query';
import {
  ListCidrCollectionsCommand, ListCidrLocationsCommand, ListGeoLocationsCommand, ResourceRecordSetRegion,
  type GeoLocationDetails, type ListGeoLocationsResponse,
} from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useHealthChecks } from '../api/queries.ts';
import { isNotOffered } from '../api/errors.ts';
import { ErrorBox } from '../components/feedback.tsx';
import { describeCheck } from '../lib/health-form.ts';
import type { RecordForm } from '../lib/record-form.ts';
import { SelectField } from '../components/select-field.tsx';

type Props = { form: RecordForm; set: (p: Partial<RecordForm>) => void };

/** The policy-specific fields. */
export function RoutingFields({ form: f, set }: Props) {
  return (
    <fieldset>
      <legend>Routing</legend>
      <div className="row wrap">
        <label>Record ID (set identifier)<input value={f.setIdentifier} onChange={(e) => set({ setIdentifier: e.target.value })} placeholder="e.g. blue" /></label>
        <HealthCheckField value={f.healthCheckId} onChange={(healthCheckId) => set({ healthCheckId })} />
      </div>
      {f.policy === 'weighted' && <label>Weight (0–255)<input inputMode="numeric" value={f.weight} onChange={(e) => set({ weight: e.target.value })} size={6} /></label>}
      {f.policy === 'failover' && (
        <SelectField label="Failover record type" value={f.failover} onChange={(e) => set({ failover: e.target.value })}><option>PRIMARY</option><option>SECONDARY</option></SelectField>
      )}
      {f.policy === 'latency' && <RegionSelect label="Region" value={f.region} onChange={(region) => set({ region })} />}
      {f.policy === 'multivalue' && <p className="muted">Up to eight healthy records of this name and type are answered, chosen at random.</p>}
      {f.policy === 'geolocation' && <GeoFields form={f} set={set} />}
      {f.policy === 'ip' && <CidrFields form={f} set={set} />}
      {f.policy === 'geoproximity' && <ProximityFields form={f} set={set} />}
    </fieldset>
  );
}

function RegionSelect({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a region</option>
      {Object.values(ResourceRecordSetRegion).map((r) => <option key={r}>{r}</option>)}
    </SelectField>
  );
}

function HealthCheckField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const checks = useHealthChecks();
  if (checks.error) {
    return (
      <label>Health check ID<input value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
        {isNotOffered(checks.error) && <span className="muted small-text">Health checks are not offered by this server yet.</span>}
      </label>
    );
  }
  return (
    <SelectField label="Health check" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">None</option>
      {(checks.data ?? []).map((h) => <option key={h.Id} value={h.Id}>{describeCheck(h)} ({h.Id?.slice(0, 8)})</option>)}
      {value && !(checks.data ?? []).some((h) => h.Id === value) && <option value={value}>{value}</option>}
    </SelectField>
  );
}

/** Returns every geolocation Route 53 knows (ListGeoLocations, read to its end). */
function useGeoLocations() {
  const { route53 } = useSession();
  return useQuery({
    queryKey: ['geolocations'],
    staleTime: Infinity,
    queryFn: async () => {
      const out: GeoLocationDetails[] = [];
      let next: { c?: string; k?: string; s?: string } | undefined = {};
      while (next) {
        const page: ListGeoLocationsResponse = await route53.send(new ListGeoLocationsCommand({
          MaxItems: 100, ...(next.c ? { StartContinentCode: next.c } : {}), ...(next.k ? { StartCountryCode: next.k } : {}), ...(next.s ? { StartSubdivisionCode: next.s } : {}),
        }));
        out.push(...(page.GeoLocationDetailsList ?? []));
        next = page.IsTruncated ? { ...(page.NextContinentCode ? { c: page.NextContinentCode } : {}), ...(page.NextCountryCode ? { k: page.NextCountryCode } : {}), ...(page.NextSubdivisionCode ? { s: page.NextSubdivisionCode } : {}) } : undefined;
      }
      return out;
    },
  });
}

function GeoFields({ form: f, set }: Props) {
  const geo = useGeoLocations();
  if (geo.error || !geo.data) {
    return (
      <div className="stack">
        {geo.isPending ? <p className="muted">Loading locations…</p> : <ErrorBox error={geo.error} what="Geolocation pickers (ListGeoLocations)" />}
        <p className="muted">Type the codes instead: a continent (e.g. EU), or a country (ISO 3166-1, e.g. US) with an optional subdivision (e.g. WA); * for the default.</p>
        <div className="row wrap">
          <label>Continent code<input value={f.continent} onChange={(e) => set({ continent: e.target.value })} size={4} /></label>
          <label>Country code<input value={f.country} onChange={(e) => set({ country: e.target.value })} size={4} /></label>
          <label>Subdivision code<input value={f.subdivision} onChange={(e) => set({ subdivision: e.target.value })} size={4} /></label>
        </div>
      </div>
    );
  }
  const continents = geo.data.filter((g) => g.ContinentCode && !g.CountryCode);
  const countries = geo.data.filter((g) => g.CountryCode && !g.SubdivisionCode);
  const subdivisions = geo.data.filter((g) => g.CountryCode === f.country && g.SubdivisionCode);
  return (
    <div className="row wrap">
      <SelectField label="Continent" value={f.continent} onChange={(e) => set({ continent: e.target.value, country: '', subdivision: '' })} disabled={!!f.country}>
        <option value="">—</option>
        {continents.map((g) => <option key={g.ContinentCode} value={g.ContinentCode}>{g.ContinentName} ({g.ContinentCode})</option>)}
      </SelectField>
      <SelectField label="Country" value={f.country} onChange={(e) => set({ country: e.target.value, continent: '', subdivision: '' })}>
        <option value="">—</option>
        {countries.map((g) => <option key={g.CountryCode} value={g.CountryCode}>{g.CountryCode === '*' ? 'Default (*)' : `${g.CountryName} (${g.CountryCode})`}</option>)}
      </SelectField>
      {subdivisions.length > 0 && (
        <SelectField label="Subdivision" value={f.subdivision} onChange={(e) => set({ subdivision: e.target.value })}>
          <option value="">Whole country</option>
          {subdivisions.map((g) => <option key={g.SubdivisionCode} value={g.SubdivisionCode}>{g.SubdivisionName} ({g.SubdivisionCode})</option>)}
        </SelectField>
      )}
    </div>
  );
}

function CidrFields({ form: f, set }: Props) {
  const { route53 } = useSession();
  const collections = useQuery({
    queryKey: ['cidr-collections'],
    queryFn: async () => (await route53.send(new ListCidrCollectionsCommand({}))).CidrCollections ?? [],
  });
  const locations = useQuery({
    queryKey: ['cidr-locations', f.cidrCollectionId],
    enabled: !!f.cidrCollectionId && !!collections.data,
    queryFn: async () => (await route53.send(new ListCidrLocationsCommand({ CollectionId: f.cidrCollectionId }))).CidrLocations ?? [],
  });
  if (collections.error) {
    return (
      <div className="stack">
        <ErrorBox error={collections.error} what="CIDR collections (ListCidrCollections)" />
        <div className="row wrap">
          <label>CIDR collection ID<input value={f.cidrCollectionId} onChange={(e) => set({ cidrCollectionId: e.target.value })} /></label>
          <label>Location name<input value={f.cidrLocation} onChange={(e) => set({ cidrLocation: e.target.value })} /></label>
        </div>
      </div>
    );
  }
  return (
    <div className="row wrap">
      <SelectField label="CIDR collection" value={f.cidrCollectionId} onChange={(e) => set({ cidrCollectionId: e.target.value, cidrLocation: '' })}>
        <option value="">Choose a collection</option>
        {(collections.data ?? []).map((c) => <option key={c.Id} value={c.Id}>{c.Name} ({c.Id})</option>)}
      </SelectField>
      <SelectField label="Location" value={f.cidrLocation} onChange={(e) => set({ cidrLocation: e.target.value })}>
        <option value="">Choose a location</option>
        <option value="*">Default (*)</option>
        {(locations.data ?? []).map((l) => <option key={l.LocationName} value={l.LocationName}>{l.LocationName}</option>)}
      </SelectField>
    </div>
  );
}

function ProximityFields({ form: f, set }: Props) {
  return (
    <div className="stack">
      <div className="row wrap" role="radiogroup" aria-label="Location kind">
        {(['region', 'coordinates', 'localZone'] as const).map((k) => (
          <label key={k} className="inline"><input type="radio" name="prox-kind" checked={f.proximityKind === k} onChange={() => set({ proximityKind: k })} /> {k === 'region' ? 'AWS region' : k === 'coordinates' ? 'Coordinates' : 'Local Zone group'}</label>
        ))}
      </div>
      <div className="row wrap">
        {f.proximityKind === 'region' && <RegionSelect label="AWS region" value={f.proximityRegion} onChange={(proximityRegion) => set({ proximityRegion })} />}
        {f.proximityKind === 'coordinates' && (<>
          <label>Latitude<input value={f.latitude} onChange={(e) => set({ latitude: e.target.value })} placeholder="47.61" size={8} /></label>
          <label>Longitude<input value={f.longitude} onChange={(e) => set({ longitude: e.target.value })} placeholder="-122.33" size={8} /></label>
        </>)}
        {f.proximityKind === 'localZone' && <label>Local Zone group<input value={f.localZoneGroup} onChange={(e) => set({ localZoneGroup: e.target.value })} /></label>}
        <label>Bias (−99 to 99)<input inputMode="numeric" value={f.bias} onChange={(e) => set({ bias: e.target.value })} size={5} /></label>
      </div>
    </div>
  );
}
