/**
 * The web console's static files at /console/ (built into console/dist by `npm install`).
 * The files are read once, at start, into memory: only those paths are ever served, so no
 * request path reaches the file system. Unknown paths under /console/ get index.html (the
 * console routes in the browser). No signature is needed for these files; every API call the
 * console makes is SigV4-signed in the browser like any other client's.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the console build lives, relative to this file. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist/', import.meta.url));

/** The path prefix the console is served under. */
export const CONSOLE_PREFIX = '/console';

type ConsoleFile = { body: Buffer; gzip: Buffer | undefined; compress: boolean; type: string; etag: string; immutable: boolean };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

/** Returns the console's files by URL path (e.g. `/console/assets/index-abc.js`), or an empty map when not built. */
export function loadConsoleFiles(dist = CONSOLE_DIST): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  if (!existsSync(join(dist, 'index.html'))) return files;
  for (const rel of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    const full = join(dist, rel);
    if (!statSync(full).isFile()) continue;
    const body = readFileSync(full);
    const ext = /\.[a-z0-9]+$/i.exec(rel)?.[0]?.toLowerCase() ?? '';
    const type = TYPES[ext] ?? 'application/octet-stream';
    // Text compresses well and is most of the bundle; small files are not worth it. Compressed
    // on first request, so start-up does not pay for files nobody asks for.
    const compress = body.length > 1024 && /text|json|svg/.test(type);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const path = `${CONSOLE_PREFIX}/${rel.split(sep).join('/')}`;
    // Vite names assets by content hash, so they never change under one name.
    files.set(path, { body, gzip: undefined, compress, type, etag, immutable: path.startsWith(`${CONSOLE_PREFIX}/assets/`) });
  }
  return files;
}

const NOT_BUILT = '<!doctype html><title>Signpost console</title><p>The console is not built. Run <code>npm run build:console</code> (or <code>npm install</code>) and restart Signpost.</p>';

function send(req: FastifyRequest, reply: FastifyReply, file: ConsoleFile): FastifyReply {
  reply.header('content-type', file.type).header('etag', file.etag).header('x-content-type-options', 'nosniff')
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (file.type.startsWith('text/html')) {
    // The console only talks to its own origin; nothing may frame it.
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
      .header('x-frame-options', 'DENY');
  }
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const gz = file.compress && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gz) {
    file.gzip ??= gzipSync(file.body);
    reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
  }
  return reply.send(gz ? file.gzip : file.body);
}

/** Adds GET /console and /console/* to the app; returns whether a build was found. */
export function registerConsole(app: FastifyInstance, files = loadConsoleFiles()): boolean {
  const index = files.get(`${CONSOLE_PREFIX}/index.html`);
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = (req.raw.url ?? '').split('?')[0]!;
    if (path === CONSOLE_PREFIX) return reply.redirect(`${CONSOLE_PREFIX}/`);
    if (!index) return reply.code(503).header('content-type', 'text/html; charset=utf-8').send(NOT_BUILT);
    const file = files.get(decodeURIComponentSafe(path));
    // A missing asset is a 404 (a stale page asking for an old bundle); any other path is a
    // page of the console, which routes in the browser.
    if (!file && path.startsWith(`${CONSOLE_PREFIX}/assets/`)) return reply.code(404).header('content-type', 'text/plain').send('not found');
    return send(req, reply, file ?? index);
  };
  app.get(CONSOLE_PREFIX, handler);
  app.get(`${CONSOLE_PREFIX}/*`, handler);
  // A browser opening the API's address (no signature) is sent to the console rather than
  // shown an XML error; signed requests to / are left alone.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' && req.raw.url === '/' && !req.headers.authorization) return reply.redirect(`${CONSOLE_PREFIX}/`);
    return undefined;
  });
  return index !== undefined;
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
