// VOD planning (pure): where breaks land (VMAP offsets, percentages, start/end, #n cues, snapping to
// segment boundaries), what a break plays, and the session's HLS playlist and static MPD — whole
// texts compared, with the content left exactly as the origin had it when nothing plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMpd, readMpd } from '@adsplice/dash';
import type { CandidateAd } from './fill-plan.ts';
import type { AvailRecord, PlanItem } from './model.ts';
import { originView } from './origin-view.ts';
import { dashOriginView } from './dash-view.ts';
import type { DashRenderUrls } from './dash-planner.ts';
import { renderVodPlaylist } from './vod-hls.ts';
import { renderVodMpd } from './vod-dash.ts';
import { boundaries, nearestBoundary, offsetOnContent, placeBreaks, vodFillPlan } from './vod-plan.ts';

test('VMAP timeOffsets on the content: start, end, times, percentages, #n cues; past the end or a missing cue is undefined', () => {
  const cues = [8000, 16000];
  assert.deepEqual(
    (['start', 'end', 12_000, '50%', '100%', '#1', '#2', '#3', 31_000, '150%'] as const).map((o) => offsetOnContent(o, 30_000, cues)),
    [0, 30_000, 12_000, 15_000, 30_000, 8000, 16000, undefined, undefined, undefined],
  );
});

test('breaks snap to the nearest segment boundary (ties to the earlier) and sort stably: pre-roll, mid-rolls, post-roll', () => {
  const segs = [2000, 2000, 2000, 2000, 1500];
  assert.deepEqual(boundaries(segs), [0, 2000, 4000, 6000, 8000, 9500]);
  assert.equal(nearestBoundary(boundaries(segs), 5000), 2);
  const placed = placeBreaks(
    [
      { requestedMs: 9500, source: 'vmap' as const, payload: 'post' },
      { requestedMs: 4900, source: 'vmap' as const, payload: 'mid' },
      { requestedMs: 0, source: 'vmap' as const, payload: 'pre' },
      { requestedMs: 4100, source: 'cue' as const, payload: 'cue' },
    ],
    segs,
  );
  assert.deepEqual(
    placed.map((p) => [p.payload, p.positionMs, p.kind]),
    [
      ['pre', 0, 'preroll'],
      ['mid', 4000, 'midroll'],
      ['cue', 4000, 'midroll'],
      ['post', 9500, 'postroll'],
    ],
  );
});

const cand = (id: string, readiness: CandidateAd['readiness']): CandidateAd => ({
  ad: { adId: id, creativeId: `c-${id}`, adSystem: 't', durationMs: 4000, impressions: [], tracking: {}, errors: [] },
  creativeKey: `k${id}`,
  mediaUrl: `http://ads.test/${id}.mp4`,
  readiness,
});

test('a VOD break plays every conditioned ad (within a cue\'s duration when it has one); a creative not conditioned yet is skipped as live does; no slate', () => {
  const all = [cand('a', { state: 'ready', segmentsMs: [2000, 2000] }), cand('b', { state: 'new' }), cand('c', { state: 'ready', segmentsMs: [2000, 2000, 2000] })];
  const open = vodFillPlan(all, undefined);
  assert.equal(open.mode, 'ads');
  assert.deepEqual(open.items.map((i) => [i.kind, i.creativeKey, i.durationMs]), [['ad', 'ka', 4000], ['ad', 'kc', 6000]]);
  assert.deepEqual(open.skipped.map((s) => [s.adId, s.skippedReason]), [['b', 'NEW_CREATIVE']]);
  const limited = vodFillPlan(all, 5000);
  assert.deepEqual(limited.ads.map((a) => a.adId), ['a']);
  assert.deepEqual(limited.skipped.map((s) => [s.adId, s.skippedReason]), [['b', 'NEW_CREATIVE'], ['c', 'AVAIL_DURATION_EXCEEDED']]);
  const none = vodFillPlan([cand('b', { state: 'in-progress' })], undefined);
  assert.deepEqual([none.mode, none.items, none.skipped[0]!.skippedReason], ['content', [], 'TRANSCODE_IN_PROGRESS']);
  const bumpered = vodFillPlan(all.slice(0, 1), undefined, { start: { creativeKey: 'bs', segmentsMs: [2000] } });
  assert.deepEqual(bumpered.items.map((i) => i.kind), ['bumper', 'ad']);
});

function record(key: string, positionMs: number, sessionStartMs: number, kind: 'preroll' | 'midroll' | 'postroll', segs: number[][]): AvailRecord {
  const items: PlanItem[] = segs.map((s, i) => ({ kind: 'ad', creativeKey: `ad${i}`, segmentsMs: s, durationMs: s.reduce((a, b) => a + b, 0), adIndex: i }));
  return {
    key,
    startMsn: 0,
    dsnBefore: 0,
    plannedDurationMs: items.reduce((a, i) => a + i.durationMs, 0),
    mode: 'ads',
    items,
    ads: items.map((i, n) => ({ adId: `a${n}`, creativeId: `c${n}`, adSystem: 't', durationMs: i.durationMs, impressions: [], tracking: {}, errors: [] })),
    skipped: [],
    targetKey: 'target',
    vod: { kind, source: 'vmap', positionMs, sessionStartMs },
    decidedAtMs: 0,
  };
}

const VOD_PLAYLIST = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', ...[0, 1, 2, 3, 4].flatMap((n) => ['#EXTINF:2.000,', `seg${n}.ts`]), '#EXT-X-ENDLIST', ''].join('\n');
const hlsUrls = { ad: (r: AvailRecord, item: number, seg: number) => `/ad/${r.key}/${item}/${seg}.ts`, bumper: (r: AvailRecord, item: number, seg: number) => `/bumper/${r.key}/${item}/${seg}.ts` };

test('VOD HLS: pre-roll, a mid-roll and a post-roll inserted with discontinuities around each ad; complete (PLAYLIST-TYPE:VOD, ENDLIST)', () => {
  const view = originView(VOD_PLAYLIST, { url: 'http://origin.test/vod/hi.m3u8', passthrough: false });
  const records = [record('vod-0', 0, 0, 'preroll', [[2000, 2000]]), record('vod-1', 4000, 8000, 'midroll', [[2000], [2000, 1000]]), record('vod-2', 10_000, 19_000, 'postroll', [[2000]])];
  const c = (n: number) => ['#EXTINF:2.000,', `http://origin.test/vod/seg${n}.ts`];
  const expected = [
    '#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-DISCONTINUITY-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXTINF:2.000,', '/ad/vod-0/0/0.ts', '#EXTINF:2.000,', '/ad/vod-0/0/1.ts',
    '#EXT-X-DISCONTINUITY', ...c(0), ...c(1),
    '#EXT-X-DISCONTINUITY', '#EXTINF:2.000,', '/ad/vod-1/0/0.ts',
    '#EXT-X-DISCONTINUITY', '#EXTINF:2.000,', '/ad/vod-1/1/0.ts', '#EXTINF:1.000,', '/ad/vod-1/1/1.ts',
    '#EXT-X-DISCONTINUITY', ...c(2), ...c(3), ...c(4),
    '#EXT-X-DISCONTINUITY', '#EXTINF:2.000,', '/ad/vod-2/0/0.ts',
    '#EXT-X-ENDLIST', '',
  ].join('\n');
  assert.equal(renderVodPlaylist(view, records, hlsUrls), expected);
});

test('VOD HLS: no breaks (an empty VMAP, no ads, an ADS timeout) leaves the content as the origin had it', () => {
  const view = originView(VOD_PLAYLIST, { url: 'http://origin.test/vod/hi.m3u8', passthrough: false });
  const content = { ...record('vod-0', 0, 0, 'preroll', []), mode: 'content' as const };
  const out = renderVodPlaylist(view, [content], hlsUrls);
  assert.equal(out, VOD_PLAYLIST.replace('#EXT-X-MEDIA-SEQUENCE:0\n', '#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n').replace(/seg(\d)\.ts/g, 'http://origin.test/vod/seg$1.ts'));
});

const VOD_MPD = `<?xml version="1.0" encoding="UTF-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" mediaPresentationDuration="PT10S" minBufferTime="PT2S">
  <Period id="p0" start="PT0S">
    <AdaptationSet id="1" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">
      <SegmentTemplate timescale="1000" initialization="$RepresentationID$/init-video.mp4" media="$RepresentationID$/video-$Number$.m4s" startNumber="0">
        <SegmentTimeline><S t="0" d="2000" r="4"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="hi" bandwidth="300000" width="320" height="180" codecs="avc1.4d401f" frameRate="25"/>
    </AdaptationSet>
  </Period>
</MPD>
`;

test('VOD DASH: the static MPD split at each break, ad Periods inserted, later Periods and mediaPresentationDuration moved by the ads, the content resuming at its own media time', () => {
  const view = dashOriginView(VOD_MPD, 0);
  const urls: DashRenderUrls = {
    ad: (r, item, t) => ({ media: `/ad/${r.key}/${item}/${t.kind}/$Number$.m4s`, initialization: `/ad/${r.key}/${item}/${t.kind}/init.mp4` }),
    slate: () => ({ media: 'x', initialization: 'x' }),
    bumper: () => ({ media: 'x', initialization: 'x' }),
  };
  const records = [record('vod-0', 0, 0, 'preroll', [[2000, 2000]]), record('vod-1', 4000, 8000, 'midroll', [[2000, 1000]]), record('vod-2', 10_000, 17_000, 'postroll', [[2000]])];
  const { text, issues } = renderVodMpd(view, records, { urls, originUrl: 'http://origin.test/vod/index.mpd', passthrough: false });
  assert.deepEqual(issues, []);
  const mpd = readMpd(parseMpd(text).value).value;
  assert.equal(mpd.type, 'static');
  assert.equal(mpd.mediaPresentationDurationMs, 19_000);
  assert.deepEqual(
    mpd.periods.map((p) => [p.id, p.startMs, p.durationMs]),
    [
      ['avail-vod-0-ad-0', 0, 4000],
      ['p0', 4000, 4000],
      ['avail-vod-1-ad-0', 8000, 3000],
      ['p0_1', 11_000, 6000],
      ['avail-vod-2-ad-0', 17_000, 2000],
    ],
  );
  // The content after the mid-roll starts at its own media time 4 s (segment 2) from the origin's folder.
  const resumed = /<Period id="p0_1"[^>]*>\s*<BaseURL>http:\/\/origin\.test\/vod\/<\/BaseURL>[\s\S]*?<SegmentTemplate([^>]*)>\s*<SegmentTimeline>\s*<S t="4000" d="2000" r="2"\/>/.exec(text);
  assert.ok(resumed, text);
  assert.match(resumed[1]!, /startNumber="2"/);
  assert.match(resumed[1]!, /presentationTimeOffset="4000"/);
  // No breaks: the content alone, its duration unchanged.
  const plain = readMpd(parseMpd(renderVodMpd(view, [], { urls, originUrl: 'http://origin.test/vod/index.mpd', passthrough: false }).text).value).value;
  assert.deepEqual([plain.periods.length, plain.mediaPresentationDurationMs], [1, 10_000]);
});
