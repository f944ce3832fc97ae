// hls.js in headless Chromium plays a stitched session through a whole break on a real clock: no
// stall over 1 s, the ad's segments are what it fetches during the break, the beacon receiver gets
// impression → complete in order, and the stream validator finds nothing wrong meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumUnavailable, launchBrowser, playHls } from '@adsplice/testing';
import { startRig } from './testing/rig.ts';
import { validateStream } from './validate-stream.ts';

test('hls.js plays a session through a whole break: the ad plays, beacons fire in order, no stall, the validator is clean', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  // Origin and stitcher on their own ports, the player page on a third: every request is cross-origin.
  const rig = await startRig({ now: () => Date.now() }, { loopSec: 30, windowSec: 20 });
  t.after(() => rig.close());
  await rig.putConfig('cfg', '/vast?pod=red,blue&sid=[session.id]');
  await new Promise((r) => setTimeout(r, Math.max(0, rig.channelEpochMs + 8000 - Date.now())));
  await rig.stitcher.prepare(['red', 'blue'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', 'news/index.m3u8');
  // A 10 s break (red 6 s + blue 4 s) on the 2 s grid, 12 s from now.
  const startMs = rig.channelEpochMs + Math.ceil((Date.now() + 12_000 - rig.channelEpochMs) / 2000) * 2000;
  await rig.scheduleBreak(startMs, 10, 900);
  const res = await fetch(`${rig.stitcherBase}/v1/session/cfg/news/index.m3u8`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adsParams: {} }) });
  const { manifestUrl } = (await res.json()) as { manifestUrl: string };
  const sessionId = /aws\.sessionId=([^&]+)/.exec(manifestUrl)![1]!;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const watchSec = Math.ceil((startMs + 10_000 - Date.now()) / 1000) + 14;
  const [report, validation] = await Promise.all([
    playHls(browser, `${rig.stitcherBase}${manifestUrl}`, watchSec, { stallThresholdMs: 1000 }),
    // A second session, watched by the validator over the same break.
    validateStream(`${rig.stitcherBase}/v1/master/cfg/news/index.m3u8`, { durationSec: watchSec }),
  ]);
  await rig.stitcher.settled();
  assert.deepEqual(validation.violations, [], JSON.stringify(validation.violations.slice(0, 5), null, 1));
  assert.deepEqual(report.fatalErrors, [], `${report.nonFatalErrors.join(" ")}\n${report.fragments.join("\n")}`);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  const adFetches = report.fragments.filter((f) => f.includes(`/v1/segment/cfg/${sessionId}/`));
  assert.ok(adFetches.length >= 5, `the player fetched the ad segments: ${report.fragments.join('\n')}`);
  const hits = rig.vast.beacons.filter((b) => b.session === sessionId);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order);
  assert.deepEqual(validation.violations, [], JSON.stringify(validation.violations, null, 1));
  assert.ok(validation.refreshes >= 20 && validation.segmentsChecked >= 10);
});

test('hls.js plays a guided session (HLS Interstitials): the content plays, the asset list is loaded at the break, the ads play as interstitial assets and fire their beacons in order, no stall', { skip: chromiumUnavailable(), timeout: 300_000 }, async (t) => {
  const rig = await startRig({ now: () => Date.now() }, { loopSec: 30, windowSec: 20 });
  t.after(() => rig.close());
  await rig.putConfig('cfg-guided', '/vast?pod=red,blue&sid=[session.id]', { insertionMode: 'PLAYER_SELECT' });
  await new Promise((r) => setTimeout(r, Math.max(0, rig.channelEpochMs + 8000 - Date.now())));
  await rig.stitcher.prepare(['red', 'blue'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg-guided', 'news/index.m3u8');
  const startMs = rig.channelEpochMs + Math.ceil((Date.now() + 12_000 - rig.channelEpochMs) / 2000) * 2000;
  await rig.scheduleBreak(startMs, 10, 902);
  const res = await fetch(`${rig.stitcherBase}/v1/session/cfg-guided/news/index.m3u8`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adsParams: {}, insertionMode: 'GUIDED' }) });
  const { manifestUrl } = (await res.json()) as { manifestUrl: string };
  const sessionId = /aws\.sessionId=([^&]+)/.exec(manifestUrl)![1]!;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const watchSec = Math.ceil((startMs + 10_000 - Date.now()) / 1000) + 14;
  const report = await playHls(browser, `${rig.stitcherBase}${manifestUrl}`, watchSec, { stallThresholdMs: 1000 });
  await rig.stitcher.settled();
  const detail = `${report.events.join('\n')}\n${report.nonFatalErrors.join(' ')}\n${report.fragments.join('\n')}\nstalls ${JSON.stringify(report.stalls)}`;
  assert.deepEqual(report.fatalErrors, [], detail);
  assert.ok(report.events.some((e) => e.startsWith('asset-list-loaded 2')), detail);
  assert.equal(report.events.filter((e) => e.startsWith('asset-started')).length, 2, detail);
  assert.ok(report.events.includes('primary-resumed'), detail);
  assert.deepEqual(report.stalls, [], detail);
  const adFetches = report.fragments.filter((f) => f.includes(`/v1/segment/cfg-guided/${sessionId}/`));
  assert.ok(adFetches.length >= 5, detail);
  // The content resumes at the break's end: after the last ad segment, the origin segment that starts there.
  const resumeMsn = (startMs + 10_000 - rig.channelEpochMs) / 2000;
  const afterAds = report.fragments.slice(report.fragments.lastIndexOf(adFetches.at(-1)!) + 1);
  assert.match(afterAds[0] ?? '', new RegExp(`/origin/news/\\w+/${resumeMsn}\\.ts$`), detail);
  const hits = rig.vast.beacons.filter((b) => b.session === sessionId);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order, detail);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order, detail);
});
