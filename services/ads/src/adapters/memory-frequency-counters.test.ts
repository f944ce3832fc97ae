// What only the memory adapter does (the rest: frequency-counters.contract.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrequencyCounters } from '../ports.ts';
import { MemoryFrequencyCounters } from './memory-frequency-counters.ts';

test('bounded in keys: past maxKeys the least recently counted key goes', () => {
  const c = new MemoryFrequencyCounters({ maxKeys: 2, clock: { now: () => 0 } });
  c.record([{ keys: ['s:1'], campaignId: 'x', day: 'd', atMs: 14_500 }]);
  c.record([{ keys: ['s:2', 's:3'], campaignId: 'x', day: 'd', atMs: 15_000 }]);
  assert.deepEqual([...c.recent(['s:1', 's:2', 's:3']).keys()], ['s:2', 's:3']);
});

test('answers synchronously (no promise on the request path)', () => {
  const c: FrequencyCounters = new MemoryFrequencyCounters();
  assert.equal(c.recent(['s:1']) instanceof Promise, false);
  assert.equal(c.campaigns() instanceof Promise, false);
  assert.equal(c.record([]) instanceof Promise, false);
});
