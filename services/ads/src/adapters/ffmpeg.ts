// The ADS's MediaProber over @adsplice/media's ffprobe (the npm ffprobe reads MP4 fine but crashes
// on MPEG-TS, which the ADS never probes).
import { probe } from '@adsplice/media';
import type { MediaInfo, MediaProber } from '../ports.ts';

export { runFfmpeg } from '@adsplice/media';

/** MediaProber with ffprobe: only the fields ffprobe reported are set. */
export class FfprobeMediaProber implements MediaProber {
  async probe(file: string): Promise<MediaInfo> {
    const r = await probe(file);
    return {
      formatName: r.formatName,
      durationMs: r.durationMs,
      sizeBytes: r.sizeBytes,
      ...(r.bitRate ? { bitRate: r.bitRate } : {}),
      streams: r.streams.map((s) => ({
        codecType: s.codecType,
        codecName: s.codecName,
        ...(s.profile !== undefined ? { profile: s.profile } : {}),
        ...(s.level !== undefined ? { level: s.level } : {}),
        ...(s.width !== undefined ? { width: s.width } : {}),
        ...(s.height !== undefined ? { height: s.height } : {}),
        ...(s.bitRate ? { bitRate: s.bitRate } : {}),
      })),
    };
  }
}
