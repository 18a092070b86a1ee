import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConsoleFiles, registerConsole } from './console-files.ts';

const dist = mkdtempSync(join(tmpdir(), 'signpost-console-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(dist, 'assets', 'index-abc.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

async function app(files = loadConsoleFiles(dist)) {
  const a = Fastify();
  registerConsole(a, files);
  await a.ready();
  return a;
}

describe('the console files at /console/', () => {
  it('serves index.html for the console and any page under it', async () => {
    const a = await app();
    for (const url of ['/console/', '/console/zones/Z123', '/console/health-checks']) {
      const r = await a.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.body).toContain('<title>console</title>');
    }
    expect((await a.inject({ url: '/console' })).headers.location).toBe('/console/');
  });

  it('serves hashed assets as immutable, gzipped when asked, with ETags', async () => {
    const a = await app();
    const plain = await a.inject({ url: '/console/assets/index-abc.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toContain('immutable');
    const gz = await a.inject({ url: '/console/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const again = await a.inject({ url: '/console/assets/index-abc.js', headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for a missing asset and never reads outside the build', async () => {
    const a = await app();
    expect((await a.inject({ url: '/console/assets/old-123.js' })).statusCode).toBe(404);
    const r = await a.inject({ url: '/console/../package.json' });
    expect(r.body).not.toContain('"name"');
    const enc = await a.inject({ url: '/console/%2e%2e/%2e%2e/package.json' });
    expect(enc.body).not.toContain('"name"');
  });

  it('sends a browser opening / to the console, but not a signed request', async () => {
    const a = await app();
    const r = await a.inject({ url: '/' });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/console/');
    expect((await a.inject({ url: '/', headers: { authorization: 'AWS4-HMAC-SHA256 …' } })).statusCode).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const a = await app(new Map());
    const r = await a.inject({ url: '/console/' });
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build:console');
  });
});
