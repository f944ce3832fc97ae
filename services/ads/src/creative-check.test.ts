import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCreative } from './creative-check.ts';
import type { MediaInfo } from './ports.ts';

const mp4: MediaInfo = {
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationMs: 15_000,
  sizeBytes: 3_000_000,
  bitRate: 1_600_000,
  streams: [
    { codecType: 'video', codecName: 'h264', profile: 'High', level: 40, width: 1920, height: 1080 },
    { codecType: 'audio', codecName: 'aac', profile: 'LC' },
  ],
};

test('a usable MP4: its fields and RFC 6381 codecs string', () => {
  assert.deepEqual(checkCreative(mp4, 3_000_000), {
    ok: true,
    fields: { mimeType: 'video/mp4', durationMs: 15_000, width: 1920, height: 1080, videoCodec: 'h264', audioCodec: 'aac', codecs: 'avc1.640028,mp4a.40.2', bitrateKbps: 1600, sizeBytes: 3_000_000 },
  });
  const baseline = checkCreative({ ...mp4, streams: [{ codecType: 'video', codecName: 'h264', profile: 'Constrained Baseline', level: 30, width: 640, height: 360 }] }, 1);
  assert.ok(baseline.ok && baseline.fields.codecs === 'avc1.42E01E' && baseline.fields.audioCodec === null);
});

test('refused with a reason: not MP4, no video, odd codecs, sizes and durations', () => {
  const reasons = [
    checkCreative({ ...mp4, formatName: 'mpegts' }, 1),
    checkCreative({ ...mp4, streams: [mp4.streams[1]!] }, 1),
    checkCreative({ ...mp4, streams: [{ ...mp4.streams[0]!, codecName: 'mpeg2video' }] }, 1),
    checkCreative({ ...mp4, streams: [{ ...mp4.streams[0]!, width: 8 }] }, 1),
    checkCreative({ ...mp4, durationMs: 400 }, 1),
    checkCreative({ ...mp4, durationMs: 900_000 }, 1),
    checkCreative({ ...mp4, streams: [mp4.streams[0]!, { codecType: 'audio', codecName: 'pcm_s16le' }] }, 1),
  ].map((r) => (r.ok ? 'ok' : r.reason));
  assert.deepEqual(reasons, [
    'the file is mpegts, not MP4',
    'the file has no video stream',
    'video codec mpeg2video is not one of h264, hevc, vp9, av1',
    'picture size 8x1080 is out of range (16–7680 pixels a side)',
    'duration 0.400 s is out of range (1–300 s)',
    'duration 900.000 s is out of range (1–300 s)',
    'audio codec pcm_s16le is not one of aac, mp3, opus, ac3, eac3',
  ]);
});
