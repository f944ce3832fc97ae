import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { msToTicks, PTS_MODULUS, ptsAdd, ptsDiff, secondsToTicks, TICKS_PER_SECOND, ticksToMs, ticksToSeconds } from './time.ts';

test('ticks and milliseconds convert with integer rounding', () => {
  assert.equal(TICKS_PER_SECOND, 90000);
  assert.equal(ticksToMs(2_700_000), 30_000);
  assert.equal(ticksToMs(5_426_421), 60_294); // 60.293567 s
  assert.equal(ticksToMs(44), 0);
  assert.equal(ticksToMs(45), 1);
  assert.equal(msToTicks(30_000), 2_700_000);
  assert.equal(msToTicks(0.5), 45);
  assert.equal(ticksToSeconds(1_350_000), 15);
  assert.equal(secondsToTicks(201.467), 18_132_030);
  assert.equal(secondsToTicks(60.293567), 5_426_421);
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (ms) => assert.equal(ticksToMs(msToTicks(ms)), ms)));
});

test('PTS arithmetic wraps at 2^33', () => {
  assert.equal(PTS_MODULUS, 8_589_934_592);
  assert.equal(ptsAdd(2 ** 33 - 1, 2), 1);
  assert.equal(ptsAdd(5, -10), 2 ** 33 - 5);
  assert.equal(ptsAdd(7_755_790_832, 1_047_630_087), (7_755_790_832 + 1_047_630_087) % 2 ** 33);
  assert.equal(ptsDiff(5, 2 ** 33 - 5), 10, 'a wrapped past zero ten ticks after b');
  assert.equal(ptsDiff(2 ** 33 - 5, 5), -10);
  assert.equal(ptsDiff(100, 40), 60);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 33 - 1 }), fc.integer({ min: -(2 ** 32) + 1, max: 2 ** 32 }), (a, d) => {
      assert.equal(ptsDiff(ptsAdd(a, d), a), d);
    }),
  );
});
