/**
 * Keeps a DNS node's compiled zones in step with the store: polls zone versions (cheap), and
 * recompiles only the zones whose version moved, off the query path. Publishes a new immutable
 * Catalog whenever anything changed. `refresh()` can be nudged by a notification.
 */
import { lowerName, type LowerName } from '../dns/index.ts';
import type { Store } from '../store/types.ts';
import { compileStoredZone, readZoneInput } from '../store/load-zone-index.ts';
import type { ZoneIndex } from '../zone/zone-index.ts';
import type { Catalog } from './responder.ts';
import { sharedBlocks, type CatalogVpc, type CatalogZone } from './views.ts';

export type ZoneFeed = {
  /** Loads what changed; resolves when the new catalog (if any) is published. */
  refresh(): Promise<void>;
  /** Zone id -> version now served. */
  served(): Record<string, number>;
  stop(): void;
};

type Loaded = {
  version: number; name: string; createdAt: string; index: ZoneIndex | undefined;
  privateZone: boolean; nameServers: string[]; vpcs: string[];
};

export type ZoneFeedOptions = {
  pollMs: number;
  onCatalog: (catalog: Catalog) => void;
  onError: (err: unknown, zoneId: string | undefined) => void;
  /** Called when the VPCs change and some share a block (views.ts: its clients are in none). */
  onSharedBlocks?: (shared: { block: string; vpcs: string[] }[]) => void;
};

/** Starts the feed; the first refresh runs at once. */
export function startZoneFeed(store: Store, opts: ZoneFeedOptions): ZoneFeed {
  const loaded = new Map<string, Loaded>();
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let vpcs: CatalogVpc[] = [];
  let vpcsSeen = '';

  async function loadOnce(): Promise<void> {
    const versions = await store.zoneVersions();
    let changed = false;
    // VPC blocks change through the EC2 API without any zone changing: compared whole.
    const nowVpcs = (await store.listVpcs()).map((v) => ({ id: v.id, cidrs: v.cidrs.map((c) => c.cidrBlock) }));
    const seen = JSON.stringify(nowVpcs);
    if (seen !== vpcsSeen) {
      vpcs = nowVpcs;
      vpcsSeen = seen;
      changed = true;
      const shared = sharedBlocks(vpcs);
      if (shared.length > 0) opts.onSharedBlocks?.(shared);
    }
    for (const id of loaded.keys()) {
      if (!versions.has(id)) {
        loaded.delete(id);
        changed = true;
      }
    }
    for (const [id, version] of versions) {
      if (loaded.get(id)?.version === version) continue;
      // Store errors propagate (the whole refresh is retried on the next poll); only a zone
      // that fails to compile is marked loaded, so that it is not recompiled at every poll.
      const zone = await store.getZone(id);
      if (!zone) continue;
      const set = zone.delegationSetId === null ? undefined : await store.getDelegationSet(zone.delegationSetId);
      const associated = zone.privateZone ? (await store.listZoneVpcs(id)).map((a) => a.vpcId) : [];
      const read = await readZoneInput(store, zone); // a store error here is retried at the next poll
      let index: ZoneIndex | undefined;
      try {
        index = compileStoredZone(read);
      } catch (err) {
        opts.onError(err, id); // served as before; a bad zone never takes the node down
        index = loaded.get(id)?.index;
      }
      loaded.set(id, {
        version: zone.version, name: zone.name, createdAt: zone.createdAt, index, privateZone: zone.privateZone,
        nameServers: (set?.nameServers ?? []).map((n) => n.toLowerCase()), vpcs: associated,
      });
      changed = true;
    }
    if (changed) opts.onCatalog(buildCatalog());
  }

  function buildCatalog(): Catalog {
    const zones = new Map<LowerName, ZoneIndex>();
    // Several hosted zones may share a name; the oldest one answers, unless listeners are told
    // their name servers (views.ts). Private zones are never in this map: views add them.
    const ordered = [...loaded.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const all: CatalogZone[] = [];
    for (const z of ordered) {
      if (!z.index) continue;
      all.push({ index: z.index, createdAt: z.createdAt, privateZone: z.privateZone, nameServers: z.nameServers, vpcs: z.vpcs });
      if (z.privateZone) continue;
      const key = lowerName(z.index.apexName);
      if (!zones.has(key)) zones.set(key, z.index);
    }
    return { zones, all, vpcs };
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await loadOnce();
        } while (again && !stopped);
      } catch (err) {
        opts.onError(err, undefined);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void refresh(), opts.pollMs);
  timer.unref();
  void refresh();
  return {
    refresh,
    served() {
      const out: Record<string, number> = {};
      for (const [id, z] of loaded) if (z.index) out[id] = z.index.version;
      return out;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
