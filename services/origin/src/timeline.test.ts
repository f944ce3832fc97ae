import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Timeline, type TimelineBreak, type TimelineConfig } from './timeline.ts';

const epochMs = Date.UTC(2026, 0, 1, 0, 0, 0);
const cfg: TimelineConfig = { epochMs, loopSeconds: 20, segmentSeconds: 6, windowSeconds: 30 };

/** Every segment from the epoch, walked boundary by boundary: the reference for msn. */
function walk(t: Timeline, untilSec: number) {
  const out = [];
  for (let s = 0; s < untilSec; s = t.nextBoundary(s)) out.push(t.segmentAt(s));
  return out;
}

test('segments follow the grid inside each loop and end at the loop point', () => {
  const t = new Timeline(cfg, []);
  const segs = walk(t, 40).map((s) => [s.msn, s.startSec, s.durationSec, s.loopIndex, s.chunkStart, s.discontinuity, s.dsn]);
  assert.deepEqual(segs, [
    [0, 0, 6, 0, 0, false, 0],
    [1, 6, 6, 0, 6, false, 0],
    [2, 12, 6, 0, 12, false, 0],
    [3, 18, 2, 0, 18, false, 0],
    [4, 20, 6, 1, 0, true, 1],
    [5, 26, 6, 1, 6, false, 1],
    [6, 32, 6, 1, 12, false, 1],
    [7, 38, 2, 1, 18, false, 1],
  ]);
});

test('a break starts on its second even off the grid, and ends on its second', () => {
  const brk: TimelineBreak = { spliceEventId: 7, startSec: 8, endSec: 15, plannedDurationTicks: 7 * 90000 };
  const t = new Timeline(cfg, [brk]);
  const segs = walk(t, 20).map((s) => ({ msn: s.msn, start: s.startSec, dur: s.durationSec, elapsed: s.inBreak?.elapsedSec, cueIn: s.endsBreaks.map((b) => b.spliceEventId) }));
  assert.deepEqual(segs, [
    { msn: 0, start: 0, dur: 6, elapsed: undefined, cueIn: [] },
    { msn: 1, start: 6, dur: 2, elapsed: undefined, cueIn: [] },
    { msn: 2, start: 8, dur: 4, elapsed: 0, cueIn: [] },
    { msn: 3, start: 12, dur: 3, elapsed: 4, cueIn: [] },
    { msn: 4, start: 15, dur: 3, elapsed: undefined, cueIn: [7] },
    { msn: 5, start: 18, dur: 2, elapsed: undefined, cueIn: [] },
  ]);
});

test('the window holds the complete segments of the last windowSeconds, with sequence headers', () => {
  const t = new Timeline(cfg, []);
  // now = 47.5 s after the epoch: loop 2 starts at 40, its grid at 46, so the edge is 46.
  let w = t.window(epochMs + 47_500);
  assert.equal(w.liveEdgeSec, 46);
  assert.deepEqual(w.segments.map((s) => s.startSec), [18, 20, 26, 32, 38, 40]);
  assert.equal(w.mediaSequence, 3);
  assert.equal(w.discontinuitySequence, 0);
  assert.deepEqual(w.segments.map((s) => s.discontinuity), [false, true, false, false, false, true]);
  // 10 s later the loop point at 20 has slid out: the discontinuity sequence counts it.
  w = t.window(epochMs + 58_000);
  assert.deepEqual(w.segments.map((s) => s.startSec), [32, 38, 40, 46, 52]);
  assert.equal(w.mediaSequence, 6);
  assert.equal(w.discontinuitySequence, 1);
  assert.deepEqual(t.window(epochMs - 5000).segments, []);
});

test('msn agrees with a walk from the epoch, and refreshes only move forward (property)', () => {
  const arbBreaks = fc.array(
    fc.record({ start: fc.integer({ min: 1, max: 400 }), len: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }) }),
    { maxLength: 8 },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 40 }),
      fc.integer({ min: 1, max: 10 }),
      arbBreaks,
      fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 2, maxLength: 6 }),
      (loopSeconds, segmentSeconds, raw, times) => {
        const breaks = raw.map((b, i) => ({ spliceEventId: i + 1, startSec: b.start, endSec: b.len === undefined ? undefined : b.start + b.len }));
        const t = new Timeline({ epochMs, loopSeconds, segmentSeconds, windowSeconds: 30 }, breaks);
        const all = walk(t, 520);
        all.forEach((s, i) => {
          assert.equal(s.msn, i);
          assert.equal(t.startOfMsn(i), s.startSec);
        });
        for (const s of all) {
          assert.ok(s.durationSec >= 1 && s.durationSec <= segmentSeconds);
          assert.ok(s.chunkStart + s.durationSec <= loopSeconds, 'a segment never crosses the loop point');
        }
        let prev: ReturnType<Timeline['window']> | undefined;
        for (const ms of times.sort((a, b) => a - b)) {
          const w = t.window(epochMs + ms);
          for (let i = 1; i < w.segments.length; i++) assert.equal(w.segments[i]!.msn, w.segments[i - 1]!.msn + 1);
          for (const s of w.segments) assert.deepEqual(s, all[s.msn], 'the same msn is the same segment');
          if (prev) {
            assert.ok(w.mediaSequence >= prev.mediaSequence);
            assert.ok(w.discontinuitySequence >= prev.discontinuitySequence);
            // Discontinuities that slid out are counted.
            const slid = prev.segments.filter((s) => s.msn < w.mediaSequence && s.discontinuity).length;
            if (prev.segments.length > 0 && w.segments.length > 0 && w.mediaSequence <= prev.segments.at(-1)!.msn) {
              assert.equal(w.discontinuitySequence, prev.discontinuitySequence + slid);
            }
          }
          prev = w;
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('bad configuration is refused', () => {
  assert.throws(() => new Timeline({ ...cfg, segmentSeconds: 0 }, []), /segmentSeconds/);
  assert.throws(() => new Timeline({ ...cfg, loopSeconds: 2.5 }, []), /loopSeconds/);
  assert.throws(() => new Timeline({ ...cfg, epochMs: epochMs + 1 }, []), /whole second/);
});
