// The shared field fixtures (../shared/fixtures/hls, see its PROVENANCE.md): every one prints back
// byte for byte, and its breaks are asserted whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Avail } from '@adsplice/scte35/ad-signal';
import { adSignals } from './ad-signals.ts';
import { avails } from './avails.ts';
import { mediaPlaylist } from './media-playlist.ts';
import { parseM3u8 } from './parse-m3u8.ts';
import { joinLines, printM3u8 } from './print-m3u8.ts';

const dir = new URL('../../../../shared/fixtures/hls/', import.meta.url);
const present = existsSync(fileURLToPath(dir));
const skip = present ? false : `shared fixtures folder ${fileURLToPath(dir)} is absent`;

function load(name: string) {
  const text = readFileSync(new URL(name, dir), 'utf8');
  const playlist = parseM3u8(text).value;
  return { text, playlist, signals: adSignals(playlist).value, result: avails(playlist) };
}

/**
 * Issue codes with their lines. HLS_SCTE35_WARNING (the codec's own warnings about a payload that
 * decodes, e.g. a UPID length) is checked apart, so that these tests do not pin the codec's policy.
 */
function codes(issues: { code: string; line?: number; scte35Issues?: unknown }[]): string[] {
  for (const i of issues) {
    if (i.code !== 'HLS_SCTE35_WARNING') continue;
    const inner = i.scte35Issues as { severity: string }[];
    assert.ok(inner.length > 0 && inner.every((x) => x.severity === 'warning'));
  }
  return issues.filter((i) => i.code !== 'HLS_SCTE35_WARNING').map((i) => `${i.code}@${i.line ?? '-'}`);
}

test('every shared fixture prints back byte for byte, from the source and from its lines', { skip }, () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.m3u8'));
  assert.equal(files.length, 8);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const { value } = parseM3u8(text);
    assert.equal(printM3u8(value), text, f);
    assert.equal(joinLines(value), text, f);
  }
});

test('AWS MediaTailor origin (OATCLS + CUE-OUT:20.020 + CONT Duration=21 + CUE-IN): one 20 s break, conflicts reported', { skip }, () => {
  const { signals: s, result } = load('aws-mediatailor-doc_origin_oatcls-cue-out-cont-in_splice-insert.m3u8');
  const expected: Avail[] = [
    {
      startSegment: 8779960,
      plannedDurationMs: 20000, // the splice_insert's break_duration wins over CUE-OUT:20.020 and Duration=21
      elapsedMs: 20020,
      endSegment: 8779965,
      eventId: 0xf0000006,
      open: false,
      startedBeforeWindow: false,
      earlyReturn: false,
      signals: s,
    },
  ];
  assert.deepEqual(result.value, expected);
  assert.deepEqual(codes(result.issues), ['HLS_CUE_CONFLICT@15', 'HLS_CUE_CONFLICT@18', 'HLS_CUE_CONFLICT@21', 'HLS_CUE_CONFLICT@24', 'HLS_CUE_CONFLICT@12']);
  assert.deepEqual(
    s.map((x) => [x.kind, x.dialect, x.line, x.mediaSequence, x.elapsedMs]),
    [
      ['out', 'oatcls', 11, 8779960, undefined],
      ['out', 'cue-out', 12, 8779960, undefined],
      ['cont', 'cue-out-cont', 15, 8779961, 634],
      ['cont', 'cue-out-cont', 18, 8779962, 6640],
      ['cont', 'cue-out-cont', 21, 8779963, 12646],
      ['cont', 'cue-out-cont', 24, 8779964, 18652],
      ['in', 'cue-in', 27, 8779965, undefined],
    ],
  );
});

test('AWS MediaTailor personalized output: no ad markers, discontinuity sequence numbers counted', { skip }, () => {
  const { playlist, result } = load('aws-mediatailor-doc_personalized_stitched-discontinuity.m3u8');
  assert.deepEqual(result, { value: [], issues: [] });
  const segs = mediaPlaylist(playlist).value.segments;
  assert.deepEqual(
    segs.map((x) => x.discontinuitySequence),
    [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
  );
  assert.equal(segs[3]!.durationMs, 3067); // 3.066667 s rounds to the ms
  assert.equal(segs[3]!.durationText, '3.066667');
});

test('AWS MediaPackage DATERANGE: the break started before the window and ends on its END-DATE update', { skip }, () => {
  const { signals: s, result } = load('aws-mediapackage-doc_daterange-scte35-out-cmd_planned-duration_pdt.m3u8');
  assert.deepEqual(result.value, [
    {
      startTimeMs: Date.UTC(2020, 4, 3, 0, 1, 0, 18),
      plannedDurationMs: 29988,
      elapsedMs: 29988, // 8.022 s before the first segment + 21.966 s of segments 11–13
      endSegment: 14,
      eventId: 2415919105,
      open: false,
      startedBeforeWindow: true,
      earlyReturn: false,
      signals: [s[0]!, s[2]!],
    },
  ]);
  assert.deepEqual(
    s.map((x) => [x.kind, x.line, x.segmentationTypeId, x.mediaSequence]),
    [
      ['out', 5, 0x30, undefined],
      ['cmd', 6, 0x10, undefined],
      ['in', 14, undefined, 14],
      ['cmd', 25, 0x11, undefined],
      ['cmd', 26, 0x10, 19],
    ],
  );
  // The payloads agree with the tags (the codec may warn about their EIDR UPIDs of length 4).
  assert.deepEqual(codes(result.issues), []);
});

test('RFC 8216 §8.10 DATERANGE OUT/IN: comments before #EXTM3U, undecodable example payloads, one 60 s break', { skip }, () => {
  const { text, signals: s, result } = load('rfc8216-8.10_daterange-scte35-out-in.m3u8');
  assert.deepEqual(
    parseM3u8(text).issues.map((i) => i.code),
    ['HLS_EXTM3U_NOT_FIRST'],
  );
  assert.deepEqual(result.value, [
    {
      startSegment: 2,
      startTimeMs: Date.UTC(2014, 2, 5, 11, 15, 0),
      plannedDurationMs: 59993,
      elapsedMs: 60000,
      endSegment: 4,
      open: false,
      startedBeforeWindow: false,
      earlyReturn: false,
      signals: s,
    },
  ]);
  assert.deepEqual(codes(result.issues), ['HLS_SCTE35_UNDECODABLE@14', 'HLS_SCTE35_UNDECODABLE@19']);
  assert.equal(s[1]!.timeMs, Date.UTC(2014, 2, 5, 11, 15, 59, 993)); // START-DATE of the OUT + DURATION
});

test('Adobe simple EXT-X-CUE SpliceOut: no cue-in, the break ends by its duration', { skip }, () => {
  const { signals: s, result } = load('adobe-simple_ext-x-cue-spliceout.m3u8');
  assert.deepEqual(s, [{ kind: 'out', dialect: 'adobe-cue', line: 7, segmentIndex: 1, mediaSequence: 1, presentationTimeMs: 414171, eventId: 0, id: '0', durationMs: 15000 }]);
  assert.deepEqual(result, {
    value: [{ startSegment: 1, plannedDurationMs: 15000, elapsedMs: 15000, endSegment: 3, eventId: 0, open: false, startedBeforeWindow: false, earlyReturn: false, signals: s }],
    issues: [],
  });
});

test('CUE-OUT:DURATION=23 with CONT without SCTE35: two consecutive breaks', { skip }, () => {
  const { signals: s, result } = load('cue-out-duration_cont-without-scte35_two-breaks.m3u8');
  const brk = (start: number, signals: typeof s): Avail => ({
    startSegment: start,
    plannedDurationMs: 23000,
    elapsedMs: 23000,
    endSegment: start + 3,
    open: false,
    startedBeforeWindow: false,
    earlyReturn: false,
    signals,
  });
  assert.deepEqual(result, { value: [brk(1, s.slice(0, 4)), brk(5, s.slice(4))], issues: [] });
});

test('threefive OATCLS + CUE-OUT:15.000 + CONT + CUE-IN (no trailing newline): one 15 s break', { skip }, () => {
  const { signals: s, result } = load('threefive_oatcls-cue-out-cont-in_splice-insert.m3u8');
  assert.deepEqual(result, {
    value: [{ startSegment: 0, plannedDurationMs: 15000, elapsedMs: 15000, endSegment: 2, eventId: 1, open: false, startedBeforeWindow: false, earlyReturn: false, signals: s }],
    issues: [],
  });
});

test('SPLICEPOINT splice_insert + nested time_signal ads: one break ended early by the splice_insert IN', { skip }, () => {
  const { signals: s, result } = load('live_ext-x-splicepoint-scte35_splice-insert-and-time-signal.m3u8');
  assert.deepEqual(result.value, [
    {
      startSegment: 178280913,
      startTimeMs: Date.UTC(2026, 5, 30, 8, 31, 56, 866),
      plannedDurationMs: 120000,
      elapsedMs: 35000,
      endSegment: 178280920,
      eventId: 1911821367,
      open: false,
      startedBeforeWindow: false,
      earlyReturn: true, // 35 s of a 120 s break
      signals: s, // the Provider Ad Start/End (0x30/0x31) inside it are nested, not breaks of their own
    },
  ]);
  assert.deepEqual(
    s.map((x) => [x.kind, x.eventId, x.segmentationTypeId ?? null, x.mediaSequence]),
    [
      ['out', 1911821367, null, 178280913],
      ['out', 1911821351, 0x30, 178280916],
      ['in', 1911821351, 0x31, 178280918],
      ['in', 1000000001, 0x31, 178280920],
      ['in', 1911821367, null, 178280920],
    ],
  );
  assert.deepEqual(codes(result.issues), []);
});
