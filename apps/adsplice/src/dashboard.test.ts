// The dashboard's files at /: index.html uncached, hashed assets cached, nothing outside assets/,
// and a page saying how to build it when it was not built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { installDashboard } from './dashboard.ts';

test('the dashboard is served from its build, and / says how to build it when there is none', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-dashboard-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const app = Fastify();
  installDashboard(app, dir);
  t.after(() => app.close());

  let r = await app.inject('/');
  assert.equal(r.statusCode, 503);
  assert.match(r.body, /npm run build -w @adsplice\/web/);

  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>adsplice</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'no');
  r = await app.inject('/');
  assert.deepEqual([r.statusCode, r.headers['cache-control'], r.headers['content-type'], r.body], [200, 'no-cache', 'text/html; charset=utf-8', '<!doctype html><title>adsplice</title>']);
  r = await app.inject('/assets/index-abc123.js');
  assert.deepEqual([r.statusCode, r.headers['cache-control'], r.headers['content-type'], r.body], [200, 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8', 'console.log(1)']);
  for (const url of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js']) {
    r = await app.inject(url);
    assert.equal(r.statusCode, 404, url);
  }
});
