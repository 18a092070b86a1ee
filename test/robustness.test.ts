/**
 * Robustness of the real server against hostile input: malformed datagrams and TCP frames get
 * FORMERR (ID echoed) or no answer, every answer decodes with dns-packet and decodeMessage, and
 * the server keeps answering a good query after every batch. One `signpost start` process takes
 * the malformed and random traffic; the TCP idle timeout and connection cap need settings the
 * CLI does not offer, so they run against DNS nodes started in-process.
 */
import { rmSync } from 'node:fs';
import pino from 'pino';
import dnsPacket from 'dns-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rcodeToString } from '../src/dns/index.ts';
import { startDnsNode, type DnsNode } from '../src/server/dns-node.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { cases, ZONE_NAME, ZONE_TEXT, type DnsCase } from './cases/authoritative.ts';
import { caseQuery, expectCase, wireSections } from './helpers/dns-case.ts';
import { importZones, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { checkResponse } from './robustness/check.ts';
import { barrierQuery, frame, openTcp, openUdp, sleep, type TcpClient, type UdpClient } from './robustness/clients.ts';
import { malformedCases, type MalformedCase } from './robustness/corpus.ts';
import { TYPE, ecs, header, nameOfSize, query, question } from './robustness/packets.ts';
import { randomPackets } from './robustness/random.ts';
import { createRng } from './robustness/rng.ts';

const byName = (name: string): DnsCase => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no table case "${name}"`);
  return c;
};
const WWW = byName('CNAME followed inside the zone');
const BIG_FITS = byName('a large answer fits with EDNS');
const BIG_TC = byName('a large answer over 512 bytes without EDNS is truncated');

/** The barrier's answer is the table's answer for www.example.org. A: the server still works. */
function expectGoodAnswer(barrier: Buffer): void {
  checkResponse(barrierQuery(), barrier, { udp: false, label: 'barrier' });
  expectCase(wireSections(barrier), WWW);
}

function expectVerdict(c: MalformedCase, responses: Buffer[], udp: boolean): void {
  const hex = `query ${c.packet.toString('hex')}`;
  if (c.expect === 'none') {
    expect(responses.map((r) => r.toString('hex')), `no answer to ${hex}`).toEqual([]);
    return;
  }
  expect(responses, `one answer to ${hex}`).toHaveLength(1);
  const m = checkResponse(c.packet, responses[0]!, { udp, label: c.name });
  expect(rcodeToString(m.rcode), `rcode for ${hex}\n response ${responses[0]!.toString('hex')}`).toBe(c.expect);
  if (c.opt) expect(m.edns, `OPT in the answer to ${hex}`).toBeDefined();
}

/** Sends random packets in windows, each closed by a barrier; checks every answer. */
async function runRandom(send: (p: Buffer[]) => Promise<{ responses: Buffer[]; barrier: Buffer }>, packets: Buffer[], udp: boolean): Promise<number> {
  let answered = 0;
  for (let i = 0; i < packets.length; i += 50) {
    const window = packets.slice(i, i + 50);
    const { responses, barrier } = await send(window);
    expectGoodAnswer(barrier);
    const byId = new Map(window.filter((p) => p.length >= 2).map((p) => [p.readUInt16BE(0), p]));
    const seen = new Set<number>();
    for (const r of responses) {
      const id = r.readUInt16BE(0);
      const q = byId.get(id);
      expect(q, `answer ${r.toString('hex')} matches a query sent`).toBeDefined();
      expect(seen.has(id), `one answer per query (ID ${id})`).toBe(false);
      seen.add(id);
      expect(q!.length, `no answer to a message shorter than a header: ${q!.toString('hex')}`).toBeGreaterThanOrEqual(12);
      expect(q![2]! & 0x80, `no answer to a response: ${q!.toString('hex')}`).toBe(0);
      checkResponse(q!, r, { udp, label: 'random packet' });
      answered++;
    }
  }
  return answered;
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, sleep(ms).then(() => { throw new Error(`${what}: not within ${ms} ms`); })]);

describe('one running server under malformed traffic', () => {
  let sp: Signpost;
  let udp: UdpClient;
  beforeAll(async () => {
    sp = await startSignpost({ zones: { [ZONE_NAME]: ZONE_TEXT } });
    udp = await openUdp(sp.dnsPort);
  });
  afterAll(async () => {
    await udp?.close();
    await sp?.stop();
  });
  afterEach(() => {
    expect(sp.process.exitCode, `server still running:\n${sp.output()}`).toBeNull();
    // Level 50/60: an exception answered SERVFAIL, or worse.
    expect(sp.output()).not.toMatch(/"level":(50|60)/);
  });

  const corpus = malformedCases();

  describe('UDP: each malformed datagram gets FORMERR or no answer, then a good query is answered', () => {
    for (const c of corpus) {
      it(`${c.name} -> ${c.expect}`, async () => {
        const { responses, barrier } = await udp.batch([c.packet]);
        expectVerdict(c, responses, true);
        expectGoodAnswer(barrier);
      });
    }
  });

  describe('TCP: the same messages as frames on one connection', () => {
    let tcp: TcpClient;
    beforeAll(async () => { tcp = await openTcp(sp.dnsPort); });
    afterAll(() => { tcp?.socket.destroy(); });
    for (const c of corpus) {
      it(`${c.name} -> ${c.expect}`, async () => {
        const { responses, barrier } = await tcp.batch([c.packet]);
        expectVerdict(c, responses, false);
        expectGoodAnswer(barrier);
      });
    }
  });

  it('UDP: 3000 seeded random packets get well-formed answers or none', async () => {
    const answered = await runRandom((p) => udp.batch(p), randomPackets(createRng(0x5eed), 3000, 0), true);
    expect(answered).toBeGreaterThan(300); // the corpus reaches the answering paths, not only drops
  });

  it('TCP: 600 seeded random frames on one connection get well-formed answers or none', async () => {
    const tcp = await openTcp(sp.dnsPort);
    try {
      await runRandom((p) => tcp.batch(p), randomPackets(createRng(0x7cb), 600, 0), false);
    } finally {
      tcp.socket.destroy();
    }
  });

  it('a qname of exactly 255 bytes is a valid question (NXDOMAIN), 256 is FORMERR (RFC 1035 3.1)', async () => {
    const q = Buffer.concat([header(0x0255), question(nameOfSize(255))]);
    const m = checkResponse(q, await udp.ask(q), { udp: true, label: '255-byte qname' });
    expect(rcodeToString(m.rcode)).toBe('NXDOMAIN');
  });

  it('a well-formed Client Subnet option is echoed with scope 0 (RFC 7871 7.2.1)', async () => {
    const q = query('www.example.org.', TYPE.A, { id: 0x0ec5, options: ecs(1, 24, 0, [192, 0, 2]) });
    const resp = await udp.ask(q);
    const m = checkResponse(q, resp, { udp: true, label: 'ECS' });
    expectCase(wireSections(resp), WWW);
    expect(m.edns?.options.map((o) => [o.code, Buffer.from(o.data).toString('hex')])).toEqual([[8, '00011800c00002']]);
    const opt = dnsPacket.decode(resp).additionals?.find((r) => r.type === 'OPT');
    expect(opt && 'options' in opt ? opt.options : undefined).toEqual([
      expect.objectContaining({ code: 8, family: 1, sourcePrefixLength: 24, scopePrefixLength: 0, ip: '192.0.2.0' }),
    ]);
  });

  describe('UDP truncation (RFC 1035 4.2.1, RFC 6891 6.2.5)', () => {
    it('without EDNS the big TXT gets TC and fits in 512 bytes', async () => {
      const q = caseQuery(BIG_TC, 0x0512);
      const resp = await udp.ask(q);
      const m = checkResponse(q, resp, { udp: true, label: 'big TXT, no EDNS' });
      expect(resp.length).toBeLessThanOrEqual(512);
      expect(m.edns).toBeUndefined();
      expectCase(wireSections(resp), BIG_TC);
    });
    it('with EDNS 1232 the big TXT fits whole under 1232 bytes', async () => {
      const q = caseQuery(BIG_FITS, 0x1232);
      const resp = await udp.ask(q);
      checkResponse(q, resp, { udp: true, label: 'big TXT, EDNS 1232' });
      expect(resp.length).toBeLessThanOrEqual(1232);
      expectCase(wireSections(resp), BIG_FITS);
    });
    it('with EDNS 600 (less than the answer) it gets TC and fits in 600 bytes, OPT kept', async () => {
      const q = caseQuery(BIG_FITS, 0x0600, { udpSize: 600 });
      const resp = await udp.ask(q);
      const m = checkResponse(q, resp, { udp: true, label: 'big TXT, EDNS 600' });
      expect(resp.length).toBeLessThanOrEqual(600);
      expect(m.tc).toBe(true);
      expect(m.answers).toEqual([]);
      expect(m.edns).toBeDefined();
    });
    it('an EDNS size below 512 counts as 512 (RFC 6891 6.2.5)', async () => {
      const q = caseQuery(BIG_FITS, 0x0100, { udpSize: 100 });
      const resp = await udp.ask(q);
      const m = checkResponse(q, resp, { udp: true, label: 'big TXT, EDNS 100' });
      expect(resp.length).toBeLessThanOrEqual(512);
      expect(m.tc).toBe(true);
    });
  });

  describe('TCP framing', () => {
    it('a frame sent one byte at a time is answered', async () => {
      const tcp = await openTcp(sp.dnsPort);
      try {
        for (const b of frame(barrierQuery())) {
          tcp.socket.write(Buffer.from([b]));
          await sleep(5);
        }
        expectGoodAnswer(await tcp.next());
      } finally {
        tcp.socket.destroy();
      }
    });
    it('several queries in one write are answered in order', async () => {
      const table = [...cases.filter((c) => !c.tc).slice(0, 8), { ...BIG_FITS, noEdns: true }];
      const queries = table.map((c, i) => caseQuery(c, 0x2000 + i));
      const tcp = await openTcp(sp.dnsPort);
      try {
        tcp.socket.write(Buffer.concat(queries.map(frame)));
        for (const [i, c] of table.entries()) {
          const resp = await tcp.next();
          checkResponse(queries[i]!, resp, { udp: false, label: c.name });
          expectCase(wireSections(resp), c);
        }
      } finally {
        tcp.socket.destroy();
      }
    });
    it('a zero-length frame gets no answer and the connection stays usable', async () => {
      const tcp = await openTcp(sp.dnsPort);
      try {
        tcp.socket.write(Buffer.concat([Buffer.from([0, 0]), frame(barrierQuery())]));
        expectGoodAnswer(await tcp.next());
        expect(tcp.isClosed()).toBe(false);
      } finally {
        tcp.socket.destroy();
      }
    });
    it('a frame of garbage gets a framed FORMERR; a frame shorter than a header gets nothing', async () => {
      const garbage = Buffer.concat([Buffer.from('474700000001000000000000', 'hex'), Buffer.alloc(40, 0xff)]);
      const tcp = await openTcp(sp.dnsPort);
      try {
        const { responses, barrier } = await tcp.batch([Buffer.from([0x13, 0x37, 0x00]), garbage]);
        expect(responses).toHaveLength(1);
        const m = checkResponse(garbage, responses[0]!, { udp: false, label: 'garbage frame' });
        expect(rcodeToString(m.rcode)).toBe('FORMERR');
        expectGoodAnswer(barrier);
      } finally {
        tcp.socket.destroy();
      }
    });
  });
});

describe('in-process DNS nodes: TCP idle timeout and connection cap', () => {
  const dataDir = tempDataDir();
  let store: Store;
  let idle: DnsNode;
  let capped: DnsNode;
  const portOf = (n: DnsNode) => Number(n.listeners[0]!.split(':').pop());
  beforeAll(async () => {
    await importZones(dataDir, { [ZONE_NAME]: ZONE_TEXT });
    store = openStore(dataDir);
    const base = { store, listen: [{ host: '127.0.0.1', port: 0, family: 4 as const }], reusePort: false, log: pino({ level: 'silent' }) };
    idle = await startDnsNode({ ...base, id: 'robustness-idle', tcpIdleTimeoutMs: 300 });
    capped = await startDnsNode({ ...base, id: 'robustness-cap', tcpMaxConnections: 5 });
  });
  afterAll(async () => {
    await idle?.stop();
    await capped?.stop();
    store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Connects, asks the barrier query, and says whether it was answered (false: refused or closed). */
  async function served(port: number): Promise<boolean> {
    let tcp: TcpClient;
    try {
      tcp = await openTcp(port);
    } catch {
      return false;
    }
    try {
      tcp.socket.write(frame(barrierQuery()));
      expectGoodAnswer(await tcp.next());
      return true;
    } catch {
      return false;
    } finally {
      tcp.socket.destroy();
    }
  }

  it('a length prefix promising more than is sent: no answer, closed after the idle timeout', async () => {
    const tcp = await openTcp(portOf(idle));
    tcp.socket.write(Buffer.from([0x00, 0x40, 0x12, 0x34, 0x01, 0x00]));
    await within(tcp.closed, 5000, 'server closes the idle connection');
    expect(tcp.frames).toEqual([]);
    expect(await served(portOf(idle))).toBe(true);
  });

  it('a silent connection is closed after the idle timeout', async () => {
    const tcp = await openTcp(portOf(idle));
    await within(tcp.closed, 5000, 'server closes the silent connection');
  });

  // Slowloris: Node's own socket timeout restarts on every byte, so a byte every 100 ms kept a
  // connection (one of the 1,000 allowed) open for ever.
  it('a client sending a byte now and then is closed after the idle timeout all the same', async () => {
    const tcp = await openTcp(portOf(idle));
    tcp.socket.write(Buffer.from([0x00, 0x40]));
    const dribble = setInterval(() => tcp.socket.write(Buffer.from([0x00])), 100);
    try {
      await within(tcp.closed, 3000, 'server closes the dribbling connection');
    } finally {
      clearInterval(dribble);
    }
    expect(await served(portOf(idle))).toBe(true);
  });

  // A client that never reads its answers once made the server keep every answer in memory
  // (730 MB for 150,000 queries). Reading stops while answers wait, so only what the sockets'
  // buffers hold is ever answered.
  it('stops answering a client that does not read its answers', async () => {
    const respond = capped.responder.respond;
    let answered = 0;
    capped.responder.respond = (...args) => { answered++; return respond(...args); };
    const tcp = await openTcp(portOf(capped));
    try {
      tcp.socket.pause();
      const big = frame(caseQuery(BIG_FITS, 7));
      const sent = 60_000;
      tcp.socket.write(Buffer.concat(Array.from({ length: sent }, () => big)));
      await sleep(1500);
      console.log(`answered ${answered} of ${sent} queries for a client that reads nothing`);
      expect(answered).toBeLessThan(sent / 2);
    } finally {
      tcp.socket.destroy();
      capped.responder.respond = respond;
    }
    expect(await served(portOf(capped))).toBe(true);
  });

  it('the 6th connection is not served while 5 are open, and is after they close', async () => {
    const port = portOf(capped);
    const held = await Promise.all(Array.from({ length: 5 }, () => openTcp(port)));
    for (const c of held) expectGoodAnswer((await c.batch([])).barrier);
    const sixth = await openTcp(port).catch(() => undefined);
    if (sixth) {
      sixth.socket.write(frame(barrierQuery()));
      await within(sixth.closed, 5000, 'server closes the connection over the cap');
      expect(sixth.frames).toEqual([]);
    }
    for (const c of held) expectGoodAnswer((await c.batch([])).barrier);
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    // The server counts a connection gone once it sees the close: retry until then.
    let ok = false;
    for (const deadline = Date.now() + 5000; !ok && Date.now() < deadline;) {
      ok = await served(port);
      if (!ok) await sleep(50);
    }
    expect(ok).toBe(true);
  });
});
