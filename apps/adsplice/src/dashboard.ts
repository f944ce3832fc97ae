// The dashboard (apps/web), served from its built files at `/`: index.html never cached, the
// hashed assets cached for a year. When it has not been built, `/` says how to build it.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>adsplice</title>
<p>The dashboard has not been built. Run <code>npm run build -w @adsplice/web</code> (npm ci does it) and reload.
The API is at <a href="/docs">/docs</a>.</p>`;

export function installDashboard(app: FastifyInstance, dir: string = DASHBOARD_DIR): void {
  const index = join(dir, 'index.html');
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    if (!existsSync(index)) return reply.code(503).send(NOT_BUILT);
    return readFileSync(index, 'utf8');
  });
  app.get('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const file = normalize(join(dir, 'assets', name));
    if (!file.startsWith(join(dir, 'assets')) || name.includes('..') || !existsSync(file)) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: 'no such dashboard file', statusCode: 404, requestId: request.id });
    }
    void reply.type(TYPES[extname(file)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=31536000, immutable');
    return reply.send(createReadStream(file));
  });
}
