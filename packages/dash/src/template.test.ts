import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate, type TemplateProblem } from './template.ts';
import { resolveUrl } from './url.ts';
import { bigTicksToMs, msToBigTicks, msToTicks, ticksToMs } from './ticks.ts';

test('SegmentTemplate identifiers and width tags', () => {
  const v = { RepresentationID: 'video=1', Number: 42, Bandwidth: 800000, Time: 1234567, SubNumber: 3 };
  assert.equal(fillTemplate('$RepresentationID$/$Number$.m4s', v), 'video=1/42.m4s');
  assert.equal(fillTemplate('seg-$Number%05d$.m4s', v), 'seg-00042.m4s');
  assert.equal(fillTemplate('$Bandwidth%08d$-$Time$', v), '00800000-1234567');
  assert.equal(fillTemplate('$Time%012d$', v), '000001234567');
  assert.equal(fillTemplate('$Number%01d$', v), '42');
  assert.equal(fillTemplate('$Number%04x$|$Number%04X$|$Number%03o$', { Number: 255 }), '00ff|00FF|377');
  assert.equal(fillTemplate('cost$$5-$Number$', v), 'cost$5-42');
  assert.equal(fillTemplate('$SubNumber$', v), '3');
  assert.equal(fillTemplate('plain.mp4', v), 'plain.mp4');
});

test('template problems are reported and the text kept', () => {
  const problems: TemplateProblem[] = [];
  assert.equal(fillTemplate('$Foo$/$Number$', { Number: 1 }, problems), '$Foo$/1');
  assert.equal(fillTemplate('a$Number', { Number: 1 }, problems), 'a$Number');
  assert.equal(fillTemplate('$Time$', { Number: 1 }, problems), '$Time$');
  assert.equal(fillTemplate('$RepresentationID%02d$', { RepresentationID: 'x' }, problems), 'x');
  assert.deepEqual(
    problems.map((p) => p.index),
    [0, 1, 0, 0],
  );
});

test('BaseURL resolution', () => {
  assert.equal(resolveUrl('https://cdn.example/a/b/index.mpd', 'dash/'), 'https://cdn.example/a/b/dash/');
  assert.equal(resolveUrl('https://cdn.example/a/b/', '../c/seg.mp4'), 'https://cdn.example/a/c/seg.mp4');
  assert.equal(resolveUrl('https://cdn.example/a/', 'https://ads.example/x.mp4'), 'https://ads.example/x.mp4');
  assert.equal(resolveUrl('https://cdn.example/a/', '/root.mp4'), 'https://cdn.example/root.mp4');
  assert.equal(resolveUrl(undefined, 'seg.mp4'), 'seg.mp4');
  assert.equal(resolveUrl('dash/', 'seg.mp4'), 'dash/seg.mp4');
  assert.equal(resolveUrl('dash/x.mpd?token=1', 'seg.mp4'), 'dash/seg.mp4');
  assert.equal(resolveUrl('dash/x', '?q=1'), 'dash/x?q=1');
  assert.equal(resolveUrl('dash/', ''), 'dash/');
  assert.equal(resolveUrl('dash/', '/abs.mp4'), '/abs.mp4');
});

test('tick conversions are exact for live-sized values', () => {
  assert.equal(ticksToMs(80_876_759_337_012, 48_000), 1_684_932_486_188);
  assert.equal(ticksToMs(-30, 30_000), -1);
  assert.equal(msToTicks(44_075, 30_000), 1_322_250);
  assert.equal(msToTicks(1_684_932_486_188, 48_000), 80_876_759_337_024);
  assert.equal(bigTicksToMs(16_849_324_677_251_439n, 10_000_000), 1_684_932_467_725);
  assert.equal(bigTicksToMs(-15n, 10_000), -2);
  assert.equal(msToBigTicks(1_684_932_467_725, 10_000_000), 16_849_324_677_250_000n);
});
