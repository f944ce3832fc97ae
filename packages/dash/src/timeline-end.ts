// Where the presentation a manifest describes ends (ms on the presentation timeline): now for a
// dynamic MPD when `nowMs` is given, else mediaPresentationDuration, the last Period's end, or
// the end of the last Period's latest segment.
import type { MpdView, PeriodView } from './model/types.ts';
import { segments } from './segments.ts';

/** The end of a Period's latest segment (over the first Representation of each AdaptationSet). */
export function lastSegmentEndMs(mpd: MpdView, period: PeriodView, nowMs?: number): number | undefined {
  if (period.startMs === undefined) return undefined;
  let end: number | undefined;
  for (const set of period.adaptationSets) {
    const rep = set.representations[0];
    if (!rep) continue;
    const opts = nowMs === undefined ? { fromMs: period.startMs, toMs: Infinity, maxSegments: 1_000_000 } : { fromMs: period.startMs, toMs: Infinity, nowMs, maxSegments: 1_000_000 };
    const listed = segments(mpd, period, rep, opts);
    const seg = listed.value.at(-1);
    if (seg && listed.issues.length === 0) end = Math.max(end ?? -Infinity, seg.startMs + seg.durationMs);
  }
  return end;
}

export function timelineEndMs(mpd: MpdView, nowMs?: number): number | undefined {
  if (mpd.type === 'dynamic' && nowMs !== undefined) return nowMs - (mpd.availabilityStartTimeMs ?? 0);
  if (mpd.type === 'static' && mpd.mediaPresentationDurationMs !== undefined) return mpd.mediaPresentationDurationMs;
  const last = mpd.periods.at(-1);
  if (!last || last.startMs === undefined) return undefined;
  if (last.durationMs !== undefined) return last.startMs + last.durationMs;
  return lastSegmentEndMs(mpd, last);
}
