// Property tests (fast-check): generated MPDs round-trip, and split/insert keep Period starts
// monotonic, durations summing up and every content segment in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMpd } from './parse-mpd.ts';
import { printMpd } from './print-mpd.ts';
import type { Mpd } from './mpd.ts';
import { readMpd } from './model/read-mpd.ts';
import { segments } from './segments.ts';
import { buildPeriod } from './build/build-period.ts';
import { formatDuration } from './duration.ts';
import { ticksToMs } from './ticks.ts';
import { element, stripOffsets } from './xml/dom.ts';
import type { XmlElement } from './xml/types.ts';
import { splitPeriod } from './edit/split-period.ts';
import { insertPeriods } from './edit/insert-periods.ts';

interface TrackSpec {
  timescale: number;
  d: number;
  count: number;
  pto: number;
}
interface PeriodGen {
  video: TrackSpec;
  audioCount: number;
  withStart: boolean;
}

const track = fc.record({
  timescale: fc.constantFrom(1000, 12800, 30000, 90000),
  d: fc.integer({ min: 1, max: 6 }),
  count: fc.integer({ min: 1, max: 12 }),
  pto: fc.integer({ min: 0, max: 5000 }),
}).map((t) => ({ ...t, d: t.d * t.timescale }));

const periodGen = fc.record({ video: track, audioCount: fc.integer({ min: 1, max: 12 }), withStart: fc.boolean() });

/** A static multi-Period MPD; each Period's duration is its video timeline's length. */
function buildMpd(periods: PeriodGen[]): { mpd: Mpd; durations: number[] } {
  const durations: number[] = [];
  let startMs = 0;
  const els: XmlElement[] = periods.map((p, i) => {
    const durationMs = ticksToMs(p.video.count * p.video.d, p.video.timescale);
    const audioD = Math.max(1, Math.floor((durationMs * 48) / p.audioCount));
    const el = buildPeriod({
      id: `p${i}`,
      durationMs,
      ...(p.withStart || i === 0 ? { startMs } : {}),
      adaptationSets: [
        {
          contentType: 'video', mimeType: 'video/mp4',
          segmentTemplate: { timescale: p.video.timescale, presentationTimeOffset: p.video.pto, media: 'v/$Number$.m4s', startNumber: 1 + i * 100, timeline: [{ t: p.video.pto, d: p.video.d, r: p.video.count - 1 }] },
          representations: [{ id: 'v', bandwidth: 1000 }],
        },
        {
          contentType: 'audio', mimeType: 'audio/mp4',
          segmentTemplate: { timescale: 48000, media: 'a/$Time$.m4s', timeline: [{ t: 0, d: audioD, r: p.audioCount - 1 }] },
          representations: [{ id: 'a', bandwidth: 100 }],
        },
      ],
    });
    durations.push(durationMs);
    startMs += durationMs;
    return el;
  });
  const root = element('MPD', { xmlns: 'urn:mpeg:dash:schema:mpd:2011', type: 'static', mediaPresentationDuration: formatDuration(startMs), minBufferTime: 'PT2S', profiles: 'urn:mpeg:dash:profile:isoff-live:2011' }, els);
  return { mpd: { children: [root] }, durations };
}

function timing(mpd: Mpd): { starts: number[]; ends: number[]; total?: number } {
  const view = readMpd(mpd).value;
  return {
    starts: view.periods.map((p) => p.startMs!),
    ends: view.periods.map((p) => p.startMs! + p.durationMs!),
    total: view.mediaPresentationDurationMs,
  };
}

function assertContiguous(mpd: Mpd): void {
  const { starts, ends } = timing(mpd);
  starts.forEach((s, i) => {
    assert.ok(Number.isInteger(s));
    if (i > 0) {
      assert.ok(s > starts[i - 1]!, `Period starts increase: ${starts.join(',')}`);
      assert.ok(Math.abs(s - ends[i - 1]!) <= 1, `Period ${i} starts where ${i - 1} ends`);
    }
  });
}

/** Video segments as [url, startMs] over the whole presentation, without duplicates from straddling. */
function contentSegments(mpd: Mpd, rep: string): [string, number][] {
  const view = readMpd(mpd).value;
  const seen = new Set<string>();
  const out: [string, number][] = [];
  for (const p of view.periods) {
    const list = segments(view, p, rep, { fromMs: 0, toMs: Infinity });
    for (const s of list.value) {
      const key = `${s.url}@${s.startMs}`;
      if (seen.has(key) || s.url.startsWith('ad/')) continue;
      seen.add(key);
      out.push([s.url, s.startMs]);
    }
  }
  return out;
}

test('generated MPDs round-trip: print → parse gives the same tree and the same text', () => {
  fc.assert(
    fc.property(fc.array(periodGen, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 12 }), (periods, odd) => {
      const { mpd } = buildMpd(periods);
      // Attribute values and text with characters that need escaping survive.
      const root = mpd.children[0] as XmlElement;
      const withOdd: Mpd = { children: [{ ...root, attrs: [...root.attrs, { name: 'x:odd', value: odd }, { name: 'xmlns:x', value: 'urn:x' }], children: [element('x:Note', {}, odd.trim() ? [{ type: 'text', text: odd }] : []), ...root.children] }] };
      const text = printMpd(withOdd);
      const parsed = parseMpd(text);
      assert.deepEqual(parsed.issues, []);
      assert.deepEqual(stripOffsets(parsed.value), withOdd);
      assert.equal(printMpd(parsed.value), text);
      assert.deepEqual(stripOffsets(parseMpd(printMpd(withOdd, { indent: 0 })).value), withOdd);
    }),
    { numRuns: 300 },
  );
});

test('split: one more Period, starts increasing and contiguous, total unchanged, every content segment kept', () => {
  fc.assert(
    fc.property(fc.array(periodGen, { minLength: 1, maxLength: 3 }), fc.nat(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (periods, pick, frac) => {
      const { mpd, durations } = buildMpd(periods);
      const index = pick % periods.length;
      const before = timing(mpd);
      const atMs = before.starts[index]! + Math.max(1, Math.min(durations[index]! - 1, Math.round(durations[index]! * frac)));
      fc.pre(atMs > before.starts[index]! && atMs < before.ends[index]!);
      const { value, issues } = splitPeriod(mpd, index, atMs);
      assert.deepEqual(issues.filter((i) => i.code !== 'DASH_SPLIT_NOT_ON_BOUNDARY'), []);
      const after = timing(value);
      assert.equal(after.starts.length, before.starts.length + 1);
      assert.equal(after.starts[index + 1], atMs);
      assertContiguous(value);
      assert.equal(after.ends.at(-1)! - after.starts[0]!, before.ends.at(-1)! - before.starts[0]!);
      assert.equal(after.total, before.total);
      // Same segments; a split within 1 ms of a boundary snaps to it, so times may move by 1 ms.
      for (const rep of ['v', 'a']) {
        const got = contentSegments(value, rep);
        const want = contentSegments(mpd, rep);
        assert.deepEqual(got.map(([u]) => u), want.map(([u]) => u));
        got.forEach(([, t], i) => assert.ok(Math.abs(t - want[i]![1]) <= 1, `${rep} segment ${i}: ${t} vs ${want[i]![1]}`));
      }
      assert.deepEqual(parseMpd(printMpd(value)).issues, []);
    }),
    { numRuns: 300 },
  );
});

test('insert: Periods increase, durations sum to the old total plus the ads, content after the ads moves by their length', () => {
  fc.assert(
    fc.property(
      fc.array(periodGen, { minLength: 1, maxLength: 3 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
      (periods, frac, adSeconds) => {
        const { mpd } = buildMpd(periods);
        const before = timing(mpd);
        const end = before.ends.at(-1)!;
        const atMs = Math.round(end * frac);
        const ads = adSeconds.map((s, i) =>
          buildPeriod({
            id: `ad${i}`,
            durationMs: s * 1000,
            adaptationSets: [{ contentType: 'video', mimeType: 'video/mp4', segmentTemplate: { timescale: 1, media: 'ad/$Number$.m4s', duration: 1 }, representations: [{ id: 'v', bandwidth: 1 }] }],
          }),
        );
        const adMs = adSeconds.reduce((a, b) => a + b, 0) * 1000;
        const { value, issues } = insertPeriods(mpd, atMs, ads);
        assert.deepEqual(issues.filter((i) => i.code !== 'DASH_SPLIT_NOT_ON_BOUNDARY'), []);
        const after = timing(value);
        assertContiguous(value);
        assert.equal(after.ends.at(-1)! - after.starts[0]!, end - before.starts[0]! + adMs);
        assert.equal(after.total, before.total! + adMs);
        // Within 1 ms of a Period start the ads go right before that Period.
        const at = before.starts.find((s) => Math.abs(s - atMs) <= 1) ?? atMs;
        const shifted = contentSegments(mpd, 'v').map(([url, s]): [string, number] => [url, s >= at ? s + adMs : s]);
        const got = contentSegments(value, 'v');
        // A segment straddling the insertion point appears before the ads and again after them.
        assert.deepEqual(got.filter(([u]) => !shifted.some(([v]) => v === u)), []);
        // (A split within 1 ms of a boundary snaps to it: times may move by 1 ms.)
        for (const [url, t] of shifted) assert.ok(got.some(([u, s]) => u === url && Math.abs(s - t) <= 1), `${url} at ${t} kept`);
        assert.deepEqual(parseMpd(printMpd(value)).issues, []);
      },
    ),
    { numRuns: 300 },
  );
});

test('replace (live SSAI): the ads take the place of the content, later Periods keep their starts', () => {
  fc.assert(
    fc.property(fc.array(periodGen, { minLength: 2, maxLength: 3 }), fc.double({ min: 0.05, max: 0.6, noNaN: true }), fc.integer({ min: 1, max: 10 }), (periods, frac, adS) => {
      const { mpd } = buildMpd(periods);
      const before = timing(mpd);
      const end = before.ends.at(-1)!;
      const atMs = Math.round(end * frac);
      const ad = buildPeriod({ id: 'ad', durationMs: adS * 1000, adaptationSets: [{ mimeType: 'video/mp4', segmentTemplate: { timescale: 1, media: 'ad/$Number$.m4s', duration: 1 }, representations: [{ id: 'v', bandwidth: 1 }] }] });
      fc.pre(atMs + adS * 1000 < end - 1);
      const { value, issues } = insertPeriods(mpd, atMs, [ad], { mode: 'replace' });
      assert.deepEqual(issues.filter((i) => i.code !== 'DASH_SPLIT_NOT_ON_BOUNDARY'), []);
      const after = timing(value);
      assertContiguous(value);
      assert.equal(after.ends.at(-1), end);
      assert.equal(after.total, before.total);
      for (const s of before.starts) if (s >= atMs + adS * 1000) assert.ok(after.starts.includes(s));
    }),
    { numRuns: 300 },
  );
});
