// Whether a probed file is a usable video ad, and the Creative fields it gives (RFC 6381 codecs
// string, bit rate). Pure: the caller probes the file.
import type { Creative } from './inventory.ts';
import type { MediaInfo } from './ports.ts';

export const CREATIVE_LIMITS = { minDurationMs: 1000, maxDurationMs: 300_000, minSide: 16, maxSide: 7680 } as const;

const VIDEO_CODECS = new Set(['h264', 'hevc', 'vp9', 'av1']);
const AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'ac3', 'eac3']);

// ISO/IEC 14496-10 profile_idc and constraint flags of the usual profiles, for avc1.PPCCLL.
const AVC_PROFILES: Record<string, string> = {
  'constrained baseline': '42E0',
  baseline: '4200',
  main: '4D40',
  extended: '5800',
  high: '6400',
  'high 10': '6E00',
  'high 4:2:2': '7A00',
  'high 4:4:4 predictive': 'F400',
};

function hex2(n: number): string {
  return Math.max(0, Math.min(255, Math.round(n))).toString(16).toUpperCase().padStart(2, '0');
}

function videoCodecString(codec: string, profile: string | undefined, level: number | undefined): string {
  if (codec === 'h264') return `avc1.${AVC_PROFILES[(profile ?? 'main').toLowerCase()] ?? '4D40'}${hex2(level ?? 31)}`;
  if (codec === 'hevc') return `hvc1.${/main 10/i.test(profile ?? '') ? '2.4' : '1.6'}.L${level ?? 93}.B0`;
  if (codec === 'vp9') return 'vp09.00.10.08';
  return 'av01.0.04M.08';
}

function audioCodecString(codec: string, profile: string | undefined): string {
  if (codec === 'aac') return /HE-AACv2/i.test(profile ?? '') ? 'mp4a.40.29' : /HE/i.test(profile ?? '') ? 'mp4a.40.5' : 'mp4a.40.2';
  if (codec === 'mp3') return 'mp4a.6B';
  if (codec === 'ac3') return 'ac-3';
  if (codec === 'eac3') return 'ec-3';
  return 'opus';
}

export type CreativeFields = Pick<Creative, 'mimeType' | 'durationMs' | 'width' | 'height' | 'videoCodec' | 'audioCodec' | 'codecs' | 'bitrateKbps' | 'sizeBytes'>;

/** The creative fields of a probed file, or the reason it is not a usable video ad. */
export function checkCreative(info: MediaInfo, sizeBytes: number): { ok: true; fields: CreativeFields } | { ok: false; reason: string } {
  if (!info.formatName.split(',').includes('mp4')) return { ok: false, reason: `the file is ${info.formatName || 'not a media file ffprobe knows'}, not MP4` };
  const video = info.streams.find((s) => s.codecType === 'video');
  if (!video) return { ok: false, reason: 'the file has no video stream' };
  if (!VIDEO_CODECS.has(video.codecName)) return { ok: false, reason: `video codec ${video.codecName} is not one of ${[...VIDEO_CODECS].join(', ')}` };
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width < CREATIVE_LIMITS.minSide || height < CREATIVE_LIMITS.minSide || width > CREATIVE_LIMITS.maxSide || height > CREATIVE_LIMITS.maxSide) {
    return { ok: false, reason: `picture size ${width}x${height} is out of range (${CREATIVE_LIMITS.minSide}–${CREATIVE_LIMITS.maxSide} pixels a side)` };
  }
  if (!(info.durationMs >= CREATIVE_LIMITS.minDurationMs && info.durationMs <= CREATIVE_LIMITS.maxDurationMs)) {
    return { ok: false, reason: `duration ${(info.durationMs / 1000).toFixed(3)} s is out of range (${CREATIVE_LIMITS.minDurationMs / 1000}–${CREATIVE_LIMITS.maxDurationMs / 1000} s)` };
  }
  const audio = info.streams.find((s) => s.codecType === 'audio');
  if (audio && !AUDIO_CODECS.has(audio.codecName)) return { ok: false, reason: `audio codec ${audio.codecName} is not one of ${[...AUDIO_CODECS].join(', ')}` };
  const codecs = [videoCodecString(video.codecName, video.profile, video.level), ...(audio ? [audioCodecString(audio.codecName, audio.profile)] : [])].join(',');
  const bitRate = info.bitRate ?? (sizeBytes * 8 * 1000) / info.durationMs;
  return {
    ok: true,
    fields: { mimeType: 'video/mp4', durationMs: info.durationMs, width, height, videoCodec: video.codecName, audioCodec: audio?.codecName ?? null, codecs, bitrateKbps: Math.max(1, Math.round(bitRate / 1000)), sizeBytes },
  };
}
