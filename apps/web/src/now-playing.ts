// What the preview is playing, from the URL of the fragment hls.js just switched to and the session's
// avails (GET /api/sessions/{id}): ad segments are /v1/segment/{config}/{session}/{avail}/{item}/….
export interface SessionDetail {
  avails: { key: string; ads: { adId: string; adTitle?: string; durationMs: number }[]; items: { kind: 'ad' | 'slate'; adIndex?: number }[] }[];
}

export type Playing = { kind: 'programme' } | { kind: 'ad'; adId: string; title: string; index: number; of: number } | { kind: 'slate' };

export function playingOf(url: string, detail: SessionDetail | undefined): Playing {
  const m = /\/v1\/segment\/[^/]+\/[^/]+\/([^/]+)\/(\d+)\//.exec(url);
  if (!m) return { kind: 'programme' };
  const key = decodeURIComponent(m[1]!);
  const avail = detail?.avails.find((a) => a.key === key);
  const item = avail?.items[Number(m[2])];
  if (item?.kind === 'slate') return { kind: 'slate' };
  const ad = item?.adIndex !== undefined ? avail?.ads[item.adIndex] : undefined;
  return { kind: 'ad', adId: ad?.adId ?? '?', title: ad?.adTitle ?? ad?.adId ?? 'an ad', index: (item?.adIndex ?? 0) + 1, of: avail?.ads.length ?? 1 };
}

