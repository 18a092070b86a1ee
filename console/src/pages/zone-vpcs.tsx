/**
 * A private zone's VPCs on its page: each can be disassociated (DisassociateVPCFromHostedZone;
 * Route 53 refuses the last one with LastVPCAssociation, shown as the API words it), and more can
 * be associated with the VPC picker (AssociateVPCWithHostedZone, one request per VPC).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AssociateVPCWithHostedZoneCommand, DisassociateVPCFromHostedZoneCommand, type VPC, type VPCRegion } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';
import { ErrorBox } from '../components/feedback.tsx';
import { VpcPicker, type VpcChoice } from '../components/vpc-picker.tsx';

/** The VPC list and its actions for the private zone `id`. */
export function ZoneVpcs({ id, vpcs }: { id: string; vpcs: VPC[] }) {
  const { route53 } = useSession();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [chosen, setChosen] = useState<VpcChoice[]>([]);
  const reload = () => qc.invalidateQueries({ queryKey: ['zone', id] });
  const disassociate = useMutation({
    mutationFn: (vpc: VPC) => route53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: vpc })),
    onSuccess: reload,
  });
  const associate = useMutation({
    mutationFn: async () => {
      for (const v of chosen) await route53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: v.id, VPCRegion: v.region as VPCRegion } }));
    },
    onSuccess: async () => { setAdding(false); setChosen([]); await reload(); },
    // A failure part-way leaves the first VPCs associated: show them.
    onError: reload,
  });
  return (
    <div className="stack">
      <ul className="plain" aria-label="VPCs">
        {vpcs.map((v) => (
          <li key={`${v.VPCId}/${v.VPCRegion}`}>
            <code>{v.VPCId}</code> ({v.VPCRegion}){' '}
            <button type="button" className="small" disabled={disassociate.isPending} onClick={() => disassociate.mutate(v)} aria-label={`Disassociate ${v.VPCId}`}>Disassociate</button>
          </li>
        ))}
        {vpcs.length === 0 && <li className="muted">none</li>}
      </ul>
      <ErrorBox error={disassociate.error} />
      {adding ? (
        <div className="stack">
          <VpcPicker value={chosen} onChange={setChosen} />
          <div className="row">
            <button type="button" className="small primary" disabled={chosen.length === 0 || associate.isPending} onClick={() => associate.mutate()}>Associate</button>
            <button type="button" className="small" onClick={() => { setAdding(false); setChosen([]); }}>Cancel</button>
          </div>
          <ErrorBox error={associate.error} />
        </div>
      ) : <div><button type="button" className="small" onClick={() => setAdding(true)}>Associate VPCs</button></div>}
    </div>
  );
}
