// Real players in headless Chromium play VOD sessions from start to end: hls.js an HLS session and
// dash.js a DASH one, each through a pre-roll, a mid-roll (VMAP 50%) and a post-roll inserted into
// the origin's VOD programme. No stall while the media plays (the clock stopping after the last
// frame is the end, not a stall), the whole timeline (content + ads) played, every ad's segments
// fetched, and the beacon receiver gets impression → complete for each ad, the ads in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumUnavailable, launchBrowser, playDash, playHls, type PlayReport } from '@adsplice/testing';
import type { Browser } from 'playwright-core';
import { startRig, type Rig } from './testing/rig.ts';

const CONTENT_SEC = 20;
/** red 6 s (pre-roll), blue 4 s (mid-roll), green 4 s (post-roll). */
const ADS_SEC = 14;
const ORDER = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];

type Player = (browser: Browser, url: string, seconds: number, opts: { stallThresholdMs?: number }) => Promise<PlayReport>;

async function playVod(t: { after(fn: () => unknown): void }, path: string, play: Player): Promise<{ rig: Rig; report: PlayReport; sessionId: string }> {
  const rig = await startRig({ now: () => Date.now() }, { loopSec: CONTENT_SEC, windowSec: 12 });
  t.after(() => rig.close());
  await rig.putConfig('cfg', '/vmap?breaks=start:red,50%25:blue,end:green&sid=[session.id]&contentDuration=[content.duration]');
  await rig.stitcher.prepare(['red', 'blue', 'green'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', path);
  const res = await fetch(`${rig.stitcherBase}/v1/session/cfg/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { manifestUrl } = (await res.json()) as { manifestUrl: string };
  const sessionId = /aws\.sessionId=([^&]+)/.exec(manifestUrl)![1]!;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // The whole timeline, plus time to start and a little after the end.
  const report = await play(browser, `${rig.stitcherBase}${manifestUrl}`, CONTENT_SEC + ADS_SEC + 10, { stallThresholdMs: 1000 });
  await rig.stitcher.settled();
  return { rig, report, sessionId };
}

function check(rig: Rig, report: PlayReport, sessionId: string, adSegment: RegExp): void {
  const adFetches = report.fragments.filter((f) => f.includes(`/v1/segment/cfg/${sessionId}/`));
  const hits = rig.vast.beacons.filter((b) => b.session === sessionId);
  console.log(JSON.stringify({ playedSeconds: report.playedSeconds, stalls: report.stalls, adFetches: adFetches.length, fragments: report.fragments.length, beacons: hits.map((h) => `${h.ad}:${h.event}`), nonFatal: report.nonFatalErrors.slice(0, 5) }));
  assert.deepEqual(report.fatalErrors, [], `${report.nonFatalErrors.join(' ')}\n${report.fragments.join('\n')}`);
  // Played to the end: the whole timeline, content and ads.
  assert.ok(report.playedSeconds >= CONTENT_SEC + ADS_SEC - 1.5, `played ${report.playedSeconds} s of ${CONTENT_SEC + ADS_SEC}`);
  // Only the stop after the last frame may be a gap (it runs to the end of the watch).
  const during = report.stalls.filter((s, i) => !(i === report.stalls.length - 1 && report.playedSeconds >= CONTENT_SEC + ADS_SEC - 1.5));
  assert.deepEqual(during, [], `stalls: ${JSON.stringify(report.stalls)}`);
  // Each break's ad segments were fetched: pre-roll (vod-0), mid-roll (vod-1), post-roll (vod-2), in that order.
  const availOrder = [...new Set(adFetches.map((f) => /\/(vod-\d)\//.exec(f)?.[1]))];
  assert.deepEqual(availOrder, ['vod-0', 'vod-1', 'vod-2'], adFetches.join('\n'));
  for (const [avail, n] of [['vod-0', 3], ['vod-1', 2], ['vod-2', 2]] as const) assert.ok(adFetches.filter((f) => f.includes(`/${avail}/`) && adSegment.test(f)).length >= n, `${avail}: ${adFetches.join('\n')}`);
  for (const ad of ['red', 'blue', 'green']) assert.deepEqual(hits.filter((h) => h.ad === ad).map((h) => h.event), ORDER, ad);
  // The ads' impressions in play order.
  assert.deepEqual(hits.filter((h) => h.event === 'impression').map((h) => h.ad), ['red', 'blue', 'green']);
}

test('hls.js plays a VOD session through pre-roll, mid-roll and post-roll: whole timeline, no stall, beacons in order', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  const { rig, report, sessionId } = await playVod(t, 'news/vod/index.m3u8', playHls);
  check(rig, report, sessionId, /\.ts$/);
});

test('dash.js plays a VOD DASH session (static MPD, ad Periods inserted) through pre-roll, mid-roll and post-roll: whole timeline, no stall, beacons in order', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  const { rig, report, sessionId } = await playVod(t, 'news/vod/index.mpd', playDash);
  check(rig, report, sessionId, /\/\d+\/\d+\.m4s$/);
});
