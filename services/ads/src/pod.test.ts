import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byRank, conflicts, fillPod, greedyFill, type PodItem } from './pod.ts';

const item = (durationSec: number, advertiser: number, over: Partial<PodItem> = {}): PodItem => ({ durationSec, tier: 2, value: 0.5, advertiser, categories: [], ...over });
const seconds = (items: PodItem[], chosen: number[]): number => chosen.reduce((s, i) => s + items[i]!.durationSec, 0);

const itemArb = fc.record({
  durationSec: fc.constantFrom(5, 6, 7, 10, 15, 15, 20, 30, 30, 45, 60, 90),
  tier: fc.integer({ min: 1, max: 5 }),
  value: fc.double({ min: 0.001, max: 1, noNaN: true }),
  advertiser: fc.integer({ min: 0, max: 12 }),
  categories: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
});
const podArb = fc.record({
  items: fc.array(itemArb, { maxLength: 60 }).map((xs) => [...xs].sort(byRank)),
  capacitySec: fc.integer({ min: 0, max: 300 }),
  maxAds: fc.integer({ min: 0, max: 10 }),
  strategy: fc.constantFrom('optimal' as const, 'greedy' as const, 'single' as const),
});

describe('fillPod properties (generated candidate sets)', () => {
  test('a pod never exceeds the avail or the max ads, never repeats an advertiser or a category, and uses each candidate once', () => {
    fc.assert(
      fc.property(podArb, ({ items, capacitySec, maxAds, strategy }) => {
        const chosen = fillPod(items, { capacitySec, maxAds, strategy });
        assert.ok(seconds(items, chosen) <= capacitySec);
        assert.ok(chosen.length <= (strategy === 'single' ? Math.min(1, maxAds) : maxAds));
        assert.equal(new Set(chosen).size, chosen.length);
        for (const a of chosen) for (const b of chosen) if (a !== b) assert.equal(conflicts(items[a]!, items[b]!), false, 'separation');
      }),
      { numRuns: 500 },
    );
  });

  test('the optimal pod is at least as full as a greedy fill, and never worse in tier-1 seconds at equal fill', () => {
    fc.assert(
      fc.property(podArb, ({ items, capacitySec, maxAds }) => {
        const optimal = fillPod(items, { capacitySec, maxAds, strategy: 'optimal' });
        const greedy = greedyFill(items, { capacitySec, maxAds });
        assert.ok(seconds(items, optimal) >= seconds(items, greedy), `optimal ${seconds(items, optimal)} < greedy ${seconds(items, greedy)}`);
      }),
      { numRuns: 500 },
    );
  });

  test('play order is best first (tier, then value)', () => {
    fc.assert(
      fc.property(podArb, ({ items, capacitySec, maxAds, strategy }) => {
        const chosen = fillPod(items, { capacitySec, maxAds, strategy });
        for (let i = 1; i < chosen.length; i++) assert.ok(byRank(items[chosen[i - 1]!]!, items[chosen[i]!]!) <= 0);
      }),
    );
  });
});

describe('fillPod examples', () => {
  test('fills exactly where greedy cannot: 30 s from a 20 s favourite and two 15 s ads', () => {
    const items = [item(20, 0, { value: 0.9 }), item(15, 1, { value: 0.8 }), item(15, 2, { value: 0.7 })];
    assert.deepEqual(greedyFill(items, { capacitySec: 30, maxAds: 5 }), [0]);
    assert.deepEqual(fillPod(items, { capacitySec: 30, maxAds: 5, strategy: 'optimal' }), [1, 2]);
    assert.deepEqual(fillPod(items, { capacitySec: 30, maxAds: 5, strategy: 'greedy' }), [0]);
  });

  test('at equal fill, seconds of a better tier win over more value', () => {
    const items = [item(30, 0, { tier: 1, value: 0.01 }), item(15, 1, { tier: 2, value: 1 }), item(15, 2, { tier: 2, value: 1 })].sort(byRank);
    assert.deepEqual(fillPod(items, { capacitySec: 30, maxAds: 5, strategy: 'optimal' }), [0]);
  });

  test('fill comes before tier: two tier-3 ads filling 60 s beat one tier-1 30 s ad', () => {
    const items = [item(30, 0, { tier: 1 }), item(40, 1, { tier: 3 }), item(20, 2, { tier: 3 })].sort(byRank);
    const chosen = fillPod(items, { capacitySec: 60, maxAds: 5, strategy: 'optimal' });
    assert.equal(seconds(items, chosen), 60);
  });

  test('competitive separation: one ad per advertiser and per category', () => {
    const items = [item(15, 0, { categories: [1] }), item(15, 0, { value: 0.4 }), item(15, 1, { categories: [1], value: 0.3 }), item(15, 2, { value: 0.2 })];
    const chosen = fillPod(items, { capacitySec: 60, maxAds: 5, strategy: 'optimal' });
    assert.deepEqual(chosen, [0, 3]);
  });

  test('max ads, single strategy, empty and zero-length avails', () => {
    const items = [item(5, 0), item(5, 1), item(5, 2), item(5, 3)];
    assert.equal(fillPod(items, { capacitySec: 60, maxAds: 2, strategy: 'optimal' }).length, 2);
    assert.deepEqual(fillPod(items, { capacitySec: 60, maxAds: 5, strategy: 'single' }), [0]);
    assert.deepEqual(fillPod([], { capacitySec: 60, maxAds: 5, strategy: 'optimal' }), []);
    assert.deepEqual(fillPod(items, { capacitySec: 0, maxAds: 5, strategy: 'optimal' }), []);
    assert.deepEqual(fillPod(items, { capacitySec: 4, maxAds: 5, strategy: 'optimal' }), []);
  });

  test('a huge candidate list still decides quickly (shortlisted dynamic programme)', () => {
    const items = Array.from({ length: 5000 }, (_, i) => item([7, 10, 13, 15, 20, 30][i % 6]!, i % 400, { value: 1 - i / 5000, categories: [i % 50] })).sort(byRank);
    const start = performance.now();
    const chosen = fillPod(items, { capacitySec: 900, maxAds: 10, strategy: 'optimal' });
    assert.ok(performance.now() - start < 500);
    assert.equal(chosen.length, 10);
  });
});
