/**
 * The address a checker's probes to `ip` leave from, asked of the kernel without sending
 * anything: connect() on a UDP socket only picks the route and the source address. A checker
 * learns its address from its probes' sockets, but a probe that never connects (refused, timed
 * out) has none, and Route 53 names the checker's address in every observation.
 */
import dgram from 'node:dgram';
import { isIP, isIPv6 } from 'node:net';

/** Resolves with the source address for `ip`, or undefined when there is no route to it. */
export function sourceAddressFor(ip: string): Promise<string | undefined> {
  // A name would be looked up in DNS first: only addresses are asked about.
  if (isIP(ip) === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = dgram.createSocket(isIPv6(ip) ? 'udp6' : 'udp4');
    const done = (address: string | undefined) => { socket.close(); resolve(address); };
    socket.on('error', () => done(undefined));
    // The port does not matter: nothing is sent.
    socket.connect(9, ip, () => {
      try {
        const { address } = socket.address();
        done(address === '0.0.0.0' || address === '::' ? undefined : address);
      } catch {
        done(undefined);
      }
    });
  });
}
