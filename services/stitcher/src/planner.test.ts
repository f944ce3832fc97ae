// The planner: golden files for the shapes that matter, and long runs of refreshes checked with
// packages/hls checkSequence (the thing players break on most).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { avails, checkSequence, parseM3u8 } from '@adsplice/hls';
import type { AvailRecord } from './model.ts';
import { originView } from './origin-view.ts';
import { renderSessionPlaylist, type RenderUrls } from './planner.ts';
import { originPlaylist, syntheticRecord, type SyntheticOrigin } from './testing/synthetic-origin.ts';
import { makeFillPlan } from './fill-plan.ts';

const urls: RenderUrls = {
  ad: (r, item, seg) => `/v1/segment/cfg/s1/${r.key}/${item}/${seg}.ts`,
  bumper: (r, item, seg) => `/v1/media/${r.items[item]!.creativeKey}/t1/v0/${seg}.ts`,
  slate: (_r, file) => `/v1/media/slate/v0/${file}.ts`,
};
const ORIGIN_URL = 'http://origin.test/live/hi.m3u8';

function render(text: string, records: AvailRecord[], passthrough = false) {
  return renderSessionPlaylist(originView(text, { url: ORIGIN_URL, passthrough }), records, { urls, passthrough });
}

/** Runs the window from `from` to `to`, deciding each break when its first segment appears, as the stitcher does. */
function run(o: SyntheticOrigin, from: number, to: number, plan: (b: SyntheticOrigin['breaks'][number]) => AvailRecord, passthrough = false): string[] {
  const records = new Map<string, AvailRecord>();
  const out: string[] = [];
  for (let last = from; last <= to; last++) {
    const first = Math.max(0, last - o.window + 1);
    for (const b of o.breaks) {
      if (b.startMsn >= first && b.startMsn <= last && ![...records.values()].some((r) => r.startMsn === b.startMsn)) {
        const r = plan(b);
        records.set(r.key, r);
      }
    }
    const { text, ended } = render(originPlaylist(o, last), [...records.values()], passthrough);
    for (const e of ended) records.set(e.key, e);
    out.push(text);
  }
  return out;
}

function assertConsistent(texts: string[]) {
  for (let i = 1; i < texts.length; i++) {
    const a = parseM3u8(texts[i - 1]!).value;
    const b = parseM3u8(texts[i]!).value;
    assert.deepEqual(checkSequence(a, b), [], `refresh ${i}:\n${texts[i - 1]}\n---\n${texts[i]}`);
  }
}

const base: SyntheticOrigin = { segmentMs: 2000, window: 6, epochMs: Date.UTC(2026, 0, 1), loop: 0, breaks: [] };

test('an exactly filled break (ads in whole segments) keeps the numbering 1:1 for 60 refreshes', () => {
  const o = { ...base, breaks: [{ startMsn: 20, segments: 5, eventId: 1 }] };
  const texts = run(o, 5, 65, (b) => syntheticRecord(o, b, [[2000, 2000, 2000], [2000, 2000]]));
  assertConsistent(texts);
  const last = parseM3u8(texts.at(-1)!).value;
  assert.match(texts.at(-1)!, /#EXT-X-MEDIA-SEQUENCE:60\n/);
  assert.ok(last.lines.length > 0);
});

test('ads that do not match the segment grid, slate for the rest, loop-point discontinuities, several breaks: 120 refreshes stay consistent', () => {
  const o = { ...base, loop: 7, breaks: [{ startMsn: 10, segments: 5, eventId: 1 }, { startMsn: 30, segments: 8, eventId: 2 }, { startMsn: 41, segments: 4, eventId: 3 }] };
  const texts = run(o, 3, 123, (b) => syntheticRecord(o, b, b.eventId === 3 ? [] : [[2000, 2000, 1000], [2000, 500]]));
  assertConsistent(texts);
});

test('an early return (CUE-IN before the planned end) cuts the ad pod, and the numbering stays consistent', () => {
  const o = { ...base, breaks: [{ startMsn: 10, segments: 10, endsAfter: 4, eventId: 9 }] };
  const texts = run(o, 3, 40, (b) => syntheticRecord(o, b, [[2000, 2000, 2000], [2000, 2000, 2000]]));
  assertConsistent(texts);
  const during = texts.find((t) => t.includes('/v1/segment/cfg/s1/10-9/1/0.ts'))!;
  assert.ok(during, 'the second ad starts inside the shortened break');
  assert.ok(!texts.some((t) => t.includes('/1/1.ts')), 'the second ad is cut at the CUE-IN');
});

test('COMPLETE_AD: the ad running at an early CUE-IN plays to its end, then slate to the next content segment; the content resumes there and the numbering stays consistent', () => {
  const o = { ...base, breaks: [{ startMsn: 10, segments: 10, endsAfter: 4, eventId: 9 }] };
  // Ads 0–6 s and 6–11 s; the origin returns at 8 s. The second ad ends at 11 s, so the content resumes at 12 s (msn 16).
  const texts = run(o, 3, 40, (b) => ({ ...syntheticRecord(o, b, [[2000, 2000, 2000], [2000, 2000, 1000]]), completeAd: true }));
  assertConsistent(texts);
  assert.ok(texts.some((t) => t.includes('/v1/segment/cfg/s1/10-9/1/2.ts')), 'the second ad plays to its end');
  const after = texts.find((t) => t.includes('http://origin.test/live/seg/16.ts') && t.includes('/1/2.ts'))!;
  assert.ok(after, 'a window shows the ad\'s end and the content after it');
  assert.match(after.replace(/#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n/g, ''), /#EXTINF:1\.000,\n\/v1\/segment\/cfg\/s1\/10-9\/1\/2\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:1\.000,\n\/v1\/media\/slate\/v0\/0\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2\.000,\nhttp:\/\/origin\.test\/live\/seg\/16\.ts/);
  assert.ok(!texts.some((t) => /seg\/1[45]\.ts/.test(t)), 'the content the completed ad overran is not shown');
  // Under CUT_CURRENT the same break ends at 8 s (msn 14).
  const cut = run(o, 3, 40, (b) => syntheticRecord(o, b, [[2000, 2000, 2000], [2000, 2000, 1000]]));
  assert.ok(cut.some((t) => t.includes('seg/14.ts')) && !cut.some((t) => t.includes('/1/2.ts')));
});

test('a live pre-roll replaces the content from the join point for as long as its ads play, slate to the next segment boundary; the numbering stays consistent', () => {
  const o = { ...base, breaks: [{ startMsn: 30, segments: 3, eventId: 1 }] };
  const pre: AvailRecord = { ...syntheticRecord(o, { startMsn: 8, segments: 3, eventId: 0 }, [[2000, 1000], [2000]]), key: 'pre', preRoll: true };
  pre.items = pre.items.filter((it) => it.kind !== 'slate');
  pre.plannedDurationMs = 5000;
  delete pre.eventId;
  // With the pre-roll decided on the first window (segments 5–10: a player joins at 8).
  const records = new Map<string, AvailRecord>([['pre', pre]]);
  const out: string[] = [];
  for (let last = 10; last <= 40; last++) {
    for (const b of o.breaks) if (b.startMsn <= last && !records.has(`${b.startMsn}-${b.eventId}`)) records.set(`${b.startMsn}-${b.eventId}`, syntheticRecord(o, b, [[2000, 2000, 2000]]));
    const { text, ended } = render(originPlaylist(o, last), [...records.values()]);
    for (const e of ended) records.set(e.key, e);
    out.push(text);
  }
  assertConsistent(out);
  assert.equal(records.get('pre')!.end?.msn, 11, 'the content resumes at 6 s, the first segment boundary after the 5 s of ads');
  const first = out[0]!;
  assert.match(first, /seg\/7\.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXTINF:2\.000,\n\/v1\/segment\/cfg\/s1\/pre\/0\/0\.ts/);
  const shown = out.find((t) => t.includes('seg/11.ts'))!;
  assert.match(shown, /\/v1\/segment\/cfg\/s1\/pre\/1\/0\.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXTINF:1\.000,\n\/v1\/media\/slate\/v0\/0\.ts\n#EXT-X-DISCONTINUITY\n(#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n)?#EXTINF:2\.000,\nhttp:\/\/origin\.test\/live\/seg\/11\.ts/);
  assert.ok(!out.some((t) => /seg\/(8|9|10)\.ts/.test(t)), 'the content under the pre-roll is not shown');
});

test('a content-mode avail passes the content through with its markers removed', () => {
  const o = { ...base, breaks: [{ startMsn: 10, segments: 3, eventId: 4 }] };
  const texts = run(o, 5, 20, (b) => syntheticRecord(o, b, [], 'content'));
  assertConsistent(texts);
  assert.ok(texts.every((t) => !t.includes('CUE') && !t.includes('/v1/segment/')));
});

test('marker passthrough over ads that do not match the content grid: every CUE-OUT-CONT elapsed time adds up, on every refresh', () => {
  const o = { ...base, loop: 0, breaks: [{ startMsn: 10, segments: 5, eventId: 78 }] };
  const texts = run(o, 5, 24, (b) => syntheticRecord(o, b, [[1500, 1500], [3000, 1000], [2000]]), true);
  assertConsistent(texts);
  let conts = 0;
  for (const t of texts) {
    const found = avails(parseM3u8(t).value);
    assert.deepEqual(found.issues.filter((i) => i.code.startsWith('HLS_')), [], t);
    conts += (t.match(/#EXT-X-CUE-OUT-CONT:/g) ?? []).length;
  }
  assert.ok(conts > 10, 'the CONT tags are there');
  assert.ok(texts.some((t) => t.includes('#EXT-X-CUE-IN')), 'and the CUE-IN');
});

test('marker passthrough when the first ad segment outlasts the first content segment of the break: it keeps its CUE-OUT after that segment has left the origin window', () => {
  // As the demo channel: 2 s segments under a 6 s target duration, ads conditioned into 6 s segments.
  const o = { ...base, loop: 0, targetDurationS: 6, breaks: [{ startMsn: 10, segments: 8, eventId: 79 }] };
  // As the personalizer does: the origin's markers on the avail's first segment, kept in the record.
  const opening = (b: SyntheticOrigin['breaks'][number]) =>
    originView(originPlaylist(o, b.startMsn), { url: ORIGIN_URL, passthrough: true })
      .segments.find((x) => x.msn === b.startMsn)!
      .markers.filter((m) => !m.startsWith('#EXT-X-CUE-OUT-CONT'));
  const kept = run(o, 5, 26, (b) => ({ ...syntheticRecord(o, b, [[6000, 6000], [4000]]), openingMarkers: opening(b) }), true);
  // A record from before openingMarkers were kept: the first ad segment gets a CONT at 0 s instead.
  const older = run(o, 5, 26, (b) => syntheticRecord(o, b, [[6000, 6000], [4000]]), true);
  for (const texts of [kept, older]) {
    assertConsistent(texts);
    for (const t of texts) assert.deepEqual(avails(parseM3u8(t).value).issues.filter((i) => i.code.startsWith('HLS_')), [], t);
  }
  // Refresh 11 (origin window 11–16): content segment 10 is gone, the first ad segment (0–6 s) is the window's head.
  assert.match(kept[11]!, /^#EXT-X-MEDIA-SEQUENCE:10$/m);
  assert.match(kept[11]!, /#EXT-X-CUE-OUT:16[^\n]*\n#EXTINF:6\.000,\n\/v1\/segment\/cfg\/s1\/[^/]+\/0\/0\.ts/);
  assert.match(older[11]!, /#EXT-X-CUE-OUT-CONT:ElapsedTime=0,[^\n]*\n#EXTINF:6\.000,\n\/v1\/segment\/cfg\/s1\/[^/]+\/0\/0\.ts/);
});

test('golden files: the personalised playlist at the start, middle and end of a break, with and without marker passthrough', () => {
  const o = { ...base, loop: 0, breaks: [{ startMsn: 10, segments: 5, eventId: 77 }] };
  const texts = run(o, 5, 18, (b) => syntheticRecord(o, b, [[2000, 2000, 1000], [2000, 2000]]));
  const passthrough = run(o, 5, 18, (b) => syntheticRecord(o, b, [[2000, 2000, 1000], [2000, 2000]]), true);
  const cases: [string, string][] = [
    ['break-start', texts[5]!],
    ['break-middle', texts[8]!],
    ['break-end', texts[11]!],
    ['break-passthrough', passthrough[11]!],
  ];
  for (const [name, text] of cases) {
    const file = new URL(`../testdata/${name}.stitched.m3u8`, import.meta.url);
    const originFile = new URL(`../testdata/${name}.origin.m3u8`, import.meta.url);
    const idx = cases.findIndex((c) => c[0] === name);
    const lastMsn = [10, 13, 16, 16][idx]!;
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(file, text);
      writeFileSync(originFile, originPlaylist(o, lastMsn));
    }
    assert.equal(text, readFileSync(file, 'utf8'), name);
    assert.equal(originPlaylist(o, lastMsn), readFileSync(originFile, 'utf8'), `${name} origin`);
  }
});

/** A record with a 1 s start bumper, the ads, slate for the rest and a 1 s end bumper. */
function withBumpers(o: SyntheticOrigin, b: SyntheticOrigin['breaks'][number], adsMs: number[][]): AvailRecord {
  const r = syntheticRecord(o, b, adsMs);
  const ads = r.items.filter((x) => x.kind === 'ad');
  const slateMs = r.plannedDurationMs - ads.reduce((a, x) => a + x.durationMs, 0) - 2000;
  r.items = [
    { kind: 'bumper', creativeKey: 'bumper-in', segmentsMs: [1000], durationMs: 1000 },
    ...ads,
    ...(slateMs > 0 ? [{ kind: 'slate' as const, creativeKey: 'slate', segmentsMs: [1000, 1000, 1000], durationMs: slateMs }] : []),
    { kind: 'bumper', creativeKey: 'bumper-out', segmentsMs: [1000], durationMs: 1000 },
  ];
  return r;
}

test('bumpers open and close the break, slate fills between the ads and the end bumper: 40 refreshes stay consistent; golden file', () => {
  const o = { ...base, loop: 0, breaks: [{ startMsn: 10, segments: 5, eventId: 79 }] };
  const texts = run(o, 5, 45, (b) => withBumpers(o, b, [[2000, 2000], [2000]]));
  assertConsistent(texts);
  const end = texts[10]!; // the whole break in the window
  const uris = end.split('\n').filter((l) => l.startsWith('/v1/'));
  assert.deepEqual(uris, ['/v1/media/bumper-in/t1/v0/0.ts', '/v1/segment/cfg/s1/10-79/1/0.ts', '/v1/segment/cfg/s1/10-79/1/1.ts', '/v1/segment/cfg/s1/10-79/2/0.ts', '/v1/media/slate/v0/0.ts', '/v1/media/slate/v0/1.ts', '/v1/media/bumper-out/t1/v0/0.ts']);
  const file = new URL('../testdata/break-bumpers.stitched.m3u8', import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, end);
  assert.equal(end, readFileSync(file, 'utf8'));
  // An early return cuts through the bumper like through an ad.
  const early = { ...base, breaks: [{ startMsn: 10, segments: 5, endsAfter: 3, eventId: 80 }] };
  const cut = run(early, 5, 30, (b) => withBumpers(early, b, [[2000, 2000], [2000]]));
  assertConsistent(cut);
  assert.ok(!cut.some((t) => t.includes('bumper-out')), 'the end bumper falls after the early CUE-IN');
});

test('the fill plan: bumpers take their time first and play only around ads', () => {
  const ready = (id: string, ms: number[]) => ({ ad: { adId: id, creativeId: id, adSystem: 's', durationMs: ms.reduce((a, b) => a + b, 0), impressions: [], tracking: {}, errors: [] }, creativeKey: id, mediaUrl: `http://x/${id}.mp4`, readiness: { state: 'ready' as const, segmentsMs: ms } });
  const slate = { creativeKey: 'slate', segmentsMs: [1000], targetKey: 't' };
  const bumpers = { start: { creativeKey: 'in', segmentsMs: [2000] }, end: { creativeKey: 'out', segmentsMs: [1000, 1000] } };
  const plan = makeFillPlan({ candidates: [ready('a', [6000, 6000]), ready('b', [10_000]), ready('c', [5000])], availDurationMs: 30_000, slate, bumpers });
  assert.deepEqual(plan.items.map((i) => [i.kind, i.creativeKey, i.durationMs]), [['bumper', 'in', 2000], ['ad', 'a', 12_000], ['ad', 'b', 10_000], ['slate', 'slate', 4000], ['bumper', 'out', 2000]]);
  assert.deepEqual(plan.skipped.map((s) => [s.adId, s.skippedReason]), [['c', 'AVAIL_DURATION_EXCEEDED']], '26 s of room between the bumpers');
  assert.equal(plan.slateMs, 4000);
  const none = makeFillPlan({ candidates: [], availDurationMs: 30_000, slate, bumpers });
  assert.deepEqual(none.items.map((i) => i.kind), ['slate'], 'no ads: slate alone, no bumpers');
});
