// Prefetch end to end on a virtual clock: a real origin channel with two breaks, the test VAST server,
// creatives never conditioned before. Break A has a prefetch schedule made through the API; break B
// is announced by the origin's upcoming breaks (as adsplice's scheduler does) and gets one of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkSequence, parseM3u8 } from '@adsplice/hls';
import { VirtualClock } from '@adsplice/testing';
import { startRig, type Rig } from './testing/rig.ts';
import type { StitcherEvent } from './events.ts';

const clock = new VirtualClock(Math.floor(Date.now() / 1000) * 1000);
let rig: Rig;
let epoch = 0;
const at = (s: number) => epoch + s * 1000;
const PODS = ['red,blue', 'green', 'blue'];
const sessions: { id: string; pod: string; texts: string[] }[] = [];
let late: { id: string; texts: string[] };
/** Each ADS request with the virtual second it was made in. */
const requests: { second: number; ev: string; sid: string; dur: string }[] = [];
let created: { statusCode: number; json: () => unknown };

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

async function newSession(pod: string): Promise<string> {
  const res = await get(`${rig.stitcherBase}/v1/master/pf/news/index.m3u8?ads.pod=${pod}`);
  assert.equal(res.status, 200, res.text);
  return /\/v1\/manifest\/[^/]+\/([^/]+)\/0\.m3u8/.exec(res.text)![1]!;
}

before(async () => {
  rig = await startRig(clock, {
    upcomingBreaks: { upcoming: async (url) => (url.includes('/origin/news/') && clock.now() >= at(70) ? [{ id: 'b702', startTimeMs: at(110), durationMs: 10_000, spliceEventId: 702 }] : []) },
    derivedPrefetch: { leadMs: 60_000, reserveMs: 10_000 },
    // MediaLive's SCTE-35 enhanced markers: the event id is known on the break's first segment.
    markers: 'enhanced',
  });
  epoch = rig.channelEpochMs;
  clock.set(at(10));
  await rig.putConfig('pf', '/vast?pod=[player_params.pod]&sid=[session.id]&dur=[session.avail_duration_secs]&ev=[scte.event_id]');
  await rig.scheduleBreak(at(60), 10, 701);
  await rig.scheduleBreak(at(110), 10, 702);
  const iso = (s: number) => new Date(at(s)).toISOString();
  created = await rig.stitcherApp.inject({
    method: 'POST',
    url: '/api/playback-configurations/pf/prefetch-schedules/p1',
    payload: {
      retrieval: { startTime: iso(20), endTime: iso(44), dynamicVariables: { 'scte.event_id': '701', 'session.avail_duration_secs': '10' }, trafficShapingType: 'RETRIEVAL_WINDOW', trafficShapingRetrievalWindow: { retrievalWindowDurationSeconds: 20 } },
      consumption: { startTime: iso(55), endTime: iso(90), availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }] },
    },
  });
  clock.set(at(12));
  for (let i = 0; i < 12; i++) sessions.push({ id: await newSession(PODS[i % 3]!), pod: PODS[i % 3]!, texts: [] });
  let seen = 0;
  for (let s = 12; s <= 125; s++) {
    clock.set(at(s));
    if (s === 50) late = { id: await newSession('green'), texts: [] };
    const all = [...sessions, ...(late! ? [late] : [])];
    for (const [i, x] of all.entries()) {
      if ((s + i) % 2 !== 0) continue; // every session refreshes every 2 s, half of them on odd seconds
      const res = await get(`${rig.stitcherBase}/v1/manifest/pf/${x.id}/0.m3u8`);
      assert.equal(res.status, 200, `at ${s}: ${res.text}`);
      x.texts.push(res.text);
    }
    await rig.stitcher.settled();
    for (const r of rig.vast.adsRequests.slice(seen)) requests.push({ second: s, ev: r.query.ev ?? '', sid: r.query.sid ?? '', dur: r.query.dur ?? '' });
    seen = rig.vast.adsRequests.length;
  }
}, { timeout: 600_000 });

after(async () => {
  await rig?.close();
});

const filled = (sid: string, availOf: (e: StitcherEvent) => boolean) => rig.events.ofType('FILLED_AVAIL').filter((e) => e.sessionId === sid && availOf(e));
const availA = (e: StitcherEvent) => Date.parse(e.eventTimestamp) < at(100);
const availB = (e: StitcherEvent) => Date.parse(e.eventTimestamp) >= at(100);
type Avail = { creativeAds: { adId: string }[]; skippedAds: { skippedReason: string }[] };

test('the prefetch schedule API: created, listed, read, refused when repeated or wrong', async () => {
  assert.equal(created.statusCode, 201, JSON.stringify(created.json()));
  const again = await rig.stitcherApp.inject({ method: 'POST', url: '/api/playback-configurations/pf/prefetch-schedules/p1', payload: { retrieval: { endTime: new Date(at(200)).toISOString() }, consumption: { endTime: new Date(at(300)).toISOString() } } });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'STITCH_PREFETCH_EXISTS');
  const bad = await rig.stitcherApp.inject({ method: 'POST', url: '/api/playback-configurations/pf/prefetch-schedules/p2', payload: { retrieval: { endTime: new Date(at(200)).toISOString() }, consumption: { endTime: new Date(at(300)).toISOString(), availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }] } } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'STITCH_PREFETCH_INVALID');
  const list = await rig.stitcherApp.inject({ method: 'GET', url: '/api/playback-configurations/pf/prefetch-schedules' });
  const items = (list.json() as { items: { name: string; source: string; streamId?: string; retrieval: { startTime: string; endTime: string } }[] }).items;
  assert.deepEqual(items.map((x) => [x.name, x.source]), [['adsplice-b702', 'scheduler'], ['p1', 'api']]);
  const derived = items[0]!;
  assert.equal(derived.streamId, 'news/index.m3u8');
  assert.deepEqual([Date.parse(derived.retrieval.startTime), Date.parse(derived.retrieval.endTime)], [at(70), at(100)], 'retrieval from when the break was known until the conditioning reserve');
  assert.equal((await rig.stitcherApp.inject({ method: 'GET', url: '/api/playback-configurations/pf/prefetch-schedules/nope' })).json().code, 'STITCH_PREFETCH_NOT_FOUND');
});

test('retrieval: one ADS request per session, spread over the traffic-shaping window, none at the break', () => {
  const a = requests.filter((r) => r.ev === '701');
  const ahead = a.filter((r) => r.second < 60);
  assert.deepEqual(ahead.map((r) => r.sid).sort(), sessions.map((x) => x.id).sort(), 'each session asked once ahead');
  assert.ok(ahead.every((r) => r.second >= 20 && r.second < 44 && r.dur === '10'), JSON.stringify(ahead));
  const perSecond = new Map<number, number>();
  for (const r of ahead) perSecond.set(r.second, (perSecond.get(r.second) ?? 0) + 1);
  assert.ok(perSecond.size >= 6 && Math.max(...perSecond.values()) <= 4, `spread: ${JSON.stringify([...perSecond])}`);
  assert.deepEqual(a.filter((r) => r.second >= 60).map((r) => r.sid), [late.id], 'at the break only the session that joined after the retrieval window asks');
  const b = requests.filter((r) => r.ev === '702');
  assert.deepEqual(b.map((r) => r.sid).sort(), [...sessions.map((x) => x.id), late.id].sort());
  assert.ok(b.every((r) => r.second >= 70 && r.second < 100), JSON.stringify(b));
  assert.equal(requests.length, 12 + 1 + 13);
  assert.equal(rig.events.ofType('PREFETCH_RETRIEVED').length, 25);
});

test('consumption: every session plays its own prefetched ads, with no creative skipped as new or still transcoding', () => {
  const expected: Record<string, string[]> = { 'red,blue': ['ad-red', 'ad-blue'], green: ['ad-green'], blue: ['ad-blue'] };
  for (const x of sessions) {
    for (const [which, name] of [[availA, 'p1'], [availB, 'adsplice-b702']] as const) {
      const f = filled(x.id, which);
      assert.equal(f.length, 1, `${x.id} ${name}`);
      assert.equal(f[0]!.prefetchScheduleName, name);
      const avail = f[0]!.avail as Avail;
      assert.deepEqual(avail.creativeAds.map((c) => c.adId), expected[x.pod], `${x.pod} ${name}: ${JSON.stringify(f[0]!.avail)}`);
      assert.deepEqual(avail.skippedAds, [], `${x.pod} ${name}`);
    }
  }
  const lateA = filled(late.id, availA);
  assert.equal(lateA[0]!.prefetchScheduleName, undefined, 'joined after the retrieval window: decided at the break');
  assert.deepEqual((lateA[0]!.avail as Avail).creativeAds.map((c) => c.adId), ['ad-green']);
  assert.equal(filled(late.id, availB)[0]!.prefetchScheduleName, 'adsplice-b702');
  const skippedNew = rig.events.ofType('FILLED_AVAIL').flatMap((e) => (e.avail as Avail).skippedAds).filter((s) => s.skippedReason === 'NEW_CREATIVE' || s.skippedReason === 'TRANSCODE_IN_PROGRESS');
  assert.deepEqual(skippedNew, []);
});

test('the playlists stay valid across every refresh through both breaks', () => {
  for (const x of [...sessions, late]) {
    for (let i = 1; i < x.texts.length; i++) assert.deepEqual(checkSequence(parseM3u8(x.texts[i - 1]!).value, parseM3u8(x.texts[i]!).value), [], `${x.id} refresh ${i}`);
  }
});
