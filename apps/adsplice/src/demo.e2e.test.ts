// The first minutes of a new user, for real: `adsplice start` on an empty data directory, /readyz
// once the demo channel is encoded and its creatives conditioned, then hls.js in Chromium plays
// `/v1/master/demo/index.m3u8` through the demo's next recurring break (scheduler → SCTE-35 on the
// origin → built-in ADS → stitcher), while `adsplice validate` watches another session of it. Then
// a new ad nobody has seen is uploaded and a break scheduled 65+ s ahead: the stitcher prefetches it
// for the sessions watching (ADS asked ahead, the new creative conditioned), so no ad is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumUnavailable, launchBrowser, playHls, waitForOutput } from '@adsplice/testing';
import { runFfmpeg } from '@adsplice/media';

const bin = new URL('../bin/adsplice.js', import.meta.url).pathname;
const TOKEN = 'demo-e2e-admin-token-0123456789';

async function api<T>(base: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { headers: { authorization: `Bearer ${TOKEN}` } };
  if (body !== undefined) {
    init.method = 'POST';
    init.body = body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': body instanceof Uint8Array ? 'video/mp4' : 'application/json' };
  }
  const res = await fetch(`${base}${path}`, init);
  assert.ok(res.status === 200 || res.status === 201, `${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A viewer without a player: a session that refreshes its first rendition every 2 s until `untilMs`. */
async function viewer(base: string, query: string, untilMs: number): Promise<string> {
  const master = await (await fetch(`${base}/v1/master/demo/index.m3u8?${query}`)).text();
  const variant = master.split('\n').find((l) => l.startsWith('/v1/manifest/'))!;
  const id = /\/v1\/manifest\/demo\/([^/]+)\//.exec(variant)![1]!;
  void (async () => {
    while (Date.now() < untilMs) {
      await fetch(`${base}${variant}`).then((r) => r.text());
      await sleep(2000);
    }
  })();
  return id;
}

/** The first start time ≥ `aheadMs` from now, off the demo recurrence's breaks (30 s at every even minute) by 35 s. */
function freeSlot(aheadMs: number): number {
  let t = Math.ceil((Date.now() + aheadMs) / 1000) * 1000;
  const m = t % 120_000;
  if (m < 35_000) t += 35_000 - m;
  else if (m > 85_000) t += 120_000 - m + 35_000;
  return t;
}

test('a new user: start, ready, and the demo playback configuration plays ads in the next demo break', { skip: chromiumUnavailable(), timeout: 900_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'adsplice-demo-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'data')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ADSPLICE_ADMIN_TOKEN: TOKEN, ADSPLICE_LOG_LEVEL: 'info' },
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const base = (await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!;

  // Ready only once the channel is encoded, the ads made and the demo creatives conditioned.
  const startedMs = Date.now();
  let ready: { ready: boolean; checks: Record<string, { status: string; detail?: string }> } | undefined;
  while (Date.now() - startedMs < 600_000) {
    const res = await fetch(`${base}/readyz`);
    ready = (await res.json()) as typeof ready;
    if (res.status === 200) break;
    assert.ok(!Object.values(ready!.checks).some((c) => c.status === 'failed'), JSON.stringify(ready!.checks));
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal(ready?.ready, true, JSON.stringify(ready?.checks));
  assert.equal(ready!.checks['demo-stitching']?.status, 'ready');
  t.diagnostic(`ready after ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);

  const config = await api<{ videoContentSourceUrl: string; slateAdUrl: string }>(base, '/api/playback-configurations/demo');
  assert.equal(config.videoContentSourceUrl, `${base}/origin/demo/`);
  const { recurrences } = await api<{ recurrences: { channelId: string; everyMinutes: number; durationSeconds: number }[] }>(base, '/api/recurrences');
  assert.deepEqual(recurrences.map((r) => [r.channelId, r.everyMinutes, r.durationSeconds]), [['demo', 2, 30]]);

  // The next demo break at least 20 s away (time for the player to start before it).
  const { schedules } = await api<{ schedules: { startTime: string; durationSeconds: number }[] }>(base, `/api/schedules?channelId=demo&status=scheduled,dispatched&from=${new Date(Date.now() + 20_000).toISOString()}&limit=1`);
  assert.ok(schedules[0], 'the recurrence is expanded into upcoming breaks');
  const breakMs = Date.parse(schedules[0].startTime);
  const breakEndMs = breakMs + schedules[0].durationSeconds * 1000;
  // Start watching 14 s before the break; watch until 8 s after it.
  await new Promise((r) => setTimeout(r, Math.max(0, breakMs - 14_000 - Date.now())));
  const watchSec = Math.ceil((breakEndMs + 8000 - Date.now()) / 1000);

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const validator = spawn(process.execPath, [bin, 'validate', `${base}/v1/master/demo/index.m3u8`, '--duration', String(watchSec), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let validatorOut = '';
  validator.stdout.on('data', (c: Buffer) => (validatorOut += c.toString()));
  const validatorExit = new Promise<number | null>((r) => validator.once('exit', (code) => r(code)));
  const screenshot = process.env.ADSPLICE_DEMO_SCREENSHOT;
  const [report] = await Promise.all([
    playHls(browser, `${base}/v1/master/demo/index.m3u8?playerParams.genre=news`, watchSec, { stallThresholdMs: 1000 }),
    // Mid-break (hls.js starts 3 target durations behind the live edge), a picture for the README when asked for one.
    screenshot ? new Promise((r) => setTimeout(r, breakMs + 22_000 - Date.now())).then(() => playHls(browser, `${base}/v1/master/demo/index.m3u8`, 6, { screenshot })) : undefined,
  ]);
  // The validator's report is complete only once it exits (it may finish after the player on a loaded machine).
  assert.equal(await validatorExit, 0, validatorOut);
  const validation = JSON.parse(validatorOut || '{}') as { violations?: unknown[]; refreshes?: number };
  assert.deepEqual(validation.violations, []);

  assert.deepEqual(report.fatalErrors, [], report.nonFatalErrors.join(' '));
  assert.deepEqual(report.stalls, [], `stalls: ${JSON.stringify(report.stalls)}`);
  const sessionId = /\/v1\/manifest\/demo\/([^/]+)\//.exec(report.fragments.join('\n')) ?? /\/v1\/segment\/demo\/([^/]+)\//.exec(report.fragments.join('\n'));
  const adFetches = report.fragments.filter((f) => f.includes('/v1/segment/demo/'));
  assert.ok(adFetches.length >= 4, `the player fetched the ads' segments during the break:\n${report.fragments.join('\n')}`);
  assert.ok(report.fragments.some((f) => f.includes('/origin/demo/')), 'and the content around it');
  const id = sessionId![1]!;

  // The session's plan and the beacons the stitcher fired for it to the built-in ADS, in order.
  const detail = await api<{ avails: { mode: string; ads: { adId: string }[]; items: { kind: string }[] }[] }>(base, `/api/sessions/${id}`);
  const avail = detail.avails.find((a) => a.mode === 'ads');
  assert.ok(avail && avail.ads.length > 0, JSON.stringify(detail.avails));
  await new Promise((r) => setTimeout(r, 2000));
  const { items } = await api<{ items: { eventTimestamp: string; adId?: string; beaconInfo: { trackingEvent: string; statusCode?: number } }[] }>(base, `/api/stitcher/events?sessionId=${id}&type=BEACON_FIRED&limit=1000`);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  const first = avail.ads[0]!.adId;
  const fired = items.filter((e) => e.adId === first).sort((a, b) => Date.parse(a.eventTimestamp) - Date.parse(b.eventTimestamp) || order.indexOf(a.beaconInfo.trackingEvent) - order.indexOf(b.beaconInfo.trackingEvent));
  assert.deepEqual(fired.map((e) => e.beaconInfo.trackingEvent), order, JSON.stringify(items.slice(0, 20)));
  assert.ok(fired.every((e) => e.beaconInfo.statusCode !== undefined && e.beaconInfo.statusCode < 300), JSON.stringify(fired));

  // A break scheduled 65+ s ahead is prefetched: a brand-new ad (never conditioned) plays in it for every viewer.
  // It is a children's programme, so the demo's sponsorship (not for kids) leaves the new tier-1 ad the best choice.
  const mp4 = join(dir, 'prefetch-ad.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=20', '-f', 'lavfi', '-i', 'sine=frequency=500:sample_rate=48000:duration=20', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', mp4]);
  await api(base, '/api/ads/creatives?name=prefetch-test&id=prefetch-test', new Uint8Array(await readFile(mp4)));
  const advertiser = await api<{ id: string }>(base, '/api/ads/advertisers', { name: 'Prefetch test' });
  const campaign = await api<{ id: string }>(base, '/api/ads/campaigns', { advertiserId: advertiser.id, name: 'Prefetch test', priority: 1, pacing: 'asap', targeting: { key: 'genre', in: ['kids'] } });
  const newAd = await api<{ id: string }>(base, '/api/ads/ads', { campaignId: campaign.id, title: 'Prefetch test', creativeId: 'prefetch-test' });
  const startMs = freeSlot(65_000);
  const scheduled = await api<{ id: string }>(base, '/api/schedules', { channelId: 'demo', startTime: new Date(startMs).toISOString(), durationSeconds: 30 });
  t.diagnostic(`break ${scheduled.id} scheduled ${((startMs - Date.now()) / 1000).toFixed(0)} s ahead`);
  const untilMs = startMs + 40_000;
  const viewers = await Promise.all(Array.from({ length: 6 }, () => viewer(base, 'playerParams.genre=kids', untilMs)));
  await sleep(untilMs + 2000 - Date.now());
  const { items: schedules2 } = await api<{ items: { name: string; source: string }[] }>(base, '/api/playback-configurations/demo/prefetch-schedules');
  assert.ok(schedules2.some((x) => x.name === `adsplice-${scheduled.id}` && x.source === 'scheduler'), JSON.stringify(schedules2));
  for (const v of viewers) {
    const { items: filled } = await api<{ items: { eventTimestamp: string; prefetchScheduleName?: string; avail: { creativeAds: { adId: string }[]; skippedAds: { skippedReason: string }[] } }[] }>(base, `/api/stitcher/events?sessionId=${v}&type=FILLED_AVAIL`);
    const f = filled.find((e) => Math.abs(Date.parse(e.eventTimestamp) - startMs) < 20_000);
    assert.ok(f, `viewer ${v}: ${JSON.stringify(filled)}`);
    assert.equal(f.prefetchScheduleName, `adsplice-${scheduled.id}`, JSON.stringify(f));
    assert.ok(f.avail.creativeAds.some((a) => a.adId === newAd.id), JSON.stringify(f.avail));
    assert.deepEqual(f.avail.skippedAds.filter((x) => x.skippedReason === 'NEW_CREATIVE' || x.skippedReason === 'TRANSCODE_IN_PROGRESS'), [], JSON.stringify(f.avail));
  }

  // VOD with the built-in ADS's VMAP: a pre-roll, a mid-roll at 50 % and a post-roll inserted into the demo programme as VOD.
  const put = await fetch(`${base}/api/playback-configurations/vod-vmap`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ videoContentSourceUrl: config.videoContentSourceUrl, slateAdUrl: config.slateAdUrl, adDecisionServerUrl: `${base}/ads/vmap?contentDuration=[content.duration]&midrolls=50%25&prerollDuration=15&midrollDuration=15&postrollDuration=15&sessionId=[session.id]&channel=demo`, allowedHosts: [new URL(base).host] }),
  });
  assert.equal(put.status, 200, await put.text());
  const vod = (await (await fetch(`${base}/v1/session/vod-vmap/vod/index.m3u8`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { manifestUrl: string };
  const multivariant = await (await fetch(`${base}${vod.manifestUrl}`)).text();
  const vodMedia = await (await fetch(new URL(multivariant.split('\n').find((l) => l && !l.startsWith('#'))!, `${base}${vod.manifestUrl}`))).text();
  assert.match(vodMedia, /#EXT-X-PLAYLIST-TYPE:VOD[\s\S]*#EXT-X-ENDLIST/);
  // Runs of ad and content segments, in order: pre-roll, the first half, the mid-roll, the second half, the post-roll.
  const runs = vodMedia.split('\n').filter((l) => l && !l.startsWith('#')).map((u) => (u.includes('/v1/segment/') ? /\/(vod-\d+)\//.exec(u)![1]! : 'content')).filter((k, i, all) => k !== all[i - 1]);
  assert.deepEqual(runs, ['vod-0', 'content', 'vod-1', 'content', 'vod-2'], vodMedia);
  const contentBefore = vodMedia.split('vod-1/')[0]!.split('\n').filter((l) => l.includes('/origin/demo/vod/')).length;
  assert.equal(contentBefore * 6, 30, 'the mid-roll is at 50 % of the 60 s programme');
  for (const u of vodMedia.split('\n').filter((l) => l.includes('/v1/segment/')).slice(0, 3)) assert.equal((await fetch(new URL(u, base))).status, 200);

  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
