/**
 * A tiny upstream DNS server for tests, written with our own codec: UDP and TCP on one port of
 * 127.0.0.1 or ::1 (port 0 picks a free one). Answers come from a table the test changes as it goes;
 * a name can be made to time out, fail with an RCODE, or answer truncated over UDP.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import {
  RRClass, RRType, Rcode, decodeMessage, encodeMessage, lowerName, nameToText, nameFromText, rdataFromText, rrTypeFromString,
  type LowerName, type Message, type ResourceRecord,
} from '../../src/dns/index.ts';
import { tokenizeRdata } from '../../src/dns/rdata/index.ts';

/** How the server treats one name. Records are `owner ttl type rdata` strings. */
export type Behaviour = {
  records?: string[];
  /** NXDOMAIN instead of NOERROR (records still go in the answer, e.g. a CNAME to a missing name). */
  nxdomain?: boolean;
  /** SOA added to the authority section of empty answers: `ttl minimum`. */
  soa?: { ttl: number; minimum: number };
  rcode?: number;
  /** Over UDP: TC set and no records, so the client must ask again over TCP. */
  truncateUdp?: boolean;
  /** Send nothing. */
  drop?: boolean;
  /** Keep the answer until `release()` (to see how many questions are in flight). */
  hold?: boolean;
};

export type TestUpstream = {
  host: string;
  port: number;
  /** Behaviour per lower-case presentation name, e.g. 'lb.example.net.' (other spellings never match). */
  names: Map<string, Behaviour>;
  /** Questions received: 'name TYPE udp|tcp'. */
  log: string[];
  /** Sends every held answer. */
  release(): void;
  /** Closes both sockets (further questions time out); `start` binds the same port again. */
  stop(): Promise<void>;
  start(): Promise<void>;
};

function record(text: string): ResourceRecord {
  const [owner, ttl, type, ...rest] = text.split(/\s+/);
  const t = rrTypeFromString(type!)!;
  return { name: nameFromText(owner!), type: t, class: RRClass.IN, ttl: Number(ttl), rdata: rdataFromText(t, tokenizeRdata(rest.join(' '))) };
}

function soaRecord(zone: string, ttl: number, minimum: number): ResourceRecord {
  return record(`${zone} ${ttl} SOA ns.${zone} hostmaster.${zone} 1 7200 900 1209600 ${minimum}`);
}

/** Returns the response to a query (undefined: send nothing) and whether to hold it back. */
function respond(names: Map<string, Behaviour>, log: string[], msg: Uint8Array, tcp: boolean): { out: Uint8Array | undefined; hold: boolean } {
  const b = names.get(questionText(names, msg) ?? '');
  return { out: answer(names, log, msg, tcp), hold: b?.hold === true };
}

/** Returns the table's spelling of the question's name, if the table has it. */
function questionText(names: Map<string, Behaviour>, msg: Uint8Array): string | undefined {
  try {
    const q = decodeMessage(msg).questions[0];
    const text = q && nameToText(lowerName(q.name));
    return text !== undefined && names.has(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function answer(names: Map<string, Behaviour>, log: string[], msg: Uint8Array, tcp: boolean): Uint8Array | undefined {
  let q: Message;
  try {
    q = decodeMessage(msg);
  } catch {
    return undefined;
  }
  const question = q.questions[0];
  if (!question) return undefined;
  const key: LowerName = lowerName(question.name);
  const text = names.has(nameToText(key)) ? nameToText(key) : undefined;
  log.push(`${text ?? key} ${question.type === RRType.A ? 'A' : question.type === RRType.AAAA ? 'AAAA' : question.type} ${tcp ? 'tcp' : 'udp'}`);
  const b: Behaviour = text ? names.get(text)! : { nxdomain: true, soa: { ttl: 60, minimum: 60 } };
  if (b.drop) return undefined;
  const r: Message = { ...q, qr: true, ra: true, aa: false, tc: false, answers: [], authority: [], additional: [], rcode: Rcode.NOERROR };
  if (b.rcode !== undefined) r.rcode = b.rcode;
  else if (b.truncateUdp && !tcp) r.tc = true;
  else {
    if (b.nxdomain) r.rcode = Rcode.NXDOMAIN;
    // The records of the question's type, and every CNAME, as a resolver hands out a chain.
    r.answers = (b.records ?? []).map(record).filter((rr) => rr.type === question.type || rr.type === RRType.CNAME);
    if (b.soa && !r.answers.some((rr) => rr.type === question.type)) r.authority.push(soaRecord('example.net.', b.soa.ttl, b.soa.minimum));
  }
  return encodeMessage(r);
}

/** Starts the server on `host` (127.0.0.1 or ::1), on `port` (0 = any free port). */
export async function startTestUpstream(port = 0, host = '127.0.0.1'): Promise<TestUpstream> {
  const names = new Map<string, Behaviour>();
  const log: string[] = [];
  let udp: dgram.Socket | undefined;
  let tcp: net.Server | undefined;
  const open = new Set<net.Socket>();
  let held: (() => void)[] = [];
  const self: TestUpstream = {
    host, port, names, log,
    release() {
      const h = held;
      held = [];
      for (const send of h) send();
    },
    async start() {
      const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      udp = socket;
      socket.on('message', (msg, rinfo) => {
        const { out, hold } = respond(names, log, msg, false);
        const send = () => {
          try {
            socket.send(out!, rinfo.port, rinfo.address, () => undefined);
          } catch { /* stopped meanwhile */ }
        };
        if (out && hold) held.push(send); else if (out) send();
      });
      await new Promise<void>((r) => socket.bind(self.port, host, () => r()));
      self.port = socket.address().port;
      tcp = net.createServer((s) => {
        open.add(s);
        s.on('close', () => open.delete(s));
        s.on('error', () => s.destroy());
        let got = Buffer.alloc(0);
        s.on('data', (chunk: Buffer) => {
          got = Buffer.concat([got, chunk]);
          while (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) {
            const { out } = respond(names, log, got.subarray(2, 2 + got.readUInt16BE(0)), true);
            got = got.subarray(2 + got.readUInt16BE(0));
            if (!out) continue;
            const frame = Buffer.alloc(2 + out.length);
            frame.writeUInt16BE(out.length, 0);
            frame.set(out, 2);
            s.write(frame);
          }
        });
      });
      await new Promise<void>((r) => tcp!.listen(self.port, host, () => r()));
    },
    async stop() {
      await new Promise<void>((r) => (udp ? udp.close(() => r()) : r()));
      for (const s of open) s.destroy();
      await new Promise<void>((r) => (tcp ? tcp.close(() => r()) : r()));
      udp = undefined;
      tcp = undefined;
    },
  };
  await self.start();
  return self;
}
