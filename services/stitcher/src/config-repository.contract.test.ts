// One contract for the playback configuration store: memory, SQLite and PostgreSQL; and the batched event sink.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES } from '@adsplice/testing';
import { migrate } from '@adsplice/store';
import { MemoryConfigRepository, MemoryPrefetchScheduleRepository } from './adapters/memory-config-repository.ts';
import { KyselyConfigRepository, KyselyPrefetchScheduleRepository, stitcherMigrations } from './adapters/kysely-config-repository.ts';
import { KyselyEventSink } from './adapters/kysely-event-sink.ts';
import { newConfiguration } from './config.ts';
import { event } from './events.ts';
import { newPrefetchSchedule } from './prefetch.ts';
import type { PlaybackConfigurationRepository, PrefetchScheduleRepository } from './ports.ts';

const cfg = (name: string, ads = 'http://127.0.0.1/vast') => newConfiguration(name, { videoContentSourceUrl: 'http://127.0.0.1/origin', adDecisionServerUrl: ads, allowedHosts: ['127.0.0.1'] }, 0);

async function contract(repo: PlaybackConfigurationRepository) {
  assert.deepEqual(await repo.list(), []);
  await repo.put(cfg('b'));
  await repo.put(cfg('a'));
  await repo.put(cfg('a', 'http://127.0.0.1/other'));
  assert.deepEqual((await repo.list()).map((c) => c.name), ['a', 'b']);
  assert.equal((await repo.get('a'))?.adDecisionServerUrl, 'http://127.0.0.1/other');
  assert.deepEqual(await repo.get('b'), cfg('b'));
  assert.equal(await repo.delete('a'), true);
  assert.equal(await repo.delete('a'), false);
  assert.equal(await repo.get('a'), undefined);
}

const schedule = (config: string, name: string, endMs: number) =>
  newPrefetchSchedule(config, name, { retrieval: { endTime: new Date(endMs - 1000).toISOString(), dynamicVariables: { 'scte.event_id': '7' } }, consumption: { endTime: new Date(endMs).toISOString(), availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }] } }, 0);

async function prefetchContract(repo: PrefetchScheduleRepository) {
  assert.deepEqual(await repo.list('c'), []);
  assert.equal(await repo.create(schedule('c', 'b', 50_000)), true);
  assert.equal(await repo.create(schedule('c', 'a', 90_000)), true);
  assert.equal(await repo.create(schedule('d', 'a', 90_000)), true);
  assert.equal(await repo.create({ ...schedule('c', 'a', 90_000), source: 'scheduler' }), false, 'a name is taken once per configuration');
  assert.deepEqual((await repo.list('c')).map((s) => s.name), ['a', 'b']);
  assert.deepEqual(await repo.get('c', 'a'), schedule('c', 'a', 90_000));
  assert.equal(await repo.prune(60_000), 1);
  assert.deepEqual((await repo.list('c')).map((s) => s.name), ['a']);
  assert.equal(await repo.delete('c', 'a'), true);
  assert.equal(await repo.delete('c', 'a'), false);
  assert.deepEqual((await repo.list('d')).map((s) => s.name), ['a']);
}

test('configuration store contract: memory', () => contract(new MemoryConfigRepository()));
test('prefetch schedule store contract: memory', () => prefetchContract(new MemoryPrefetchScheduleRepository()));

for (const target of DATABASES) {
  describe(`configuration store and event sink: ${target.name}`, async () => {
    const skip = await target.unavailable();
    test('contract', { skip }, async () => {
      const database = await target.open();
      try {
        await migrate(database.db, stitcherMigrations);
        await contract(new KyselyConfigRepository(database.db));
        await prefetchContract(new KyselyPrefetchScheduleRepository(database.db));
      } finally {
        await database.close();
      }
    });
    test('events are written in batches', { skip }, async () => {
      const database = await target.open();
      try {
        await migrate(database.db, stitcherMigrations);
        const sink = new KyselyEventSink(database.db, { batchSize: 100, flushMs: 50 });
        for (let i = 0; i < 250; i++) sink.emit(event('BEACON_FIRED', 1_700_000_000_000 + i, { sessionId: `s${i % 3}`, playbackConfigurationName: 'c' }));
        await sink.flush();
        const rows = await database.db.selectFrom('stitcher_events').select(['event_type', 'session_id', 'doc']).execute();
        assert.equal(rows.length, 250);
        assert.equal(JSON.parse(rows[0]!.doc).eventType, 'BEACON_FIRED');
        // Retention deletes the oldest in batches of the size asked for.
        assert.equal(await sink.prune(1_700_000_000_000 + 150, 100), 100);
        assert.equal(await sink.prune(1_700_000_000_000 + 150, 100), 50);
        assert.equal(await sink.prune(1_700_000_000_000 + 150, 100), 0);
        assert.equal((await sink.query({ limit: 1000 })).length, 100);
      } finally {
        await database.close();
      }
    });
  });
}
