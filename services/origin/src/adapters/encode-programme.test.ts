// Real ffmpeg: a short, small test programme is encoded into a two-rendition ladder, the chunks
// decode with ffprobe, and a second call reuses the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeProgramme, type Rendition } from './encode-programme.ts';
import { decodeCheck, probe, runFfmpeg } from '@adsplice/media';
import { readFileSync, writeFileSync } from 'node:fs';

const ladder: Rendition[] = [
  { id: 'a', width: 320, height: 180, videoBitrate: 300_000, audioBitrate: 64_000 },
  { id: 'b', width: 160, height: 90, videoBitrate: 150_000, audioBitrate: 64_000 },
];

test('encodes a test programme into 1 s TS and CMAF chunks that decode, and caches it', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-encode-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const progress: number[] = [];
  const p = await encodeProgramme({ kind: 'test', channelName: 'Demo: "News" 1', durationSec: 4 }, ladder, dir, (e) => progress.push(e.fraction));
  assert.equal(p.loopSeconds, 4);
  assert.deepEqual(p.renditions.map((r) => [r.id, r.tsChunks.length, r.video.chunks.length]), [['a', 4, 4], ['b', 4, 4]]);
  assert.equal(progress.at(-1), 1);
  assert.ok(progress.every((f, i) => i === 0 || f >= progress[i - 1]!), 'progress only grows');

  const r = p.renditions[0]!;
  const ts1 = r.video.timescale;
  assert.deepEqual(r.video.chunks.map((c) => c.d), [ts1, ts1, ts1, ts1], 'every video chunk is exactly 1 s');
  assert.equal(r.audio.timescale, 48000);
  assert.ok(Math.abs(r.audio.chunks.reduce((a, c) => a + c.d, 0) - 4 * 48000) <= 2048, 'audio covers the loop within two AAC frames');

  // Every TS chunk decodes on its own (each starts with an IDR frame).
  for (const chunk of r.tsChunks) await decodeCheck(join(p.dir, r.id, chunk));
  // A CMAF init + fragment is a playable MP4 with the rendition's picture.
  const joined = join(dir, 'joined.mp4');
  writeFileSync(joined, Buffer.concat([readFileSync(join(p.dir, r.id, r.video.init)), readFileSync(join(p.dir, r.id, 'cmaf', 'c-0-00002.m4s'))]));
  const mp4 = await probe(joined);
  assert.deepEqual(mp4.streams.map((s) => [s.codecType, s.codecName, s.width, s.height]), [['video', 'h264', 320, 180]]);

  const before = statSync(join(p.dir, 'programme.json')).mtimeMs;
  const again = await encodeProgramme({ kind: 'test', channelName: 'Demo: "News" 1', durationSec: 4 }, ladder, dir);
  assert.deepEqual(again, p);
  assert.equal(statSync(join(p.dir, 'programme.json')).mtimeMs, before, 'cached: not encoded again');
});

test('a user MP4 is encoded from its whole seconds; a file that is not video is refused', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-encode-file-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const mp4 = join(dir, 'user.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=44100', '-t', '3.5', '-c:v', 'libx264', '-c:a', 'aac', '-shortest', mp4]);
  const p = await encodeProgramme({ kind: 'file', path: mp4 }, [ladder[1]!], dir);
  assert.equal(p.loopSeconds, 3);
  assert.equal(p.renditions[0]!.tsChunks.length, 3);
  for (const chunk of p.renditions[0]!.tsChunks) await decodeCheck(join(p.dir, 'b', chunk));
  const notVideo = join(dir, 'notes.mp4');
  writeFileSync(notVideo, 'this is not a video');
  await assert.rejects(encodeProgramme({ kind: 'file', path: notVideo }, [ladder[1]!], dir), /ffprobe exited|no video stream/);
});
