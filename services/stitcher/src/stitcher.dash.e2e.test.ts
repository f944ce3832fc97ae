// DASH stitching end to end in one process: a real origin channel serving a live MPD with a
// scheduled break, the test VAST server, creatives conditioned into CMAF by ffmpeg; two sessions
// walked through the break on a virtual clock, every refresh checked against the one before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseMpd } from '@adsplice/dash';
import { VirtualClock } from '@adsplice/testing';
import { periodIds } from './dash-planner.ts';
import { startRig, type Rig } from './testing/rig.ts';
import { checkMpdSequence } from './testing/mpd-sequence.ts';

const clock = new VirtualClock(Math.floor(Date.now() / 1000) * 1000);
let rig: Rig;
let breakStartMs: number;
const sessions: Record<string, { id: string; url: string; texts: string[]; nows: number[] }> = {};
/** An HLS session on the same channel with the same parameters as session a. */
let hls: { id: string; texts: string[] };

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

before(async () => {
  rig = await startRig(clock, { dash: { eventStream: 'xml+bin', periodPerBreak: false } });
  const epoch = rig.channelEpochMs;
  clock.set(epoch + 20_000);
  await rig.putConfig('cfg', '/vast?pod=[player_params.pod]&sid=[session.id]&dur=[session.avail_duration_secs]');
  await rig.putConfig('cfg-pre', '/vast?pod=[player_params.pod]&sid=[session.id]', { livePreRoll: { adDecisionServerUrl: `${rig.vast.base}/vast?pod=green&sid=[session.id]&preroll=1`, maxDurationSeconds: 8 } });
  // CMAF for the DASH sessions; MPEG-TS too for the HLS session (the formats are conditioned apart).
  await rig.stitcher.prepare(['red', 'blue', 'green'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', 'news/index.mpd');
  await rig.stitcher.prepare(['red', 'blue'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', 'news/index.m3u8');
  breakStartMs = epoch + 40_000;
  await rig.scheduleBreak(breakStartMs, 10, 501);

  clock.set(epoch + 30_000);
  // a: implicit session (MediaTailor's /v1/dash/ URL); b: explicit session.
  const implicit = await get(`${rig.stitcherBase}/v1/dash/cfg/news/index.mpd?ads.pod=red,blue`);
  assert.equal(implicit.status, 200, implicit.text);
  assert.equal(implicit.headers.get('content-type'), 'application/dash+xml');
  assert.equal(implicit.headers.get('cache-control'), 'no-store');
  const location = /<Location>([^<]+)<\/Location>/.exec(implicit.text)![1]!;
  sessions.a = { id: /aws\.sessionId=([^&]+)/.exec(location)![1]!, url: location, texts: [], nows: [] };
  const res = await fetch(`${rig.stitcherBase}/v1/session/cfg/news/index.mpd`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adsParams: { pod: 'green' } }) });
  const { manifestUrl } = (await res.json()) as { manifestUrl: string };
  assert.match(manifestUrl, /^\/v1\/dash\/cfg\/news\/index\.mpd\?aws\.sessionId=/);
  sessions.b = { id: /aws\.sessionId=([^&]+)/.exec(manifestUrl)![1]!, url: manifestUrl, texts: [], nows: [] };
  // c: client-side reporting — its ads come from the shared media store.
  const client = await get(`${rig.stitcherBase}/v1/dash/cfg/news/index.mpd?ads.pod=red,blue&aws.reportingMode=client`);
  const clientLocation = /<Location>([^<]+)<\/Location>/.exec(client.text)![1]!;
  sessions.c = { id: /aws\.sessionId=([^&]+)/.exec(clientLocation)![1]!, url: clientLocation, texts: [], nows: [] };
  // pre: a live pre-roll where the session joins.
  const pre = await get(`${rig.stitcherBase}/v1/dash/cfg-pre/news/index.mpd?ads.pod=red,blue`);
  const preLocation = /<Location>([^<]+)<\/Location>/.exec(pre.text)![1]!;
  sessions.pre = { id: /aws\.sessionId=([^&]+)/.exec(preLocation)![1]!, url: preLocation, texts: [], nows: [] };
  const master = await get(`${rig.stitcherBase}/v1/master/cfg/news/index.m3u8?ads.pod=red,blue`);
  hls = { id: /\/v1\/manifest\/cfg\/([^/]+)\/0\.m3u8/.exec(master.text)![1]!, texts: [] };
  // 41 refreshes a second apart: before, through and after the break.
  for (let ms = epoch + 30_000; ms <= epoch + 70_000; ms += 1000) {
    clock.set(ms);
    hls.texts.push((await get(`${rig.stitcherBase}/v1/manifest/cfg/${hls.id}/0.m3u8`)).text);
    for (const [name, s] of Object.entries(sessions)) {
      const r = await get(`${rig.stitcherBase}${s.url}`);
      assert.equal(r.status, 200, `${name} at ${ms - epoch}: ${r.text}`);
      s.texts.push(r.text);
      s.nows.push(ms);
    }
  }
}, { timeout: 900_000 });

after(async () => {
  await rig?.close();
});

test('41 refreshes of each DASH session: Period ids and starts stable, no Period moving, timelines continuous', () => {
  for (const [name, s] of Object.entries(sessions)) {
    assert.equal(s.texts.length, 41, name);
    for (let i = 0; i < s.texts.length; i++) {
      assert.deepEqual(parseMpd(s.texts[i]!).issues, [], `${name} refresh ${i}`);
      if (i > 0) assert.deepEqual(checkMpdSequence(s.texts[i - 1]!, s.texts[i]!, s.nows[i - 1]!, s.nows[i]!), [], `${name} refresh ${i}:\n${s.texts[i - 1]}\n---\n${s.texts[i]}`);
    }
  }
});

test('the break becomes ad Periods (and slate for the rest), the content resumes at the break end with its presentationTimeOffset', () => {
  const startS = (breakStartMs - rig.channelEpochMs) / 1000;
  const key = String(startS / 2); // $Number$ of the break's first 2 s segment
  const seen = (s: { texts: string[] }) => [...new Set(s.texts.flatMap((t) => periodIds(parseMpd(t).value)))];
  assert.deepEqual(seen(sessions.a!).filter((id) => id.startsWith('avail-')), [`avail-${key}-ad-0`, `avail-${key}-ad-1`, `avail-${key}-content`]);
  assert.deepEqual(seen(sessions.b!).filter((id) => id.startsWith('avail-')), [`avail-${key}-ad-0`, `avail-${key}-slate-0`, `avail-${key}-slate-1`, `avail-${key}-content`]);
  const full = sessions.a!.texts.find((t) => t.includes(`avail-${key}-content`) && t.includes(`avail-${key}-ad-0`))!;
  assert.match(full, new RegExp(`<Period id="avail-${key}-ad-0" start="PT${startS}S" duration="PT6S">`));
  assert.match(full, new RegExp(`<Period id="avail-${key}-ad-1" start="PT${startS + 6}S" duration="PT4S">`));
  const resumed = new RegExp(`<Period id="avail-${key}-content" start="PT${startS + 10}S">[\\s\\S]*?</Period>`).exec(full)![0];
  assert.match(resumed, new RegExp(`presentationTimeOffset="${(startS + 10) * 12800}"[^>]*startNumber="${startS / 2 + 5}"`));
  assert.match(resumed, /<BaseURL>http:\/\/127\.0\.0\.1:\d+\/origin\/news\/<\/BaseURL>/);
  assert.doesNotMatch(full, /scte35/, 'adMarkerPassthrough is off');
  // One ADS request per session and avail, whatever the refreshes.
  const reqs = rig.vast.adsRequests.map((r) => r.query);
  assert.equal(reqs.filter((q) => q.sid === sessions.a!.id).length, 1);
  assert.ok(reqs.some((q) => q.pod === 'red,blue' && q.sid === sessions.a!.id && q.dur === '10'));
  assert.equal(reqs.filter((q) => q.sid === sessions.b!.id).length, 1);
});

test('live pre-roll: a new DASH session starts with the pre-roll\'s ad Period where a player joins, the content resumes right after it, and its break is filled as ever', () => {
  const s = sessions.pre!;
  const first = s.texts[0]!;
  const periods = [...first.matchAll(/<Period id="([^"]+)" start="([^"]+)"(?: duration="([^"]+)")?/g)].map((m) => [m[1], m[3]]);
  const at = periods.findIndex(([id]) => id === 'avail-pre-ad-0');
  assert.ok(at > 0, first);
  assert.equal(periods[at]![1], 'PT4S', 'the 4 s ad, no slate after it');
  assert.ok(periods[at - 1]![0]!.startsWith('p') && periods[at + 1]![0]!.includes('content'), JSON.stringify(periods));
  const fills = rig.events.ofType('FILLED_AVAIL').filter((e) => e.sessionId === s.id).map((e) => (e.avail as { availId: string; creativeAds: { adId: string }[] }));
  assert.deepEqual(fills.map((a) => [a.availId, a.creativeAds.map((x) => x.adId)]), [['pre', ['ad-green']], [fills[1]!.availId, ['ad-red', 'ad-blue']]]);
  assert.ok(rig.events.ofType('MAKING_ADS_REQUEST').some((e) => e.sessionId === s.id && String(e.adsRequestUrl).includes('preroll=1') && e.availDurationMs === 8000));
  assert.ok(!sessions.a!.texts[0]!.includes('avail-pre-'));
});

test('an HLS session and a DASH session of the same viewer decide the same avail (same key, start, ads) through the same machinery', async () => {
  const record = async (id: string) => {
    const res = await rig.stitcherApp.inject({ method: 'GET', url: `/api/sessions/${id}` });
    const [r] = (res.json() as { avails: { key: string; startMsn: number; startPdtMs: number; plannedDurationMs: number; mode: string; ads: { adId: string; durationMs: number }[] }[] }).avails;
    return { key: r!.key, startMsn: r!.startMsn, startPdtMs: r!.startPdtMs, plannedDurationMs: r!.plannedDurationMs, mode: r!.mode, ads: r!.ads.map((a) => [a.adId, a.durationMs]) };
  };
  const [d, h] = await Promise.all([record(sessions.a!.id), record(hls.id)]);
  assert.deepEqual(d, h);
  assert.equal(d.startPdtMs, breakStartMs);
  assert.ok(hls.texts.some((t) => t.includes(`/v1/segment/cfg/${hls.id}/`)), 'the HLS session played its ads too');
});

test('CMAF ad segments (init + media, video and audio) are served with their types; video fetches fire impression → complete once, in order', async () => {
  const s = sessions.a!;
  const text = s.texts.find((t) => t.includes('-ad-1'))!;
  const templates = [...text.matchAll(/initialization="(\/v1\/segment\/[^"]+)" media="(\/v1\/segment\/[^"]+)"/g)].map((m) => ({ init: m[1]!, media: m[2]! }));
  assert.equal(templates.length, 6, 'two ads × (two video Representations + audio)');
  for (const t of templates) {
    const audio = t.media.includes('/a/');
    const init = await fetch(`${rig.stitcherBase}${t.init}`);
    assert.equal(init.status, 200);
    assert.equal(init.headers.get('content-type'), audio ? 'audio/mp4' : 'video/mp4');
    const head = new Uint8Array(await init.arrayBuffer());
    assert.equal(String.fromCharCode(...head.slice(4, 8)), 'ftyp');
    // /v1/segment/{config}/{session}/{avail}/{item}/{track}/$Number$.m4s: item 0 is red (3 × 2 s), 1 blue (2 × 2 s).
    const n = t.media.split('/')[6] === '0' ? 3 : 2;
    for (let k = 0; k < n; k++) {
      const r = await fetch(`${rig.stitcherBase}${t.media.replace('$Number$', String(k))}`);
      assert.equal(r.status, 200, `${t.media} ${k}`);
      assert.match(r.headers.get('cache-control') ?? '', /immutable/);
      assert.ok((await r.arrayBuffer()).byteLength > 100);
    }
  }
  await rig.stitcher.settled();
  const hits = rig.vast.beacons.filter((b) => b.session === s.id);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order);
  assert.equal(rig.events.ofType('BEACON_FIRED').filter((e) => e.sessionId === s.id).length, 12);
});

test('a client-side session gets the same Periods with the ads from the shared media store (no beacons fired by the stitcher)', async () => {
  const text = sessions.c!.texts.find((t) => t.includes('-ad-1'))!;
  const templates = [...text.matchAll(/initialization="([^"]+)" media="([^"]+)"/g)].map((m) => ({ init: m[1]!, media: m[2]! })).filter((t) => t.init.startsWith('/v1/'));
  assert.equal(templates.length, 6);
  for (const t of templates) {
    assert.match(t.media, /^\/v1\/media\/[a-z0-9]+\/[a-z0-9]+\/[^/]+\/(audio-)?\$Number\$\.m4s$/);
    for (const u of [t.init, t.media.replace('$Number$', '1')]) {
      const r = await fetch(`${rig.stitcherBase}${u}`);
      assert.equal(r.status, 200, u);
      assert.equal(r.headers.get('content-type'), t.media.includes('/audio-') ? 'audio/mp4' : 'video/mp4');
    }
  }
  await rig.stitcher.settled();
  assert.equal(rig.vast.beacons.filter((b) => b.session === sessions.c!.id).length, 0);
});

test('slate is served through /v1/media/ as CMAF; tracking lists the DASH avail; the formats do not mix', async () => {
  const text = sessions.b!.texts.find((t) => t.includes('-slate-0'))!;
  const slate = /<Period id="[^"]+-slate-0"[\s\S]*?initialization="(\/v1\/media\/[^"]+)" media="(\/v1\/media\/[^"]+)"/.exec(text)!;
  for (const u of [slate[1]!, slate[2]!.replace('$Number$', '0')]) {
    const r = await fetch(`${rig.stitcherBase}${u}`);
    assert.equal(r.status, 200, u);
    assert.equal(r.headers.get('content-type'), 'video/mp4');
  }
  const tracking = JSON.parse((await get(`${rig.stitcherBase}/v1/tracking/cfg/${sessions.a!.id}`)).text) as { avails: { durationInSeconds: number; ads: { adId: string }[] }[] };
  assert.deepEqual(tracking.avails.map((a) => [a.durationInSeconds, a.ads.map((x) => x.adId)]), [[10, ['ad-red', 'ad-blue']]]);
  const hlsOfDash = await get(`${rig.stitcherBase}/v1/master/cfg/news/index.m3u8?aws.sessionId=${sessions.a!.id}`);
  assert.equal(hlsOfDash.status, 400);
  assert.equal(JSON.parse(hlsOfDash.text).code, 'STITCH_FORMAT_MISMATCH');
  const mpdOnMaster = await get(`${rig.stitcherBase}/v1/master/cfg/news/index.mpd`);
  assert.equal(JSON.parse(mpdOnMaster.text).code, 'STITCH_FORMAT_MISMATCH');
});
