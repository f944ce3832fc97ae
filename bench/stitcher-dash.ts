// Stitcher, DASH: the cost of one personalised live MPD (a two-Period origin MPD, a Period per
// break, one break) next to the HLS media playlist's, measured side by side in the same run.
import { dashAvailFacts, dashOriginView } from '../services/stitcher/src/dash-view.ts';
import { renderSessionMpd, type DashRenderUrls } from '../services/stitcher/src/dash-planner.ts';
import { originView } from '../services/stitcher/src/origin-view.ts';
import { renderSessionPlaylist } from '../services/stitcher/src/planner.ts';
import { originMpd, syntheticDashRecord, type SyntheticDash } from '../services/stitcher/src/testing/synthetic-dash-origin.ts';
import { originPlaylist, syntheticRecord, type SyntheticOrigin } from '../services/stitcher/src/testing/synthetic-origin.ts';
import { compare, type SuiteResult } from './harness.ts';

const track = (t: { kind: string; variant?: number }) => (t.kind === 'audio' ? 'a' : String(t.variant));
const dashUrls: DashRenderUrls = {
  ad: (r, item, t) => ({ media: `/v1/segment/cfg/s/${r.key}/${item}/${track(t)}/$Number$.m4s`, initialization: `/v1/segment/cfg/s/${r.key}/${item}/${track(t)}/init.mp4` }),
  slate: (_r, t) => ({ media: `/v1/media/slate/t/p/${track(t)}-$Number$.m4s`, initialization: `/v1/media/slate/t/p/${track(t)}-init.mp4` }),
  bumper: (_r, item, t) => ({ media: `/v1/media/bumper${item}/t/p/${track(t)}-$Number$.m4s`, initialization: `/v1/media/bumper${item}/t/p/${track(t)}-init.mp4` }),
};
const hlsUrls = { ad: (r: { key: string }, item: number, seg: number) => `/v1/segment/cfg/s/${r.key}/${item}/0/${seg}.ts`, bumper: (_r: unknown, item: number, seg: number) => `/v1/media/bumper${item}/t/p/${seg}.ts`, slate: (_r: unknown, f: number) => `/v1/media/slate/t/p/${f}.ts` };

async function mpd(): Promise<SuiteResult> {
  const o: SyntheticDash = { segmentMs: 2000, windowSegments: 6, availabilityStartMs: Date.UTC(2026, 0, 1), periodPerBreak: true, breaks: [{ startMs: 200_000, durationMs: 10_000, eventId: 1 }] };
  // 8 s into the break: the content Period before it and the break's Period, 6 segments in all.
  const nowMs = o.availabilityStartMs + 208_000;
  const text = originMpd(o, nowMs);
  const view = dashOriginView(text, nowMs);
  const fact = dashAvailFacts(view)[0]!;
  const record = syntheticDashRecord({ ...fact, plannedDurationMs: 10_000 }, [[2000, 2000, 2000], [2000, 1000]], [1000, 1000, 1000]);
  const render = (v: typeof view) => renderSessionMpd(v, [record], { urls: dashUrls, originUrl: 'http://origin.test/live/index.mpd', passthrough: false, location: '/v1/dash/cfg/live/index.mpd?aws.sessionId=s' });
  const h: SyntheticOrigin = { segmentMs: 2000, window: 6, epochMs: Date.UTC(2026, 0, 1), loop: 0, breaks: [{ startMsn: 100, segments: 5, eventId: 1 }] };
  const hlsText = originPlaylist(h, 103);
  const hlsView = originView(hlsText, { url: 'http://origin.test/live/hi.m3u8', passthrough: false });
  const hlsRecord = syntheticRecord(h, h.breaks[0]!, [[2000, 2000, 2000], [2000, 1000]]);
  const rows = await compare([
    { name: 'DASH: personalise (shared origin view, per session)', fn: () => render(view) },
    { name: 'DASH: parse origin + avails + personalise', fn: () => render(dashOriginView(text, nowMs)) },
    { name: 'HLS: personalise one media playlist (shared origin view, per session)', fn: () => renderSessionPlaylist(hlsView, [hlsRecord], { urls: hlsUrls }) },
  ]);
  return {
    title: 'Stitcher: one personalised live MPD (2-Period origin MPD, 1 break) next to one HLS media playlist',
    unit: 'building the session manifest text from the origin manifest and the session\'s avail plan',
    rows,
    notes: [
      `Per DASH session: ${rows[0]!.usPerOp.toFixed(1)} µs/op mean, ${(rows[0]!.usPerOp / rows[2]!.usPerOp).toFixed(1)}x an HLS media playlist (an MPD carries every rendition; a DASH player makes one manifest request where an HLS player makes one per rendition it plays, plus audio).`,
      `With the origin MPD's parse, its avails and the content layout (the content Periods split around the avails: made once per origin refresh and avail timing, shared by the sessions): ${rows[1]!.usPerOp.toFixed(1)} µs/op.`,
      'Per session: the ad and slate Periods of its own plan, MPD.Location, and printing the MPD.',
    ],
  };
}

export default async function run(): Promise<SuiteResult[]> {
  return [await mpd()];
}
