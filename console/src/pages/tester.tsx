/**
 * The record tester: what does a client at resolver IP X, or with client subnet Y, get for a
 * name and type? One TestDNSAnswer request, shown with Signpost's explanation of which policy
 * chose which records and why (extension elements of the same response).
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { RRType, type TestDNSAnswerResponse } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { useZones } from '../api/queries.ts';
import { signedGet } from '../api/signed-fetch.ts';
import { ErrorBox } from '../components/feedback.tsx';
import { absoluteName } from '../lib/record-form.ts';
import { displayName } from '../lib/records.ts';
import { extensionElements, type Tree } from '../lib/xml-extension.ts';
import { ExplanationView } from '../components/explanation.tsx';
import { SelectField } from '../components/select-field.tsx';

const STANDARD = ['Nameserver', 'RecordName', 'RecordType', 'RecordData', 'ResponseCode', 'Protocol', 'ResponseMetadata'];

type Result = { answer: TestDNSAnswerResponse; explanation: Tree[]; asked: string };

/** Reads Route 53's fields of a TestDNSAnswerResponse document. */
function standardFields(xml: string): TestDNSAnswerResponse {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent ?? undefined;
  return {
    Nameserver: text('Nameserver'), RecordName: text('RecordName'), RecordType: text('RecordType') as RRType | undefined,
    RecordData: [...doc.getElementsByTagName('RecordDataEntry')].map((e) => e.textContent ?? ''), ResponseCode: text('ResponseCode'), Protocol: text('Protocol'),
  };
}

/** The record tester page. */
export function TesterPage() {
  const { credentials } = useSession();
  const zones = useZones();
  const [zoneId, setZoneId] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState('A');
  const [resolver, setResolver] = useState('');
  const [subnet, setSubnet] = useState('');
  const [mask, setMask] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  // TestDNSAnswer answers for public zones only, as Route 53's: a private zone's answer depends
  // on the client's VPC, not on an address.
  const publicZones = (zones.data ?? []).filter((z) => !z.Config?.PrivateZone);
  const zone = publicZones.find((z) => z.Id === zoneId) ?? publicZones[0];
  const test = useMutation({
    mutationFn: async (): Promise<Result> => {
      const input = {
        HostedZoneId: zone?.Id ?? '', RecordName: absoluteName(name, zone?.Name ?? ''), RecordType: type as RRType,
        ...(resolver.trim() ? { ResolverIP: resolver.trim() } : {}),
        ...(subnet.trim() ? { EDNS0ClientSubnetIP: subnet.trim() } : {}), ...(mask.trim() ? { EDNS0ClientSubnetMask: mask.trim() } : {}),
      };
      // One request: the answer and Signpost's explanation of it come in the same response (two
      // requests would be two draws of a weighted choice, and could disagree). The SDK would keep
      // only Route 53's fields, so the signed request is made here and read whole.
      const query: Record<string, string> = { hostedzoneid: input.HostedZoneId.replace('/hostedzone/', ''), recordname: input.RecordName, recordtype: type };
      if (input.ResolverIP) query.resolverip = input.ResolverIP;
      if (input.EDNS0ClientSubnetIP) query.edns0clientsubnetip = input.EDNS0ClientSubnetIP;
      if (input.EDNS0ClientSubnetMask) query.edns0clientsubnetmask = input.EDNS0ClientSubnetMask;
      const raw = await signedGet(credentials, '/2013-04-01/testdnsanswer', query);
      const answer = standardFields(raw.text);
      const asked = [resolver && `resolver ${resolver}`, subnet && `subnet ${subnet}${mask ? `/${mask}` : ''}`].filter(Boolean).join(', ') || 'this browser\'s address';
      return { answer, explanation: extensionElements(raw.text, STANDARD), asked };
    },
    onSuccess: (r) => setResults((old) => [r, ...old].slice(0, 6)),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); test.mutate(); };
  return (
    <section aria-labelledby="t-h">
      <h1 id="t-h">Record tester</h1>
      <p className="muted">What does a client get? Give the resolver's address, or the client subnet a resolver would send (EDNS Client Subnet), and compare places side by side. Public zones only: in a private zone the client's VPC decides (try <code>dig -b</code> from an address in the VPC).</p>
      <form className="card stack" onSubmit={submit}>
        <div className="row wrap">
          <SelectField label="Hosted zone" value={zone?.Id ?? ''} onChange={(e) => setZoneId(e.target.value)}>
            {publicZones.map((z) => <option key={z.Id} value={z.Id}>{displayName(z.Name ?? '')}</option>)}
          </SelectField>
          <label className="grow">Record name<input value={name} onChange={(e) => setName(e.target.value)} placeholder="www (empty for the apex)" spellCheck={false} /></label>
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value)}>{Object.values(RRType).map((t) => <option key={t}>{t}</option>)}</SelectField>
        </div>
        <div className="row wrap">
          <label>Resolver IP<input value={resolver} onChange={(e) => setResolver(e.target.value)} placeholder="198.51.100.7" spellCheck={false} /></label>
          <label>Client subnet IP<input value={subnet} onChange={(e) => setSubnet(e.target.value)} placeholder="203.0.113.0" spellCheck={false} /></label>
          <label>Subnet mask (bits)<input inputMode="numeric" value={mask} onChange={(e) => setMask(e.target.value)} placeholder="24" size={4} /></label>
        </div>
        <ErrorBox error={test.error} what="The record tester (TestDNSAnswer)" />
        <div className="actions"><button type="submit" className="primary" disabled={test.isPending || !zone}>{test.isPending ? 'Asking…' : 'Test'}</button></div>
      </form>
      <div className="results" aria-live="polite">
        {results.map((r, i) => (
          <article key={i} className="card" data-testid="tester-result">
            <h2 className="h4">{displayName(r.answer.RecordName ?? '')} {r.answer.RecordType} <span className="muted">for {r.asked}</span></h2>
            <p>Response code <strong>{r.answer.ResponseCode}</strong> over {r.answer.Protocol} from {r.answer.Nameserver}</p>
            {(r.answer.RecordData ?? []).length > 0
              ? <ul className="answers">{(r.answer.RecordData ?? []).map((d, j) => <li key={j}><code>{d}</code></li>)}</ul>
              : <p className="muted">No records in the answer.</p>}
            {r.explanation.length > 0 && (<><h3 className="h4">Why</h3><ExplanationView nodes={r.explanation} /></>)}
          </article>
        ))}
      </div>
    </section>
  );
}
