// One contract for every FrequencyCounters adapter: memory and Redis (127.0.0.1:6379, a key prefix
// of its own, removed afterwards).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { VirtualClock } from '@adsplice/testing';
import type { CounterHit, FrequencyCounters, KeyCounts } from '../ports.ts';
import { MemoryFrequencyCounters, type MemoryCountersOptions } from './memory-frequency-counters.ts';
import { RedisFrequencyCounters } from './redis-frequency-counters.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
const redisUp = await redis.connect().then(
  () => undefined,
  (err: Error) => `Redis at 127.0.0.1:6379 is not reachable (${err.message})`,
);
const prefix = `adsplice:test:counters:${process.pid}:${Date.now()}:`;
after(async () => {
  if (!redisUp) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  }
  redis.disconnect();
});

type Options = Pick<MemoryCountersOptions, 'perCampaign' | 'maxWindowMs'>;
interface Harness {
  counters: FrequencyCounters;
  /** The time hits are counted at. */
  now(): number;
  /** Lets `ms` pass (the memory adapter's virtual clock; real time for Redis). */
  wait(ms: number): Promise<void>;
}

let made = 0;
const adapters: { name: string; skip?: string; make: (opts?: Options) => Harness }[] = [
  {
    name: 'memory',
    make: (opts = {}) => {
      const clock = new VirtualClock(Date.UTC(2026, 10, 22, 12));
      return { counters: new MemoryFrequencyCounters({ ...opts, clock }), now: () => clock.now(), wait: async (ms) => void clock.advance(ms) };
    },
  },
  {
    name: 'redis',
    ...(redisUp ? { skip: redisUp } : {}),
    make: (opts = {}) => ({
      counters: new RedisFrequencyCounters(redis, { ...opts, prefix: `${prefix}${++made}:` }),
      now: () => Date.now(),
      wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    }),
  },
];

const hit = (keys: string[], campaignId: string, atMs: number, over: Partial<CounterHit> = {}): CounterHit => ({ keys, campaignId, day: '2026-11-22', atMs, ...over });
const times = (counts: ReadonlyMap<string, KeyCounts>, key: string, campaignId: string) => counts.get(key)?.get(campaignId);

for (const a of adapters) {
  describe(`FrequencyCounters contract: ${a.name}`, { skip: a.skip }, () => {
    test('records hits per key and campaign, and delivery per campaign and day', async () => {
      const { counters: c } = a.make();
      await c.record([hit(['s:1', 'u:a'], 'x', 1000)]);
      await c.record([hit(['s:1'], 'x', 2000), hit(['s:1'], 'y', 2000)]);
      await c.record([hit(['s:2'], 'x', 90_000_000, { day: '2026-11-23' })]);
      await c.record([hit(['s:3'], 'x', 3000, { day: '2026-11-22' })]);
      const recent = await c.recent(['s:1', 'u:a', 's:nobody']);
      assert.deepEqual(times(recent, 's:1', 'x'), [1000, 2000]);
      assert.deepEqual(times(recent, 's:1', 'y'), [2000]);
      assert.deepEqual(times(recent, 'u:a', 'x'), [1000]);
      assert.equal(recent.has('s:nobody'), false);
      assert.equal((await c.recent([])).size, 0);
      const campaigns = await c.campaigns();
      assert.deepEqual(campaigns.get('x'), { total: 4, day: '2026-11-23', dayCount: 1 }, 'a late hit of an earlier day counts in the total only');
      assert.deepEqual(campaigns.get('y'), { total: 1, day: '2026-11-22', dayCount: 1 });
      assert.equal(campaigns.has('z'), false);
    });

    test('bounded: the last times per campaign, within the campaign window (at most the longest kept)', async () => {
      const { counters: c } = a.make({ perCampaign: 3, maxWindowMs: 20_000 });
      for (let t = 0; t < 6; t++) await c.record([hit(['s:1'], 'x', t * 1000, { windowMs: 10_000 })]);
      assert.deepEqual(times(await c.recent(['s:1']), 's:1', 'x'), [3000, 4000, 5000]);
      await c.record([hit(['s:1'], 'x', 14_500, { windowMs: 10_000 })]);
      assert.deepEqual(times(await c.recent(['s:1']), 's:1', 'x'), [5000, 14_500], 'older than the campaign window');
      await c.record([hit(['s:1'], 'y', 0, { windowMs: 60_000 }), hit(['s:1'], 'y', 30_000, { windowMs: 60_000 })]);
      assert.deepEqual(times(await c.recent(['s:1']), 's:1', 'y'), [30_000], 'the window is clamped to the longest kept');
    });

    test('a campaign without frequency caps (window 0) counts its delivery, not under keys', async () => {
      const { counters: c, now } = a.make();
      await c.record([hit(['s:1', 'u:a'], 'free', now(), { windowMs: 0 })]);
      assert.equal((await c.recent(['s:1', 'u:a'])).size, 0);
      assert.equal((await c.campaigns()).get('free')?.total, 1);
    });

    test('a key expires once the longest window it was counted with has passed since its last count', async () => {
      const { counters: c, now, wait } = a.make();
      await c.record([hit(['s:short'], 'x', now(), { windowMs: 300 }), hit(['s:long'], 'x', now(), { windowMs: 300 }), hit(['s:long'], 'y', now(), { windowMs: 5000 })]);
      assert.deepEqual([...(await c.recent(['s:short', 's:long'])).keys()].sort(), ['s:long', 's:short']);
      await wait(450);
      const left = await c.recent(['s:short', 's:long']);
      assert.deepEqual([...left.keys()], ['s:long']);
      assert.equal(left.get('s:long')?.get('y')?.length, 1);
      assert.equal((await c.campaigns()).get('x')?.total, 2, 'delivery does not expire');
    });

    test('concurrent records are atomic: no count is lost', async () => {
      const { counters: c, now } = a.make();
      const t0 = now();
      await Promise.all(Array.from({ length: 50 }, (_, i) => c.record([hit(['s:busy', 'u:busy'], 'x', t0 + i, { windowMs: 60_000 }), hit(['s:busy'], 'y', t0 + i, { windowMs: 60_000 })])));
      const recent = await c.recent(['s:busy', 'u:busy']);
      assert.equal(new Set(times(recent, 's:busy', 'x')).size, 50);
      assert.equal(new Set(times(recent, 'u:busy', 'x')).size, 50);
      assert.equal(new Set(times(recent, 's:busy', 'y')).size, 50);
      assert.deepEqual((await c.campaigns()).get('x'), { total: 50, day: '2026-11-22', dayCount: 50 });
    });
  });
}

describe('RedisFrequencyCounters while Redis is down', () => {
  test('every call fails at once instead of waiting for a reconnect', async () => {
    const down = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      const c = new RedisFrequencyCounters(down, { prefix });
      const started = Date.now();
      await assert.rejects(Promise.resolve(c.recent(['s:1'])), /not connected/);
      await assert.rejects(Promise.resolve(c.campaigns()), /not connected/);
      await assert.rejects(Promise.resolve(c.record([hit(['s:1'], 'x', 1)])), /not connected/);
      assert.ok(Date.now() - started < 100);
    } finally {
      down.disconnect();
    }
  });
});
