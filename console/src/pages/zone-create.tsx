/**
 * Creating a hosted zone: public or private (private: pick VPCs, read with EC2 DescribeVpcs),
 * with a reusable delegation set or not.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AssociateVPCWithHostedZoneCommand, CreateHostedZoneCommand, ListReusableDelegationSetsCommand, VPCRegion } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { ErrorBox } from '../components/feedback.tsx';
import { navigate } from '../router.tsx';
import { VpcPicker, type VpcChoice } from '../components/vpc-picker.tsx';
import { SelectField } from '../components/select-field.tsx';

/** The create-zone form; `onDone` closes it. */
export function CreateZone({ onDone }: { onDone: () => void }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const [priv, setPriv] = useState(false);
  const [vpcs, setVpcs] = useState<VpcChoice[]>([]);
  const [delegationSet, setDelegationSet] = useState('');
  const sets = useQuery({
    queryKey: ['delegation-sets'],
    queryFn: async () => (await route53.send(new ListReusableDelegationSetsCommand({}))).DelegationSets ?? [],
  });
  const create = useMutation({
    mutationFn: async () => {
      const [first, ...more] = vpcs;
      const out = await route53.send(new CreateHostedZoneCommand({
        Name: name.trim(), CallerReference: `console-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        HostedZoneConfig: { Comment: comment, PrivateZone: priv },
        ...(priv && first ? { VPC: { VPCId: first.id, VPCRegion: first.region as VPCRegion } } : {}),
        ...(!priv && delegationSet ? { DelegationSetId: delegationSet } : {}),
      }));
      for (const v of priv ? more : []) {
        await route53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: out.HostedZone?.Id, VPC: { VPCId: v.id, VPCRegion: v.region as VPCRegion } }));
      }
      return out;
    },
    onSuccess: async (out) => {
      await qc.invalidateQueries({ queryKey: ['zones'] });
      navigate(`/zones/${(out.HostedZone?.Id ?? '').replace('/hostedzone/', '')}`);
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="create-zone-h">
      <h2 id="create-zone-h">Create hosted zone</h2>
      <label>Domain name <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="example.com" autoFocus spellCheck={false} /></label>
      <label>Comment <input value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <fieldset>
        <legend>Type</legend>
        <label className="inline"><input type="radio" name="zone-type" checked={!priv} onChange={() => setPriv(false)} /> Public: answers everyone</label>
        <label className="inline"><input type="radio" name="zone-type" checked={priv} onChange={() => setPriv(true)} /> Private: answers only inside the VPCs you pick</label>
      </fieldset>
      {priv ? <VpcPicker value={vpcs} onChange={setVpcs} /> : (
        <SelectField label="Name servers" value={delegationSet} onChange={(e) => setDelegationSet(e.target.value)}>
          <option value="">Four from this Signpost's pool</option>
          {(sets.data ?? []).map((s) => <option key={s.Id} value={s.Id ?? ''}>Reusable delegation set {s.Id?.replace('/delegationset/', '')}: {s.NameServers?.join(', ')}</option>)}
        </SelectField>
      )}
      {priv && vpcs.length > 1 && <p className="muted">The zone is created with the first VPC; the others are then associated (AssociateVPCWithHostedZone).</p>}
      <ErrorBox error={create.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
