// Chooses the <MediaFile> of a Linear creative that best fits a rendition (as a VAST player
// does: by type, size and bitrate). Deterministic: equal scores keep document order.
import type { VastCreative, VastDelivery, VastMediaFile } from './model.ts';

export interface MediaFileCriteria {
  /** Target size in pixels (the rendition or the player). */
  width?: number;
  height?: number;
  /** Target bitrate in kbps. */
  bitrate?: number;
  /** Accepted MIME types ("video/mp4", …), compared without case and parameters. Default: any except executable ones. */
  types?: readonly string[];
  delivery?: VastDelivery;
  /** Accept files that need an API framework (VPAID). Default false: a stitcher cannot run them. */
  allowApiFramework?: boolean;
}

const EXECUTABLE_TYPES = new Set(['application/javascript', 'application/x-javascript', 'text/javascript', 'application/x-shockwave-flash']);

function mime(type: string): string {
  return type.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The best-fitting media file of the creative's Linear, or undefined when none is acceptable. */
export function selectMediaFile(creative: VastCreative, criteria: MediaFileCriteria = {}): VastMediaFile | undefined {
  const accepted = criteria.types?.map(mime);
  const candidates = (creative.linear?.mediaFiles ?? []).filter((m) => {
    const type = mime(m.type);
    if (accepted ? !accepted.includes(type) : EXECUTABLE_TYPES.has(type)) return false;
    if (!criteria.allowApiFramework && m.apiFramework !== undefined && m.apiFramework !== '' && m.apiFramework.toUpperCase() !== 'VAST') return false;
    return criteria.delivery === undefined || m.delivery === criteria.delivery;
  });
  const targetArea = criteria.width !== undefined && criteria.height !== undefined ? criteria.width * criteria.height : undefined;
  let best: VastMediaFile | undefined;
  let bestKey: number[] = [];
  for (const m of candidates) {
    const area = m.width * m.height;
    const rate = fileBitrate(m);
    const sizeMiss = targetArea === undefined ? 0 : area > 0 && targetArea > 0 ? Math.abs(Math.log(area / targetArea)) : 10;
    const rateMiss = criteria.bitrate === undefined ? 0 : rate !== undefined && rate > 0 && criteria.bitrate > 0 ? Math.abs(Math.log(rate / criteria.bitrate)) : 1;
    // Lower is better: distance from the target, then larger files first.
    const key = [sizeMiss + rateMiss, -area, -(rate ?? 0)];
    if (best === undefined || less(key, bestKey)) {
      best = m;
      bestKey = key;
    }
  }
  return best;
}

function fileBitrate(m: VastMediaFile): number | undefined {
  if (m.bitrate !== undefined) return m.bitrate;
  if (m.minBitrate !== undefined && m.maxBitrate !== undefined) return (m.minBitrate + m.maxBitrate) / 2;
  return m.maxBitrate ?? m.minBitrate;
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Math.abs(x - y) > 1e-9) return x < y;
  }
  return false;
}
