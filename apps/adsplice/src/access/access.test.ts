// The management API's access rules through the composed program: tokens and roles, 401/403
// that change nothing, the audit log, public paths, OpenAPI at /docs, and the request rate limit.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { resolveConfig } from '../config.ts';
import { buildServer } from '../server.ts';
import { compose } from '../compose.ts';

const tinyChannel = { id: 'news', source: { kind: 'test', durationSec: 10 }, segmentSeconds: 2, windowSeconds: 10, leadTimeSeconds: 2, ladder: [{ id: 'lo', width: 160, height: 90, videoBitrate: 100000, audioBitrate: 64000 }] };

async function program(t: TestContext, env: Record<string, string> = {}, rate?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-access-'));
  const config = resolveConfig({ dataDir: dir, demo: false }, env, dir);
  const { app, readiness } = buildServer({ config, ...(rate ? { apiRateLimitPerMinute: rate } : {}) });
  let announced = '';
  const composed = await compose(app, config, pino({ level: 'silent' }), readiness, { update() {}, done() {} }, (text) => (announced += text));
  await app.ready();
  t.after(async () => {
    await composed.stop();
    await app.close();
    await composed.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const adminToken = env.ADSPLICE_ADMIN_TOKEN ?? /(ads_[A-Za-z0-9_-]+)/.exec(announced)?.[1];
  return { app, adminToken: adminToken!, announced };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('the first start prints an admin token once; roles gate the API; refused requests change nothing; changes are audited', async (t) => {
  const { app, adminToken, announced } = await program(t);
  assert.match(announced, /shown once/);
  assert.ok(adminToken.startsWith('ads_'));

  assert.equal((await app.inject('/api/channels')).json().code, 'UNAUTHORIZED');
  assert.equal((await app.inject({ url: '/api/channels', headers: bearer('ads_nope') })).statusCode, 401);
  assert.equal((await app.inject('/healthz')).statusCode, 200, 'health is public');
  assert.notEqual((await app.inject('/origin/news/index.m3u8')).statusCode, 401, 'origin endpoints are public');

  const viewer = (await app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(adminToken), payload: { name: 'wallboard', role: 'viewer' } })).json();
  const operator = (await app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(adminToken), payload: { name: 'ops desk', role: 'operator' } })).json();
  assert.ok(viewer.token && operator.token);

  const denied = await app.inject({ method: 'POST', url: '/api/channels', headers: bearer(viewer.token), payload: tinyChannel });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().code, 'FORBIDDEN');
  assert.equal((await app.inject({ method: 'POST', url: '/api/channels', headers: bearer(operator.token), payload: tinyChannel })).statusCode, 403, 'operators do not create channels');
  assert.deepEqual((await app.inject({ url: '/api/channels', headers: bearer(viewer.token) })).json().channels, [], 'nothing was created');

  assert.equal((await app.inject({ method: 'POST', url: '/api/channels', headers: bearer(adminToken), payload: tinyChannel })).statusCode, 201);
  const startTime = new Date(Math.ceil(Date.now() / 1000) * 1000 + 120_000).toISOString();
  assert.equal((await app.inject({ method: 'POST', url: '/api/schedules', headers: bearer(viewer.token), payload: { channelId: 'news', startTime, durationSeconds: 30 } })).statusCode, 403);
  const created = await app.inject({ method: 'POST', url: '/api/schedules', headers: bearer(operator.token), payload: { channelId: 'news', startTime, durationSeconds: 30 } });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().createdBy, 'ops desk');
  assert.equal((await app.inject({ url: '/api/tokens', headers: bearer(operator.token) })).statusCode, 403, 'tokens are for admins');

  const audit = (await app.inject({ url: '/api/audit', headers: bearer(adminToken) })).json().entries as { actor: string; method: string; path: string; statusCode: number }[];
  assert.deepEqual(
    audit.map((e) => [e.actor, e.method, e.path.split('?')[0], e.statusCode]).reverse(),
    [
      ['admin (first start)', 'POST', '/api/tokens', 201],
      ['admin (first start)', 'POST', '/api/tokens', 201],
      ['wallboard', 'POST', '/api/channels', 403],
      ['ops desk', 'POST', '/api/channels', 403],
      ['admin (first start)', 'POST', '/api/channels', 201],
      ['wallboard', 'POST', '/api/schedules', 403],
      ['ops desk', 'POST', '/api/schedules', 201],
    ],
    'changes and refused attempts are both recorded, with who made them',
  );

  const revoke = await app.inject({ method: 'DELETE', url: `/api/tokens/${viewer.id}`, headers: bearer(adminToken) });
  assert.equal(revoke.statusCode, 204);
  assert.equal((await app.inject({ url: '/api/channels', headers: bearer(viewer.token) })).statusCode, 401, 'a revoked token no longer works');
});

test('ADSPLICE_ADMIN_TOKEN sets the admin token; OpenAPI is served at /docs', async (t) => {
  const { app, announced } = await program(t, { ADSPLICE_ADMIN_TOKEN: 'automation-secret-0123456789' });
  assert.equal(announced, '');
  assert.equal((await app.inject({ url: '/api/channels', headers: bearer('automation-secret-0123456789') })).statusCode, 200);
  const spec = (await app.inject('/docs/json')).json();
  assert.equal(spec.openapi.startsWith('3.'), true);
  assert.ok(spec.paths['/api/schedules'].post, 'schedules are documented');
  assert.ok(spec.paths['/api/tokens'].post);
  assert.equal((await app.inject('/docs/')).statusCode, 200);
});

test('the management API is rate limited per token', async (t) => {
  const { app, adminToken } = await program(t, {}, 5);
  const codes: number[] = [];
  for (let i = 0; i < 7; i++) codes.push((await app.inject({ url: '/api/channels', headers: bearer(adminToken) })).statusCode);
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 429, 429]);
  assert.equal((await app.inject({ url: '/api/channels', headers: bearer(adminToken) })).json().code, 'RATE_LIMITED');
  assert.equal((await app.inject('/healthz')).statusCode, 200, 'public paths are not limited');
});
