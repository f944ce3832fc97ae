import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Avail } from '@adsplice/scte35/ad-signal';
import { avails } from './avails.ts';
import { parseM3u8 } from './parse-m3u8.ts';

const OUT100 = '/DAlAAAAAAAAAP/wFAUAAABkf+/+AB42YP4AKTLgAAEAAAAA4+GLtw=='; // splice_insert OON event 100, 30 s, auto-return
const IN999 = '/DAgAAAAAAAAAP/wDwUAAAPnf0/+AEdpQAABAAAAAPxlMqk='; // splice_insert IN event 999
const T0 = Date.UTC(2025, 0, 1);

/** A live window of `n` 6 s segments from media sequence 10, with `tags[i]` before segment i. */
function window(n: number, tags: Record<number, string[]>, pdt = true) {
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:10'];
  if (pdt) lines.push('#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:00.000Z');
  for (let i = 0; i < n; i++) lines.push(...(tags[i] ?? []), '#EXTINF:6.000,', `s${10 + i}.ts`);
  lines.push(...(tags[n] ?? []));
  const r = avails(parseM3u8(lines.join('\n') + '\n').value);
  return { value: r.value.map(({ signals, ...a }) => ({ ...a, signals: signals.map((s) => `${s.kind}@${s.line}`) })), issues: r.issues.map((i) => `${i.code}@${i.line}`) };
}

type Summary = Omit<Avail, 'signals'> & { signals: string[] };
const base = { open: false, startedBeforeWindow: false, earlyReturn: false };

test('a break found from its CONT only: started before the window, start computed back from ElapsedTime', () => {
  const r = window(4, { 0: ['#EXT-X-CUE-OUT-CONT:ElapsedTime=12.000,Duration=30'], 1: ['#EXT-X-CUE-OUT-CONT:ElapsedTime=18.000,Duration=30'], 3: ['#EXT-X-CUE-IN'] });
  assert.deepEqual(r, {
    value: [{ ...base, startedBeforeWindow: true, startTimeMs: T0 - 12000, plannedDurationMs: 30000, elapsedMs: 30000, endSegment: 13, signals: ['cont@5', 'cont@8', 'in@13'] }] satisfies Summary[],
    issues: [],
  });
  // Without PDT the start time is unknown; x9k3-style CONT without elapsed counts from the first CONT seen.
  const x = window(3, { 0: ['#EXT-X-CUE-OUT-CONT'], 2: ['#EXT-X-CUE-IN'] }, false);
  assert.deepEqual(x.value, [{ ...base, startedBeforeWindow: true, elapsedMs: 12000, endSegment: 12, signals: ['cont@4', 'in@9'] }]);
});

test('a CONT after the first segment with no OUT: reported, read as a break started before the window', () => {
  const r = window(3, { 1: ['#EXT-X-CUE-OUT-CONT:6/30'] });
  assert.deepEqual(r.issues, ['HLS_CONT_WITHOUT_OUT@7']);
  assert.deepEqual(r.value, [{ ...base, open: true, startedBeforeWindow: true, startTimeMs: T0, plannedDurationMs: 30000, elapsedMs: 18000, signals: ['cont@7'] }]);
});

test('a break with no CUE-IN yet is open, its elapsed time running to the end of the window', () => {
  assert.deepEqual(window(4, { 2: ['#EXT-X-CUE-OUT:60'], 3: ['#EXT-X-CUE-OUT-CONT:ElapsedTime=6,Duration=60'] }), {
    value: [{ ...base, open: true, startSegment: 12, startTimeMs: T0 + 12000, plannedDurationMs: 60000, elapsedMs: 12000, signals: ['out@9', 'cont@12'] }],
    issues: [],
  });
});

test('a CUE-IN before the planned end is an early return; one within 500 ms is not', () => {
  assert.equal(window(5, { 1: ['#EXT-X-CUE-OUT:30'], 3: ['#EXT-X-CUE-IN'] }).value[0]!.earlyReturn, true);
  assert.equal(window(7, { 1: ['#EXT-X-CUE-OUT:30.4'], 6: ['#EXT-X-CUE-IN'] }).value[0]!.earlyReturn, false);
});

test('overlapping OUTs: reported, the later OUT ends the earlier break', () => {
  const r = window(6, { 1: ['#EXT-X-CUE-OUT:30'], 3: ['#EXT-X-CUE-OUT:12'], 5: ['#EXT-X-CUE-IN'] });
  assert.deepEqual(r.issues, ['HLS_OVERLAPPING_OUT@12']);
  assert.deepEqual(r.value, [
    { ...base, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 30000, elapsedMs: 12000, endSegment: 13, signals: ['out@7'] },
    { ...base, startSegment: 13, startTimeMs: T0 + 18000, plannedDurationMs: 12000, elapsedMs: 12000, endSegment: 15, signals: ['out@12', 'in@17'] },
  ]);
});

test('a CUE-IN with no running break: ignored at the first segment (the break ended as the window starts), reported later', () => {
  assert.deepEqual(window(3, { 0: ['#EXT-X-CUE-IN'] }), { value: [], issues: [] });
  assert.deepEqual(window(3, { 1: ['#EXT-X-CUE-IN'] }), { value: [], issues: ['HLS_CUE_IN_WITHOUT_OUT@7'] });
});

test('a break end for another event still ends the break, and says so', () => {
  const r = window(4, { 0: [`#EXT-X-SPLICEPOINT-SCTE35:${OUT100}`], 2: [`#EXT-X-SPLICEPOINT-SCTE35:${IN999}`] });
  assert.deepEqual(r.issues, ['HLS_CUE_IN_EVENT_MISMATCH@10']);
  assert.deepEqual(r.value[0]!.endSegment, 12);
});

test('ended by its planned duration: DATERANGE with DURATION, auto-return splice_insert; a break past the window stays open', () => {
  const dr = window(8, { 1: ['#EXT-X-DATERANGE:ID="x",START-DATE="2025-01-01T00:00:06Z",DURATION=18,SCTE35-OUT=0xFC'] });
  assert.deepEqual(dr.value, [{ ...base, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 18000, elapsedMs: 18000, endSegment: 14, signals: ['out@7'] }]);
  const auto = window(8, { 1: [`#EXT-X-SPLICEPOINT-SCTE35:${OUT100}`] });
  assert.deepEqual(auto.value, [{ ...base, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 30000, elapsedMs: 30000, endSegment: 16, eventId: 100, signals: ['out@7'] }]);
  const running = window(3, { 1: [`#EXT-X-SPLICEPOINT-SCTE35:${OUT100}`] });
  assert.deepEqual(running.value, [{ ...base, open: true, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 30000, elapsedMs: 12000, eventId: 100, signals: ['out@7'] }]);
});

test('DATERANGE breaks wholly before or after the window', () => {
  const before = window(2, { 0: ['#EXT-X-DATERANGE:ID="old",START-DATE="2024-12-31T23:59:00Z",DURATION=30,SCTE35-OUT=0xFC'] });
  assert.deepEqual(before.value, [{ ...base, startedBeforeWindow: true, startTimeMs: T0 - 60000, plannedDurationMs: 30000, elapsedMs: 0, signals: ['out@5'] }]);
  const ahead = window(2, { 0: ['#EXT-X-DATERANGE:ID="next",START-DATE="2025-01-01T00:05:00Z",PLANNED-DURATION=30,SCTE35-OUT=0xFC'] });
  assert.deepEqual(ahead.value, [{ ...base, open: true, startTimeMs: T0 + 300000, plannedDurationMs: 30000, signals: ['out@5'] }]);
});

test('a CONT whose elapsed time disagrees with the segments is reported', () => {
  const r = window(4, { 1: ['#EXT-X-CUE-OUT:30'], 2: ['#EXT-X-CUE-OUT-CONT:ElapsedTime=6.000,Duration=30'], 3: ['#EXT-X-CUE-OUT-CONT:ElapsedTime=9.000,Duration=30'] });
  assert.deepEqual(r.issues, ['HLS_CUE_CONT_MISMATCH@13']);
});

test('an ad (Provider Advertisement Start/End) inside a splice_insert break nests in it', () => {
  const adStart = '/DAuAAAAAAAAAP/wBQb+AA27oAAYAhZDVUVJcfQUJ3//AACCdnAAADABAQAADRJsNg==';
  const r = window(6, { 1: ['#EXT-X-CUE-OUT:30'], 2: [`#EXT-X-SPLICEPOINT-SCTE35:${adStart}`], 5: ['#EXT-X-CUE-IN'] });
  assert.deepEqual(r, {
    value: [{ ...base, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 30000, elapsedMs: 24000, endSegment: 15, earlyReturn: true, signals: ['out@7', 'out@10', 'in@17'] }],
    issues: [],
  });
});

test('a DATERANGE announced for after the window is listed while the running break goes on', () => {
  const r = window(4, {
    1: ['#EXT-X-CUE-OUT:30'],
    2: ['#EXT-X-DATERANGE:ID="later",START-DATE="2025-01-01T00:10:00Z",PLANNED-DURATION=60,SCTE35-OUT=0xFC', '#EXT-X-DATERANGE:ID="later",START-DATE="2025-01-01T00:10:00Z",DURATION=60,SCTE35-IN=0xFC'],
    3: ['#EXT-X-CUE-IN'],
  });
  assert.deepEqual(r.value, [
    { ...base, earlyReturn: true, startSegment: 11, startTimeMs: T0 + 6000, plannedDurationMs: 30000, elapsedMs: 12000, endSegment: 13, signals: ['out@7', 'in@14'] },
    { ...base, open: true, startTimeMs: T0 + 600000, plannedDurationMs: 60000, signals: ['out@10', 'in@11'] },
  ]);
  assert.deepEqual(r.issues, ['HLS_SCTE35_UNDECODABLE@10', 'HLS_SCTE35_UNDECODABLE@11']);
});

test('an auto-return break found from a CONT (no PDT) ends where the rest of its duration runs out', () => {
  const cont = `#EXT-X-CUE-OUT-CONT:ElapsedTime=12.000,Duration=30,SCTE35=${OUT100}`;
  const r = window(5, { 0: [cont] }, false);
  assert.deepEqual(r.value, [{ ...base, startedBeforeWindow: true, plannedDurationMs: 30000, elapsedMs: 30000, endSegment: 13, eventId: 100, signals: ['cont@4'] }]);
});
