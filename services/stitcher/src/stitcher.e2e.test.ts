// The stitcher end to end in one process: a real origin channel with a scheduled break, the test
// VAST server, ffmpeg-conditioned creatives; sessions walked through the break on a virtual clock,
// every refresh of every rendition checked with packages/hls checkSequence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkSequence, parseM3u8, type M3u8 } from '@adsplice/hls';
import { VirtualClock } from '@adsplice/testing';
import { startRig, type Rig } from './testing/rig.ts';

const clock = new VirtualClock(Math.floor(Date.now() / 1000) * 1000);
let rig: Rig;
let breakStartMs: number;
const sessions: Record<string, { id: string; texts: string[][] }> = {};
const lateSessions: Record<string, { id: string; texts: string[] }> = {};
const originTexts: string[] = [];

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

before(async () => {
  rig = await startRig(clock);
  const epoch = rig.channelEpochMs;
  clock.set(epoch + 20_000);
  await rig.putConfig('cfg', '/vast?pod=[player_params.pod]&sid=[session.id]&dur=[session.avail_duration_secs]');
  await rig.putConfig('cfg-timeout', '/slow?ms=1500&sid=[session.id]', { adsTimeoutMs: 300 });
  await rig.putConfig('cfg-garbage', '/garbage');
  await rig.putConfig('cfg-loop', '/loop-a');
  await rig.putConfig('cfg-bumper', '/vast?pod=[player_params.pod]&sid=[session.id]', { bumper: { startUrl: `${rig.vast.base}/creatives/bumper.mp4`, endUrl: `${rig.vast.base}/creatives/bumper.mp4` } });
  await rig.stitcher.prepare([], 'cfg-bumper', 'news/index.m3u8');
  const ads = '/vast?pod=[player_params.pod]&sid=[session.id]';
  await rig.putConfig('cfg-guided', ads, { insertionMode: 'PLAYER_SELECT' });
  await rig.putConfig('cfg-pre', ads, { livePreRoll: { adDecisionServerUrl: `${rig.vast.base}/vast?pod=green&sid=[session.id]&preroll=1`, maxDurationSeconds: 15 } });
  await rig.putConfig('cfg-after', ads, { availSuppression: { mode: 'AFTER_LIVE_EDGE', value: '00:00:20' } });
  await rig.putConfig('cfg-behind', ads, { availSuppression: { mode: 'BEHIND_LIVE_EDGE', value: '00:00:00' } });
  await rig.putConfig('cfg-partial', ads, { availSuppression: { mode: 'AFTER_LIVE_EDGE', value: '00:00:00', fillPolicy: 'PARTIAL_AVAIL' } });
  await rig.stitcher.prepare(['red', 'blue', 'green'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`), 'cfg', 'news/index.m3u8');
  breakStartMs = epoch + 40_000;
  await rig.scheduleBreak(breakStartMs, 10, 501);

  clock.set(epoch + 30_000);
  const starts: [string, string, string, string?][] = [
    ['a', 'cfg', 'pod=red,blue'],
    ['b', 'cfg', 'pod=green'],
    ['timeout', 'cfg-timeout', ''],
    ['garbage', 'cfg-garbage', ''],
    ['loop', 'cfg-loop', ''],
    ['bumper', 'cfg-bumper', 'pod=green'],
    ['after', 'cfg-after', 'pod=green'],
    ['guided', 'cfg-guided', 'pod=red,blue', '&aws.insertionMode=GUIDED'],
    ['stitchedOnly', 'cfg', 'pod=green', '&aws.insertionMode=GUIDED'],
    ['pre', 'cfg-pre', 'pod=red,blue'],
  ];
  // Sessions that join while the break runs (avail suppression): started 4 s into it.
  const late: [string, string, string][] = [
    ['behind', 'cfg-behind', 'pod=green'],
    ['partial', 'cfg-partial', 'pod=red,blue'],
  ];
  for (const [name, cfg, pp, extra] of starts) {
    const q = pp ? `?ads.${pp.split('=')[0]}=${pp.split('=')[1]}${extra ?? ''}` : '';
    const res = await get(`${rig.stitcherBase}/v1/master/${cfg}/news/index.m3u8${q}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const id = /\/v1\/manifest\/[^/]+\/([^/]+)\/0\.m3u8/.exec(res.text)![1]!;
    sessions[name] = { id, texts: [[], []] };
  }
  // 41 refreshes a second apart, every session, both renditions: before, through and after the break.
  for (let ms = epoch + 30_000; ms <= epoch + 70_000; ms += 1000) {
    clock.set(ms);
    if (ms === breakStartMs + 4000) {
      for (const [name, cfg, pp] of late) {
        const res = await get(`${rig.stitcherBase}/v1/master/${cfg}/news/index.m3u8?ads.${pp}`);
        lateSessions[name] = { id: /\/v1\/manifest\/[^/]+\/([^/]+)\/0\.m3u8/.exec(res.text)![1]!, texts: [] };
      }
    }
    for (const [name, s] of Object.entries(lateSessions)) {
      const res = await get(`${rig.stitcherBase}/v1/manifest/${late.find((x) => x[0] === name)![1]}/${s.id}/0.m3u8`);
      assert.equal(res.status, 200, res.text);
      s.texts.push(res.text);
    }
    originTexts.push((await get(`${rig.originBase}/origin/news/hi.m3u8`)).text);
    for (const [name, s] of Object.entries(sessions)) {
      const cfg = starts.find((x) => x[0] === name)![1];
      for (const v of [0, 1]) {
        const res = await get(`${rig.stitcherBase}/v1/manifest/${cfg}/${s.id}/${v}.m3u8`);
        assert.equal(res.status, 200, `${name} v${v} at ${ms - epoch}: ${res.text}`);
        s.texts[v]!.push(res.text);
      }
    }
  }
}, { timeout: 600_000 });

after(async () => {
  await rig?.close();
});

function mediaUrisDuringBreak(texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => t.split('\n').filter((l) => l.startsWith('/v1/'))))];
}

test('40 consecutive refreshes of every rendition of every session pass the sequence checker', () => {
  for (const [name, s] of Object.entries(sessions)) {
    for (const texts of s.texts) {
      assert.ok(texts.length >= 40);
      for (let i = 1; i < texts.length; i++) {
        const prev: M3u8 = parseM3u8(texts[i - 1]!).value;
        const next: M3u8 = parseM3u8(texts[i]!).value;
        assert.deepEqual(checkSequence(prev, next), [], `${name} refresh ${i}:\n${texts[i - 1]}\n---\n${texts[i]}\nORIGIN\n${originTexts[i - 1]}\n---\n${originTexts[i]}`);
      }
    }
  }
});

test('two sessions with different playerParams get different ads in the same break', () => {
  const a = rig.events.ofType('FILLED_AVAIL').find((e) => e.sessionId === sessions.a!.id)!;
  const b = rig.events.ofType('FILLED_AVAIL').find((e) => e.sessionId === sessions.b!.id)!;
  const avail = (e: typeof a) => e.avail as { creativeAds: { adId: string }[]; filledDuration: number; slateAd: unknown; mode: string };
  assert.deepEqual(avail(a).creativeAds.map((x) => x.adId), ['ad-red', 'ad-blue']);
  assert.equal(avail(a).filledDuration, 10);
  assert.equal(avail(a).slateAd, null);
  assert.deepEqual(avail(b).creativeAds.map((x) => x.adId), ['ad-green']);
  assert.deepEqual(avail(b).slateAd, { duration: 6 });
  const ua = mediaUrisDuringBreak(sessions.a!.texts[0]!);
  const ub = mediaUrisDuringBreak(sessions.b!.texts[0]!);
  assert.equal(ua.filter((u) => u.startsWith('/v1/segment/')).length, 5, ua.join('\n'));
  assert.ok(ub.some((u) => u.startsWith('/v1/media/')), 'session b plays slate after its ad');
  // The ADS saw each session's parameters and the avail duration.
  const reqs = rig.vast.adsRequests.map((r) => r.query);
  assert.ok(reqs.some((q) => q.pod === 'red,blue' && q.sid === sessions.a!.id && q.dur === '10'));
  assert.ok(reqs.some((q) => q.pod === 'green' && q.sid === sessions.b!.id));
  assert.equal(reqs.filter((q) => q.sid === sessions.a!.id).length, 1, 'one ADS request per session and avail, whatever the renditions and refreshes');
});

test('an ADS that times out, answers garbage or loops its wrappers gives slate and the right ERROR_ event, never a 5xx', async () => {
  // The looping wrapper hears about it through its <Error> URL, with VAST error code 300.
  await rig.stitcher.settled();
  assert.ok(rig.vast.beacons.some((b) => b.session === 'w' && b.event === 'error-300'), JSON.stringify(rig.vast.beacons.filter((b) => b.session === 'w')));
  const cases: [string, string][] = [
    ['timeout', 'ERROR_ADS_TIMEOUT'],
    ['garbage', 'ERROR_ADS_RESPONSE_PARSE'],
    ['loop', 'ERROR_VAST_WRAPPER_LOOP'],
  ];
  for (const [name, type] of cases) {
    const id = sessions[name]!.id;
    assert.ok(rig.events.events.some((e) => e.eventType === type && e.sessionId === id), `${name}: ${type}`);
    const uris = mediaUrisDuringBreak(sessions[name]!.texts[0]!);
    assert.ok(uris.length === 3 && uris.every((u) => u.startsWith('/v1/media/')), `${name}: the 3 slate files only (${uris.join(' ')})`);
    const full = sessions[name]!.texts[0]!.find((t) => (t.match(/\/v1\/media\//g) ?? []).length === 10);
    assert.ok(full, `${name}: a playlist shows the whole 10 s of slate`);
  }
});

test('server-side beacons: impression, start, quartiles and complete fire once each, in order, as the ad segments are fetched', async () => {
  const s = sessions.a!;
  const uris = mediaUrisDuringBreak(s.texts[0]!).filter((u) => u.startsWith('/v1/segment/'));
  for (const u of uris) {
    const res = await fetch(`${rig.stitcherBase}${u}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/mp2t');
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.ok((await res.arrayBuffer()).byteLength > 1000);
  }
  for (const u of uris) await fetch(`${rig.stitcherBase}${u}`); // again: no second beacon
  await rig.stitcher.settled();
  const hits = rig.vast.beacons.filter((b) => b.session === s.id);
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order);
  assert.equal(rig.events.ofType('BEACON_FIRED').filter((e) => e.sessionId === s.id).length, 12);
});

test('client-side tracking JSON lists the avail, its ads and their beacons', async () => {
  const res = await get(`${rig.stitcherBase}/v1/tracking/cfg/${sessions.a!.id}`);
  assert.equal(res.status, 200);
  const json = JSON.parse(res.text) as { avails: { durationInSeconds: number; startTimeInSeconds: number; ads: { adId: string; startTimeInSeconds: number; durationInSeconds: number; trackingEvents: { eventType: string; beaconUrls: string[] }[] }[] }[] };
  assert.equal(json.avails.length, 1);
  const av = json.avails[0]!;
  assert.equal(av.durationInSeconds, 10);
  assert.equal(av.startTimeInSeconds, (breakStartMs - (rig.channelEpochMs + 30_000)) / 1000, 'seconds from the session start');
  assert.deepEqual(av.ads.map((a) => [a.adId, a.durationInSeconds, a.startTimeInSeconds - av.startTimeInSeconds]), [['ad-red', 6, 0], ['ad-blue', 4, 6]]);
  assert.deepEqual(av.ads[0]!.trackingEvents.map((e) => e.eventType), ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete']);
});

test('bumpers: the start bumper opens the break and the end bumper closes it, around the ad and slate', async () => {
  const s = sessions.bumper!;
  const f = rig.events.ofType('FILLED_AVAIL').find((e) => e.sessionId === s.id)!;
  assert.deepEqual((f.avail as { creativeAds: { adId: string }[] }).creativeAds.map((a) => a.adId), ['ad-green']);
  const detail = await rig.stitcherApp.inject({ method: 'GET', url: `/api/sessions/${s.id}` });
  const items = (detail.json() as { avails: { items: { kind: string; durationMs: number }[] }[] }).avails[0]!.items;
  assert.deepEqual(items.map((i) => i.kind), ['bumper', 'ad', 'slate', 'bumper']);
  assert.deepEqual(items.map((i) => Math.round(i.durationMs / 1000)), [2, 4, 2, 2]);
  // The playlist that shows the whole break: bumper, the ad's segments, slate, the same bumper — in that order.
  const uris = (t: string) => t.split('\n').filter((l) => l.startsWith('/v1/'));
  const whole = s.texts[0]!.reduce((a, t) => (uris(t).length > uris(a).length ? t : a));
  const seen = uris(whole);
  const bumper = seen[0]!;
  assert.ok(bumper.startsWith('/v1/media/'), seen.join('\n'));
  assert.equal(seen.at(-1), bumper, seen.join('\n'));
  const middle = seen.slice(1, -1);
  const firstSlate = middle.findIndex((u) => u.startsWith('/v1/media/'));
  assert.ok(firstSlate > 0 && middle.slice(0, firstSlate).every((u) => u.startsWith('/v1/segment/')) && middle.slice(firstSlate).every((u) => u.startsWith('/v1/media/') && u !== bumper), seen.join('\n'));
  const tracking = JSON.parse((await get(`${rig.stitcherBase}/v1/tracking/cfg-bumper/${s.id}`)).text) as { avails: { startTimeInSeconds: number; ads: { startTimeInSeconds: number }[] }[] };
  const av = tracking.avails[0]!;
  assert.equal(av.ads[0]!.startTimeInSeconds - av.startTimeInSeconds, 2, 'the ad starts after the 2 s start bumper');
});

test('avail suppression: the first minutes after joining, or a break already running, play the content; PARTIAL_AVAIL fills the rest of a running break', () => {
  const filledOf = (id: string) => rig.events.ofType('FILLED_AVAIL').filter((e) => e.sessionId === id);
  type Avail = { mode: string; creativeAds: { adId: string }[] };
  for (const [name, mode] of [['after', 'AFTER_LIVE_EDGE'], ['behind', 'BEHIND_LIVE_EDGE']] as const) {
    const id = (sessions[name] ?? lateSessions[name])!.id;
    const f = filledOf(id);
    assert.equal(f.length, 1, name);
    assert.equal((f[0]!.avail as Avail).mode, 'content', name);
    assert.equal((f[0]!.availSuppression as { mode: string }).mode, mode);
    assert.ok(!rig.vast.adsRequests.some((r) => r.query.sid === id), `${name}: no ADS request for a suppressed avail`);
    const texts = sessions[name]?.texts[0] ?? lateSessions[name]!.texts;
    assert.ok(texts.every((t) => !t.includes('/v1/')), `${name}: the content plays`);
  }
  const partial = lateSessions.partial!;
  const f = filledOf(partial.id)[0]!;
  assert.deepEqual((f.avail as Avail).creativeAds.map((a) => a.adId), ['ad-red'], 'the 6 s that are left after the 4 s the viewer missed');
  assert.deepEqual(f.availSuppression, { mode: 'AFTER_LIVE_EDGE', value: '00:00:00', fillPolicy: 'PARTIAL_AVAIL', leadMs: 4000 });
  const whole = partial.texts.find((t) => t.includes('/v1/segment/'))!;
  const uris = whole.split('\n').filter((l) => l.startsWith('/v1/'));
  assert.ok(uris[0]!.startsWith('/v1/media/') && uris.at(-1)!.startsWith('/v1/segment/'), uris.join('\n'));
  for (const s of Object.values(lateSessions)) {
    for (let i = 1; i < s.texts.length; i++) assert.deepEqual(checkSequence(parseM3u8(s.texts[i - 1]!).value, parseM3u8(s.texts[i]!).value), [], `refresh ${i}`);
  }
});

test('HLS Interstitials: a guided session keeps the content and points at an asset list; the assets play the ads and fire their beacons', async () => {
  const s = sessions.guided!;
  // Like the content: the same media sequence as the origin, no ad segment, one interstitial DATERANGE for the break.
  const withBreak = s.texts[0]!.find((t) => t.includes('com.apple.hls.interstitial'))!;
  assert.ok(withBreak, 'the interstitial is announced');
  assert.ok(s.texts[0]!.every((t) => !t.includes('/v1/segment/') && !t.includes('/v1/media/')), 'the content is not replaced');
  const dr = /#EXT-X-DATERANGE:ID="([^"]+)",CLASS="com\.apple\.hls\.interstitial",START-DATE="([^"]+)",DURATION=10\.1,X-ASSET-LIST="([^"]+)",X-RESUME-OFFSET=10\.2,X-RESTRICT="SKIP,JUMP",X-SNAP="IN"/.exec(withBreak)!;
  assert.ok(dr, withBreak);
  // It starts 100 ms before the splice point (inside what a player has buffered) and resumes the content on the segment boundary at the break's end.
  assert.equal(Date.parse(dr[2]!), breakStartMs - 100);
  // The tag stays while the break is in the window, also once its first segment has left it.
  for (const text of s.texts[0]!.filter((t) => { const m = /#EXT-X-PROGRAM-DATE-TIME:(\S+)/.exec(t); return m && Date.parse(m[1]!) < breakStartMs + 10_000 && Date.parse(m[1]!) > breakStartMs; })) assert.match(text, /com\.apple\.hls\.interstitial/);
  for (let i = 1; i < s.texts[0]!.length; i++) assert.deepEqual(checkSequence(parseM3u8(s.texts[0]![i - 1]!).value, parseM3u8(s.texts[0]![i]!).value), [], `refresh ${i}`);
  const list = JSON.parse((await get(`${rig.stitcherBase}${dr[3]}`)).text) as { ASSETS: { URI: string; DURATION: number }[] };
  assert.deepEqual(list.ASSETS.map((a) => a.DURATION), [6, 4]);
  for (const asset of list.ASSETS) {
    // Absolute: a player resolves an asset's URI on its own.
    assert.ok(asset.URI.startsWith(`${rig.stitcherBase}/v1/asset/`), asset.URI);
    const mv = await get(asset.URI);
    assert.equal(mv.status, 200);
    assert.match(mv.text, /#EXT-X-STREAM-INF:BANDWIDTH=\d+,RESOLUTION=\d+x\d+,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"\n0\.m3u8/);
    const media = await get(asset.URI.replace('index.m3u8', '0.m3u8'));
    assert.match(media.text, /#EXT-X-PLAYLIST-TYPE:VOD[\s\S]*#EXT-X-ENDLIST/);
    const segs = media.text.split('\n').filter((l) => l.startsWith('/v1/segment/'));
    assert.equal(segs.reduce((a) => a + 2, 0), asset.DURATION, 'its 2 s segments add up to the asset');
    for (const u of segs) assert.equal((await fetch(`${rig.stitcherBase}${u}`)).status, 200);
  }
  await rig.stitcher.settled();
  const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
  const hits = rig.vast.beacons.filter((b) => b.session === s.id);
  assert.deepEqual(hits.filter((h) => h.ad === 'red').map((h) => h.event), order);
  assert.deepEqual(hits.filter((h) => h.ad === 'blue').map((h) => h.event), order);
  // A configuration that does not let the player choose stitches every session.
  assert.ok(sessions.stitchedOnly!.texts[0]!.some((t) => t.includes('/v1/segment/')) && sessions.stitchedOnly!.texts[0]!.every((t) => !t.includes('interstitial')));
});

test('live pre-roll: a new session starts with the pre-roll\'s ads where a player joins, then the content; its breaks are filled as ever', () => {
  const s = sessions.pre!;
  const first = s.texts[0]![0]!;
  const uris = first.split('\n').filter((l) => l && !l.startsWith('#'));
  // The join point is the third segment from the live edge: content before it, the pre-roll from there.
  assert.ok(uris.at(-3)!.startsWith(`/v1/segment/cfg-pre/${s.id}/pre/0/0/`), first);
  assert.ok(uris.slice(0, -3).every((u) => u.includes('/origin/news/')), first);
  const fills = rig.events.ofType('FILLED_AVAIL').filter((e) => e.sessionId === s.id);
  const avail = (e: (typeof fills)[number]) => e.avail as { availId: string; creativeAds: { adId: string }[] };
  assert.deepEqual(fills.map((e) => [avail(e).availId, avail(e).creativeAds.map((a) => a.adId)]), [['pre', ['ad-green']], [String((breakStartMs - rig.channelEpochMs) / 2000), ['ad-red', 'ad-blue']]]);
  assert.ok(rig.events.ofType('MAKING_ADS_REQUEST').some((e) => e.sessionId === s.id && String(e.adsRequestUrl).includes('preroll=1') && e.availDurationMs === 15_000));
  // The 4 s ad replaces two content segments; the content comes back after it.
  const later = s.texts[0]![4]!;
  assert.match(later, new RegExp(`/v1/segment/cfg-pre/${s.id}/pre/0/0/1\\.ts\\n#EXT-X-DISCONTINUITY\\n#EXT-X-PROGRAM-DATE-TIME:[^\\n]+\\n#EXTINF:2\\.000,\\n[^\\n]*/origin/news/`));
  // Other sessions of other configurations have no pre-roll.
  assert.ok(!sessions.a!.texts[0]![0]!.includes('/pre/'));
});

test('bad requests: unknown configuration, session or rendition; a path out of the origin', async () => {
  assert.equal((await get(`${rig.stitcherBase}/v1/master/nope/news/index.m3u8`)).status, 404);
  assert.equal((await get(`${rig.stitcherBase}/v1/manifest/cfg/nope/0.m3u8`)).status, 404);
  assert.equal((await get(`${rig.stitcherBase}/v1/manifest/cfg/${sessions.a!.id}/9.m3u8`)).status, 404);
  const bad = await get(`${rig.stitcherBase}/v1/master/cfg/..%2F..%2Fetc/index.m3u8`);
  assert.ok(bad.status === 400 || bad.status === 404, String(bad.status));
  const refused = await rig.stitcherApp.inject({ method: 'PUT', url: '/api/playback-configurations/evil', payload: { videoContentSourceUrl: 'http://169.254.169.254/', adDecisionServerUrl: 'http://127.0.0.1/x', allowedHosts: ['127.0.0.1'] } });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().code, 'STITCH_CONFIG_INVALID');
});

test('management: sessions are listed and read with their plans, events queried, and a deleted session is gone', async () => {
  const list = await rig.stitcherApp.inject({ method: 'GET', url: '/api/sessions?config=cfg&limit=10' });
  assert.equal(list.statusCode, 200);
  const ids = (list.json() as { items: { id: string }[] }).items.map((s) => s.id);
  assert.ok(ids.includes(sessions.a!.id) && ids.includes(sessions.b!.id), ids.join());
  const one = await rig.stitcherApp.inject({ method: 'GET', url: `/api/sessions/${sessions.a!.id}` });
  assert.equal(one.statusCode, 200);
  const detail = one.json() as { session: { playerParams: Record<string, string>; adsParams: Record<string, string> }; avails: { ads: { adId: string }[] }[] };
  assert.deepEqual(detail.session.adsParams, { pod: 'red,blue' });
  assert.deepEqual(detail.avails[0]!.ads.map((x) => x.adId), ['ad-red', 'ad-blue']);
  const events = await rig.stitcherApp.inject({ method: 'GET', url: `/api/stitcher/events?sessionId=${sessions.a!.id}&type=FILLED_AVAIL` });
  assert.deepEqual((events.json() as { items: { eventType: string }[] }).items.map((e) => e.eventType), ['FILLED_AVAIL']);
  const del = await rig.stitcherApp.inject({ method: 'DELETE', url: `/api/sessions/${sessions.timeout!.id}` });
  assert.equal(del.statusCode, 204);
  const gone = await get(`${rig.stitcherBase}/v1/manifest/cfg-timeout/${sessions.timeout!.id}/0.m3u8`);
  assert.equal(gone.status, 404);
  assert.equal(JSON.parse(gone.text).code, 'STITCH_SESSION_NOT_FOUND');
  assert.equal((await rig.stitcherApp.inject({ method: 'DELETE', url: `/api/sessions/${sessions.timeout!.id}` })).statusCode, 404);
  const badLimit = await rig.stitcherApp.inject({ method: 'GET', url: '/api/sessions?limit=0' });
  assert.equal(badLimit.statusCode, 400);
});
