// hls.js in headless Chromium plays a channel's live HLS output, across the loop point, on a real
// clock and real HTTP on loopback.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { chromiumUnavailable, launchBrowser, playDash, playHls } from '@adsplice/testing';
import { build } from './origin.ts';
import { parseMpd, printMpd, splitPeriod } from '@adsplice/dash';
import type { ChannelInput } from './channel.ts';
import { MemoryChannelRepository } from './adapters/memory-channel-repository.ts';
import { encodeProgramme, type Rendition } from './adapters/encode-programme.ts';

const ladder: Rendition[] = [
  { id: 'hi', width: 426, height: 240, videoBitrate: 400_000, audioBitrate: 64_000 },
  { id: 'lo', width: 256, height: 144, videoBitrate: 200_000, audioBitrate: 64_000 },
];

/** A live origin on loopback with one channel, encoded, and a few segments published. */
async function liveChannel(t: TestContext, input: ChannelInput) {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-origin-play-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const origin = build({ repo: new MemoryChannelRepository(), clock: { now: () => Date.now() }, encoder: { encode: (s, l, p, signal) => encodeProgramme(s, l, dir, p, signal) } }, { defaultLadder: ladder });
  const app = Fastify();
  await app.register(origin.plugin);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const channel = await origin.ensureChannel(input);
  await origin.runtime.ensureProgramme(channel);
  // Let a few segments be published before the player joins.
  await new Promise((r) => setTimeout(r, Math.max(0, channel.epochMs + 8000 - Date.now())));
  const browser = await launchBrowser();
  t.after(() => browser.close());
  return { app, address, channel, browser };
}

test('hls.js plays the live channel for 20 s without a stall, through the loop point', { skip: chromiumUnavailable(), timeout: 180_000 }, async (t) => {
  // A 10 s loop with 2 s segments: the 20 s of playback cross the loop point at least once.
  const { address, browser } = await liveChannel(t, { id: 'live', name: 'Live', source: { kind: 'test', durationSec: 10 }, segmentSeconds: 2, windowSeconds: 20, leadTimeSeconds: 4 });
  const report = await playHls(browser, `${address}/origin/live/index.m3u8`, 20);
  assert.deepEqual(report.fatalErrors, []);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  assert.ok(report.playedSeconds >= 16, `played ${report.playedSeconds} s`);
  assert.ok(report.videoWidth > 0);
  assert.ok(report.fragments.length >= 8, `fetched ${report.fragments.length} segments`);
});

test('dash.js plays the live channel\'s DASH output for 20 s without a stall, through the loop point', { skip: chromiumUnavailable(), timeout: 180_000 }, async (t) => {
  const { address, browser } = await liveChannel(t, { id: 'live', name: 'Live', source: { kind: 'test', durationSec: 10 }, segmentSeconds: 2, windowSeconds: 20, leadTimeSeconds: 4 });
  const report = await playDash(browser, `${address}/origin/live/index.mpd`, 20);
  assert.deepEqual(report.fatalErrors, []);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  assert.ok(report.playedSeconds >= 16, `played ${report.playedSeconds} s`);
  assert.ok(report.fragments.some((f) => /video-\d+\.m4s$/.test(f)) && report.fragments.some((f) => /audio-\d+\.m4s$/.test(f)));
});

test('dash.js plays through a break with a new Period at its start and end (MediaPackage "new period on ads")', { skip: chromiumUnavailable(), timeout: 180_000 }, async (t) => {
  const { app, address, channel, browser } = await liveChannel(t, {
    id: 'live', name: 'Live', source: { kind: 'test', durationSec: 30 }, segmentSeconds: 2, windowSeconds: 20, leadTimeSeconds: 4,
    outputs: { hls: { markers: 'both' }, dash: { eventStream: 'xml', periodPerBreak: true } },
  });
  // A 5 s break (off the 2 s grid) starting 7 s from now.
  const startMs = (Math.floor(Date.now() / 1000) + 7) * 1000;
  const put = await app.inject({
    method: 'PUT', url: '/api/channels/live/schedule',
    payload: { Creates: { ScheduleActions: [{ ActionName: 'b1', ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: new Date(startMs).toISOString() } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 5, Duration: 5 * 90000 } } }] } },
  });
  assert.equal(put.statusCode, 200, put.body);
  const report = await playDash(browser, `${address}/origin/live/index.mpd`, 22);
  assert.deepEqual(report.fatalErrors, []);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  assert.ok(report.playedSeconds >= 16, `played ${report.playedSeconds} s`);
  const mpd = (await app.inject('/origin/live/index.mpd')).body;
  const periodIds = [...mpd.matchAll(/<Period id="p(\d+)"/g)].map((m) => Number(m[1]));
  const startSec = (startMs - channel.epochMs) / 1000;
  assert.ok(periodIds.includes(startSec) && periodIds.includes(startSec + 5), `Periods at the break's start and end: ${periodIds.join(', ')}`);
  assert.match(mpd, /<scte35:SpliceInfoSection/);
});

test('dash.js plays the live MPD after packages/dash splitPeriod cut it into two Periods (the stitcher\'s edit)', { skip: chromiumUnavailable(), timeout: 180_000 }, async (t) => {
  const { app, address, channel, browser } = await liveChannel(t, { id: 'live', name: 'Live', source: { kind: 'test', durationSec: 30 }, segmentSeconds: 2, windowSeconds: 20, leadTimeSeconds: 4 });
  // A second server answers the origin's MPD split at a fixed second of the timeline (its own
  // origin's segments stay where they are: the split keeps URLs, numbers and times).
  // Inside the window now, and still in it for the 16 s of play (the window is 20 s).
  const splitAtMs = Math.floor((Date.now() - channel.epochMs) / 2000) * 2000 - 2000;
  const edited = Fastify();
  edited.get('/split/index.mpd', async (_req, reply) => {
    const mpd = (await app.inject('/origin/live/index.mpd')).body;
    const parsed = parseMpd(mpd);
    const split = splitPeriod(parsed.value, 0, splitAtMs, { id: 'after' });
    const fatal = split.issues.filter((i) => i.severity === 'fatal');
    if (fatal.length > 0) return reply.code(500).send(fatal);
    const base = `<BaseURL>${address}/origin/live/</BaseURL>`;
    void reply.type('application/dash+xml').header('access-control-allow-origin', '*');
    return printMpd(split.value).replace(/(<MPD[^>]*>)/, `$1\n  ${base}`);
  });
  const editedBase = await edited.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => edited.close());
  const report = await playDash(browser, `${editedBase}/split/index.mpd`, 16);
  assert.deepEqual(report.fatalErrors, []);
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  assert.ok(report.playedSeconds >= 12, `played ${report.playedSeconds} s`);
  const mpd = printMpd(splitPeriod(parseMpd((await app.inject('/origin/live/index.mpd')).body).value, 0, splitAtMs, { id: 'after' }).value);
  assert.match(mpd, /<Period id="after" start="PT/);
});
