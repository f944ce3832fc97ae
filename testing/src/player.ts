/// <reference lib="dom" />
// Real players in headless Chromium (Debian's, through playwright-core): hls.js, dash.js and Shaka
// Player play a URL and report what happened — time played, stalls, fatal errors, the segments they fetched.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.ADSPLICE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--autoplay-policy=no-user-gesture-required'];

/** undefined when Chromium is installed, else why the browser tests skip. */
export function chromiumUnavailable(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export interface PlayReport {
  /** Seconds of media time that advanced while watching. */
  playedSeconds: number;
  /** Gaps of wall-clock time in which media time did not advance, over the threshold. */
  stalls: { atMs: number; durationMs: number }[];
  fatalErrors: string[];
  nonFatalErrors: string[];
  /** URLs of the media segments the player fetched, in order (interstitial assets' too). */
  fragments: string[];
  /** Player events worth a test's attention, in order (hls.js: interstitials started, assets started, primary resumed). */
  events: string[];
  /** Picture size seen. */
  videoWidth: number;
  videoHeight: number;
}

const PAGE = '<!doctype html><html><body style="margin:0;background:#000"><video id="v" muted playsinline style="width:640px;height:360px"></video></body></html>';

/**
 * Opens the player page from a loopback server of its own, as a real player page is served from
 * its own site: the stream's servers must answer CORS, as they must in the field. (A page that
 * Playwright fulfils itself counts as a public address to Chromium, which then demands Private
 * Network Access preflights from every loopback server — not what a real viewer meets.)
 */
async function openPage(page: Page): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  page.once('close', () => server.close());
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

async function watch(page: Page, seconds: number, stallThresholdMs: number): Promise<Omit<PlayReport, 'fatalErrors' | 'nonFatalErrors' | 'fragments' | 'events'>> {
  const stalls: { atMs: number; durationMs: number }[] = [];
  const start = Date.now();
  let lastTime = -1;
  let lastAdvance = Date.now();
  let firstTime: number | undefined;
  let current = 0;
  let played = 0;
  while (Date.now() - start < seconds * 1000) {
    await page.waitForTimeout(200);
    current = await page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).currentTime);
    // Any move counts: an interstitial asset played in the same element starts at its own time 0.
    if (Math.abs(current - lastTime) > 0.01) {
      if (firstTime === undefined && current > 0) firstTime = current;
      const gap = Date.now() - lastAdvance;
      if (lastTime >= 0 && firstTime !== undefined && gap > stallThresholdMs) stalls.push({ atMs: lastAdvance - start, durationMs: gap });
      if (lastTime >= 0 && firstTime !== undefined && current > lastTime) played += current - lastTime;
      lastTime = current;
      lastAdvance = Date.now();
    }
  }
  const gap = Date.now() - lastAdvance;
  if (firstTime !== undefined && gap > stallThresholdMs) stalls.push({ atMs: lastAdvance - start, durationMs: gap });
  const size = await page.evaluate(() => {
    const v = document.getElementById('v') as HTMLVideoElement;
    return { w: v.videoWidth, h: v.videoHeight };
  });
  return { playedSeconds: played, stalls, videoWidth: size.w, videoHeight: size.h };
}

interface PlayOptions {
  stallThresholdMs?: number;
  /** Saves a picture of the video element at the end. */
  screenshot?: string;
}

type Report = { fatal: string[]; nonFatal: string[]; fragments: string[]; events: string[] };

/** Opens the page, loads `script`, runs `attach(url)` in the page, watches, and collects the report. */
async function play(browser: Browser, url: string, seconds: number, opts: PlayOptions, script: string, attach: (src: string) => void): Promise<PlayReport> {
  const page = await browser.newPage();
  try {
    await openPage(page);
    await page.addScriptTag({ path: script });
    await page.evaluate(() => void ((window as unknown as { report: Report }).report = { fatal: [], nonFatal: [], fragments: [], events: [] }));
    await page.evaluate(attach, url);
    const watched = await watch(page, seconds, opts.stallThresholdMs ?? 1000);
    if (opts.screenshot) await page.locator('#v').screenshot({ path: opts.screenshot });
    const r = await page.evaluate(() => (window as unknown as { report: Report }).report);
    return { ...watched, fatalErrors: r.fatal, nonFatalErrors: r.nonFatal, fragments: r.fragments, events: r.events };
  } finally {
    await page.close();
  }
}

/** Plays an HLS URL with hls.js for `seconds` of wall-clock time. */
export function playHls(browser: Browser, url: string, seconds: number, opts: PlayOptions = {}): Promise<PlayReport> {
  return play(browser, url, seconds, opts, require.resolve('hls.js/dist/hls.min.js'), (src) => {
    const w = window as unknown as { Hls: any; report: Report }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const hls = new w.Hls({ lowLatencyMode: false });
    hls.on(w.Hls.Events.FRAG_LOADED, (_e: unknown, d: { frag: { url: string } }) => w.report.fragments.push(d.frag.url));
    // HLS Interstitials: each asset plays through a player of its own.
    hls.on(w.Hls.Events.INTERSTITIAL_ASSET_PLAYER_CREATED, (_e: unknown, d: { player: { hls: any } }) => d.player.hls?.on(w.Hls.Events.FRAG_LOADED, (_x: unknown, f: { frag: { url: string } }) => w.report.fragments.push(f.frag.url))); // eslint-disable-line @typescript-eslint/no-explicit-any
    hls.on(w.Hls.Events.INTERSTITIAL_STARTED, (_e: unknown, d: { event: { identifier: string } }) => w.report.events.push(`interstitial-started ${d.event.identifier}`));
    hls.on(w.Hls.Events.INTERSTITIAL_ASSET_STARTED, (_e: unknown, d: { asset: { uri: string } }) => w.report.events.push(`asset-started ${d.asset.uri}`));
    hls.on(w.Hls.Events.INTERSTITIALS_PRIMARY_RESUMED, () => w.report.events.push('primary-resumed'));
    hls.on(w.Hls.Events.ASSET_LIST_LOADED, (_e: unknown, d: { assetListResponse?: { ASSETS?: unknown[] } }) => w.report.events.push(`asset-list-loaded ${d.assetListResponse?.ASSETS?.length ?? 0}`));
    hls.on(w.Hls.Events.INTERSTITIALS_UPDATED, (_e: unknown, d: { events: { identifier: string }[] }) => w.report.events.push(`interstitials ${d.events.map((e) => e.identifier).join(',')}`));
    hls.on(w.Hls.Events.INTERSTITIAL_ASSET_ERROR, (_e: unknown, d: { error?: { message?: string } }) => w.report.events.push(`asset-error ${d.error?.message ?? ''}`));
    hls.on(w.Hls.Events.ERROR, (_e: unknown, d: { fatal: boolean; type: string; details: string }) => (d.fatal ? w.report.fatal : w.report.nonFatal).push(`${d.type}/${d.details}`));
    hls.loadSource(src);
    const video = document.getElementById('v') as HTMLVideoElement;
    hls.attachMedia(video);
    hls.on(w.Hls.Events.MANIFEST_PARSED, () => void video.play());
  });
}

/** Plays a DASH URL with dash.js for `seconds` of wall-clock time. */
export function playDash(browser: Browser, url: string, seconds: number, opts: PlayOptions = {}): Promise<PlayReport> {
  // require.resolve('dashjs') is its UMD build (the package's "require" condition).
  return play(browser, url, seconds, opts, require.resolve('dashjs'), (src) => {
    const w = window as unknown as { dashjs: any; report: Report }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const player = w.dashjs.MediaPlayer().create();
    player.on(w.dashjs.MediaPlayer.events.ERROR, (e: { error?: { code?: number; message?: string } }) => w.report.fatal.push(`${e.error?.code}: ${e.error?.message}`));
    player.on(w.dashjs.MediaPlayer.events.FRAGMENT_LOADING_COMPLETED, (e: { request?: { url?: string } }) => {
      if (e.request?.url) w.report.fragments.push(e.request.url);
    });
    player.initialize(document.getElementById('v'), src, true);
  });
}

/** Plays a DASH (or HLS) URL with Shaka Player for `seconds` of wall-clock time. */
export function playShaka(browser: Browser, url: string, seconds: number, opts: PlayOptions = {}): Promise<PlayReport> {
  // The compiled browser build from the npm package (it sets window.shaka).
  return play(browser, url, seconds, opts, require.resolve('shaka-player/dist/shaka-player.compiled.js'), (src) => {
    const w = window as unknown as { shaka: any; report: Report }; // eslint-disable-line @typescript-eslint/no-explicit-any
    w.shaka.polyfill.installAll();
    const video = document.getElementById('v') as HTMLVideoElement;
    const player = new w.shaka.Player();
    player.addEventListener('error', (e: { detail?: { code?: number; severity?: number; data?: unknown[] } }) => {
      const d = e.detail;
      // Shaka's severities: 1 RECOVERABLE, 2 CRITICAL.
      (d?.severity === 2 ? w.report.fatal : w.report.nonFatal).push(`${d?.code}: ${JSON.stringify(d?.data ?? []).slice(0, 300)}`);
    });
    const SEGMENT = w.shaka.net.NetworkingEngine.RequestType.SEGMENT;
    player.getNetworkingEngine().registerResponseFilter((type: number, response: { uri: string }) => {
      if (type === SEGMENT) w.report.fragments.push(response.uri);
    });
    void player
      .attach(video)
      .then(() => player.load(src))
      .then(() => video.play())
      .catch((err: { code?: number; message?: string }) => w.report.fatal.push(`load: ${err.code ?? ''} ${err.message ?? ''}`));
  });
}
