import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from './config.ts';
import { buildServer } from './server.ts';
import { AppError } from './errors.ts';

const config = resolveConfig({ databaseUrl: 'postgres://u:secret@127.0.0.1/test' }, {}, '/tmp');

test('/healthz answers ok with the version', async (t) => {
  const { app } = buildServer({ config, version: '1.2.3' });
  t.after(() => app.close());
  const res = await app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok', version: '1.2.3' });
});

test('/readyz is 503 until every check is ready, and again while shutting down; secrets are masked', async (t) => {
  const { app, readiness } = buildServer({ config });
  t.after(() => app.close());
  const encode = readiness.add('channel-encode', 'encoding demo 0%');
  let res = await app.inject('/readyz');
  assert.equal(res.statusCode, 503);
  assert.deepEqual(res.json().checks, { 'channel-encode': { status: 'pending', detail: 'encoding demo 0%' } });
  assert.equal(res.json().config.database.url, 'postgres://u:***@127.0.0.1/test');
  encode.pending('encoding demo 50%');
  assert.equal((await app.inject('/readyz')).json().checks['channel-encode'].detail, 'encoding demo 50%');
  encode.fail('ffmpeg exited 1');
  assert.equal((await app.inject('/readyz')).statusCode, 503);
  encode.ready();
  res = await app.inject('/readyz');
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().ready, true);
  readiness.beginShutdown();
  assert.equal((await app.inject('/readyz')).statusCode, 503);
  assert.throws(() => readiness.add('channel-encode'), /twice/);
});

test('/metrics serves Prometheus text with process and HTTP series', async (t) => {
  const { app } = buildServer({ config });
  t.after(() => app.close());
  await app.inject('/healthz');
  const res = await app.inject('/metrics');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  assert.match(res.body, /^# HELP adsplice_process_cpu_user_seconds_total/m);
  assert.match(res.body, /adsplice_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/);
});

test('errors answer {code, message, statusCode, requestId}; a 500 carries no internals', async (t) => {
  const { app } = buildServer({ config });
  t.after(() => app.close());
  app.get('/boom', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/app-error', async () => {
    throw new AppError('RATE_LIMITED');
  });
  app.post('/typed', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } }, async () => ({ ok: true }));

  const missing = await app.inject({ url: '/nope?x=1', headers: { 'x-request-id': 'req-42' } });
  assert.deepEqual(missing.json(), { code: 'NOT_FOUND', message: 'No route for GET /nope', statusCode: 404, requestId: 'req-42' });

  const boom = await app.inject('/boom');
  assert.equal(boom.statusCode, 500);
  assert.equal(boom.json().code, 'INTERNAL');
  assert.doesNotMatch(boom.body, /hunter2/);
  assert.equal(typeof boom.json().requestId, 'string');

  assert.deepEqual((await app.inject('/app-error')).json().code, 'RATE_LIMITED');
  assert.equal((await app.inject('/app-error')).statusCode, 429);

  const invalid = await app.inject({ method: 'POST', url: '/typed', payload: { n: 'x' } });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().code, 'VALIDATION_FAILED');

  const badJson = await app.inject({ method: 'POST', url: '/typed', payload: '{', headers: { 'content-type': 'application/json' } });
  assert.equal(badJson.statusCode, 400);
  assert.equal(badJson.json().code, 'VALIDATION_FAILED');

  const badType = await app.inject({ method: 'POST', url: '/typed', payload: 'x', headers: { 'content-type': 'application/x-foo' } });
  assert.equal(badType.statusCode, 415);
  assert.equal(badType.json().code, 'UNSUPPORTED_MEDIA_TYPE');

  const tooBig = await app.inject({ method: 'POST', url: '/typed', payload: JSON.stringify({ n: 1, pad: 'x'.repeat(1024 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(tooBig.statusCode, 413);
  assert.equal(tooBig.json().code, 'PAYLOAD_TOO_LARGE');
});
