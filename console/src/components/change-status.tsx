/**
 * A change's status: PENDING until every DNS node serves it, then INSYNC (GetChange, polled).
 */
import { useQuery } from '@tanstack/react-query';
import { GetChangeCommand } from '@aws-sdk/client-route-53';
import { useSession } from '../api/context.tsx';

/** Shows the status of change `id`, polling until INSYNC. */
export function ChangeStatus({ id }: { id: string }) {
  const { route53 } = useSession();
  const q = useQuery({
    queryKey: ['change', id],
    queryFn: async () => (await route53.send(new GetChangeCommand({ Id: id }))).ChangeInfo,
    refetchInterval: (query) => (query.state.data?.Status === 'INSYNC' ? false : 500),
  });
  const status = q.data?.Status ?? 'PENDING';
  return (
    <span className={`badge ${status === 'INSYNC' ? 'ok' : 'pending'}`} role="status" aria-live="polite" data-testid="change-status">
      Change {id.replace('/change/', '')}: {status}
    </span>
  );
}
