// Answer checks of the routing benchmark, before anything is timed: N queries for one name of a
// workload over one UDP socket, the addresses of each answer tallied. Every answer must hold
// only allowed addresses; for the weighted pair (100:50) the share of 192.0.2.1 must be 2/3
// within 6 standard deviations of a binomial (n = 600: 400 +/- 70), so a server that does not
// weight (or always answers one address) fails.
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { ECS_SUBNET, type Workload } from './routing-data.ts';

/** Tally of answers ("a b" sorted addresses, or "status X") over n queries. */
export async function tally(port: number, name: string, ecs: boolean, n: number): Promise<Map<string, number>> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const counts = new Map<string, number>();
  const [ip, prefix] = ECS_SUBNET.split('/');
  try {
    for (let i = 0; i < n; i++) {
      const q = dnsPacket.encode({
        type: 'query', id: i & 0xffff, flags: 0, questions: [{ type: 'A', name }],
        additionals: ecs ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0,
          options: [{ code: 8, family: 1, sourcePrefixLength: Number(prefix), scopePrefixLength: 0, ip: ip! }] }] : [],
      } as unknown as dnsPacket.Packet);
      const reply = await new Promise<Buffer | undefined>((resolve) => {
        const t = setTimeout(() => { sock.off('message', on); resolve(undefined); }, 2000);
        const on = (m: Buffer): void => {
          if (m.readUInt16BE(0) !== (i & 0xffff)) return;
          clearTimeout(t); sock.off('message', on); resolve(m);
        };
        sock.on('message', on);
        sock.send(q, port, '127.0.0.1');
      });
      let key = 'no reply';
      if (reply) {
        const m = dnsPacket.decode(reply);
        const addrs = (m.answers ?? []).filter((a) => a.type === 'A').map((a) => String((a as { data: unknown }).data)).sort();
        key = addrs.length > 0 ? addrs.join(' ') : `status ${(m as { rcode?: string }).rcode ?? '?'} no A`;
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  } finally {
    sock.close();
  }
  return counts;
}

/** Checks one server on one workload; returns what is wrong (empty: fine) and the tally shown. */
export async function checkWorkload(port: number, w: Workload, n = 600): Promise<{ wrong: string; seen: string }> {
  // Health checkers (ifportup, tcp_connect) start with every address up and take a few
  // seconds to mark 127.0.0.2 down: failover answers get up to 60 s to settle.
  const deadline = Date.now() + (w.name === 'failover' ? 60_000 : 0);
  for (;;) {
    const got = await checkOnce(port, w, n);
    if (got.wrong === '' || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function checkOnce(port: number, w: Workload, n: number): Promise<{ wrong: string; seen: string }> {
  const counts = await tally(port, w.check.name, w.check.ecs, n);
  const seen = [...counts].map(([k, c]) => `${k} x${c}`).join(', ');
  const bad = [...counts.keys()].filter((k) => k.split(' ').some((a) => !w.check.allowed.includes(a)));
  if (bad.length > 0) return { wrong: `${w.check.name}: unexpected answers: ${seen} (allowed: ${w.check.allowed.join(', ')})`, seen };
  if (w.name === 'weighted') {
    const heavy = counts.get('192.0.2.1') ?? 0;
    const sd = Math.sqrt(n * (2 / 3) * (1 / 3));
    if (Math.abs(heavy - (n * 2) / 3) > 6 * sd) return { wrong: `${w.check.name}: not weighted 100:50: ${seen}`, seen };
  }
  return { wrong: '', seen };
}
