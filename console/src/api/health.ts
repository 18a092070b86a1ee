/**
 * A health check's status as the console shows it. The health history endpoint carries the
 * published status (after Inverted, Disabled and CALCULATED are applied: what DNS answers by);
 * without it, the status is Route 53's aggregate of the checkers' last reports (healthy when
 * more than 18 % say so), inverted when the check is.
 */
import { useQuery } from '@tanstack/react-query';
import type { HealthCheck, HealthCheckObservation } from '@aws-sdk/client-route-53';
import { useSession } from './context.tsx';
import { signedGet } from './signed-fetch.ts';
import { readHistory, readPublished, type Series } from '../lib/health-history.ts';

export type Overall = 'Healthy' | 'Unhealthy' | 'Unknown';

/** Path of the health history endpoint (a Signpost extension, SigV4-signed like the API). */
export const historyPath = (id: string) => `/signpost/health-checks/${encodeURIComponent(id)}/history`;

/** True when a checker's report says healthy ("Success: …", as Route 53 words it). */
export const reportHealthy = (o: HealthCheckObservation) => /^success/i.test(o.StatusReport?.Status ?? '');

/** Returns the status to show for a check. */
export function overallStatus(h: HealthCheck | undefined, obs: readonly HealthCheckObservation[] | undefined, published: boolean | undefined): Overall {
  if (published !== undefined) return published ? 'Healthy' : 'Unhealthy';
  if (h?.HealthCheckConfig?.Disabled) return 'Healthy';
  if (!obs || obs.length === 0) return 'Unknown';
  const up = obs.filter(reportHealthy).length / obs.length > 0.18;
  return up !== (h?.HealthCheckConfig?.Inverted ?? false) ? 'Healthy' : 'Unhealthy';
}

/** Returns the check's history: a series per checker, and the published status. */
export function useHealthHistory(id: string | undefined) {
  const { credentials } = useSession();
  return useQuery({
    queryKey: ['hc-history', id],
    enabled: !!id,
    refetchInterval: 5000,
    queryFn: async (): Promise<{ series: Series[]; published: boolean | undefined }> => {
      const doc: unknown = JSON.parse((await signedGet(credentials, historyPath(id!))).text);
      return { series: readHistory(doc), published: readPublished(doc) };
    },
  });
}
