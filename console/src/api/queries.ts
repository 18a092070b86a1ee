/**
 * The data the pages read, as react-query hooks over the SDK: every list is read to its end
 * with the API's own paging, record sets progressively (the table shows each page as it comes).
 */
import { useEffect } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  GetHostedZoneCommand, ListHealthChecksCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand,
  type HealthCheck, type HostedZone, type ListResourceRecordSetsResponse, type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { useSession } from './context.tsx';

/** Returns every hosted zone of the account. */
export function useZones() {
  const { route53 } = useSession();
  return useQuery({
    queryKey: ['zones'],
    queryFn: async () => {
      const out: HostedZone[] = [];
      let marker: string | undefined;
      do {
        const page = await route53.send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 }));
        out.push(...(page.HostedZones ?? []));
        marker = page.IsTruncated ? page.NextMarker : undefined;
      } while (marker);
      return out;
    },
  });
}

/** Returns one zone with its delegation set and VPCs. */
export function useZone(id: string) {
  const { route53 } = useSession();
  return useQuery({ queryKey: ['zone', id], queryFn: () => route53.send(new GetHostedZoneCommand({ Id: id })) });
}

/** Returns the zone's record sets, loading page after page (300 each) until all are read. */
export function useRecordSets(zoneId: string) {
  const { route53 } = useSession();
  const q = useInfiniteQuery({
    queryKey: ['records', zoneId],
    initialPageParam: undefined as undefined | { name: string; type: string; id: string | undefined },
    queryFn: ({ pageParam }) => route53.send(new ListResourceRecordSetsCommand({
      HostedZoneId: zoneId, MaxItems: 300,
      ...(pageParam ? { StartRecordName: pageParam.name, StartRecordType: pageParam.type as never, ...(pageParam.id ? { StartRecordIdentifier: pageParam.id } : {}) } : {}),
    })),
    getNextPageParam: (last: ListResourceRecordSetsResponse) => (last.IsTruncated && last.NextRecordName
      ? { name: last.NextRecordName, type: last.NextRecordType ?? 'A', id: last.NextRecordIdentifier } : undefined),
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = q;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);
  const records: ResourceRecordSet[] = q.data?.pages.flatMap((p) => p.ResourceRecordSets ?? []) ?? [];
  return { ...q, records, complete: !!q.data && !hasNextPage };
}

/** Returns every health check of the account. */
export function useHealthChecks() {
  const { route53 } = useSession();
  return useQuery({
    queryKey: ['health-checks'],
    queryFn: async () => {
      const out: HealthCheck[] = [];
      let marker: string | undefined;
      do {
        const page = await route53.send(new ListHealthChecksCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 }));
        out.push(...(page.HealthChecks ?? []));
        marker = page.IsTruncated ? page.NextMarker : undefined;
      } while (marker);
      return out;
    },
  });
}

/** Returns the record sets of every zone (for "records that use this check"); small deployments only. */
export function useAllRecordSets(enabled: boolean) {
  const { route53 } = useSession();
  const zones = useZones();
  return useQuery({
    queryKey: ['all-records', zones.data?.map((z) => z.Id).join(',')],
    enabled: enabled && !!zones.data,
    queryFn: async () => {
      const out: { zone: HostedZone; record: ResourceRecordSet }[] = [];
      for (const zone of zones.data ?? []) {
        let start: { name: string; type: string; id: string | undefined } | undefined;
        do {
          const page = await route53.send(new ListResourceRecordSetsCommand({
            HostedZoneId: zone.Id, MaxItems: 300,
            ...(start ? { StartRecordName: start.name, StartRecordType: start.type as never, ...(start.id ? { StartRecordIdentifier: start.id } : {}) } : {}),
          }));
          for (const record of page.ResourceRecordSets ?? []) out.push({ zone, record });
          start = page.IsTruncated && page.NextRecordName ? { name: page.NextRecordName, type: page.NextRecordType ?? 'A', id: page.NextRecordIdentifier } : undefined;
        } while (start);
      }
      return out;
    },
  });
}
