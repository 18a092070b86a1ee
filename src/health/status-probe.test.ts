/**
 * The status-line probe: how it reads the final status from raw responses (split across packets,
 * after informational responses, malformed, cut short), the exact request it writes, and a path
 * that would break the request line. The everyday cases against a real node:http server are in
 * probe.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { startWebServer } from '../../test/helpers/endpoints.ts';
import type { ProbeTimeouts } from './probe-common.ts';
import { finalStatus, probeStatus, statusRequest } from './status-probe.ts';
import { targetFor } from './target.ts';
import type { HealthCheckSettings } from './settings.ts';

const FAST: ProbeTimeouts = { connectMs: 1000, responseMs: 300, bodyMs: 300, tcpConnectMs: 1000 };
const settings = (more: Partial<HealthCheckSettings>): HealthCheckSettings => ({
  type: 'HTTP', ipAddress: '127.0.0.1', requestInterval: 10, failureThreshold: 3, measureLatency: false, inverted: false, disabled: false, ...more,
});

describe('finalStatus', () => {
  it('reads the code of a complete status line', () => {
    expect(finalStatus('HTTP/1.1 200 OK\r\n')).toBe(200);
    expect(finalStatus('HTTP/1.0 302 Found\r\nLocation: /\r\n')).toBe(302);
    expect(finalStatus('HTTP/1.1 204\r\n')).toBe(204); // the reason phrase may be missing
  });

  it('waits for the rest of a line cut between packets', () => {
    expect(finalStatus('')).toBe('more');
    expect(finalStatus('HTTP/1.1 20')).toBe('more');
  });

  it('skips informational responses, except 101, which is final', () => {
    expect(finalStatus('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\n')).toBe(503);
    expect(finalStatus('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n')).toBe(200);
    expect(finalStatus('HTTP/1.1 103 Early Hints\r\nLink: </a.css>')).toBe('more');
    expect(finalStatus('HTTP/1.1 101 Switching Protocols\r\n')).toBe(101);
  });

  it('calls anything else malformed', () => {
    expect(finalStatus('SSH-2.0-OpenSSH_9.2\r\n')).toBe('malformed');
    expect(finalStatus('HTTP/1.1 2000 OK\r\n')).toBe('malformed');
    expect(finalStatus('x'.repeat(2000))).toBe('malformed'); // no line end in sight
  });
});

describe('the request', () => {
  it('is a GET with the Host header first, the checker headers and Connection: close', () => {
    expect(statusRequest(targetFor(settings({ port: 8080, fullyQualifiedDomainName: 'www.example.com', resourcePath: '/health' }), '192.0.2.1'))).toBe(
      'GET /health HTTP/1.1\r\nHost: www.example.com:8080\r\nUser-Agent: Amazon-Route53-Health-Check-Service (Signpost)\r\n'
      + 'Accept: */*\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n',
    );
  });

  it('percent-encodes a path with spaces, controls or non-ASCII characters', async () => {
    const paths: string[] = [];
    const web = await startWebServer({ handler: (req, res) => { paths.push(req.url ?? ''); res.end(); } });
    try {
      const r = await probeStatus(targetFor(settings({ port: web.port, resourcePath: '/a b/é\r\nX-Injected: 1' }), '127.0.0.1'), FAST);
      expect(r.ok).toBe(true);
      expect(paths).toEqual(['/a%20b/%C3%A9%0D%0AX-Injected:%201']);
    } finally {
      await web.close();
    }
  });
});

describe('against raw servers', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });
  /** Starts a server that answers every connection with `reply`, and returns its port. */
  async function raw(reply: (s: Socket) => void): Promise<number> {
    server = createServer((s) => {
      s.on('error', () => undefined);
      s.once('data', () => reply(s));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return (server.address() as { port: number }).port;
  }
  const probeAt = (port: number) => probeStatus(targetFor(settings({ port }), '127.0.0.1'), FAST);

  it('reads a status line that arrives one byte at a time, after an informational response', async () => {
    const port = await raw((s) => {
      const bytes = [...Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 301 Moved Permanently\r\nLocation: /\r\n\r\n')];
      const next = () => (bytes.length > 0 ? s.write(Buffer.from([bytes.shift()!]), () => setTimeout(next, 1)) : s.end());
      next();
    });
    expect(await probeAt(port)).toMatchObject({ ok: true, status: 'Success: HTTP Status Code: 301. Resolved IP: 127.0.0.1. Moved Permanently' });
  });

  it('fails a server that does not speak HTTP, and one that closes without a status line', async () => {
    const garbage = await raw((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
    expect(await probeAt(garbage)).toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. The response did not start with an HTTP status line.' });
    await new Promise<void>((r) => server!.close(() => r()));
    const closes = await raw((s) => s.end());
    expect(await probeAt(closes)).toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. The connection closed before an HTTP status line.' });
  });

  it('times out a status line that never ends', async () => {
    const port = await raw((s) => s.write('HTTP/1.1 200'));
    expect(await probeAt(port)).toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. The endpoint did not respond with an HTTP status code within the timeout limit.' });
  });
});
