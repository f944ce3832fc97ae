import { equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VastCreative, VastMediaFile } from './model.ts';
import { selectMediaFile } from './select-media-file.ts';
import { linearCreative } from './testing/pods.ts';

function withFiles(files: VastMediaFile[]): VastCreative {
  const c = linearCreative(1);
  if (c.linear) c.linear.mediaFiles = files;
  return c;
}
const file = (url: string, width: number, height: number, bitrate?: number, extra: Partial<VastMediaFile> = {}): VastMediaFile => ({
  url,
  delivery: 'progressive',
  type: 'video/mp4',
  width,
  height,
  ...(bitrate === undefined ? {} : { bitrate }),
  ...extra,
});

describe('selectMediaFile', () => {
  const creative = withFiles([
    file('vpaid.js', 1920, 1080, 9000, { type: 'application/javascript', apiFramework: 'VPAID' }),
    file('360.mp4', 640, 360, 600),
    file('1080.mp4', 1920, 1080, 5000),
    file('720.mp4', 1280, 720, 2500),
    file('720.m3u8', 1280, 720, 2500, { type: 'application/x-mpegURL', delivery: 'streaming' }),
    file('720-hi.webm', 1280, 720, 4000, { type: 'video/webm' }),
  ]);

  test('without criteria: the largest playable file (never VPAID or Flash)', () => {
    equal(selectMediaFile(creative)?.url, '1080.mp4');
  });

  test('closest to the target size, then to the target bitrate', () => {
    equal(selectMediaFile(creative, { width: 1280, height: 720, types: ['video/mp4'] })?.url, '720.mp4');
    equal(selectMediaFile(creative, { width: 1280, height: 720, bitrate: 4000 })?.url, '720-hi.webm');
    equal(selectMediaFile(creative, { width: 600, height: 340 })?.url, '360.mp4');
    equal(selectMediaFile(creative, { bitrate: 700 })?.url, '360.mp4');
  });

  test('types are compared without case or parameters; delivery can be required', () => {
    equal(selectMediaFile(creative, { types: ['Application/X-MPEGURL; codecs="avc1"'] })?.url, '720.m3u8');
    equal(selectMediaFile(creative, { delivery: 'streaming' })?.url, '720.m3u8');
  });

  test('VPAID only when allowed; undefined when nothing is acceptable', () => {
    equal(selectMediaFile(creative, { types: ['application/javascript'] }), undefined);
    equal(selectMediaFile(creative, { types: ['application/javascript'], allowApiFramework: true })?.url, 'vpaid.js');
    equal(selectMediaFile(withFiles([])), undefined);
    equal(selectMediaFile({ universalAdIds: [], creativeExtensions: [] }), undefined);
  });

  test('a bitrate range stands in for a missing bitrate; ties keep document order', () => {
    const c = withFiles([file('a.mp4', 1280, 720, undefined, { minBitrate: 1000, maxBitrate: 3000 }), file('b.mp4', 1280, 720, 4000), file('c.mp4', 1280, 720, 2000)]);
    equal(selectMediaFile(c, { bitrate: 2000 })?.url, 'a.mp4');
  });
});
