// The origin end to end in one process: a real encoded programme (small ladder, short loop), the
// HTTP routes through app.inject, a virtual clock walking through a scheduled break and an
// immediate break with an early return.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { decode } from '@adsplice/scte35';
import { avails, parseM3u8 } from '@adsplice/hls';
import { avails as dashAvails, parseMpd } from '@adsplice/dash';
import { VirtualClock } from '@adsplice/testing';
import { build } from './origin.ts';
import { MemoryChannelRepository } from './adapters/memory-channel-repository.ts';
import { encodeProgramme, type Rendition } from './adapters/encode-programme.ts';

const ladder: Rendition[] = [
  { id: 'hi', width: 320, height: 180, videoBitrate: 300_000, audioBitrate: 64_000 },
  { id: 'lo', width: 160, height: 90, videoBitrate: 150_000, audioBitrate: 64_000 },
];
const t0 = Date.UTC(2026, 10, 22, 12, 0, 0);
let dir: string;
let app: FastifyInstance;
const clock = new VirtualClock(t0);
const breaksPublished: { spliceEventId: number; offsetMs: number; expectedStartMs: number }[] = [];
const repo = new MemoryChannelRepository();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adsplice-origin-'));
  const origin = build({ repo, clock, encoder: { encode: (s, l, p, signal) => encodeProgramme(s, l, dir, p, signal) }, onBreakPublished: (e) => breaksPublished.push(e) }, { defaultLadder: ladder });
  app = Fastify();
  await app.register(origin.plugin);
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => void reply.code(err.statusCode ?? 500).send({ code: err.code, message: err.message }));
  const created = await app.inject({ method: 'POST', url: '/api/channels', payload: { id: 'news', name: 'News', source: { kind: 'test', durationSec: 12 }, segmentSeconds: 4, windowSeconds: 20, leadTimeSeconds: 10 } });
  assert.equal(created.statusCode, 201, created.body);
  // Wait for the encode: the playlist answers 503 CHANNEL_NOT_READY until then.
  for (let i = 0; i < 600; i++) {
    const r = await app.inject('/origin/news/index.m3u8');
    if (r.statusCode === 200) break;
    assert.equal(r.json().code, 'CHANNEL_NOT_READY');
    await new Promise((res) => setTimeout(res, 100));
    clock.advance(1000); // the cache refreshes every virtual second
  }
});

after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function playlist(atMs: number, rendition = 'hi'): Promise<string> {
  clock.set(atMs);
  const r = await app.inject(`/origin/news/${rendition}.m3u8`);
  assert.equal(r.statusCode, 200, r.body);
  return r.body;
}

test('multivariant playlist lists the ladder', async () => {
  const r = await app.inject('/origin/news/index.m3u8');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /#EXT-X-STREAM-INF:BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,RESOLUTION=320x180,CODECS="avc1.4d401f,mp4a.40.2",FRAME-RATE=25.000\nhi.m3u8/);
  assert.match(r.body, /RESOLUTION=160x90.*\nlo.m3u8/);
});

test('a scheduled break: OUT on its second, CONT with growing ElapsedTime, IN at the end; every SCTE35 decodes to the action', async () => {
  const created = await app.inject('/api/channels/news');
  const epochMs = created.json().epochMs as number;
  const startMs = epochMs + 3600_000 + 7000; // deliberately off the 4 s grid
  const put = await app.inject({
    method: 'PUT',
    url: '/api/channels/news/schedule',
    payload: { Creates: { ScheduleActions: [{ ActionName: 'ad-1', ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: new Date(startMs).toISOString() } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 1001, Duration: 10 * 90000 } } }] } },
  });
  assert.equal(put.statusCode, 200, put.body);
  const seen: string[] = [];
  for (let ms = startMs - 2000; ms <= startMs + 30_000; ms += 1000) {
    const text = await playlist(ms);
    const parsed = parseM3u8(text);
    assert.deepEqual(parsed.issues, []);
    for (const line of text.split('\n')) if (line.startsWith('#EXT-X-CUE')) seen.push(`${line.split(':')[0]}`);
  }
  const text = await playlist(startMs + 14_000);
  const lines = text.split('\n');
  const out = lines.findIndex((l) => l.startsWith('#EXT-X-CUE-OUT:'));
  assert.equal(lines[out], '#EXT-X-CUE-OUT:10');
  assert.equal(lines[out - 1], `#EXT-X-PROGRAM-DATE-TIME:${new Date(startMs).toISOString()}`, 'the break starts on its second');
  const conts = lines.filter((l) => l.startsWith('#EXT-X-CUE-OUT-CONT:'));
  assert.ok(conts.length >= 1);
  const elapsed = conts.map((l) => Number(/ElapsedTime=([\d.]+)/.exec(l)![1]));
  assert.deepEqual(elapsed, [...elapsed].sort((a, b) => a - b));
  const inIdx = lines.indexOf('#EXT-X-CUE-IN');
  assert.equal(lines[inIdx - 1], `#EXT-X-PROGRAM-DATE-TIME:${new Date(startMs + 10_000).toISOString()}`, 'it ends at start + duration');
  for (const c of conts) {
    const cue = decode(/SCTE35=([^,]+)/.exec(c)![1]!);
    assert.deepEqual(cue.issues, []);
    const cmd = cue.value!.spliceCommand;
    assert.equal(cmd?.type, 'splice_insert');
    if (cmd?.type === 'splice_insert') {
      assert.equal(cmd.spliceEventId, 1001);
      assert.equal(cmd.outOfNetworkIndicator, true);
      assert.deepEqual(cmd.breakDuration, { autoReturn: true, duration: 900000 });
      assert.equal(cmd.spliceTime?.timeSpecifiedFlag, true);
    }
  }
  assert.deepEqual(breaksPublished.filter((b) => b.spliceEventId === 1001).map((b) => [b.expectedStartMs, b.offsetMs]), [[startMs, 0]], 'measured: the break started exactly on its second');
  const found = avails(parseM3u8(text).value);
  assert.equal(found.value.length, 1);
  assert.equal(found.value[0]!.eventId, 1001);
  assert.equal(found.value[0]!.plannedDurationMs, 10_000);
  assert.equal(found.value[0]!.startTimeMs, startMs);
  assert.equal(found.value[0]!.open, false);

  // DASH shows the same break as an SCTE-35 Event at its presentation time (period starts at the epoch).
  clock.set(startMs + 4000);
  const mpd = await app.inject('/origin/news/index.mpd');
  assert.equal(mpd.statusCode, 200);
  assert.match(mpd.body, /schemeIdUri="urn:scte:scte35:2014:xml\+bin"/);
  const parsed = parseMpd(mpd.body);
  assert.deepEqual(parsed.issues, []);
  const dash = dashAvails(parsed.value!, { nowMs: startMs + 4000 });
  assert.equal(dash.length, 1);
  assert.equal(dash[0]!.eventId, 1001);
  assert.equal(dash[0]!.startPresentationTimeMs, startMs - epochMs);
  assert.equal(dash[0]!.plannedDurationMs, 10_000);
});

test('an immediate break with an early return to network', async () => {
  const base = (await app.inject('/api/channels/news')).json().epochMs + 7200_000;
  clock.set(base + 300);
  const brk = await app.inject({ method: 'POST', url: '/api/channels/news/break-now', payload: { durationSeconds: 60, spliceEventId: 7 } });
  assert.equal(brk.statusCode, 201, brk.body);
  assert.deepEqual(brk.json().ScheduleActionStartSettings, { ImmediateModeScheduleActionStartSettings: { Time: new Date(base + 1000).toISOString() } });
  clock.set(base + 9300);
  const rtn = await app.inject({ method: 'POST', url: '/api/channels/news/return-to-network', payload: {} });
  assert.equal(rtn.statusCode, 201, rtn.body);
  const text = await playlist(base + 25_000);
  const found = avails(parseM3u8(text).value).value;
  assert.equal(found.length, 1);
  assert.equal(found[0]!.eventId, 7);
  assert.equal(found[0]!.startTimeMs, base + 1000);
  assert.equal(found[0]!.earlyReturn, true);
  assert.ok(text.includes(`#EXT-X-PROGRAM-DATE-TIME:${new Date(base + 10_000).toISOString()}\n#EXT-X-CUE-IN`), text);
});

test('bad requests change nothing', async () => {
  const before = (await app.inject('/api/channels/news/schedule')).json();
  const now = clock.now();
  const cases: [unknown, number, string][] = [
    [{ Creates: { ScheduleActions: [{ ActionName: 'late', ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: new Date(Math.floor(now / 1000) * 1000 + 3000).toISOString() } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 99, Duration: 90000 } } }] } }, 409, 'SCHEDULE_TOO_LATE'],
    [{ Creates: { ScheduleActions: [{ ActionName: 'x' }] } }, 400, 'SCHEDULE_INVALID_ACTION'],
    [{ Deletes: { ActionNames: ['ghost'] } }, 404, 'SCHEDULE_ACTION_NOT_FOUND'],
  ];
  for (const [payload, status, code] of cases) {
    const r = await app.inject({ method: 'PUT', url: '/api/channels/news/schedule', payload: payload as object });
    assert.equal(r.statusCode, status, r.body);
    assert.equal(r.json().code, code);
  }
  const badXml = await app.inject({ method: 'POST', url: '/api/live_events/news/cue_point', payload: '<cue_point><event_id>1</event_id', headers: { 'content-type': 'application/xml' } });
  assert.equal(badXml.statusCode, 400);
  assert.equal(badXml.json().code, 'CUE_POINT_INVALID');
  const noDuration = await app.inject({ method: 'POST', url: '/api/live_events/news/cue_point', payload: '<cue_point><event_id>1</event_id><splice_offset>1</splice_offset></cue_point>', headers: { 'content-type': 'application/xml' } });
  assert.equal(noDuration.json().code, 'CUE_POINT_INVALID');
  assert.deepEqual((await app.inject('/api/channels/news/schedule')).json(), before);
  assert.equal((await app.inject({ method: 'POST', url: '/api/channels', payload: { id: 'news' } })).json().code, 'CHANNEL_EXISTS');
  assert.equal((await app.inject({ method: 'POST', url: '/api/channels', payload: { id: 'Bad Id' } })).json().code, 'CHANNEL_INVALID');
  assert.equal((await app.inject('/origin/ghost/index.m3u8')).json().code, 'CHANNEL_NOT_FOUND');
});

test('the seed\'s Elemental Live cue_point request schedules a break and answers like Elemental', async () => {
  const now = clock.now();
  const at = new Date(Math.floor(now / 1000) * 1000 + 60_000);
  const xml = `<cue_point><event_id>42</event_id> <splice_time><hours>${at.getUTCHours()}</hours><minutes>${at.getUTCMinutes()}</minutes><seconds>${at.getUTCSeconds()}</seconds> <frames>0</frames></splice_time><duration>30</duration></cue_point>`;
  const r = await app.inject({ method: 'POST', url: '/api/live_events/news/cue_point', payload: xml, headers: { 'content-type': 'application/xml', accept: 'application/xml' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(r.body, /<response>\s*<tag>2<\/tag>\s*<event_id>42<\/event_id>/);
  const schedule = (await app.inject('/api/channels/news/schedule')).json().ScheduleActions as { ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings?: { Time: string } }; ScheduleActionSettings: { Scte35SpliceInsertSettings?: { SpliceEventId: number; Duration: number } } }[];
  const mine = schedule.find((a) => a.ScheduleActionSettings.Scte35SpliceInsertSettings?.SpliceEventId === 42)!;
  assert.equal(mine.ScheduleActionStartSettings.FixedModeScheduleActionStartSettings!.Time, at.toISOString());
  assert.equal(mine.ScheduleActionSettings.Scte35SpliceInsertSettings!.Duration, 2_700_000);
});

test('segments: published ones concatenate the chunks; future ones are 404', async () => {
  const text = await playlist(clock.now());
  const lines = text.split('\n');
  const uri = lines.filter((l) => l.endsWith('.ts')).at(-1)!;
  const r = await app.inject(`/origin/news/${uri}`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'video/mp2t');
  assert.equal(r.rawPayload.length % 188, 0);
  assert.equal(r.rawPayload[0], 0x47);
  const next = Number(/(\d+)\.ts$/.exec(uri)![1]) + 5;
  assert.equal((await app.inject(`/origin/news/hi/${next}.ts`)).statusCode, 404);
});

test('two origin processes on one store serve identical playlists at the same instant (no shared state but the store)', async (t) => {
  const dir2 = mkdtempSync(join(tmpdir(), 'adsplice-origin-twin-'));
  t.after(() => rmSync(dir2, { recursive: true, force: true }));
  // The first origin's repository stands for the store; the twin has its own runtime and media cache.
  const sharedRepo = repo;
  const twin = build({ repo: sharedRepo, clock, encoder: { encode: (s, l, p, signal) => encodeProgramme(s, l, dir2, p, signal) } }, { defaultLadder: ladder });
  const app2 = Fastify();
  await app2.register(twin.plugin);
  t.after(() => app2.close());
  await twin.runtime.ensureProgramme((await sharedRepo.get('news'))!);
  for (const offset of [0, 1000, 7300, 13_000]) {
    clock.set(clock.now() + offset);
    for (const url of ['/origin/news/hi.m3u8', '/origin/news/lo.m3u8', '/origin/news/index.mpd']) {
      const [a, b] = await Promise.all([app.inject(url), app2.inject(url)]);
      assert.equal(a.statusCode, 200);
      assert.equal(b.body, a.body, `${url} at +${offset} ms`);
    }
  }
});
