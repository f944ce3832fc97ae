import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTimeZone, LocalClocks } from './local-time.ts';

test('wall-clock time, weekday, local date and day fraction in a time zone', () => {
  const clocks = new LocalClocks();
  const t = Date.UTC(2026, 10, 22, 23, 30, 30); // Sunday 23:30:30 UTC
  assert.deepEqual(clocks.at('UTC', t), { weekday: 6, minuteOfDay: 23 * 60 + 30, day: '2026-11-22', dayFraction: (23 * 60 + 30.5) / 1440 });
  const seoul = clocks.at('Asia/Seoul', t); // UTC+9: Monday 08:30
  assert.deepEqual([seoul.weekday, seoul.minuteOfDay, seoul.day], [0, 8 * 60 + 30, '2026-11-23']);
  const ny = clocks.at('America/New_York', t); // UTC-5 in November: Sunday 18:30
  assert.deepEqual([ny.weekday, ny.minuteOfDay, ny.day], [6, 18 * 60 + 30, '2026-11-22']);
  assert.deepEqual(clocks.at('Not/AZone', t).day, '2026-11-22', 'an unknown zone reads as UTC');
});

test('daylight saving: the same UTC instant a week apart moves an hour in Paris', () => {
  const clocks = new LocalClocks();
  const before = clocks.at('Europe/Paris', Date.UTC(2026, 2, 28, 12, 0)); // CET, UTC+1
  const after = clocks.at('Europe/Paris', Date.UTC(2026, 2, 29, 12, 0)); // CEST, UTC+2
  assert.deepEqual([before.minuteOfDay, after.minuteOfDay], [13 * 60, 14 * 60]);
});

test('isTimeZone', () => {
  assert.equal(isTimeZone('Europe/Paris'), true);
  assert.equal(isTimeZone('UTC'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
});
