// checkSequence on hand-made refreshes, then on generated ones: an origin's live window sliding over
// a timeline with discontinuities (dropSegments + appendSegments), the same refreshes passed through
// the sequence-preserving edits, and a stitcher that replaces a break per refresh (replaceSegments
// with the header numbers of its stitched timeline). Every refresh must check clean, and match the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSequence } from './check-sequence.ts';
import { insertTags } from './insert-tags.ts';
import { appendSegments, dropSegments } from './live-window.ts';
import { mediaPlaylist } from './media-playlist.ts';
import type { NewSegment } from './new-segment.ts';
import { parseM3u8, type M3u8 } from './parse-m3u8.ts';
import { removeAdMarkers } from './remove-ad-markers.ts';
import { replaceSegments } from './replace-segments.ts';
import { rewriteUris } from './rewrite-uris.ts';
import { writeAvail } from './write-avail.ts';

const parse = (lines: string[]) => parseM3u8(lines.join('\n') + '\n').value;
const codes = (prev: M3u8, next: M3u8) => checkSequence(prev, next).map((i) => i.code);

function live(msn: number, dsn: number, segs: string[], extra: string[] = []): M3u8 {
  return parse(['#EXTM3U', '#EXT-X-TARGETDURATION:6', `#EXT-X-MEDIA-SEQUENCE:${msn}`, `#EXT-X-DISCONTINUITY-SEQUENCE:${dsn}`, ...extra, ...segs.flatMap((s) => (s.startsWith('#') ? [s] : ['#EXTINF:6,', s]))]);
}

test('consistent refreshes: nothing slid, one slid, a discontinuity slid out and was counted', () => {
  const a = live(10, 0, ['a.ts', '#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts']);
  assert.deepEqual(codes(a, a), []);
  assert.deepEqual(codes(a, live(11, 0, ['#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts', 'd.ts'])), []);
  assert.deepEqual(codes(a, live(12, 1, ['c.ts', 'd.ts'])), []);
});

test('inconsistent refreshes: each with its stable code', () => {
  const a = live(10, 2, ['a.ts', '#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts']);
  assert.deepEqual(codes(a, live(9, 2, ['z.ts', 'a.ts', '#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts'])), ['HLS_MEDIA_SEQUENCE_BACKWARDS']);
  assert.deepEqual(codes(a, live(10, 1, ['a.ts', '#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts'])), ['HLS_DISCONTINUITY_SEQUENCE_BACKWARDS']);
  assert.deepEqual(codes(a, live(12, 2, ['c.ts', 'd.ts'])), ['HLS_DISCONTINUITY_SEQUENCE_MISMATCH']);
  assert.deepEqual(codes(a, live(11, 3, ['#EXT-X-DISCONTINUITY', 'b.ts', 'c.ts'])), ['HLS_DISCONTINUITY_SEQUENCE_MISMATCH']);
  assert.deepEqual(codes(a, live(11, 2, ['b.ts', 'c.ts', 'd.ts'])), ['HLS_SEGMENT_CHANGED', 'HLS_SEGMENT_CHANGED']); // 11 lost its DISCONTINUITY, so 12's number changed
  assert.deepEqual(codes(a, live(11, 2, ['#EXT-X-DISCONTINUITY', 'x.ts', 'c.ts'])), ['HLS_SEGMENT_CHANGED']);
  assert.deepEqual(codes(a, live(10, 2, ['a.ts', '#EXT-X-DISCONTINUITY', 'b.ts'])), ['HLS_SEGMENTS_REMOVED']);
  assert.deepEqual(codes(a, live(20, 3, ['x.ts'])), ['HLS_SEQUENCE_JUMP']);
  assert.deepEqual(codes(a, live(20, 1, ['x.ts'])), ['HLS_DISCONTINUITY_SEQUENCE_BACKWARDS', 'HLS_SEQUENCE_JUMP', 'HLS_DISCONTINUITY_SEQUENCE_MISMATCH']);
  const vod = live(10, 2, ['a.ts', '#EXT-X-ENDLIST']);
  assert.deepEqual(codes(vod, live(10, 2, ['a.ts', 'b.ts'])), ['HLS_ENDLIST_REMOVED']);
  const changed = checkSequence(a, parse(['#EXTM3U', '#EXT-X-TARGETDURATION:8', '#EXT-X-MEDIA-SEQUENCE:10', '#EXT-X-DISCONTINUITY-SEQUENCE:2', '#EXTINF:6,', 'a.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:7,', 'b.ts', '#EXTINF:6,', 'c.ts']));
  assert.deepEqual(
    changed.map((i) => [i.code, i.line, i.field]),
    [
      ['HLS_TARGETDURATION_CHANGED', undefined, undefined],
      ['HLS_SEGMENT_CHANGED', 9, 'durationMs'],
    ],
  );
});

// ── The model: a content timeline, and windows over it ─────────────────────────────────────────
interface Content {
  uri: string;
  durationMs: number;
  discontinuity: boolean;
}

const timelineArb = fc.array(
  fc.record({ durationMs: fc.integer({ min: 1000, max: 6000 }), discontinuity: fc.integer({ min: 0, max: 6 }).map((x) => x === 0) }),
  { minLength: 30, maxLength: 60 },
);

function contentOf(raw: { durationMs: number; discontinuity: boolean }[]): Content[] {
  return raw.map((r, i) => ({ uri: `c${i}.ts`, durationMs: r.durationMs, discontinuity: i > 0 && r.discontinuity }));
}

/** The window [w, w + n) of a timeline, as the model says it must read (msn, dsn, uri of each segment). */
function modelSlice(timeline: { uri: string; discontinuity: boolean }[], w: number, n: number, msnOf: (i: number) => number): [number, number, string][] {
  let dsn = 0;
  const out: [number, number, string][] = [];
  for (let i = 0; i < w + n && i < timeline.length; i++) {
    if (timeline[i]!.discontinuity) dsn++;
    if (i >= w) out.push([msnOf(i), dsn, timeline[i]!.uri]);
  }
  return out;
}

function actual(p: M3u8): [number, number, string][] {
  return mediaPlaylist(p).value.segments.map((s) => [s.mediaSequence, s.discontinuitySequence, s.uri]);
}

const toNew = (c: Content): NewSegment => ({ uri: c.uri, durationMs: c.durationMs, discontinuity: c.discontinuity });

/** Origin refreshes: the first window written, then each slid with dropSegments + appendSegments. */
function originRefreshes(content: Content[], steps: number[], size: number): { windows: M3u8[]; starts: number[] } {
  let w = 0;
  let p = appendSegments(parse(['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6']), content.slice(0, size).map(toNew));
  const windows = [p];
  const starts = [0];
  for (const step of steps) {
    if (w + step + size > content.length) break;
    p = appendSegments(dropSegments(p, step).value, content.slice(w + size, w + size + step).map(toNew));
    w += step;
    windows.push(p);
    starts.push(w);
  }
  return { windows, starts };
}

test('property: origin refreshes made with dropSegments + appendSegments check clean and match the model', () => {
  fc.assert(
    fc.property(timelineArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 25 }), fc.integer({ min: 3, max: 6 }), (raw, steps, size) => {
      const content = contentOf(raw);
      const { windows, starts } = originRefreshes(content, steps, size);
      windows.forEach((p, r) => {
        assert.deepEqual(actual(p), modelSlice(content, starts[r]!, size, (i) => i));
        if (r > 0) assert.deepEqual(checkSequence(windows[r - 1]!, p), []);
      });
    }),
    { numRuns: 200 },
  );
});

test('property: edits that keep the segments keep refreshes consistent (markers written and removed, URIs rewritten)', () => {
  fc.assert(
    fc.property(timelineArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 20 }), (raw, steps) => {
      const content = contentOf(raw);
      const { windows } = originRefreshes(content, steps, 5);
      const edited = windows.map((p) => {
        const marked = writeAvail(p, { dialect: 'cue-out', startIndex: 1, endIndex: 3, durationMs: 12000 }).value;
        return rewriteUris(removeAdMarkers(marked, { keep: ['cue-in'] }), (u) => `https://cdn.example.com/${u}`);
      });
      for (let r = 1; r < edited.length; r++) assert.deepEqual(checkSequence(edited[r - 1]!, edited[r]!), []);
    }),
    { numRuns: 100 },
  );
});

test('property: a corrupted refresh is caught', () => {
  fc.assert(
    fc.property(timelineArb, fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 10 }), fc.constantFrom('msn-1', 'dsn+1', 'uri', 'drop-last'), (raw, steps, how) => {
      const content = contentOf(raw);
      const { windows } = originRefreshes(content, steps, 5);
      const prev = windows[windows.length - 2]!;
      const next = windows[windows.length - 1]!;
      const m = mediaPlaylist(next).value;
      let bad: M3u8;
      if (how === 'msn-1') bad = replaceSegments(next, { startIndex: 0, endIndex: 0 }, [], { mediaSequence: m.mediaSequence - 1 }).value;
      else if (how === 'dsn+1') bad = replaceSegments(next, { startIndex: 0, endIndex: 0 }, [], { discontinuitySequence: m.discontinuitySequence + 1 }).value;
      else if (how === 'uri') bad = rewriteUris(next, (u, ctx) => (ctx.line === m.segments[0]!.uriLineIndex + 1 ? `x-${u}` : u));
      else {
        // Lose the new segments and one more from the live edge.
        const grew = m.segments[m.segments.length - 1]!.mediaSequence - mediaPlaylist(prev).value.segments.at(-1)!.mediaSequence;
        const cut = m.segments[m.segments.length - grew - 1]!.firstLineIndex;
        bad = parseM3u8(next.lines.slice(0, cut).map((l) => l.raw + l.eol).join('')).value;
      }
      assert.notDeepEqual(checkSequence(prev, bad), []);
    }),
    { numRuns: 200 },
  );
});

// ── A stitcher over the model ─────────────────────────────────────────────────────────────────
const SEG_MS = 6000;

interface Stitched {
  uri: string;
  discontinuity: boolean;
  msn: number;
}

/** The stitched timeline: content before the break, the pod (DISCONTINUITY before it), content after (DISCONTINUITY before it). */
function stitchedTimeline(k: number, b: number, m: number, n: number): Stitched[] {
  const s: Stitched[] = [];
  for (let i = 0; i < b; i++) s.push({ uri: `c${i}.ts`, discontinuity: false, msn: i });
  for (let j = 0; j < n; j++) s.push({ uri: `ad${j}.ts`, discontinuity: j === 0, msn: b + j });
  for (let i = b + m; i < k; i++) s.push({ uri: `c${i}.ts`, discontinuity: i === b + m, msn: i + n - m });
  return s;
}

/** What a stitcher serves for the origin window [w, w + size): the break replaced by the part of the pod the window covers. */
function stitch(origin: M3u8, w: number, size: number, b: number, m: number, n: number, timeline: Stitched[]): M3u8 {
  const adMs = (m * SEG_MS) / n;
  const t0 = (w - b) * SEG_MS; // window start, relative to the break start
  const t1 = (w + size - b) * SEG_MS;
  const ads: NewSegment[] = [];
  let firstAd = -1;
  for (let j = 0; j < n; j++) {
    if (j * adMs >= Math.max(0, t0) && j * adMs < t1) {
      if (firstAd < 0) firstAd = j;
      ads.push({ uri: `ad${j}.ts`, durationMs: adMs });
    }
  }
  const start = Math.max(b, w) - w;
  const end = Math.min(b + m, w + size) - w;
  // The header numbers of the stitched slice, from the stitcher's own timeline (its session state).
  const uris = new Set<string>();
  let p = origin;
  if (end > start) p = replaceSegments(p, { startIndex: start, endIndex: end }, ads, { discontinuityBefore: firstAd === 0 }).value;
  else if (w === b + m) p = insertTags(p, 0, ['#EXT-X-DISCONTINUITY']).value; // the pod's closing DISCONTINUITY is still in the window
  for (const s of mediaPlaylist(p).value.segments) uris.add(s.uri);
  const first = timeline.findIndex((s) => uris.has(s.uri));
  let dsn = 0;
  for (let i = 0; i <= first; i++) if (timeline[i]!.discontinuity) dsn++;
  if (timeline[first]!.discontinuity) dsn--;
  return replaceSegments(p, { startIndex: 0, endIndex: 0 }, [], { mediaSequence: timeline[first]!.msn, discontinuitySequence: dsn }).value;
}

test('property: a stitcher replacing a break per refresh, with its timeline numbers, serves consistent refreshes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 6, max: 12 }), // break start
      fc.integer({ min: 2, max: 6 }), // content segments in the break
      fc.constantFrom(1, 2, 3, 4, 6), // pod segments per content segment … or fewer
      fc.boolean(),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 30 }),
      (b, m, factor, fewer, steps) => {
        const n = fewer ? Math.max(1, Math.floor(m / 2)) : m * factor;
        if (((m * SEG_MS) / n) % 1 !== 0) return;
        const k = 40;
        const content: Content[] = Array.from({ length: k }, (_, i) => ({ uri: `c${i}.ts`, durationMs: SEG_MS, discontinuity: false }));
        const { windows, starts } = originRefreshes(content, steps, 5);
        const timeline = stitchedTimeline(k, b, m, n);
        let prev: M3u8 | undefined;
        windows.forEach((origin, r) => {
          const p = stitch(origin, starts[r]!, 5, b, m, n, timeline);
          const got = actual(p);
          const at = timeline.findIndex((s) => s.uri === got[0]![2]);
          assert.deepEqual(got, modelSlice(timeline, at, got.length, (i) => timeline[i]!.msn));
          if (prev) assert.deepEqual(checkSequence(prev, p), []);
          prev = p;
        });
      },
    ),
    { numRuns: 300 },
  );
});

test('a stitcher that keeps the origin numbers is caught when the break slides out', () => {
  const content: Content[] = Array.from({ length: 20 }, (_, i) => ({ uri: `c${i}.ts`, durationMs: SEG_MS, discontinuity: false }));
  const { windows } = originRefreshes(content, [1, 1, 1, 1, 1, 1], 5);
  const naive = windows.map((p, r) => {
    const start = Math.max(2, r) - r;
    const end = Math.min(4, r + 5) - r;
    return end > start ? replaceSegments(p, { startIndex: start, endIndex: end }, [1, 2, 3, 4].slice(0, end - start + 2).map((j) => ({ uri: `ad${j}.ts`, durationMs: 3000 }))).value : p;
  });
  const found = naive.slice(1).flatMap((p, r) => checkSequence(naive[r]!, p).map((i) => i.code));
  assert.ok(found.includes('HLS_SEGMENT_CHANGED'), found.join());
});
