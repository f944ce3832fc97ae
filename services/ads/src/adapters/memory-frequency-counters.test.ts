import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFrequencyCounters } from './memory-frequency-counters.ts';

test('records hits per key and campaign, and delivery per campaign and day', () => {
  const c = new MemoryFrequencyCounters();
  c.record([{ keys: ['s:1', 'u:a'], campaignId: 'x', day: '2026-11-22', atMs: 1000 }]);
  c.record([{ keys: ['s:1'], campaignId: 'x', day: '2026-11-22', atMs: 2000 }, { keys: ['s:1'], campaignId: 'y', day: '2026-11-22', atMs: 2000 }]);
  c.record([{ keys: ['s:2'], campaignId: 'x', day: '2026-11-23', atMs: 90_000_000 }]);
  const recent = c.recent(['s:1', 'u:a', 's:nobody']);
  assert.deepEqual(recent.get('s:1')?.get('x'), [1000, 2000]);
  assert.deepEqual(recent.get('u:a')?.get('x'), [1000]);
  assert.equal(recent.has('s:nobody'), false);
  assert.deepEqual(c.campaigns().get('x'), { total: 4 - 1, day: '2026-11-23', dayCount: 1 });
  assert.deepEqual(c.campaigns().get('y'), { total: 1, day: '2026-11-22', dayCount: 1 });
});

test('bounded: times per campaign, old times, and keys', () => {
  const c = new MemoryFrequencyCounters({ perCampaign: 3, maxWindowMs: 10_000, maxKeys: 2 });
  for (let t = 0; t < 6; t++) c.record([{ keys: ['s:1'], campaignId: 'x', day: 'd', atMs: t * 1000 }]);
  assert.deepEqual(c.recent(['s:1']).get('s:1')?.get('x'), [3000, 4000, 5000]);
  c.record([{ keys: ['s:1'], campaignId: 'x', day: 'd', atMs: 14_500 }]);
  assert.deepEqual(c.recent(['s:1']).get('s:1')?.get('x'), [5000, 14_500], 'older than the longest window');
  c.record([{ keys: ['s:2', 's:3'], campaignId: 'x', day: 'd', atMs: 15_000 }]);
  assert.deepEqual([...c.recent(['s:1', 's:2', 's:3']).keys()], ['s:2', 's:3'], 'the least recently counted key went');
});
