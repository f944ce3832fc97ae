// The content's renditions as conditioning profiles (pure): what an ad must be transcoded into so
// that it plays in place of each variant — resolution, bitrate, frame rate, H.264 profile/level.
import type { MultivariantPlaylist } from '@adsplice/hls';

export interface ContentProfile {
  /** Names the encoding: `426x240-400k-25-main-3.1`. */
  id: string;
  width: number;
  height: number;
  videoBitrate: number;
  audioBitrate: number;
  fps: number;
  h264Profile: 'baseline' | 'main' | 'high';
  h264Level: string;
}

const PROFILE_IDC: Record<string, ContentProfile['h264Profile']> = { '42': 'baseline', '4d': 'main', '58': 'main', '64': 'high' };

export function profileOf(streamInf: { bandwidth: number; averageBandwidth?: number; resolution?: { width: number; height: number }; codecs?: string; frameRate?: number }): ContentProfile {
  const width = streamInf.resolution?.width ?? 1280;
  const height = streamInf.resolution?.height ?? 720;
  const total = streamInf.averageBandwidth ?? Math.round(streamInf.bandwidth / 1.1);
  const audioBitrate = total > 600_000 ? 128_000 : 64_000;
  const videoBitrate = Math.max(100_000, Math.round((total - audioBitrate) / 1000) * 1000);
  const avc = /avc1\.([0-9a-f]{2})[0-9a-f]{2}([0-9a-f]{2})/i.exec(streamInf.codecs ?? '');
  const h264Profile = (avc && PROFILE_IDC[avc[1]!.toLowerCase()]) || 'main';
  const levelIdc = avc ? parseInt(avc[2]!, 16) : 31;
  const h264Level = `${Math.floor(levelIdc / 10)}.${levelIdc % 10}`;
  const fps = Math.round(streamInf.frameRate ?? 25);
  return { id: `${width}x${height}-${Math.round(videoBitrate / 1000)}k-${fps}-${h264Profile}-${h264Level}`, width, height, videoBitrate, audioBitrate, fps, h264Profile, h264Level };
}

/** One profile per variant, in the variants' order. */
export function contentProfiles(mv: MultivariantPlaylist): ContentProfile[] {
  return mv.variants.map((v) => profileOf(v.streamInf));
}

const IDC_OF: Record<ContentProfile['h264Profile'], string> = { baseline: '42e0', main: '4d40', high: '6400' };

/** The RFC 6381 CODECS of a conditioned rendition (H.264 in the profile's profile/level, AAC-LC). */
export function codecsOf(p: ContentProfile): string {
  const [major, minor] = p.h264Level.split('.').map(Number);
  const level = ((major ?? 3) * 10 + (minor ?? 1)).toString(16).padStart(2, '0');
  return `avc1.${IDC_OF[p.h264Profile]}${level},mp4a.40.2`;
}
