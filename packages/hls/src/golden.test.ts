// Golden files (packages/hls/testdata): an input playlist + an operation → the expected output,
// compared as text. Live playlists with a break in each dialect; their avails, the playlist without
// markers, the playlist stitched with an ad pod, CDN URIs, markers written by each writer, a window slide.
// `UPDATE_GOLDEN=1 node --import tsx --test packages/hls/src/golden.test.ts` rewrites the outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { avails } from './avails.ts';
import { CUE_DIALECTS } from './cue-tag-writer.ts';
import { appendSegments, dropSegments } from './live-window.ts';
import { mediaPlaylist } from './media-playlist.ts';
import type { NewSegment } from './new-segment.ts';
import { parseM3u8, type M3u8 } from './parse-m3u8.ts';
import { printM3u8 } from './print-m3u8.ts';
import { removeAdMarkers } from './remove-ad-markers.ts';
import { replaceSegments } from './replace-segments.ts';
import { absoluteUris, rewriteUris } from './rewrite-uris.ts';
import { writeAvail } from './write-avail.ts';

const testdata = new URL('../testdata/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

function read(name: string): string {
  return readFileSync(new URL(name, testdata), 'utf8');
}

function golden(name: string, actual: string): void {
  if (update) writeFileSync(new URL(name, testdata), actual);
  assert.equal(actual, read(name), `golden ${name}`);
}

function parse(name: string): M3u8 {
  return parseM3u8(read(name)).value;
}

/** A 30 s TS pod (a 15 s ad, a 10 s ad, 5 s of slate), or a 16 s fMP4 pod of two 8 s ads with an init section each. */
function pod(fmp4: boolean): NewSegment[] {
  const ext = fmp4 ? 'm4s' : 'ts';
  const seg = (path: string, ms: number, i: number): NewSegment => {
    const s: NewSegment = { uri: `https://ads.example.com/${path}/${i}.${ext}`, durationMs: ms };
    if (fmp4) s.map = { uri: `https://ads.example.com/${path}/init.mp4` };
    return s;
  };
  if (fmp4) return [seg('ad-a/720p', 4000, 0), seg('ad-a/720p', 4000, 1), seg('ad-b/720p', 4000, 0), seg('ad-b/720p', 4000, 1)];
  return [seg('ad-a/720p', 6000, 0), seg('ad-a/720p', 6000, 1), seg('ad-a/720p', 3000, 2), seg('ad-b/720p', 6000, 0), seg('ad-b/720p', 4000, 1), seg('slate/720p', 5000, 0)];
}

/** Stitches the first break with the pod: the part of the pod that falls in the window. */
function stitch(playlist: M3u8, fmp4 = false): string {
  const a = avails(playlist).value[0]!;
  const media = mediaPlaylist(playlist).value;
  const index = (msn: number) => media.segments.findIndex((s) => s.mediaSequence === msn);
  const start = a.startSegment !== undefined ? index(a.startSegment) : 0;
  const end = a.endSegment !== undefined ? index(a.endSegment) : media.segments.length;
  // The part of the pod the window shows: not the ads that played before it (a break that started
  // before the window), nor those after the break's end (a return to network) or the live edge.
  const skipMs = a.startedBeforeWindow && a.startTimeMs !== undefined ? media.segments[0]!.programDateTimeMs! - a.startTimeMs : 0;
  let at = 0;
  const ads = pod(fmp4).filter((s) => {
    const from = at;
    at += s.durationMs;
    return at > skipMs && from < (a.elapsedMs ?? Infinity);
  });
  const r = replaceSegments(playlist, { startIndex: start, endIndex: end < 0 ? media.segments.length : end }, ads);
  assert.deepEqual(r.issues, []);
  return printM3u8(r.value);
}

function availsText(text: string): string {
  const parsed = parseM3u8(text);
  const r = avails(parsed.value);
  const issue = (i: { code: string; line?: number; message: string }) => `${i.code} line ${i.line ?? '-'}: ${i.message}`;
  const summary = {
    avails: r.value.map((a) => ({ ...a, signals: a.signals.map((s) => `${s.kind} ${s.dialect} line ${s.line}`) })),
    issues: r.issues.map(issue),
    playlistIssues: [...parsed.issues, ...mediaPlaylist(parsed.value).issues].map(issue),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

const INPUTS = readdirSync(testdata)
  .filter((f) => f.endsWith('.m3u8') && f.split('.').length === 2)
  .sort();

test('the golden inputs are the expected set', () => {
  assert.deepEqual(INPUTS, [
    'adobe-scte35.m3u8',
    'cmaf-both-dialects.m3u8',
    'daterange-implicit-end.m3u8',
    'daterange.m3u8',
    'early-return.m3u8',
    'elemental.m3u8',
    'messy.m3u8',
    'open-break.m3u8',
    'overlapping-out.m3u8',
    'plain.m3u8',
    'scte35-enhanced.m3u8',
    'scte35-tag.m3u8',
    'splicepoint.m3u8',
    'started-before-window.m3u8',
  ]);
});

for (const input of INPUTS) {
  const base = input.replace(/\.m3u8$/, '');
  test(`golden ${base}: prints back, avails, without ad markers`, () => {
    const text = read(input);
    const playlist = parseM3u8(text).value;
    assert.equal(printM3u8(playlist), text);
    golden(`${base}.avails.json`, availsText(text));
    golden(`${base}.no-markers.m3u8`, printM3u8(removeAdMarkers(playlist)));
  });
  if (base !== 'plain' && base !== 'messy') {
    test(`golden ${base}: the first break stitched with a 30 s pod`, () => {
      golden(`${base}.stitched.m3u8`, stitch(parse(input), base.startsWith('cmaf')));
    });
  }
}

test('golden elemental: URIs rewritten to absolute CDN URLs', () => {
  golden('elemental.cdn.m3u8', printM3u8(rewriteUris(parse('elemental.m3u8'), absoluteUris('https://cdn.example.com/live/news/720p.m3u8'))));
});

test('golden cmaf: EXT-X-DATERANGE passed through, Elemental markers removed', () => {
  golden('cmaf-both-dialects.daterange-only.m3u8', printM3u8(removeAdMarkers(parse('cmaf-both-dialects.m3u8'), { keep: ['daterange'] })));
});

const OUT = '/DAlAAAAAAAAAP/wFAUAAABkf+/+AB42YP4AKTLgAAEAAAAA4+GLtw==';
const IN = '/DAgAAAAAAAAAP/wDwUAAABkf0/+AEdpQAABAAAAADkrr3I=';

for (const dialect of CUE_DIALECTS) {
  test(`golden writer ${dialect}: a 30 s break marked on a plain live window, and read back`, () => {
    const r = writeAvail(parse('plain.m3u8'), { dialect, startIndex: 2, endIndex: 7, durationMs: 30000, scte35Out: OUT, scte35In: IN, id: '100', presentationTimeMs: 22000, caid: '0x0000000020FB6501' });
    assert.deepEqual(r.issues, []);
    golden(`plain.written.${dialect}.m3u8`, printM3u8(r.value));
    const a = avails(r.value);
    assert.deepEqual(a.issues, []);
    assert.equal(a.value.length, 1);
    const { signals: _signals, ...brk } = a.value[0]!;
    assert.deepEqual(brk, {
      startSegment: 1002,
      startTimeMs: Date.UTC(2025, 0, 1, 0, 0, 12),
      plannedDurationMs: 30000,
      elapsedMs: 30000,
      endSegment: 1007,
      eventId: 100,
      open: false,
      startedBeforeWindow: false,
      earlyReturn: false,
    });
  });
}

test('golden writer cue-out: a break whose OUT slid out of the window gets a CONT at the top', () => {
  const r = writeAvail(parse('plain.m3u8'), { dialect: 'cue-out', startIndex: 0, endIndex: 3, elapsedAtStartMs: 12000, durationMs: 30000, scte35Out: OUT });
  golden('plain.written.cue-out.before-window.m3u8', printM3u8(r.value));
  const { signals: _s, ...brk } = avails(r.value).value[0]!;
  assert.deepEqual(brk, {
    startTimeMs: Date.UTC(2024, 11, 31, 23, 59, 48),
    plannedDurationMs: 30000,
    elapsedMs: 30000,
    endSegment: 1003,
    eventId: 100,
    open: false,
    startedBeforeWindow: true,
    earlyReturn: false,
  });
});

test('golden window: three segments slide out, three new ones come in', () => {
  const dropped = dropSegments(parse('daterange.m3u8'), 3);
  assert.deepEqual(dropped.issues, []);
  const key = { method: 'AES-128', uri: 'https://keys.example.com/k1', iv: '0x00000000000000000000000000000001' };
  const next = appendSegments(dropped.value, [
    { uri: 'seg1009.ts', durationMs: 6000, key },
    { uri: 'seg1010.ts', durationMs: 6000, key, discontinuity: true },
    { uri: 'seg1011.ts', durationMs: 6000, key: { ...key, uri: 'https://keys.example.com/k2' } },
  ]);
  golden('daterange.window.m3u8', printM3u8(next));
});
