// Creative upload (checked with a real ffprobe), the media route, and the demo inventory made with
// a real ffmpeg.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVast } from '@adsplice/vast';
import { makeDemoCreative } from './adapters/make-demo-creative.ts';
import { runFfmpeg } from './adapters/ffmpeg.ts';
import { DEMO_INVENTORY } from './demo-inventory.ts';
import { testAds } from './testing/app.ts';

let dir: string;
let mp4: Buffer;
let ts: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adsplice-ads-creatives-'));
  await makeDemoCreative({ file: join(dir, 'ad.mp4'), title: 'Upload test', durationSec: 3, color: '0x336699', toneHz: 440, width: 320, height: 180 });
  mp4 = readFileSync(join(dir, 'ad.mp4'));
  await runFfmpeg(['-i', join(dir, 'ad.mp4'), '-c', 'copy', '-f', 'mpegts', join(dir, 'ad.ts')]);
  ts = readFileSync(join(dir, 'ad.ts'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('an MP4 upload is probed and stored; its media is served with ranges; delete removes the file', async () => {
  const t = await testAds();
  try {
    const r = await t.app.inject({ method: 'POST', url: '/api/ads/creatives?id=spring-3s&name=Spring%20spot', headers: { 'content-type': 'video/mp4' }, payload: mp4 });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json();
    assert.deepEqual(
      [c.id, c.name, c.mimeType, c.durationMs, c.width, c.height, c.videoCodec, c.audioCodec, c.codecs, c.sizeBytes],
      ['spring-3s', 'Spring spot', 'video/mp4', 3000, 320, 180, 'h264', 'aac', 'avc1.4D4015,mp4a.40.2', mp4.length],
    );
    assert.ok(c.bitrateKbps > 0);
    assert.equal((await t.app.inject('/api/ads/creatives')).json().total, 1);
    assert.deepEqual(readdirSync(t.mediaDir), [c.file], 'no temporary file left behind');

    const media = await t.app.inject('/ads/creatives/spring-3s.mp4');
    assert.deepEqual([media.statusCode, media.headers['content-type'], media.headers['accept-ranges']], [200, 'video/mp4', 'bytes']);
    assert.ok(media.rawPayload.equals(mp4));
    const part = await t.app.inject({ url: '/ads/creatives/spring-3s.mp4', headers: { range: 'bytes=100-199' } });
    assert.deepEqual([part.statusCode, part.headers['content-range'], part.rawPayload.length], [206, `bytes 100-199/${mp4.length}`, 100]);
    assert.ok(part.rawPayload.equals(mp4.subarray(100, 200)));
    assert.equal((await t.app.inject({ url: '/ads/creatives/spring-3s.mp4', headers: { range: `bytes=${mp4.length + 10}-` } })).statusCode, 416);
    assert.equal((await t.app.inject('/ads/creatives/nope.mp4')).statusCode, 404);

    const again = await t.app.inject({ method: 'POST', url: '/api/ads/creatives?id=spring-3s', headers: { 'content-type': 'video/mp4' }, payload: mp4 });
    assert.deepEqual([again.statusCode, again.json().code], [409, 'ADS_EXISTS']);
    assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/ads/creatives/spring-3s' })).statusCode, 204);
    assert.deepEqual(readdirSync(t.mediaDir), []);
  } finally {
    await t.close();
  }
});

test('uploads that are not a usable video are refused with a clear error and leave nothing behind', async () => {
  const t = await testAds({ opts: { maxCreativeBytes: 2_000_000 } });
  try {
    const refuse = async (payload: Buffer | string, type: string, status: number, code: string, message?: RegExp) => {
      const r = await t.app.inject({ method: 'POST', url: '/api/ads/creatives', headers: { 'content-type': type }, payload });
      assert.deepEqual([r.statusCode, r.json().code], [status, code], r.body);
      if (message) assert.match(r.json().message, message);
    };
    await refuse(Buffer.from('this is not a video at all'), 'video/mp4', 400, 'ADS_CREATIVE_INVALID', /not a video ffprobe can read/);
    await refuse(ts, 'application/octet-stream', 400, 'ADS_CREATIVE_INVALID');
    await refuse(Buffer.alloc(0), 'video/mp4', 400, 'ADS_CREATIVE_INVALID', /empty/);
    await refuse(Buffer.alloc(2_100_000, 1), 'video/mp4', 413, 'ADS_CREATIVE_TOO_LARGE');
    await refuse(JSON.stringify({ url: 'https://x/a.mp4' }), 'application/json', 415, 'ADS_CREATIVE_UNSUPPORTED_TYPE');
    assert.equal((await t.app.inject('/api/ads/creatives')).json().total, 0);
    assert.deepEqual(readdirSync(t.mediaDir), []);
  } finally {
    await t.close();
  }
});

test('ensureDemoInventory makes the demo ads with ffmpeg once, and the ADS serves them (house ad as fallback)', async () => {
  const t = await testAds({ opts: { demoSize: { width: 160, height: 90 } } });
  try {
    const progress: number[] = [];
    assert.deepEqual(await t.ads.ensureDemoInventory((done) => progress.push(done)), { created: true });
    const total = DEMO_INVENTORY.flatMap((d) => d.ads).length;
    assert.deepEqual(progress, Array.from({ length: total }, (_, i) => i + 1));
    const creatives = (await t.app.inject('/api/ads/creatives?limit=100')).json().items as { id: string; durationMs: number; width: number }[];
    assert.deepEqual(creatives.map((c) => [c.id, c.durationMs, c.width]).sort(), DEMO_INVENTORY.flatMap((d) => d.ads.map((a) => [a.id, a.seconds * 1000, 160])).sort());
    assert.deepEqual(new Set(creatives.map((c) => c.durationMs / 1000)), new Set([10, 15, 20, 30]));
    assert.deepEqual(await t.ads.ensureDemoInventory(), { created: false }, 'a second start changes nothing');
    assert.deepEqual((await t.app.inject('/api/ads/fallback')).json(), { adIds: ['demo-house-10'] });

    const { xml } = await t.ads.vast({ duration: '60', sessionId: 'demo-viewer' });
    const ads = parseVast(xml).value!.ads;
    assert.ok(ads.length >= 2);
    assert.equal(ads.reduce((s, a) => s + a.creatives[0]!.linear!.durationMs!, 0), 60_000, 'the demo fills a minute exactly');
    const media = await t.app.inject(new URL(ads[0]!.creatives[0]!.linear!.mediaFiles[0]!.url).pathname);
    assert.equal(media.statusCode, 200);
  } finally {
    await t.close();
  }
});
