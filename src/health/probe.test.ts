/**
 * Probes against real local servers: HTTP status codes, Host headers, string match (5,120 bytes,
 * gzip), HTTPS without certificate checks and with SNI (checked by the server), TCP, refused
 * connections, timeouts (short timeouts injected), and the probe's source address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { closedPort, selfSignedCert, startTcpServer, startWebServer, type Endpoint } from '../../test/helpers/endpoints.ts';
import { probe, type ProbeTimeouts } from './probe.ts';
import { targetFor } from './target.ts';
import type { HealthCheckSettings } from './settings.ts';

const FAST: ProbeTimeouts = { connectMs: 1000, responseMs: 300, bodyMs: 300, tcpConnectMs: 1000 };
const settings = (more: Partial<HealthCheckSettings>): HealthCheckSettings => ({
  type: 'HTTP', ipAddress: '127.0.0.1', requestInterval: 10, failureThreshold: 3, measureLatency: false, inverted: false, disabled: false, ...more,
});

let web: Endpoint;
let tls: Endpoint;
let tcp: Endpoint;
beforeAll(async () => {
  web = await startWebServer({
    handler: (req, res) => {
      const url = req.url ?? '/';
      if (url === '/fail') return res.writeHead(503).end('down');
      if (url === '/moved') return res.writeHead(301, { location: '/' }).end();
      if (url === '/slow') return; // never answers
      if (url === '/stall-body') return res.writeHead(200).write('partial');
      if (url === '/late-match') return res.end('x'.repeat(5120) + 'READY');
      if (url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('all systems READY'));
      res.end('service READY');
    },
  });
  tls = await startWebServer({ tls: selfSignedCert() });
  tcp = await startTcpServer();
});
afterAll(async () => {
  await Promise.all([web.close(), tls.close(), tcp.close()]);
});

describe('HTTP', () => {
  it('is healthy on 2xx and 3xx, with Route 53 wording and the Host header it sends', async () => {
    const ok = await probe(targetFor(settings({ port: web.port, resourcePath: '/health' }), '127.0.0.1'), FAST);
    expect(ok).toMatchObject({ ok: true, status: 'Success: HTTP Status Code: 200. Resolved IP: 127.0.0.1. OK' });
    expect(ok.latencyMs).toBeGreaterThan(0);
    expect(web.seen.hosts.at(-1)).toBe(`127.0.0.1:${web.port}`);
    expect((await probe(targetFor(settings({ port: web.port, resourcePath: '/moved' }), '127.0.0.1'), FAST)).ok).toBe(true);
    await probe(targetFor(settings({ port: web.port, fullyQualifiedDomainName: 'www.example.com' }), '127.0.0.1'), FAST);
    expect(web.seen.hosts.at(-1)).toBe(`www.example.com:${web.port}`);
  });

  it('fails on 5xx, a refused connection and a missing status line', async () => {
    expect(await probe(targetFor(settings({ port: web.port, resourcePath: '/fail' }), '127.0.0.1'), FAST))
      .toMatchObject({ ok: false, status: 'Failure: HTTP Status Code: 503. Resolved IP: 127.0.0.1. Service Unavailable' });
    expect(await probe(targetFor(settings({ port: await closedPort() }), '127.0.0.1'), FAST))
      .toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. Connection refused.' });
    const slow = await probe(targetFor(settings({ port: web.port, resourcePath: '/slow' }), '127.0.0.1'), FAST);
    expect(slow).toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. The endpoint did not respond with an HTTP status code within the timeout limit.' });
  });

  it('matches the search string in the first 5,120 bytes only, decoding gzip', async () => {
    const match = (path: string, searchString = 'READY') => probe(targetFor(settings({ type: 'HTTP_STR_MATCH', port: web.port, resourcePath: path, searchString }), '127.0.0.1'), FAST);
    expect((await match('/')).ok).toBe(true);
    expect((await match('/gzip')).ok).toBe(true);
    expect(await match('/late-match')).toMatchObject({ ok: false, status: 'Failure: HTTP Status Code: 200. Resolved IP: 127.0.0.1. The search string was not found in the first 5120 bytes of the response body.' });
    expect((await match('/', 'ready')).ok).toBe(false); // case-sensitive
    expect((await match('/stall-body')).status).toBe('Failure: HTTP Status Code: 200. Resolved IP: 127.0.0.1. The response body did not arrive within the timeout limit.');
  });

  it('probes from the configured source address', async () => {
    const r = await probe(targetFor(settings({ port: web.port }), '127.0.0.1', '127.0.0.7'), FAST);
    expect(r).toMatchObject({ ok: true, localAddress: '127.0.0.7' });
    expect(web.seen.sources.at(-1)).toBe('127.0.0.7');
  });
});

describe('HTTPS', () => {
  it('does not verify the certificate, and sends the FQDN as SNI and Host', async () => {
    const r = await probe(targetFor(settings({ type: 'HTTPS', port: tls.port, fullyQualifiedDomainName: 'www.example.com', enableSNI: true }), '127.0.0.1'), FAST);
    expect(r.ok).toBe(true);
    expect(tls.seen.sni.at(-1)).toBe('www.example.com');
    expect(tls.seen.hosts.at(-1)).toBe(`www.example.com:${tls.port}`);
  });

  it('sends no SNI without EnableSNI or without an FQDN', async () => {
    const before = tls.seen.sni.length;
    expect((await probe(targetFor(settings({ type: 'HTTPS', port: tls.port, fullyQualifiedDomainName: 'www.example.com', enableSNI: false }), '127.0.0.1'), FAST)).ok).toBe(true);
    expect((await probe(targetFor(settings({ type: 'HTTPS', port: tls.port }), '127.0.0.1'), FAST)).ok).toBe(true);
    expect(tls.seen.sni.length).toBe(before);
  });

  it('retries once without SNI when the certificate does not name the FQDN, as Route 53 does', async () => {
    for (const more of [{ type: 'HTTPS' as const }, { type: 'HTTPS_STR_MATCH' as const, searchString: 'ok' }]) {
      const sni = tls.seen.sni.length;
      const connections = tls.seen.sources.length;
      const r = await probe(targetFor(settings({ ...more, port: tls.port, fullyQualifiedDomainName: 'shop.example.net', enableSNI: true }), '127.0.0.1'), FAST);
      expect(r).toMatchObject({ ok: true, status: 'Success: HTTP Status Code: 200. Resolved IP: 127.0.0.1. OK' });
      expect(tls.seen.sni.slice(sni)).toEqual(['shop.example.net']); // the first try; the retry sends none
      expect(tls.seen.sources.length - connections).toBe(2);
      expect(tls.seen.hosts.at(-1)).toBe(`shop.example.net:${tls.port}`);
    }
    const connections = tls.seen.sources.length;
    expect((await probe(targetFor(settings({ type: 'HTTPS', port: tls.port, fullyQualifiedDomainName: 'www.example.com', enableSNI: true }), '127.0.0.1'), FAST)).ok).toBe(true);
    expect(tls.seen.sources.length - connections).toBe(1); // a matching certificate: no retry
  });

  it('fails with an SSL reason against a plain HTTP server', async () => {
    const r = await probe(targetFor(settings({ type: 'HTTPS', port: web.port }), '127.0.0.1'), FAST);
    expect(r.ok).toBe(false);
    expect(r.status).toMatch(/^Failure: Resolved IP: 127\.0\.0\.1\. SSL handshake failed: /);
  });
});

describe('TCP', () => {
  it('is healthy when the connection is made, and fails when refused', async () => {
    expect(await probe(targetFor(settings({ type: 'TCP', port: tcp.port }), '127.0.0.1'), FAST)).toMatchObject({ ok: true, status: 'Success: TCP connection established. Resolved IP: 127.0.0.1' });
    expect(await probe(targetFor(settings({ type: 'TCP', port: await closedPort() }), '127.0.0.1'), FAST)).toMatchObject({ ok: false, status: 'Failure: Resolved IP: 127.0.0.1. Connection refused.' });
  });
});
