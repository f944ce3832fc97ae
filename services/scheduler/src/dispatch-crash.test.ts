// Exactly once under crashes: 200 breaks on 20 channels of a real origin (over HTTP), dispatched
// by scheduler processes that are killed (SIGKILL) and restarted at random — two schedulers on
// PostgreSQL, one on SQLite. Every break must reach its channel exactly once and in time (the
// origin refuses a Fixed start closer than its lead time), none missed, none failed. Replacements
// are booted ahead (two spares) and start dispatching 300 ms after a kill: the time without a
// scheduler is the test's, not how long Node and tsx take to start on a busy machine (seconds when
// other test files run beside this one, enough by itself to miss a break's dispatch window).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import Fastify from 'fastify';
import { migrate } from '@adsplice/store';
import { DATABASES, TEST_POSTGRES_URL, type TestDatabase } from '@adsplice/testing';
import { build as buildOrigin, MemoryChannelRepository } from '@adsplice/service-origin';
import { KyselyScheduleRepository, schedulerMigrations } from './adapters/kysely-schedule-repository.ts';
import type { Schedule } from './model.ts';

const CHANNELS = 20;
const PER_CHANNEL = 10;
const DISPATCH_LEAD_MS = 6000;

/** A scheduler process, booting; `start()` waits until it has opened the store, then lets it dispatch. */
function spawnScheduler(database: TestDatabase, controlUrl: string, owner: string): { child: ChildProcess; start(): Promise<ChildProcess> } {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./testing/scheduler-process.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      ADSPLICE_TEST_DB_KIND: database.name,
      ADSPLICE_TEST_DB_URL: database.name === 'postgres' ? TEST_POSTGRES_URL : database.file!,
      ADSPLICE_TEST_DB_SCHEMA: database.schema ?? '',
      ADSPLICE_TEST_CONTROL_URL: controlUrl,
      ADSPLICE_TEST_OWNER: owner,
      ADSPLICE_TEST_DISPATCH_LEAD_MS: String(DISPATCH_LEAD_MS),
      ADSPLICE_TEST_LEASE_MS: '1000',
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve());
    child.once('exit', (code) => reject(new Error(`scheduler exited ${code} before it was ready`)));
  });
  ready.catch(() => {}); // a spare still booting when the test ends is killed; `start` still fails on it
  return {
    child,
    start: async () => {
      await ready;
      child.stdin!.write('start\n');
      return child;
    },
  };
}

for (const target of DATABASES) {
  const schedulers = target.name === 'postgres' ? 2 : 1;
  describe(`exactly-once dispatch on ${target.name} with ${schedulers} scheduler process(es) killed at random`, async () => {
    const skip = await target.unavailable();
    test(`${CHANNELS * PER_CHANNEL} breaks, each on its channel exactly once and in time`, { skip, timeout: 120_000 }, async (t) => {
      const database = await target.open();
      t.after(() => database.close());
      await migrate(database.db, schedulerMigrations);
      const repo = new KyselyScheduleRepository(database.db, database.dialect);

      // A real origin over HTTP; it records every schedule request it answers.
      const origin = buildOrigin({ repo: new MemoryChannelRepository(), clock: { now: () => Date.now() }, encoder: { encode: () => new Promise(() => {}) } });
      const app = Fastify();
      const answers: { name: string; status: number; atMs: number }[] = [];
      app.addHook('onResponse', async (request, reply) => {
        if (request.method === 'PUT' && request.url.endsWith('/schedule')) {
          const body = request.body as { Creates?: { ScheduleActions: { ActionName: string }[] } };
          for (const a of body.Creates?.ScheduleActions ?? []) answers.push({ name: a.ActionName, status: reply.statusCode, atMs: Date.now() });
        }
      });
      await app.register(origin.plugin);
      const controlUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      t.after(() => app.close());
      for (let c = 0; c < CHANNELS; c++) {
        const r = await app.inject({ method: 'POST', url: '/api/channels', payload: { id: `ch${c}`, segmentSeconds: 1, windowSeconds: 10, leadTimeSeconds: 1, source: { kind: 'test', durationSec: 10 } } });
        assert.equal(r.statusCode, 201, r.body);
      }

      // 200 breaks: on each channel two seconds apart, 1 s long, the first 8 s ahead.
      const base = Math.ceil(Date.now() / 1000) * 1000 + 8000;
      const schedules: Schedule[] = [];
      for (let c = 0; c < CHANNELS; c++) {
        for (let k = 0; k < PER_CHANNEL; k++) {
          const id = randomUUID();
          const startMs = base + k * 2000 + (c % 2) * 1000;
          schedules.push({ id, channelId: `ch${c}`, startMs, durationSeconds: 1, spliceEventId: k + 1, status: 'scheduled', recurrenceId: null, dispatchAtMs: startMs - DISPATCH_LEAD_MS, attempts: 0, lastError: null, actionName: `adsplice-${id}`, createdBy: 'test', createdAtMs: Date.now(), updatedAtMs: Date.now() });
        }
      }
      await repo.insert(schedules, schedules.map((s) => ({ scheduleId: s.id, from: null, to: 'scheduled', atMs: Date.now(), actor: 'test', reason: 'created' })));

      const spawned: ChildProcess[] = [];
      t.after(() => spawned.forEach((c) => c.kill('SIGKILL')));
      const boot = (owner: string) => {
        const s = spawnScheduler(database, controlUrl, owner);
        spawned.push(s.child);
        return s;
      };
      const children: (ChildProcess | undefined)[] = [];
      let kills = 0;
      for (let i = 0; i < schedulers; i++) children[i] = await boot(`s${i}`).start();

      const endMs = base + PER_CHANNEL * 2000 + 2000;
      const spares = [boot('s-1'), boot('s-2')];
      while (Date.now() < endMs) {
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1500));
        const i = Math.floor(Math.random() * schedulers);
        children[i]?.kill('SIGKILL');
        kills++;
        children[i] = undefined;
        await new Promise((r) => setTimeout(r, 300));
        children[i] = await spares.shift()!.start();
        spares.push(boot(`s-${kills + 2}`));
      }
      spawned.forEach((c) => c.kill('SIGKILL'));

      const accepted = new Map<string, number>();
      for (const a of answers) if (a.status === 200) accepted.set(a.name, (accepted.get(a.name) ?? 0) + 1);
      const duplicates = answers.filter((a) => a.status === 409).length;
      t.diagnostic(`${kills} kills, ${answers.length} schedule requests, ${duplicates} refused as already dispatched`);
      for (const s of schedules) assert.equal(accepted.get(s.actionName), 1, `schedule ${s.id} reached its channel exactly once`);
      const stored = await repo.list({ limit: 1000 });
      const byStatus = new Map<string, number>();
      for (const s of stored) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
      assert.deepEqual([...byStatus.keys()].filter((k) => !['dispatched', 'on_air', 'completed'].includes(k)), [], `statuses: ${JSON.stringify([...byStatus])}`);
      // In time: each channel holds its action at exactly the scheduled second.
      for (let c = 0; c < CHANNELS; c++) {
        const actions = (await app.inject(`/api/channels/ch${c}/schedule`)).json().ScheduleActions as { ActionName: string; ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: string } } }[];
        for (const a of actions) {
          const s = schedules.find((x) => x.actionName === a.ActionName)!;
          assert.equal(Date.parse(a.ScheduleActionStartSettings.FixedModeScheduleActionStartSettings.Time), s.startMs);
        }
        assert.equal(actions.length, PER_CHANNEL);
      }
    });
  });
}
