// The real program, run as a user runs it: `adsplice ...` in a child process, on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const bin = new URL('../bin/adsplice.js', import.meta.url).pathname;

export function runCli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--help explains every command', () => {
  const top = runCli(['--help']);
  assert.equal(top.status, 0);
  for (const cmd of ['start', 'scte35']) assert.match(top.stdout, new RegExp(`^  ${cmd} `, 'm'));
  const start = runCli(['start', '--help']);
  for (const opt of ['--port', '--host', '--data-dir', '--database-url', '--redis-url', '--roles', '--no-demo']) {
    assert.ok(start.stdout.includes(opt), `start --help mentions ${opt}`);
  }
  assert.match(start.stdout, /ADSPLICE_PORT/);
  const scte35 = runCli(['scte35', '--help']);
  assert.match(scte35.stdout, /decode/);
  assert.match(scte35.stdout, /encode/);
});

test('a bad option value exits 2 with the code and the option named', () => {
  const r = runCli(['start', '--port', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /CONFIG_INVALID: --port: expected 0\.\.65535/);
});

test('--redis-url is used by the ads role alone too: an unreachable Redis stops the start with CONFIG_INVALID', (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'adsplice-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const r = runCli(['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dataDir, 'd'), '--no-demo', '--roles', 'ads', '--redis-url', 'redis://127.0.0.1:1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /CONFIG_INVALID: --redis-url: cannot connect/);
});

test('start serves /healthz, /readyz, /metrics on loopback and stops gracefully on SIGTERM', { timeout: 60_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'adsplice-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dataDir, 'd'), '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  const logs: Record<string, unknown>[] = [];
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no listening line within 30 s')), 30_000);
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (typeof entry.address === 'string') {
        clearTimeout(timer);
        resolve(entry.address);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
  });
  assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(existsSync(join(dataDir, 'd')), 'data dir created');

  const health = await fetch(`${address}/healthz`);
  assert.equal(health.status, 200);
  const ready = await fetch(`${address}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(((await ready.json()) as { config: { demo: boolean } }).config.demo, false);
  const metrics = await (await fetch(`${address}/metrics`)).text();
  assert.match(metrics, /adsplice_http_request_duration_seconds_bucket/);

  const apiCall = await fetch(`${address}/api/channels`, { headers: { 'x-request-id': 'cli-test-1' } });
  assert.equal(apiCall.status, 401);
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0);
  assert.ok(logs.some((l) => l.msg === 'stopped'), 'logs say stopped');
  assert.ok(logs.some((l) => l.requestId === 'cli-test-1' && (l.req as { url?: string } | undefined)?.url === '/api/channels'), 'management requests are logged with their id');
  assert.ok(!logs.some((l) => (l.req as { url?: string } | undefined)?.url === '/healthz'), 'health checks are not logged');
});

test('--config applies the channels of a JSON file at start; a bad file stops the start with CONFIG_INVALID', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ channels: [{ id: 'Not Valid' }] }));
  const r = runCli(['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'd1'), '--no-demo', '--config', bad]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /CONFIG_INVALID: --config: channel "Not Valid": id must be/);
  const notJson = join(dir, 'x.json');
  writeFileSync(notJson, '{');
  assert.match(runCli(['start', '--port', '0', '--data-dir', join(dir, 'd2'), '--no-demo', '--config', notJson]).stderr, /CONFIG_INVALID: --config: .* is not JSON/);

  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ channels: [{ id: 'sports', name: 'Sports', segmentSeconds: 4, windowSeconds: 40, source: { kind: 'test', durationSec: 600 }, ladder: [{ id: 'sd', width: 640, height: 360, videoBitrate: 800000, audioBitrate: 64000 }] }] }));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'd3'), '--no-demo', '--config', good], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ADSPLICE_ADMIN_TOKEN: 'config-test-admin-token' } });
  t.after(() => child.kill('SIGKILL'));
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { address?: string };
      if (entry.address) resolve(entry.address);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const channels = (await (await fetch(`${address}/api/channels`, { headers: { authorization: 'Bearer config-test-admin-token' } })).json()) as { channels: { id: string; segmentSeconds: number }[] };
  assert.deepEqual(channels.channels.map((c) => [c.id, c.segmentSeconds]), [['sports', 4]]);
  // Stop while the channel is still encoding (a 10-minute programme): ffmpeg goes with the program.
  assert.notEqual(spawnSync('pgrep', ['-f', join(dir, 'd3')], { encoding: 'utf8' }).stdout.trim(), '', 'ffmpeg is encoding');
  child.kill('SIGTERM');
  await once(child, 'exit');
  await new Promise((r) => setTimeout(r, 300));
  const left = spawnSync('pgrep', ['-f', join(dir, 'd3')], { encoding: 'utf8' });
  assert.equal(left.stdout.trim(), '', 'no ffmpeg left running after the program stopped');
});

test('validate: a bad option exits 2 with its name; a stream that cannot be read exits 1 with why', () => {
  const bad = runCli(['validate', 'http://127.0.0.1:9/x.m3u8', '--duration', 'soon']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /CONFIG_INVALID: --duration/);
  const notUrl = runCli(['validate', '/etc/passwd']);
  assert.equal(notUrl.status, 2);
  const down = runCli(['validate', 'http://127.0.0.1:9/x.m3u8', '--duration', '1']);
  assert.equal(down.status, 1);
  assert.match(down.stderr, /127\.0\.0\.1:9/);
});
