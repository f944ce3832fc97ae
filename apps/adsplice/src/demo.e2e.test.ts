/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The product end to end, for real, on one `adsplice start` (an empty data directory, so its first
// start): the first minutes of a new user, then the dashboard, then a graceful stop.
//
// The new user: /readyz once the demo channel is encoded and its creatives conditioned, then hls.js
// in Chromium plays `/v1/master/demo/index.m3u8` through the demo's next recurring break (scheduler →
// SCTE-35 on the origin → built-in ADS → stitcher), while `adsplice validate` watches another session
// of it. Then a new ad nobody has seen is uploaded and a break scheduled 65+ s ahead: the stitcher
// prefetches it for the sessions watching (ADS asked ahead, the new creative conditioned), so no ad
// is skipped. Then VOD with the built-in ADS's VMAP.
//
// The dashboard: Chromium signs in with a token, creates a campaign and uploads a small MP4 as a new
// ad, schedules a break as soon as the scheduler allows, watches the Channels preview play that ad
// (the label names it, the video time advances), then sees exposed ads and the fill rate move on the
// Overview. Screenshots of every page (laptop and phone widths) are saved in test-artifacts/dashboard/.
//
// One process for all of it: the first start (encoding the channel, making and conditioning the demo
// ads) is most of a minute and a half of both cores, and each part only adds to what it finds.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumUnavailable, launchBrowser, playHls, waitForOutput } from '@adsplice/testing';
import { runFfmpeg } from '@adsplice/media';
import type { Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'apps/adsplice/bin/adsplice.js');
const ARTIFACTS = join(root, 'test-artifacts/dashboard');
const TOKEN = 'demo-e2e-admin-token-0123456789';
const AD_ID = 'e2e-spot';

interface Product {
  dir: string;
  base: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

let started: Promise<Product> | undefined;

/** `adsplice start` on an empty data directory, once for the whole file: its base URL once it listens. */
function product(): Promise<Product> {
  started ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adsplice-demo-'));
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ADSPLICE_ADMIN_TOKEN: TOKEN, ADSPLICE_LOG_LEVEL: 'info' },
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const base = (await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!;
    return { dir, base, child, exited };
  })();
  return started;
}

after(async () => {
  const p = await started?.catch(() => undefined);
  if (!p) return;
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await p.exited;
  await rm(p.dir, { recursive: true, force: true });
});

/** Waits for /readyz to answer 200, failing at once when a check failed; the last answer. */
async function waitReady(base: string): Promise<{ ready: boolean; checks: Record<string, { status: string; detail?: string }> } | undefined> {
  const startedMs = Date.now();
  let ready: { ready: boolean; checks: Record<string, { status: string; detail?: string }> } | undefined;
  while (Date.now() - startedMs < 600_000) {
    const res = await fetch(`${base}/readyz`);
    ready = (await res.json()) as typeof ready;
    if (res.status === 200) break;
    assert.ok(!Object.values(ready!.checks).some((c) => c.status === 'failed'), JSON.stringify(ready!.checks));
    await new Promise((r) => setTimeout(r, 1000));
  }
  return ready;
}

/** An admin API call: a JSON body, or an MP4's bytes. */
async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  const init: RequestInit = { method, headers, signal: AbortSignal.timeout(30_000) };
  if (body !== undefined) {
    init.body = body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body);
    headers['content-type'] = body instanceof Uint8Array ? 'video/mp4' : 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  assert.ok(res.status === 200 || res.status === 201, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
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

async function card(page: Page, id: string): Promise<string> {
  return (await page.textContent(`[data-card=${id}] .value`, { timeout: 15_000 })) ?? '';
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('a new user: start, ready, and the demo playback configuration plays ads in the next demo break', { skip: chromiumUnavailable(), timeout: 900_000 }, async (t) => {
  const { base, dir } = await product();

  // Ready only once the channel is encoded, the ads made and the demo creatives conditioned.
  const startedMs = Date.now();
  const ready = await waitReady(base);
  assert.equal(ready?.ready, true, JSON.stringify(ready?.checks));
  assert.equal(ready!.checks['demo-stitching']?.status, 'ready');
  t.diagnostic(`ready after ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);

  const config = await api<{ videoContentSourceUrl: string; slateAdUrl: string }>(base, 'GET', '/api/playback-configurations/demo');
  assert.equal(config.videoContentSourceUrl, `${base}/origin/demo/`);
  const { recurrences } = await api<{ recurrences: { channelId: string; everyMinutes: number; durationSeconds: number }[] }>(base, 'GET', '/api/recurrences');
  assert.deepEqual(recurrences.map((r) => [r.channelId, r.everyMinutes, r.durationSeconds]), [['demo', 2, 30]]);

  // The next demo break at least 20 s away (time for the player to start before it).
  const { schedules } = await api<{ schedules: { startTime: string; durationSeconds: number }[] }>(base, 'GET', `/api/schedules?channelId=demo&status=scheduled,dispatched&from=${new Date(Date.now() + 20_000).toISOString()}&limit=1`);
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
  const detail = await api<{ avails: { mode: string; ads: { adId: string }[]; items: { kind: string }[] }[] }>(base, 'GET', `/api/sessions/${id}`);
  const avail = detail.avails.find((a) => a.mode === 'ads');
  assert.ok(avail && avail.ads.length > 0, JSON.stringify(detail.avails));
  await new Promise((r) => setTimeout(r, 2000));
  const { items } = await api<{ items: { eventTimestamp: string; adId?: string; beaconInfo: { trackingEvent: string; statusCode?: number } }[] }>(base, 'GET', `/api/stitcher/events?sessionId=${id}&type=BEACON_FIRED&limit=1000`);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  const first = avail.ads[0]!.adId;
  const fired = items.filter((e) => e.adId === first).sort((a, b) => Date.parse(a.eventTimestamp) - Date.parse(b.eventTimestamp) || order.indexOf(a.beaconInfo.trackingEvent) - order.indexOf(b.beaconInfo.trackingEvent));
  assert.deepEqual(fired.map((e) => e.beaconInfo.trackingEvent), order, JSON.stringify(items.slice(0, 20)));
  assert.ok(fired.every((e) => e.beaconInfo.statusCode !== undefined && e.beaconInfo.statusCode < 300), JSON.stringify(fired));

  // A break scheduled 65+ s ahead is prefetched: a brand-new ad (never conditioned) plays in it for every viewer.
  // It is a children's programme, so the demo's sponsorship (not for kids) leaves the new tier-1 ad the best choice.
  const mp4 = join(dir, 'prefetch-ad.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=20', '-f', 'lavfi', '-i', 'sine=frequency=500:sample_rate=48000:duration=20', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', mp4]);
  await api(base, 'POST', '/api/ads/creatives?name=prefetch-test&id=prefetch-test', new Uint8Array(await readFile(mp4)));
  const advertiser = await api<{ id: string }>(base, 'POST', '/api/ads/advertisers', { name: 'Prefetch test' });
  const campaign = await api<{ id: string }>(base, 'POST', '/api/ads/campaigns', { advertiserId: advertiser.id, name: 'Prefetch test', priority: 1, pacing: 'asap', targeting: { key: 'genre', in: ['kids'] } });
  const newAd = await api<{ id: string }>(base, 'POST', '/api/ads/ads', { campaignId: campaign.id, title: 'Prefetch test', creativeId: 'prefetch-test' });
  const startMs = freeSlot(65_000);
  const scheduled = await api<{ id: string }>(base, 'POST', '/api/schedules', { channelId: 'demo', startTime: new Date(startMs).toISOString(), durationSeconds: 30 });
  t.diagnostic(`break ${scheduled.id} scheduled ${((startMs - Date.now()) / 1000).toFixed(0)} s ahead`);
  const untilMs = startMs + 40_000;
  const viewers = await Promise.all(Array.from({ length: 6 }, () => viewer(base, 'playerParams.genre=kids', untilMs)));
  await sleep(untilMs + 2000 - Date.now());
  const { items: schedules2 } = await api<{ items: { name: string; source: string }[] }>(base, 'GET', '/api/playback-configurations/demo/prefetch-schedules');
  assert.ok(schedules2.some((x) => x.name === `adsplice-${scheduled.id}` && x.source === 'scheduler'), JSON.stringify(schedules2));
  for (const v of viewers) {
    const { items: filled } = await api<{ items: { eventTimestamp: string; prefetchScheduleName?: string; avail: { creativeAds: { adId: string }[]; skippedAds: { skippedReason: string }[] } }[] }>(base, 'GET', `/api/stitcher/events?sessionId=${v}&type=FILLED_AVAIL`);
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
});

test('the dashboard: sign in, upload an ad, schedule a break, watch the preview play it, see it counted', { skip: chromiumUnavailable(), timeout: 900_000 }, async (t) => {
  // `npm ci` builds the dashboard (the root `prepare` script); build it here when it was skipped.
  if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps/web'), encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const { base, dir } = await product();
  const mp4 = join(dir, `${AD_ID}.mp4`);
  // A 10 s ad: a magenta card with a 880 Hz tone, H.264 + AAC.
  await runFfmpeg(['-f', 'lavfi', '-i', 'color=c=0xc02090:s=640x360:r=25:d=10', '-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000:duration=10', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-shortest', '-movflags', '+faststart', '-y', mp4]);
  const ready = await waitReady(base);
  assert.equal(ready?.ready, true, JSON.stringify(ready?.checks));

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // Sign in: a wrong token is refused in place, the admin token gets in.
  await page.goto(`${base}/`);
  await page.fill('#f-token', 'not-a-real-token-at-all');
  await page.click('button[type=submit]');
  await page.waitForSelector('#f-token-error');
  assert.equal(await page.textContent('#f-token-error'), 'This token is not valid (or was revoked).');
  await shoot(page, 'sign-in-refused');
  await page.fill('#f-token', TOKEN);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-card=exposed]');
  const exposedBefore = Number((await card(page, 'exposed')).replace(/,/g, ''));
  await shoot(page, 'overview-before');

  // Ads: the demo's sponsorship steps aside; a new sponsorship campaign on the demo channel; the MP4 uploaded as its ad.
  await page.goto(`${base}/#/ads`);
  await page.click('button[aria-label="Deactivate Launch sponsorship"]');
  await page.waitForSelector('button[aria-label="Activate Launch sponsorship"]');
  await page.fill('#f-name', 'E2E sponsorship');
  await page.fill('#f-priority', '1');
  await page.fill('#f-targeting', '{"key": "channel", "in": ["demo"]');
  assert.match((await page.textContent('#f-targeting-error')) ?? '', /not JSON/);
  await page.fill('#f-targeting', '{"key": "channel", "in": ["demo"]}');
  await page.click('form[aria-label="New campaign"] button[type=submit]');
  await page.waitForSelector('text=E2E sponsorship');
  await page.setInputFiles('#f-file', mp4);
  await page.waitForFunction(() => document.querySelector('[data-testid=upload-progress]')?.textContent?.startsWith('Uploaded'), undefined, { timeout: 60_000 });
  const campaigns = await api<{ items: { id: string; name: string }[] }>(base, 'GET', '/api/ads/campaigns?limit=1000');
  const campaign = campaigns.items.find((c) => c.name === 'E2E sponsorship')!;
  await page.selectOption('#f-campaignId', campaign.id);
  await page.fill('#f-title', 'E2E spot');
  await page.click('form[aria-label="New ad"] button[type=submit]');
  await page.waitForSelector('text=E2E spot');
  // The upload's progress follows the stitcher's transcode until the creative is ready for breaks.
  await page.waitForFunction(() => /ready for the next break/.test(document.querySelector('[data-testid=upload-progress]')?.textContent ?? ''), undefined, { timeout: 120_000 });
  await shoot(page, 'ads');
  const ads = await api<{ items: { id: string; title: string; creativeId: string }[] }>(base, 'GET', `/api/ads/ads?campaignId=${campaign.id}`);
  assert.deepEqual(ads.items.map((a) => [a.title, a.creativeId]), [['E2E spot', AD_ID]]);
  const adId = ads.items[0]!.id;

  // Schedules: a 30 s break as soon as the scheduler takes one (its lead time is 40 s). The demo's
  // recurring breaks until just after it are cancelled, so that the ad can only play in this one.
  const breakMs = Math.ceil((Date.now() + 48_000) / 1000) * 1000;
  const { schedules } = await api<{ schedules: { id: string }[] }>(base, 'GET', `/api/schedules?channelId=demo&status=scheduled,dispatched&to=${new Date(breakMs + 40_000).toISOString()}`);
  for (const s of schedules) await api(base, 'POST', `/api/schedules/${s.id}/cancel`, { reason: 'dashboard e2e' });
  await page.goto(`${base}/#/schedules`);
  await page.waitForSelector('#f-start');
  // (A string: tsx's helpers are not in the page.) The form takes the browser's local time.
  const local = await page.evaluate<string>(`(() => {
    const d = new Date(${breakMs});
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
  })()`);
  await page.fill('#f-start', local);
  await page.fill('#f-durationSeconds', '30');
  await page.click('form[aria-label="Schedule a break"] button[type=submit]');
  await page.waitForFunction((iso) => [...document.querySelectorAll('tbody tr')].some((r) => r.textContent?.includes('scheduled') && r.textContent.includes(new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }))), new Date(breakMs).toISOString(), { timeout: 15_000 });
  await shoot(page, 'schedules');
  t.diagnostic(`break at ${new Date(breakMs).toISOString()}, ${((breakMs - Date.now()) / 1000).toFixed(0)} s ahead`);

  // Channels: the preview plays; during the break the label names the uploaded ad while the video time advances.
  await page.goto(`${base}/#/channels`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=video-time]')?.textContent) > 1, undefined, { timeout: 60_000 });
  await new Promise((r) => setTimeout(r, Math.max(0, breakMs - Date.now())));
  await page.waitForFunction((id) => document.querySelector('[data-testid=now-playing]')?.textContent?.includes(`(${id})`), adId, { timeout: 75_000 });
  const label = (await page.textContent('[data-testid=now-playing]')) ?? '';
  assert.match(label, new RegExp(`^AD \\d/\\d: E2E spot \\(${adId}\\)$`));
  const t0 = Number(await page.textContent('[data-testid=video-time]'));
  await page.waitForTimeout(2500);
  const t1 = Number(await page.textContent('[data-testid=video-time]'));
  assert.ok(t1 - t0 > 1.5, `the video time advances during the ad: ${t0} → ${t1}`);
  await page.screenshot({ path: join(ARTIFACTS, 'channels-ad-playing.png') });

  // It is the scheduled break: the stitcher found its marker at that time.
  const markers = await api<{ items: { startTime?: string }[] }>(base, 'GET', '/api/stitcher/events?type=AD_MARKER_FOUND&config=demo&limit=1000');
  assert.ok(markers.items.some((m) => m.startTime !== undefined && Math.abs(Date.parse(m.startTime) - breakMs) < 6000), JSON.stringify(markers.items.slice(0, 5)));

  // Events: the FILLED_AVAIL of the break, its plan naming the ad.
  await page.goto(`${base}/#/events`);
  await page.waitForSelector(`.seg.ad[title^="${adId}:"]`, { timeout: 15_000 });
  await shoot(page, 'events');

  // Overview: exposed ads went up, and the fill rate is measured from events.
  await page.goto(`${base}/#/overview`);
  await page.waitForFunction((before) => Number(document.querySelector('[data-card=exposed] .value')?.textContent?.replace(/,/g, '')) > before, exposedBefore, { timeout: 30_000 });
  assert.equal(await page.textContent('[data-card=fill] h3'), 'Fill rate');
  assert.match(await card(page, 'fill'), /^\d+\.\d %$/);
  assert.ok(Number(await card(page, 'sessions')) >= 1);
  assert.ok(Number(await card(page, 'avails')) >= 1);
  await shoot(page, 'overview-after');
  const breakdown = await api<{ rows: { key: string; exposedAds: number }[] }>(base, 'GET', '/api/analytics/breakdown?by=campaign');
  assert.ok((breakdown.rows.find((r) => r.key === campaign.id)?.exposedAds ?? 0) >= 1, JSON.stringify(breakdown));
  const metrics = await (await fetch(`${base}/metrics`)).text();
  assert.match(metrics, /adsplice_ad_impressions_total\{configuration="demo"\} [1-9]/);
  assert.match(metrics, /adsplice_manifest_duration_seconds_count\{kind="media"\} [1-9]/);

  // The same pages at phone width.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${base}/`);
  await phone.fill('#f-token', TOKEN);
  await phone.keyboard.press('Enter');
  await phone.waitForSelector('[data-card=exposed]');
  await shoot(phone, 'phone-overview');
  for (const p of ['ads', 'schedules', 'events']) {
    await phone.goto(`${base}/#/${p}`);
    await phone.waitForSelector('h2');
    await phone.waitForTimeout(1000);
    await shoot(phone, `phone-${p}`);
  }
  assert.deepEqual(pageErrors, []);
});

// (Stopping takes from 20 s to over a minute here: from "shutting down" to "stopped" in the log.)
test('after all that, adsplice stops gracefully on SIGTERM (exit 0)', { skip: chromiumUnavailable(), timeout: 300_000 }, async () => {
  const { child, exited } = await product();
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
