/**
 * A health check as the records table names it: the start of its id, linking to its page, and
 * its published status (what DNS answers by), refreshed as the health page refreshes it.
 */
import { useHealthHistory } from '../api/health.ts';
import { Link } from '../router.tsx';

/** The check `id`'s short id and status badge. */
export function CheckStatus({ id }: { id: string }) {
  const history = useHealthHistory(id);
  const published = history.data?.published;
  const word = published === undefined ? 'unknown' : published ? 'healthy' : 'unhealthy';
  return (
    <Link to={`/health-checks/${id}`} title={`health check ${id}: ${word}`}>
      <code>{id.slice(0, 8)}</code>{' '}
      <span className={`badge ${published === undefined ? 'pending' : published ? 'ok' : 'bad'}`} data-testid="record-check-status">{word}</span>
    </Link>
  );
}
