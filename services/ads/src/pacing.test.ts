import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileInventory, type CompiledCampaign } from './compile-inventory.ts';
import type { Campaign } from './inventory.ts';
import { pace } from './pacing.ts';
import { simpleInventory, T0 } from './testing/builders.ts';

const DAY = 86_400_000;
function compiled(over: Partial<Campaign>): CompiledCampaign {
  return compileInventory(simpleInventory([[30]], () => over), { nowMs: T0 }).campaigns[0]!;
}
const count = (total: number, dayCount = 0, day = '2026-11-22') => ({ total, day, dayCount });
const at = (nowMs: number, dayFraction = 0.5) => ({ nowMs, day: '2026-11-22', dayFraction });

test('the impression goal and the daily cap stop a campaign, whatever its pacing', () => {
  for (const pacing of ['asap', 'even'] as const) {
    const c = compiled({ pacing, impressionGoal: 100, dailyCap: 10 });
    assert.deepEqual(pace(c, count(100, 0), at(T0)), { eligible: false, reason: 'GOAL_REACHED' });
    assert.deepEqual(pace(c, count(50, 10), at(T0)), { eligible: false, reason: 'DAILY_CAP' });
  }
});

test("a daily count of another day does not count today", () => {
  const c = compiled({ pacing: 'asap', dailyCap: 10 });
  assert.deepEqual(pace(c, count(50, 10, '2026-11-21'), at(T0)), { eligible: true, factor: 1 });
});

test('asap takes every request until a limit; no counts at all is fine', () => {
  assert.deepEqual(pace(compiled({ pacing: 'asap', impressionGoal: 1000 }), undefined, at(T0)), { eligible: true, factor: 1 });
});

test('even pacing over the flight: ahead of the line by more than 2% waits, behind is boosted (at most 4x)', () => {
  const startAt = new Date(T0 - 5 * DAY).toISOString();
  const endAt = new Date(T0 + 5 * DAY).toISOString();
  const c = compiled({ pacing: 'even', impressionGoal: 10_000, startAt, endAt });
  // Half the flight gone: the line is at 5,000.
  assert.deepEqual(pace(c, count(5_300, 0), at(T0)), { eligible: false, reason: 'PACING' });
  const onLine = pace(c, count(5_000, 0), at(T0));
  assert.ok(onLine.eligible && onLine.factor === 1);
  const behind = pace(c, count(2_500, 0), at(T0));
  assert.ok(behind.eligible && Math.abs(behind.factor - 5001 / 2501) < 1e-9);
  const farBehind = pace(c, count(0, 0), at(T0));
  assert.ok(farBehind.eligible && farBehind.factor === 4);
});

test('even pacing of a daily cap follows the day in the campaign time zone', () => {
  const c = compiled({ pacing: 'even', dailyCap: 1000 });
  assert.deepEqual(pace(c, count(0, 300), at(T0, 0.25)), { eligible: false, reason: 'PACING' }, '300 by 06:00 of a 1000/day cap is ahead');
  assert.ok(pace(c, count(0, 240), at(T0, 0.25)).eligible);
  assert.ok(pace(c, count(0, 0), at(T0, 0)).eligible, 'the first impression of the day may always go (slack of one)');
});
