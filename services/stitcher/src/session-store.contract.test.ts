// One contract for every SessionStore adapter: memory and Redis (127.0.0.1:6379).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { VirtualClock } from '@adsplice/testing';
import { MemorySessionStore } from './adapters/memory-session-store.ts';
import { RedisSessionStore } from './adapters/redis-session-store.ts';
import type { AvailRecord, Session } from './model.ts';
import type { SessionStore } from './ports.ts';

const session = (id: string): Session => ({ id, configName: 'c', path: 'x/index.m3u8', adsParams: { a: '1' }, playerParams: {}, reportingMode: 'server', clientIp: '127.0.0.1', userAgent: 'ua', referer: '', createdAtMs: 1 });
const record = (key: string, adId = 'x'): AvailRecord => ({ key, startMsn: 1, dsnBefore: 0, plannedDurationMs: 1000, mode: 'ads', items: [], ads: [{ adId, creativeId: 'c', adSystem: 's', durationMs: 1, impressions: [], tracking: {}, errors: [] }], skipped: [], decidedAtMs: 0 });

const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
const redisUp = await redis.connect().then(() => undefined, (err: Error) => `Redis at 127.0.0.1:6379 is not reachable (${err.message})`);
after(() => redis.disconnect());

const prefix = `adsplice:test:${process.pid}:${Date.now()}:`;
const adapters: { name: string; skip?: string; make: () => { store: SessionStore; expire: () => Promise<void> } }[] = [
  {
    name: 'memory',
    make: () => {
      const clock = new VirtualClock(0);
      return { store: new MemorySessionStore(clock), expire: async () => void clock.advance(2000) };
    },
  },
  { name: 'redis', ...(redisUp ? { skip: redisUp } : {}), make: () => ({ store: new RedisSessionStore(redis, prefix), expire: () => new Promise((r) => setTimeout(r, 1100)) }) },
];

for (const a of adapters) {
  describe(`SessionStore contract: ${a.name}`, { skip: a.skip }, () => {
    test('create, get, touch; expiry after the TTL without a touch', async () => {
      const { store, expire } = a.make();
      await store.create(session('s1'), 1000);
      assert.deepEqual(await store.get('s1'), session('s1'));
      assert.equal(await store.get('nope'), undefined);
      assert.equal(await store.touch('s1', 1000), true);
      await expire();
      assert.equal(await store.get('s1'), undefined);
      assert.equal(await store.touch('s1', 1000), false);
    });
    test('the first avail decision wins; updates replace it; beacons are marked once', async () => {
      const { store } = a.make();
      await store.create(session('s2'), 60_000);
      assert.equal((await store.putAvailIfAbsent('s2', record('10', 'first'), 60_000)).ads[0]!.adId, 'first');
      assert.equal((await store.putAvailIfAbsent('s2', record('10', 'second'), 60_000)).ads[0]!.adId, 'first');
      const ended = { ...record('10', 'first'), end: { msn: 15, dsn: 2, durationMs: 10_000 } };
      await store.updateAvail('s2', ended, 60_000);
      assert.deepEqual(await store.avails('s2'), { '10': ended });
      assert.equal(await store.markOnce('s2', 'k', 60_000), true);
      assert.equal(await store.markOnce('s2', 'k', 60_000), false);
      assert.equal(await store.markOnce('s2', 'k2', 60_000), true);
    });
    test('list shows live sessions newest first, by configuration; delete ends a session and its avails', async () => {
      const { store } = a.make();
      const tag = `${a.name}-${Date.now()}`;
      await store.create({ ...session(`${tag}-old`), configName: tag, createdAtMs: 10 }, 60_000);
      await store.create({ ...session(`${tag}-new`), configName: tag, createdAtMs: 20 }, 60_000);
      await store.create({ ...session(`${tag}-other`), configName: `${tag}-x`, createdAtMs: 30 }, 60_000);
      await store.putAvailIfAbsent(`${tag}-old`, record('1'), 60_000);
      assert.deepEqual((await store.list({ configName: tag, limit: 10 })).map((s) => s.id), [`${tag}-new`, `${tag}-old`]);
      assert.deepEqual((await store.list({ configName: tag, limit: 1 })).map((s) => s.id), [`${tag}-new`]);
      assert.ok((await store.list({ limit: 1000 })).some((s) => s.id === `${tag}-other`));
      assert.equal(await store.delete(`${tag}-old`), true);
      assert.equal(await store.delete(`${tag}-old`), false);
      assert.equal(await store.get(`${tag}-old`), undefined);
      assert.deepEqual(await store.avails(`${tag}-old`), {});
      assert.deepEqual((await store.list({ configName: tag, limit: 10 })).map((s) => s.id), [`${tag}-new`]);
    });
    test('prefetched ads: the first retrieval per schedule wins; deleted with the session', async () => {
      const { store } = a.make();
      const id = `${a.name}-pf-${Date.now()}`;
      await store.create(session(id), 60_000);
      assert.deepEqual(await store.prefetches(id), {});
      const first = { scheduleName: 'p1', retrievedAtMs: 5, ads: [{ id: 'first' }] };
      assert.deepEqual(await store.putPrefetch(id, first, 60_000), first);
      assert.deepEqual(await store.putPrefetch(id, { ...first, ads: [{ id: 'second' }] }, 60_000), first);
      const other = { scheduleName: 'p2', retrievedAtMs: 6, ads: [], error: 'EMPTY_VAST_RESPONSE' };
      await store.putPrefetch(id, other, 60_000);
      assert.deepEqual(await store.prefetches(id), { p1: first, p2: other });
      await store.delete(id);
      assert.deepEqual(await store.prefetches(id), {});
    });
    test('concurrent decisions for one avail: exactly one is stored and everyone gets it', async () => {
      const { store } = a.make();
      await store.create(session('s3'), 60_000);
      const got = await Promise.all(Array.from({ length: 20 }, (_, i) => store.putAvailIfAbsent('s3', record('7', `r${i}`), 60_000)));
      assert.equal(new Set(got.map((r) => r.ads[0]!.adId)).size, 1);
    });
  });
}
