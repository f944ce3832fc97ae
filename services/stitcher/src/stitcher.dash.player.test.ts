// dash.js and Shaka Player in headless Chromium each play a DASH session through a whole break on
// a real clock: no stall over 1 s, the ads' CMAF segments are what they fetch during the break,
// and the beacon receiver gets impression → complete in order for both ads. dash.js and hls.js also
// join a live session with a pre-roll and play its ad first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumUnavailable, launchBrowser, playDash, playHls, playShaka, type PlayReport } from '@adsplice/testing';
import type { Browser } from 'playwright-core';
import { startRig } from './testing/rig.ts';

type Player = (browser: Browser, url: string, seconds: number, opts: { stallThresholdMs?: number }) => Promise<PlayReport>;

/** `implicit`: the player opens `/v1/dash/…` itself and must follow MPD.Location to stay in its one session. */
async function playThroughBreak(t: { after(fn: () => unknown): void }, play: Player, dash: { eventStream: 'xml+bin' | 'xml'; periodPerBreak: boolean }, implicit: boolean) {
  // Origin and stitcher on their own ports, the player page on a third: every request is cross-origin.
  const rig = await startRig({ now: () => Date.now() }, { loopSec: 30, windowSec: 20, dash });
  t.after(() => rig.close());
  await rig.putConfig('cfg', '/vast?pod=red,blue&sid=[session.id]');
  await new Promise((r) => setTimeout(r, Math.max(0, rig.channelEpochMs + 8000 - Date.now())));
  await rig.stitcher.prepare(['red', 'blue'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', 'news/index.mpd');
  // A 10 s break (red 6 s + blue 4 s) on the 2 s grid, 16 s from now.
  const startMs = rig.channelEpochMs + Math.ceil((Date.now() + 16_000 - rig.channelEpochMs) / 2000) * 2000;
  await rig.scheduleBreak(startMs, 10, 900);
  let manifestUrl = '/v1/dash/cfg/news/index.mpd';
  if (!implicit) {
    const res = await fetch(`${rig.stitcherBase}/v1/session/cfg/news/index.mpd`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adsParams: {} }) });
    manifestUrl = ((await res.json()) as { manifestUrl: string }).manifestUrl;
  }
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // Players sit a few seconds behind the live edge: watch until well after the break has played.
  const watchSec = Math.ceil((startMs + 10_000 - Date.now()) / 1000) + 18;
  const started = Date.now();
  const report = await play(browser, `${rig.stitcherBase}${manifestUrl}`, watchSec, { stallThresholdMs: 1000 });
  await rig.stitcher.settled();
  const created = rig.events.ofType('SESSION_INITIALIZED').map((e) => e.sessionId as string);
  assert.equal(created.length, 1, 'one session for the whole play (refreshes follow MPD.Location)');
  const sessionId = created[0]!;
  const adFetches = report.fragments.filter((f) => f.includes(`/v1/segment/cfg/${sessionId}/`));
  const hits = rig.vast.beacons.filter((b) => b.session === sessionId);
  const summary = { watchedSec: (Date.now() - started) / 1000, playedSeconds: report.playedSeconds, stalls: report.stalls, adFetches: adFetches.length, fragments: report.fragments.length, beacons: hits.length, nonFatal: report.nonFatalErrors.slice(0, 5) };
  console.log(JSON.stringify(summary));
  assert.deepEqual(report.fatalErrors, [], `${report.nonFatalErrors.join(' ')}\n${report.fragments.join('\n')}`);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}\n${report.fragments.join('\n')}`);
  assert.ok(report.playedSeconds >= watchSec - 8, `played ${report.playedSeconds} s of ${watchSec}`);
  // Both ads, video (3 + 2 segments) and audio: the player fetched the break's CMAF segments.
  for (const item of [0, 1]) {
    const video = adFetches.filter((f) => new RegExp(`/${item}/\\d+/\\d+\\.m4s$`).test(f));
    assert.ok(video.length >= (item === 0 ? 3 : 2), `ad ${item}: ${adFetches.join('\n')}`);
    assert.ok(adFetches.some((f) => new RegExp(`/${item}/a/\\d+\\.m4s$`).test(f)), `ad ${item} audio: ${adFetches.join('\n')}`);
  }
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order);
}

test('dash.js plays an implicit DASH session (/v1/dash/, refreshed through MPD.Location) through a whole break: ads fetched, beacons in order, no stall', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  await playThroughBreak(t, playDash, { eventStream: 'xml+bin', periodPerBreak: false }, true);
});

test('Shaka Player plays a DASH session through a whole break (origin with a Period per break, 2013:xml): ads fetched, beacons in order, no stall', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  await playThroughBreak(t, playShaka, { eventStream: 'xml', periodPerBreak: true }, false);
});

test('dash.js and hls.js join a live session with a pre-roll: the pre-roll\'s ad plays first, then the content, no stall, its beacons in order', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  const rig = await startRig({ now: () => Date.now() }, { loopSec: 30, windowSec: 20, dash: { eventStream: 'xml+bin', periodPerBreak: false } });
  t.after(() => rig.close());
  await rig.putConfig('cfg-pre', '/vast?pod=&sid=[session.id]', { livePreRoll: { adDecisionServerUrl: `${rig.vast.base}/vast?pod=green&sid=[session.id]`, maxDurationSeconds: 8 } });
  await new Promise((r) => setTimeout(r, Math.max(0, rig.channelEpochMs + 12_000 - Date.now())));
  await rig.stitcher.prepare([`${rig.vast.base}/creatives/green.mp4`], 'cfg-pre', 'news/index.mpd');
  await rig.stitcher.prepare([`${rig.vast.base}/creatives/green.mp4`], 'cfg-pre', 'news/index.m3u8');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  for (const [format, play, path] of [['dash', playDash, '/v1/dash/cfg-pre/news/index.mpd'], ['hls', playHls, '/v1/master/cfg-pre/news/index.m3u8']] as const) {
    const before = new Set(rig.events.ofType('SESSION_INITIALIZED').map((e) => e.sessionId as string));
    const report = await play(browser, `${rig.stitcherBase}${path}`, 16, { stallThresholdMs: 1000 });
    await rig.stitcher.settled();
    const sessionId = rig.events.ofType('SESSION_INITIALIZED').map((e) => e.sessionId as string).find((id) => !before.has(id))!;
    const detail = `${format}: ${report.nonFatalErrors.join(' ')}\n${report.fragments.join('\n')}\nstalls ${JSON.stringify(report.stalls)}`;
    assert.deepEqual(report.fatalErrors, [], detail);
    assert.deepEqual(report.stalls, [], detail);
    assert.ok(report.playedSeconds >= 10, `${format} played ${report.playedSeconds} s\n${detail}`);
    // The first media the player fetched is the pre-roll's, then the content.
    const media = report.fragments.filter((f) => !f.includes('init'));
    assert.ok(media[0]!.includes(`/v1/segment/cfg-pre/${sessionId}/pre/`), detail);
    const firstContent = media.findIndex((f) => f.includes('/origin/news/'));
    assert.ok(firstContent > 0 && media.slice(firstContent).every((f) => !f.includes('/pre/')), detail);
    const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
    assert.deepEqual(rig.vast.beacons.filter((b) => b.session === sessionId && b.ad === 'green').map((b) => b.event), order, detail);
  }
});
