// One contract for the playback configuration store: memory, SQLite and PostgreSQL; and the batched event sink.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES } from '@adsplice/testing';
import { migrate } from '@adsplice/store';
import { MemoryConfigRepository } from './adapters/memory-config-repository.ts';
import { KyselyConfigRepository, stitcherMigrations } from './adapters/kysely-config-repository.ts';
import { KyselyEventSink } from './adapters/kysely-event-sink.ts';
import { newConfiguration } from './config.ts';
import { event } from './events.ts';
import type { PlaybackConfigurationRepository } from './ports.ts';

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

test('configuration store contract: memory', () => contract(new MemoryConfigRepository()));

for (const target of DATABASES) {
  describe(`configuration store and event sink: ${target.name}`, async () => {
    const skip = await target.unavailable();
    test('contract', { skip }, async () => {
      const database = await target.open();
      try {
        await migrate(database.db, stitcherMigrations);
        await contract(new KyselyConfigRepository(database.db));
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
