import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdsError } from './errors.ts';
import { parseVmapPlan } from './vmap-plan.ts';

test('pre-roll, mid-rolls in seconds and percent (sorted, deduplicated), post-roll; the rest passes through', () => {
  const plan = parseVmapPlan({ contentDuration: '1800', midrolls: '1200, 600,50%,600', midrollDuration: '90', genre: 'drama', sessionId: 's1' });
  assert.deepEqual(plan.breaks, [
    { breakId: 'preroll', timeOffset: 'start', durationMs: 30_000 },
    { breakId: 'midroll-1', timeOffset: 600_000, durationMs: 90_000 },
    { breakId: 'midroll-2', timeOffset: '50%', durationMs: 90_000 },
    { breakId: 'midroll-3', timeOffset: 1_200_000, durationMs: 90_000 },
    { breakId: 'postroll', timeOffset: 'end', durationMs: 30_000 },
  ]);
  assert.deepEqual(plan.rest, { genre: 'drama', sessionId: 's1' });
  assert.equal(plan.adTags, false);
});

test('midrollEvery, breakDuration for all, and turning pre/post-rolls off', () => {
  const plan = parseVmapPlan({ contentDuration: '1000', midrollEvery: '300', breakDuration: '20', preroll: 'false', postroll: '0', adTags: '1' });
  assert.deepEqual(plan.breaks.map((b) => [b.breakId, b.timeOffset, b.durationMs]), [
    ['midroll-1', 300_000, 20_000],
    ['midroll-2', 600_000, 20_000],
    ['midroll-3', 900_000, 20_000],
  ]);
  assert.equal(plan.adTags, true);
});

test('malformed plans are a clear 400', () => {
  const bad: Record<string, string>[] = [
    { midrolls: 'abc' },
    { contentDuration: '600', midrolls: '700' },
    { midrolls: '0' },
    { midrollEvery: '60' },
    { contentDuration: '-1' },
    { preroll: 'maybe' },
    { contentDuration: '100000', midrollEvery: '1' },
  ];
  for (const q of bad) assert.throws(() => parseVmapPlan(q), (e: unknown) => e instanceof AdsError && e.code === 'ADS_INVALID_REQUEST', JSON.stringify(q));
});
