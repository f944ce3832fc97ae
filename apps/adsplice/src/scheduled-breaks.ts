// The stitcher's UpcomingBreaks port over adsplice's own scheduler: a session's origin URL that is
// this process's origin (`{self}/origin/{channel}/…`) gets the channel's scheduled breaks of the
// next minutes, so that each one is prefetched. Other origins have none to tell.
import type { Requester } from '@adsplice/service-scheduler';
import type { UpcomingBreak, UpcomingBreaks } from '@adsplice/service-stitcher';

const HORIZON_MS = 10 * 60_000;
const CACHE_MS = 1000;

export function scheduledBreaks(request: Requester, selfUrl: () => string | undefined, now: () => number): UpcomingBreaks {
  const cache = new Map<string, { atMs: number; breaks: Promise<UpcomingBreak[]> }>();
  async function load(channelId: string, atMs: number): Promise<UpcomingBreak[]> {
    const q = new URLSearchParams({ channelId, status: 'scheduled,dispatched', from: new Date(atMs).toISOString(), to: new Date(atMs + HORIZON_MS).toISOString(), limit: '100' });
    const res = await request('GET', `/api/schedules?${q}`);
    if (res.statusCode !== 200) throw new Error(`listing the schedules of ${channelId} answered ${res.statusCode}`);
    const { schedules } = JSON.parse(res.body) as { schedules: { id: string; startTime: string; durationSeconds: number; spliceEventId: number }[] };
    return schedules.map((s) => ({ id: s.id, startTimeMs: Date.parse(s.startTime), durationMs: s.durationSeconds * 1000, spliceEventId: s.spliceEventId }));
  }
  return {
    async upcoming(originUrl) {
      const self = selfUrl();
      if (!self) return [];
      const url = new URL(originUrl);
      const m = /^\/origin\/([^/]+)\//.exec(url.pathname);
      if (url.origin !== new URL(self).origin || !m) return [];
      const channelId = decodeURIComponent(m[1]!);
      const t = now();
      let hit = cache.get(channelId);
      if (!hit || t - hit.atMs >= CACHE_MS) {
        hit = { atMs: t, breaks: load(channelId, t) };
        cache.set(channelId, hit);
        hit.breaks.catch(() => cache.delete(channelId));
      }
      return hit.breaks;
    },
  };
}
