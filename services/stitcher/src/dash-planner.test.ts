// The DASH planner: golden files from the origin service's own MPDs (one Period with an xml+bin
// EventStream, a new Period per break with 2013:xml, a time_signal), and long runs of refreshes
// of a synthetic origin checked the way players depend on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseMpd } from '@adsplice/dash';
import type { AvailRecord } from './model.ts';
import { dashAvailFacts, dashOriginView, type DashAvailFacts } from './dash-view.ts';
import { periodIds, renderSessionMpd, type DashRenderUrls } from './dash-planner.ts';
import { originMpd, syntheticDashRecord, type SyntheticDash } from './testing/synthetic-dash-origin.ts';
import { availPeriods as periodsOf } from './dash-planner.ts';
import { checkMpd, checkMpdSequence } from './testing/mpd-sequence.ts';

const ORIGIN_URL = 'http://origin.test/origin/news/index.mpd';
const name = (t: { kind: string; variant?: number }) => (t.kind === 'audio' ? 'a' : String(t.variant));
const urls: DashRenderUrls = {
  ad: (r, item, t) => ({ media: `/v1/segment/cfg/s1/${r.key}/${item}/${name(t)}/$Number$.m4s`, initialization: `/v1/segment/cfg/s1/${r.key}/${item}/${name(t)}/init.mp4` }),
  slate: (_r, t) => ({ media: `/v1/media/slate/target/${name(t)}/$Number$.m4s`, initialization: `/v1/media/slate/target/${name(t)}/init.mp4` }),
  bumper: (r, item, t) => ({ media: `/v1/media/${r.items[item]!.creativeKey}/target/${name(t)}/$Number$.m4s`, initialization: `/v1/media/${r.items[item]!.creativeKey}/target/${name(t)}/init.mp4` }),
};
const TESTDATA = new URL('../testdata/dash/', import.meta.url);

/** Walks refreshes as the stitcher does: a new avail is decided once, ends the MPD reveals are kept. */
function walk(texts: { text: string; nowMs: number }[], plan: (f: DashAvailFacts) => AvailRecord, passthrough = false): string[] {
  const records = new Map<string, AvailRecord>();
  return texts.map(({ text, nowMs }) => {
    const view = dashOriginView(text, nowMs);
    for (const f of dashAvailFacts(view)) if (!records.has(f.key)) records.set(f.key, plan(f));
    const out = renderSessionMpd(view, [...records.values()], { urls, originUrl: ORIGIN_URL, passthrough, location: '/v1/dash/cfg/news/index.mpd?aws.sessionId=s1' });
    for (const e of out.ended) records.set(e.key, e);
    return out.text;
  });
}

const twoAds = (f: DashAvailFacts) => syntheticDashRecord({ ...f, plannedDurationMs: f.plannedDurationMs ?? 30_000 }, [[2000, 2000, 2000], [2000, 2000]], [1000, 1000, 1000]);
const oneAdAndSlate = (f: DashAvailFacts) => syntheticDashRecord({ ...f, plannedDurationMs: f.plannedDurationMs ?? 30_000 }, [[2000, 2000]], [1000, 1000, 1000]);

function golden(set: string, plan: (f: DashAvailFacts) => AvailRecord, passthrough: boolean, times: number[]) {
  const epochMs = Date.parse(/availabilityStartTime="([^"]+)"/.exec(readFileSync(new URL(`${set}-${times[0]}.origin.mpd`, TESTDATA), 'utf8'))![1]!);
  const inputs = times.map((s) => ({ text: readFileSync(new URL(`${set}-${s}.origin.mpd`, TESTDATA), 'utf8'), nowMs: epochMs + s * 1000 }));
  const outs = walk(inputs, plan, passthrough);
  outs.forEach((text, i) => {
    const file = new URL(`${set}-${times[i]}.stitched.mpd`, TESTDATA);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
    assert.equal(text, readFileSync(file, 'utf8'), `${set} at ${times[i]} s`);
    assert.deepEqual(parseMpd(text).issues, []);
    assert.deepEqual(checkMpd(text, inputs[i]!.nowMs), [], `${set} at ${times[i]} s`);
  });
  for (let i = 1; i < outs.length; i++) assert.deepEqual(checkMpdSequence(outs[i - 1]!, outs[i]!, inputs[i - 1]!.nowMs, inputs[i]!.nowMs), [], `${set} ${times[i - 1]} → ${times[i]} s`);
  return outs;
}

test('golden: one origin Period, xml+bin splice_insert, two ads filling a 10 s break', () => {
  const outs = golden('single-xmlbin', twoAds, false, [38, 42, 46, 52, 56, 64]);
  assert.deepEqual(periodIds(parseMpd(outs[2]!).value), ['p0', 'avail-20-ad-0', 'avail-20-ad-1']);
  assert.deepEqual(periodIds(parseMpd(outs[3]!).value), ['avail-20-ad-0', 'avail-20-ad-1', 'avail-20-content']);
  assert.doesNotMatch(outs[3]!, /scte35/, 'no passthrough: the cues are gone');
  assert.deepEqual(periodIds(parseMpd(outs[5]!).value), ['avail-20-content'], 'the break has slid out; the content keeps its Period id');
});

test('golden: a new origin Period per break (2013:xml), one ad then slate loops, cues passed through onto the first ad Period', () => {
  const outs = golden('period-per-break-xml', oneAdAndSlate, true, [38, 42, 46, 52, 56, 64]);
  assert.deepEqual(periodIds(parseMpd(outs[2]!).value), ['p0', 'avail-20-ad-0', 'avail-20-slate-0', 'avail-20-slate-1']);
  assert.deepEqual(periodIds(parseMpd(outs[3]!).value), ['avail-20-ad-0', 'avail-20-slate-0', 'avail-20-slate-1', 'p50'], 'p0 has left the window');
  assert.match(outs[1]!, /<Period id="avail-20-ad-0" start="PT40S" duration="PT4S">\s*<EventStream schemeIdUri="urn:scte:scte35:2013:xml"/);
});

test('golden: a time_signal (placement opportunity start, 2013:xml) is an avail like a splice_insert', () => {
  const outs = golden('single-timesignal-xml', twoAds, false, [42, 46, 52]);
  assert.deepEqual(periodIds(parseMpd(outs[1]!).value), ['p0', 'avail-20-ad-0', 'avail-20-ad-1']);
  assert.deepEqual(periodIds(parseMpd(outs[2]!).value), ['avail-20-ad-0', 'avail-20-ad-1', 'avail-20-content']);
});

test('the resumed content Period starts at the avail end with the media time there as presentationTimeOffset', () => {
  const text = readFileSync(new URL('single-xmlbin-52.stitched.mpd', TESTDATA), 'utf8');
  const resumed = /<Period id="avail-20-content" start="PT50S">[\s\S]*?<\/Period>/.exec(text)![0];
  assert.match(resumed, /timescale="12800" presentationTimeOffset="640000"[^>]*startNumber="25"/);
  assert.match(resumed, /timescale="48000" presentationTimeOffset="2400000"[^>]*startNumber="25"/);
  assert.match(resumed, /<BaseURL>http:\/\/origin.test\/origin\/news\/<\/BaseURL>/);
});

function refreshes(o: SyntheticDash, fromS: number, toS: number): { text: string; nowMs: number }[] {
  const out = [];
  for (let s = fromS; s <= toS; s++) out.push({ text: originMpd(o, o.availabilityStartMs + s * 1000), nowMs: o.availabilityStartMs + s * 1000 });
  return out;
}

function assertSequence(inputs: { nowMs: number }[], outs: string[]) {
  for (let i = 0; i < outs.length; i++) {
    assert.deepEqual(parseMpd(outs[i]!).issues, []);
    if (i > 0) assert.deepEqual(checkMpdSequence(outs[i - 1]!, outs[i]!, inputs[i - 1]!.nowMs, inputs[i]!.nowMs), [], `refresh ${i}:\n${outs[i - 1]}\n---\n${outs[i]}`);
  }
}

const base: SyntheticDash = { segmentMs: 2000, windowSegments: 6, availabilityStartMs: Date.UTC(2026, 0, 1), breaks: [] };

test('40+ refreshes through two breaks (one Period): Period ids and starts stable, none moves, timelines continuous', () => {
  const o = { ...base, breaks: [{ startMs: 40_000, durationMs: 10_000, eventId: 1 }, { startMs: 70_000, durationMs: 12_000, eventId: 2 }] };
  const inputs = refreshes(o, 30, 100);
  const outs = walk(inputs, twoAds);
  assert.equal(outs.length, 71);
  assertSequence(inputs, outs);
  const seen = new Set(outs.flatMap((t) => periodIds(parseMpd(t).value)));
  assert.deepEqual([...seen], ['p0', 'avail-20-ad-0', 'avail-20-ad-1', 'avail-20-content', 'avail-35-ad-0', 'avail-35-ad-1', 'avail-35-slate-0', 'avail-35-content']);
});

test('40+ refreshes with a Period per break and passthrough, slate loops, xml cues', () => {
  const o = { ...base, periodPerBreak: true, scheme: 'xml' as const, breaks: [{ startMs: 40_000, durationMs: 10_000, eventId: 1 }] };
  const inputs = refreshes(o, 30, 75);
  const outs = walk(inputs, oneAdAndSlate, true);
  assertSequence(inputs, outs);
});

test('an early return cuts the avail: the content resumes at the IN, later refreshes agree', () => {
  const o = { ...base, breaks: [{ startMs: 40_000, durationMs: 20_000, eventId: 1, returnMs: 48_000 }] };
  const inputs = refreshes(o, 30, 80);
  const outs = walk(inputs, twoAds);
  const last = outs.at(-1)!;
  const after = outs.find((t) => t.includes('avail-20-content'))!;
  assert.match(after, /<Period id="avail-20-ad-1" start="PT46S" duration="PT2S">/);
  assert.match(after, /<Period id="avail-20-content" start="PT48S">/);
  assert.doesNotMatch(last, /avail-20-ad/);
  // From the refresh that showed the IN on, the sequence holds.
  const from = outs.indexOf(after);
  assertSequence(inputs.slice(from), outs.slice(from));
});

test('bumpers and a partial fill play in the plan\'s order, as in HLS: lead slate, start bumper, ads, slate, end bumper', () => {
  const r = syntheticDashRecord({ key: '40', startNumber: 40, startPresentationMs: 80_000, plannedDurationMs: 20_000 }, [[2000, 2000], [2000]], [1000, 1000, 1000]);
  r.items = [
    { kind: 'slate', creativeKey: 'slate', segmentsMs: [1000, 1000, 1000], durationMs: 4000 },
    { kind: 'bumper', creativeKey: 'bumperin', segmentsMs: [2000], durationMs: 2000 },
    ...r.items.filter((i) => i.kind === 'ad'),
    { kind: 'slate', creativeKey: 'slate', segmentsMs: [1000, 1000, 1000], durationMs: 6000 },
    { kind: 'bumper', creativeKey: 'bumperout', segmentsMs: [2000], durationMs: 2000 },
  ];
  const periods = periodsOf(r).map((p) => [p.id, p.startMs - 80_000, p.durationMs]);
  assert.deepEqual(periods, [
    ['avail-40-slate-0', 0, 3000],
    ['avail-40-slate-1', 3000, 1000],
    ['avail-40-bumper-1', 4000, 2000],
    ['avail-40-ad-2', 6000, 4000],
    ['avail-40-ad-3', 10_000, 2000],
    ['avail-40-slate-2', 12_000, 3000],
    ['avail-40-slate-3', 15_000, 3000],
    ['avail-40-bumper-5', 18_000, 2000],
  ]);
});

test('COMPLETE_AD: an ad running at an early end plays to its end (the content resumes after it); CUT_CURRENT cuts it', () => {
  const ad = (i: number) => ({ kind: 'ad' as const, creativeKey: `c${i}`, segmentsMs: [2000, 2000, 2000], durationMs: 6000, adIndex: i });
  const r: AvailRecord = { key: '7', startMsn: 7, dsnBefore: 0, plannedDurationMs: 12_000, mode: 'ads', items: [ad(0), ad(1)], ads: [], skipped: [], startPresentationMs: 100_000, endPresentationMs: 108_000, decidedAtMs: 0 };
  assert.deepEqual(periodsOf(r).map((p) => [p.kind, p.startMs, p.durationMs]), [['ad', 100_000, 6000], ['ad', 106_000, 2000]]);
  assert.deepEqual(periodsOf({ ...r, completeAd: true }).map((p) => [p.kind, p.startMs, p.durationMs]), [['ad', 100_000, 6000], ['ad', 106_000, 6000]]);
  // An end between ads (or after them) changes nothing.
  assert.deepEqual(periodsOf({ ...r, completeAd: true, endPresentationMs: 106_000 }).map((p) => p.durationMs), [6000]);
});
