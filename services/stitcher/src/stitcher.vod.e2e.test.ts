// VOD over real HTTP: the origin's programme as VOD (HLS and a static MPD), the test ADS answering
// VMAP or VAST, real conditioned creatives (ffmpeg). Pre-, mid- and post-rolls land where VMAP
// says, a VAST answer is a pre-roll plus a break at each cue, ad segments come back as real media
// and fire their beacons, and a broken ADS leaves the content as it was, with events saying why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMpd, readMpd } from '@adsplice/dash';
import { startRig, type Rig } from './testing/rig.ts';

async function session(rig: Rig, path: string): Promise<{ id: string; manifestUrl: string }> {
  const res = await fetch(`${rig.stitcherBase}/v1/session/cfg/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(res.status, 200, await res.clone().text());
  const { manifestUrl } = (await res.json()) as { manifestUrl: string };
  return { id: /aws\.sessionId=([^&]+)/.exec(manifestUrl)![1]!, manifestUrl };
}

async function mediaPlaylist(rig: Rig, manifestUrl: string, variant = 0): Promise<string> {
  const mv = await (await fetch(`${rig.stitcherBase}${manifestUrl}`)).text();
  const url = mv.split('\n').filter((l) => l.startsWith('/v1/manifest/'))[variant]!;
  const res = await fetch(`${rig.stitcherBase}${url}`);
  assert.equal(res.status, 200);
  return res.text();
}

/** The playlist as runs: `ad:<avail>` or `content` per segment, consecutive ones merged with their count. */
function runs(text: string): string[] {
  const out: { what: string; n: number }[] = [];
  for (const l of text.split('\n')) {
    if (l === '' || l.startsWith('#')) continue;
    const m = /\/v1\/segment\/cfg\/[^/]+\/([^/]+)\/(\d+)\//.exec(l);
    const what = m ? `ad:${m[1]}/${m[2]}` : 'content';
    const last = out.at(-1);
    if (last?.what === what) last.n++;
    else out.push({ what, n: 1 });
  }
  return out.map((r) => `${r.what}×${r.n}`);
}

test('VOD end to end over HTTP: VMAP and VAST+cues breaks in HLS and DASH, real ad segments and beacons, broken ADS answers leave the content alone', { timeout: 300_000 }, async (t) => {
  const rig = await startRig({ now: () => Date.now() }, { loopSec: 30, windowSec: 20 });
  t.after(() => rig.close());
  const creatives = ['red', 'blue', 'green'].map((n) => `${rig.vast.base}/creatives/${n}.mp4`);
  await rig.putConfig('cfg', '/vmap?breaks=start:red,50%25:blue,end:green&sid=[session.id]&contentDuration=[content.duration]');
  await rig.stitcher.prepare(creatives, 'cfg', 'news/vod/index.m3u8');
  await rig.stitcher.prepare(creatives, 'cfg', 'news/vod/index.mpd');

  await t.test('the origin serves the programme as VOD: PLAYLIST-TYPE:VOD, ENDLIST, cues where the path asks, a static MPD', async () => {
    const hls = await (await fetch(`${rig.originBase}/origin/news/vod/cues-10/hi.m3u8`)).text();
    assert.match(hls, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.match(hls, /#EXT-X-CUE-OUT:0\n#EXTINF:2\.000,\nhi\/5\.ts\n#EXT-X-CUE-IN\n/);
    assert.ok(hls.endsWith('#EXT-X-ENDLIST\n'));
    assert.equal((hls.match(/\.ts$/gm) ?? []).length, 15);
    const seg = await fetch(`${rig.originBase}/origin/news/vod/cues-10/hi/14.ts`);
    assert.deepEqual([seg.status, seg.headers.get('content-type')], [200, 'video/mp2t']);
    assert.equal((await seg.arrayBuffer()).byteLength % 188, 0);
    const mpd = readMpd(parseMpd(await (await fetch(`${rig.originBase}/origin/news/vod/index.mpd`)).text()).value).value;
    assert.deepEqual([mpd.type, mpd.mediaPresentationDurationMs, mpd.periods.length], ['static', 30_000, 1]);
    for (const u of ['hi/14.ts', 'hi/init-video.mp4', 'hi/video-14.m4s', 'audio/audio-0.m4s']) assert.equal((await fetch(`${rig.originBase}/origin/news/vod/${u}`)).status, 200, u);
    assert.equal((await fetch(`${rig.originBase}/origin/news/vod/hi/15.ts`)).status, 404);
  });

  await t.test('HLS + VMAP: pre-roll, the 50% mid-roll at the segment boundary nearest 15 s, the post-roll; [content.duration] filled; ad segments are real TS and fire beacons', async () => {
    const s = await session(rig, 'news/vod/index.m3u8');
    const q = rig.vast.adsRequests.at(-1)!.query;
    assert.deepEqual([q.sid, q.contentDuration], [s.id, '30']);
    const text = await mediaPlaylist(rig, s.manifestUrl);
    assert.deepEqual(runs(text), ['ad:vod-0/0×3', 'content×7', 'ad:vod-1/0×2', 'content×8', 'ad:vod-2/0×2']);
    assert.equal((text.match(/#EXT-X-DISCONTINUITY\n/g) ?? []).length, 4);
    assert.match(text, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.ok(text.endsWith('#EXT-X-ENDLIST\n'));
    // The second rendition has the breaks at the same places.
    assert.deepEqual(runs(await mediaPlaylist(rig, s.manifestUrl, 1)), runs(text));
    for (const url of text.split('\n').filter((l) => l.includes('/v1/segment/'))) {
      const res = await fetch(`${rig.stitcherBase}${url}`);
      assert.deepEqual([res.status, res.headers.get('content-type')], [200, 'video/mp2t'], url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.ok(bytes.length > 188 && bytes[0] === 0x47, url);
    }
    await rig.stitcher.settled();
    const order = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'];
    for (const ad of ['red', 'blue', 'green']) assert.deepEqual(rig.vast.beacons.filter((b) => b.session === s.id && b.ad === ad).map((b) => b.event), order, ad);
    // Each VMAP AdBreak's own tracking: breakStart with its first ad segment, breakEnd with its last; no error.
    for (const b of ['b0', 'b1', 'b2']) assert.deepEqual(rig.vast.beacons.filter((x) => x.session === s.id && x.ad === `break-${b}`).map((x) => x.event), ['breakStart', 'breakEnd'], b);
    const planned = rig.events.ofType('VOD_BREAKS_PLANNED').find((e) => e.sessionId === s.id)!;
    assert.deepEqual(
      (planned.breaks as { kind: string; positionMs: number; sessionStartMs: number; source: string }[]).map((b) => [b.kind, b.source, b.positionMs, b.sessionStartMs]),
      [['preroll', 'vmap', 0, 0], ['midroll', 'vmap', 14_000, 20_000], ['postroll', 'vmap', 30_000, 40_000]],
    );
    const tracking = (await (await fetch(`${rig.stitcherBase}/v1/tracking/cfg/${s.id}`)).json()) as { avails: { availId: string; startTimeInSeconds: number; durationInSeconds: number }[] };
    assert.deepEqual(tracking.avails.map((a) => [a.availId, a.startTimeInSeconds, a.durationInSeconds]), [['vod-0', 0, 6], ['vod-1', 20, 4], ['vod-2', 40, 4]]);
  });

  await t.test('DASH + VMAP: a static MPD with the three breaks as Periods, durations added up, CMAF ad segments served', async () => {
    const res = await fetch(`${rig.stitcherBase}/v1/dash/cfg/news/vod/index.mpd`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const mpd = readMpd(parseMpd(text).value).value;
    assert.equal(mpd.type, 'static');
    assert.deepEqual(
      mpd.periods.map((p) => [p.id, p.startMs, p.durationMs]),
      [
        ['avail-vod-0-ad-0', 0, 6000],
        ['p0', 6000, 14_000],
        ['avail-vod-1-ad-0', 20_000, 4000],
        ['p0_1', 24_000, 16_000],
        ['avail-vod-2-ad-0', 40_000, 4000],
      ],
    );
    assert.equal(mpd.mediaPresentationDurationMs, 44_000);
    const init = /initialization="([^"]*\/v1\/segment\/[^"]*\/vod-1\/0\/0\/init\.mp4)"/.exec(text)![1]!;
    for (const u of [init, init.replace('init.mp4', '0.m4s'), init.replace('/0/init.mp4', '/a/1.m4s')]) {
      const seg = await fetch(new URL(u, rig.stitcherBase));
      assert.equal(seg.status, 200, u);
      assert.ok((await seg.arrayBuffer()).byteLength > 100, u);
    }
  });

  await t.test('HLS + VAST with cues in the manifest: the answer is a pre-roll, each cue gets a break of its own request (avail index, cue position)', async () => {
    await rig.putConfig('cfg', '/vast?pod=red&sid=[session.id]&i=[avail.index]');
    await new Promise((r) => setTimeout(r, 1100));
    const s = await session(rig, 'news/vod/cues-10-21/index.m3u8');
    assert.deepEqual(rig.vast.adsRequests.filter((r) => r.query.sid === s.id).map((r) => r.query.i).sort(), ['0', '1', '2']);
    assert.deepEqual(runs(await mediaPlaylist(rig, s.manifestUrl)), ['ad:vod-0/0×3', 'content×5', 'ad:vod-1/0×3', 'content×5', 'ad:vod-2/0×3', 'content×5']);
    const planned = rig.events.ofType('VOD_BREAKS_PLANNED').find((e) => e.sessionId === s.id)!;
    assert.deepEqual((planned.breaks as { source: string; positionMs: number }[]).map((b) => [b.source, b.positionMs]), [['vast', 0], ['cue', 10_000], ['cue', 20_000]]);
  });

  await t.test('a creative not conditioned yet is skipped (NEW_CREATIVE, queued), as live; the other breaks still play', async () => {
    await rig.putConfig('cfg', '/vmap?breaks=start:red,end:bumper&sid=[session.id]');
    await new Promise((r) => setTimeout(r, 1100));
    const s = await session(rig, 'news/vod/index.m3u8');
    assert.deepEqual(runs(await mediaPlaylist(rig, s.manifestUrl)), ['ad:vod-0/0×3', 'content×15']);
    const filled = rig.events.ofType('FILLED_AVAIL').filter((e) => e.sessionId === s.id);
    const skipped = (filled[1]!.avail as { skippedAds: { skippedReason: string }[] }).skippedAds;
    assert.deepEqual(skipped.map((x) => x.skippedReason), ['NEW_CREATIVE']);
    await rig.stitcher.settled();
    // The break that plays nothing tells its ADS through its VMAP error URL (VAST 403: no ad could be played).
    assert.deepEqual(rig.vast.beacons.filter((x) => x.session === s.id && x.ad === 'break-b1').map((x) => x.event), ['error-403']);
  });

  const unchanged = async (adsPath: string, extra: Record<string, unknown> = {}) => {
    await rig.putConfig('cfg', adsPath, extra);
    await new Promise((r) => setTimeout(r, 1100));
    const s = await session(rig, 'news/vod/index.m3u8');
    const text = await mediaPlaylist(rig, s.manifestUrl);
    assert.deepEqual(runs(text), ['content×15']);
    assert.doesNotMatch(text, /DISCONTINUITY\n/);
    return rig.events.events.filter((e) => e.sessionId === s.id);
  };

  await t.test('an ADS that times out leaves the content unchanged (ERROR_ADS_TIMEOUT)', async () => {
    const events = await unchanged('/slow?ms=3000&sid=[session.id]', { adsTimeoutMs: 300 });
    assert.ok(events.some((e) => e.eventType === 'ERROR_ADS_TIMEOUT'));
  });

  await t.test('a VMAP that is not well-formed leaves the content unchanged (ERROR_VMAP_RESPONSE code VMAP_XML_MALFORMED)', async () => {
    const events = await unchanged('/vmap-garbage?sid=[session.id]');
    assert.deepEqual(events.filter((e) => e.eventType === 'ERROR_VMAP_RESPONSE').map((e) => e.code), ['VMAP_XML_MALFORMED']);
  });

  await t.test('an empty VMAP, and a VMAP break past the end (VOD_BREAK_OUT_OF_RANGE), leave the content unchanged', async () => {
    await unchanged('/vmap?breaks=&sid=[session.id]');
    const events = await unchanged('/vmap?breaks=00:05:00:red&sid=[session.id]');
    assert.deepEqual(events.filter((e) => e.eventType === 'ERROR_VMAP_AD_BREAK').map((e) => e.code), ['VOD_BREAK_OUT_OF_RANGE']);
  });
});
