/**
 * A small DNS client for tests that send many queries (statistics of weighted answers): one UDP
 * socket, queries encoded with our codec, answers decoded and matched by ID, one at a time.
 */
import dgram from 'node:dgram';
import { decodeMessage, emptyMessage, encodeMessage, nameFromText, rrTypeFromString, type ClientSubnet, EdnsOption, type Message } from '../../src/dns/index.ts';
import { encodeClientSubnet } from '../../src/dns/edns.ts';

export type UdpClient = {
  /** Sends one query; resolves with the decoded response. */
  query(qname: string, qtype: string, opts?: { subnet?: ClientSubnet }): Promise<Message>;
  close(): void;
};

/** Opens a client bound to `bind` (a loopback address; default 127.0.0.1) for server 127.0.0.1:port. */
export async function udpClient(port: number, bind = '127.0.0.1', server = '127.0.0.1'): Promise<UdpClient> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind({ address: bind, port: 0 }, () => r()));
  let id = 0;
  const waiting = new Map<number, (m: Message) => void>();
  socket.on('message', (buf) => {
    const m = decodeMessage(buf);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  return {
    query(qname, qtype, opts = {}) {
      id = (id + 1) & 0xffff;
      const m = emptyMessage(id);
      m.questions.push({ name: nameFromText(qname.endsWith('.') ? qname : qname + '.'), type: rrTypeFromString(qtype)!, class: 1 });
      const options = opts.subnet ? [{ code: EdnsOption.CLIENT_SUBNET, data: encodeClientSubnet(opts.subnet, 0) }] : [];
      m.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: false, options };
      const mine = id;
      return new Promise<Message>((resolve, reject) => {
        const timer = setTimeout(() => { waiting.delete(mine); reject(new Error(`no answer to ${qname} ${qtype}`)); }, 2000);
        waiting.set(mine, (r) => { clearTimeout(timer); resolve(r); });
        socket.send(encodeMessage(m), port, server);
      });
    },
    close: () => socket.close(),
  };
}
