// The dashboard end to end, for real: `adsplice start` on an empty data directory, Chromium signs
// in with a token, creates a campaign and uploads a small MP4 as a new ad, schedules a break as
// soon as the scheduler allows, watches the Channels preview play that ad (the label names it, the
// video time advances), then sees exposed ads and the fill rate move on the Overview. Screenshots
// of every page (laptop and phone widths) are saved in test-artifacts/dashboard/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumUnavailable, launchBrowser, waitForOutput } from '@adsplice/testing';
import { runFfmpeg } from '@adsplice/media';
import type { Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'apps/adsplice/bin/adsplice.js');
const ARTIFACTS = join(root, 'test-artifacts/dashboard');
const TOKEN = 'dashboard-e2e-admin-token-0123456789';
const AD_ID = 'e2e-spot';

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(10_000) });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function card(page: Page, id: string): Promise<string> {
  return (await page.textContent(`[data-card=${id}] .value`, { timeout: 15_000 })) ?? '';
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('the dashboard: sign in, upload an ad, schedule a break, watch the preview play it, see it counted', { skip: chromiumUnavailable(), timeout: 900_000 }, async (t) => {
  // `npm ci` builds the dashboard (the root `prepare` script); build it here when it was skipped.
  if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps/web'), encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'adsplice-web-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const mp4 = join(dir, `${AD_ID}.mp4`);
  // A 10 s ad: a magenta card with a 880 Hz tone, H.264 + AAC.
  await runFfmpeg(['-f', 'lavfi', '-i', 'color=c=0xc02090:s=640x360:r=25:d=10', '-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000:duration=10', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-shortest', '-movflags', '+faststart', '-y', mp4]);

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
  const startedMs = Date.now();
  let ready = false;
  while (!ready && Date.now() - startedMs < 600_000) {
    const res = await fetch(`${base}/readyz`);
    ready = res.status === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok(ready, 'ready');
  t.diagnostic(`ready after ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);

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

  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
