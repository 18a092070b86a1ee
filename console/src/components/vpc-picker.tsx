/**
 * Picks VPCs for a private zone: the VPCs of a region, read with the EC2 API's DescribeVpcs
 * (the same signed API as `aws ec2 describe-vpcs`), or an id typed by hand.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { VPCRegion } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { loadEc2 } from '../api/clients.ts';
import { ErrorBox } from './feedback.tsx';
import { SelectField } from './select-field.tsx';

export type VpcChoice = { id: string; region: string };

/** The VPC picker; `value` is the chosen VPCs. */
export function VpcPicker({ value, onChange }: { value: VpcChoice[]; onChange: (v: VpcChoice[]) => void }) {
  const { credentials } = useSession();
  const [region, setRegion] = useState('us-east-1');
  const [typed, setTyped] = useState('');
  const vpcs = useQuery({
    queryKey: ['vpcs', region],
    queryFn: async () => {
      const { client, mod } = await loadEc2(credentials, region);
      return (await client.send(new mod.DescribeVpcsCommand({}))).Vpcs ?? [];
    },
  });
  const has = (id: string) => value.some((v) => v.id === id && v.region === region);
  const toggle = (id: string) => onChange(has(id) ? value.filter((v) => !(v.id === id && v.region === region)) : [...value, { id, region }]);
  return (
    <fieldset>
      <legend>VPCs</legend>
      <SelectField label="Region" value={region} onChange={(e) => setRegion(e.target.value)}>
        {Object.values(VPCRegion).map((r) => <option key={r}>{r}</option>)}
      </SelectField>
      <ErrorBox error={vpcs.error} what="Listing VPCs (EC2 DescribeVpcs)" />
      {vpcs.data && vpcs.data.length === 0 && <p className="muted">No VPCs in {region}. Create one with <code>aws ec2 create-vpc</code> or <code>signpost vpc create</code>.</p>}
      {(vpcs.data ?? []).map((v) => (
        <label key={v.VpcId} className="inline">
          <input type="checkbox" checked={has(v.VpcId ?? '')} onChange={() => toggle(v.VpcId ?? '')} />
          {' '}<code>{v.VpcId}</code> {v.CidrBlock} {v.Tags?.find((t) => t.Key === 'Name')?.Value ?? ''}
        </label>
      ))}
      <div className="row">
        <label>Or type a VPC ID <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="vpc-0123456789abcdef0" spellCheck={false} /></label>
        <button type="button" onClick={() => { if (typed.trim()) { onChange([...value, { id: typed.trim(), region }]); setTyped(''); } }}>Add</button>
      </div>
      {value.length > 0 && <p>Chosen: {value.map((v) => `${v.id} (${v.region})`).join(', ')}</p>}
    </fieldset>
  );
}
