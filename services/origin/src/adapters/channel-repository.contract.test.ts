// One contract suite for every ChannelRepository: memory, SQLite and PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '@adsplice/store';
import { DATABASES } from '@adsplice/testing';
import { newChannel } from '../channel.ts';
import type { ChannelRepository } from '../ports.ts';
import { applyBatch, type ScheduleAction } from '../schedule.ts';
import { DEFAULT_LADDER } from './encode-programme.ts';
import { KyselyChannelRepository, originMigrations } from './kysely-channel-repository.ts';
import { MemoryChannelRepository } from './memory-channel-repository.ts';

const nowMs = Date.UTC(2026, 10, 22, 11, 0, 0);
const insert = (name: string, id: number, time: string, duration = 30 * 90000): ScheduleAction => ({
  ActionName: name,
  ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: time } },
  ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: id, Duration: duration } },
});

function contract(open: () => Promise<{ repo: ChannelRepository; close: () => Promise<void> }>) {
  test('create, get, list, update, delete', async () => {
    const { repo, close } = await open();
    try {
      const c = newChannel({ id: 'news', name: 'News' }, DEFAULT_LADDER, nowMs + 123);
      assert.equal(await repo.create(c), true);
      assert.equal(await repo.create(c), false, 'a second create with the same id is refused');
      assert.deepEqual(await repo.get('news'), c);
      assert.equal(await repo.get('nope'), undefined);
      await repo.create(newChannel({ id: 'alpha' }, DEFAULT_LADDER, nowMs));
      assert.deepEqual((await repo.list()).map((x) => x.id), ['alpha', 'news']);
      assert.equal(await repo.update({ ...c, name: 'News 24', updatedAt: '2026-11-22T11:05:00.000Z' }), true);
      assert.equal((await repo.get('news'))!.name, 'News 24');
      assert.equal((await repo.get('news'))!.epochMs, c.epochMs);
      assert.equal(await repo.update({ ...c, id: 'ghost' }), false);
      assert.equal(await repo.delete('news'), true);
      assert.equal(await repo.delete('news'), false);
      assert.deepEqual((await repo.list()).map((x) => x.id), ['alpha']);
    } finally {
      await close();
    }
  });

  test('schedule batches are all-or-nothing and survive a reopen', async () => {
    const { repo, close } = await open();
    try {
      await repo.create(newChannel({ id: 'news' }, DEFAULT_LADDER, nowMs));
      const ok = await repo.updateSchedule('news', (actions) => applyBatch(actions, { Creates: { ScheduleActions: [insert('a', 1, '2026-11-22T12:00:00Z'), insert('b', 2, '2026-11-22T12:10:00Z')] } }, { nowMs, leadTimeMs: 10_000 }));
      assert.deepEqual(ok!.errors, []);
      const bad = await repo.updateSchedule('news', (actions) => applyBatch(actions, { Creates: { ScheduleActions: [insert('c', 3, '2026-11-22T12:20:00Z'), insert('d', 1, '2026-11-22T12:30:00Z')] }, Deletes: { ActionNames: ['b'] } }, { nowMs, leadTimeMs: 10_000 }));
      assert.deepEqual(bad!.errors.map((e) => e.code), ['SCHEDULE_DUPLICATE_SPLICE_EVENT_ID']);
      const stored = await repo.listActions('news');
      assert.deepEqual(stored.map((a) => [a.ActionName, a.startMs]), [['a', Date.UTC(2026, 10, 22, 12, 0, 0)], ['b', Date.UTC(2026, 10, 22, 12, 10, 0)]]);
      assert.deepEqual(stored[0]!.ScheduleActionSettings, { Scte35SpliceInsertSettings: { SpliceEventId: 1, Duration: 2_700_000 } });
      const del = await repo.updateSchedule('news', (actions) => applyBatch(actions, { Deletes: { ActionNames: ['b'] } }, { nowMs, leadTimeMs: 10_000 }));
      assert.deepEqual(del!.deleted.map((a) => a.ActionName), ['b']);
      assert.deepEqual((await repo.listActions('news')).map((a) => a.ActionName), ['a']);
      assert.equal(await repo.updateSchedule('ghost', () => { throw new Error('not called'); }), undefined);
    } finally {
      await close();
    }
  });

  test('concurrent batches on one channel are serialised: only one of two clashing breaks lands', async () => {
    const { repo, close } = await open();
    try {
      await repo.create(newChannel({ id: 'news' }, DEFAULT_LADDER, nowMs));
      const batch = (name: string) =>
        repo.updateSchedule('news', (actions) => applyBatch(actions, { Creates: { ScheduleActions: [insert(name, name === 'x' ? 10 : 11, '2026-11-22T12:00:00Z')] } }, { nowMs, leadTimeMs: 10_000 }));
      const results = await Promise.all([batch('x'), batch('y')]);
      assert.deepEqual(results.map((r) => r!.errors.length).sort(), [0, 1]);
      assert.equal((await repo.listActions('news')).length, 1);
    } finally {
      await close();
    }
  });
}

describe('MemoryChannelRepository', () => contract(async () => ({ repo: new MemoryChannelRepository(), close: async () => {} })));

for (const target of DATABASES) {
  describe(`KyselyChannelRepository on ${target.name}`, async () => {
    const skip = await target.unavailable();
    if (skip) {
      test(`skipped: ${skip}`, { skip }, () => {});
      return;
    }
    contract(async () => {
      const database = await target.open();
      await migrate(database.db, originMigrations);
      // The repository reads through a second connection, as another process would.
      const second = await database.reopen();
      return {
        repo: new KyselyChannelRepository(second.db, second.dialect),
        close: async () => {
          await second.close();
          await database.close();
        },
      };
    });
  });
}
