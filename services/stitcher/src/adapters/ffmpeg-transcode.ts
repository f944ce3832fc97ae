// Transcode with ffmpeg: one creative into one content profile, as MPEG-TS segments of exactly the
// content's segment duration (closed GOPs, a keyframe forced at every segment boundary), H.264 at
// the variant's profile/level/size/bitrate/frame rate, AAC stereo 48 kHz (silence when the creative
// has no audio, so audio never drops out in muxed content). For DASH, CMAF instead: the video alone
// (no B-frames, so media time starts at 0 with no composition offset) and the audio alone, padded
// or cut to the video's length, each an init segment and fragmented MP4 segments.
import { join } from 'node:path';
import { hlsDurations, type Transcode } from '../conditioner.ts';
import type { ContentProfile } from '../profiles.ts';
import { probe, runFfmpeg } from '@adsplice/media';

export function transcodeArgs(source: string, hasAudio: boolean, p: ContentProfile, segmentMs: number, dir: string): string[] {
  const seg = segmentMs / 1000;
  return [
    '-i', source,
    ...(hasAudio ? [] : ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo']),
    '-map', '0:v:0', '-map', hasAudio ? '0:a:0' : '1:a:0',
    ...(hasAudio ? [] : ['-shortest']),
    '-vf', `scale=${p.width}:${p.height}:force_original_aspect_ratio=decrease,pad=${p.width}:${p.height}:(ow-iw)/2:(oh-ih)/2,fps=${p.fps},format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', p.h264Profile, '-level', p.h264Level,
    '-b:v', String(p.videoBitrate), '-maxrate', String(p.videoBitrate), '-bufsize', String(p.videoBitrate * 2),
    '-g', String(Math.round(p.fps * seg)), '-keyint_min', String(Math.round(p.fps * seg)), '-sc_threshold', '0', '-flags', '+cgop',
    '-force_key_frames', `expr:gte(t,n_forced*${seg})`,
    '-c:a', 'aac', '-b:a', String(p.audioBitrate), '-ac', '2', '-ar', '48000',
    '-f', 'hls', '-hls_time', String(seg), '-hls_list_size', '0', '-hls_segment_type', 'mpegts',
    '-hls_segment_filename', join(dir, 'seg_%05d.ts'), join(dir, 'index.m3u8'),
  ];
}

const fmp4 = (seg: number, init: string, pattern: string, playlist: string) => ['-f', 'hls', '-hls_time', String(seg), '-hls_list_size', '0', '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', init, '-hls_segment_filename', pattern, playlist];

export function cmafVideoArgs(source: string, p: ContentProfile, segmentMs: number, dir: string): string[] {
  const seg = segmentMs / 1000;
  return [
    '-i', source, '-map', '0:v:0', '-an',
    '-vf', `scale=${p.width}:${p.height}:force_original_aspect_ratio=decrease,pad=${p.width}:${p.height}:(ow-iw)/2:(oh-ih)/2,fps=${p.fps},format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', p.h264Profile, '-level', p.h264Level, '-bf', '0',
    '-b:v', String(p.videoBitrate), '-maxrate', String(p.videoBitrate), '-bufsize', String(p.videoBitrate * 2),
    '-g', String(Math.round(p.fps * seg)), '-keyint_min', String(Math.round(p.fps * seg)), '-sc_threshold', '0', '-flags', '+cgop',
    '-force_key_frames', `expr:gte(t,n_forced*${seg})`,
    ...fmp4(seg, 'init.mp4', join(dir, 'seg_%05d.m4s'), join(dir, 'index.m3u8')),
  ];
}

export function cmafAudioArgs(source: string, hasAudio: boolean, p: ContentProfile, segmentMs: number, durationMs: number, dir: string): string[] {
  const t = String(durationMs / 1000);
  return [
    ...(hasAudio ? ['-i', source] : ['-f', 'lavfi', '-t', t, '-i', 'anullsrc=r=48000:cl=stereo']),
    '-map', '0:a:0', '-vn', '-af', 'apad', '-t', t,
    '-c:a', 'aac', '-b:a', String(p.audioBitrate), '-ac', '2', '-ar', '48000',
    ...fmp4(segmentMs / 1000, 'audio-init.mp4', join(dir, 'audio_%05d.m4s'), join(dir, 'audio.m3u8')),
  ];
}

export const ffmpegTranscode: Transcode = async (source, profile, segmentMs, dir, format = 'ts') => {
  const info = await probe(source);
  if (!info.streams.some((s) => s.codecType === 'video')) throw new Error('the creative has no video stream');
  const hasAudio = info.streams.some((s) => s.codecType === 'audio');
  if (format === 'cmaf') {
    await runFfmpeg(cmafVideoArgs(source, profile, segmentMs, dir));
    const durations = await hlsDurations(join(dir, 'index.m3u8'));
    await runFfmpeg(cmafAudioArgs(source, hasAudio, profile, segmentMs, durations.reduce((a, b) => a + b, 0), dir));
    return durations;
  }
  await runFfmpeg(transcodeArgs(source, hasAudio, profile, segmentMs, dir));
  return hlsDurations(join(dir, 'index.m3u8'));
};
