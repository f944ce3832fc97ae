// Where a VOD session's breaks go and what each plays (pure). Positions are on the content's
// timeline in integer ms, snapped to the nearest content segment boundary; breaks are inserted
// there (the content is not replaced), so each break's ads move everything after it later.
import type { VmapTimeOffset } from '@adsplice/vast';
import { fillAds, type Bumper, type CandidateAd, type FillPlan } from './fill-plan.ts';
import type { PlanItem, VodBreak } from './model.ts';

/** Segment boundaries of the content: 0, the end of each segment, …, its duration. */
export function boundaries(segmentsMs: readonly number[]): number[] {
  const out = [0];
  for (const d of segmentsMs) out.push(out.at(-1)! + d);
  return out;
}

/** The index of the boundary nearest `ms` (the earlier one on a tie). */
export function nearestBoundary(bounds: readonly number[], ms: number): number {
  let best = 0;
  for (let i = 1; i < bounds.length; i++) if (Math.abs(bounds[i]! - ms) < Math.abs(bounds[best]! - ms)) best = i;
  return best;
}

/**
 * A VMAP timeOffset on the content: start, end, a time, a percentage of the content, or `#n` (the
 * n-th cue of the manifest, from 1). undefined: past the end, or a cue the content does not have.
 */
export function offsetOnContent(offset: VmapTimeOffset, contentMs: number, cuesMs: readonly number[]): number | undefined {
  if (offset === 'start') return 0;
  if (offset === 'end') return contentMs;
  if (typeof offset === 'number') return offset <= contentMs ? offset : undefined;
  if (offset.endsWith('%')) {
    const pct = Number(offset.slice(0, -1));
    return pct >= 0 && pct <= 100 ? Math.round((pct * contentMs) / 100) : undefined;
  }
  return cuesMs[Number(offset.slice(1)) - 1];
}

/** A break's kind from where it landed: at 0 a pre-roll, at the content's end a post-roll. */
export function kindAt(positionMs: number, contentMs: number): VodBreak['kind'] {
  return positionMs <= 0 ? 'preroll' : positionMs >= contentMs ? 'postroll' : 'midroll';
}

export interface BreakRequest<T> {
  /** Where the break was asked for (before snapping). */
  requestedMs: number;
  source: VodBreak['source'];
  breakId?: string;
  /** What the break plays: passed through (ads, the cue's planned duration, …). */
  payload: T;
}

export interface PlacedBreak<T> extends BreakRequest<T> {
  kind: VodBreak['kind'];
  /** On a content segment boundary. */
  positionMs: number;
}

/** Snaps each break to the nearest segment boundary and sorts them (stable: equal positions keep their order). */
export function placeBreaks<T>(requests: readonly BreakRequest<T>[], segmentsMs: readonly number[]): PlacedBreak<T>[] {
  const bounds = boundaries(segmentsMs);
  const contentMs = bounds.at(-1)!;
  return requests
    .map((r) => {
      const positionMs = bounds[nearestBoundary(bounds, r.requestedMs)]!;
      return { ...r, positionMs, kind: kindAt(positionMs, contentMs) };
    })
    .sort((a, b) => a.positionMs - b.positionMs);
}

/**
 * The fill plan of a VOD break: every conditioned ad in order (within `limitMs` when the break has
 * a duration — a cue's — else all of them), the bumpers around them, no slate (nothing to fill:
 * the content waits). A creative not conditioned yet is skipped with live's reasons (and queued).
 */
export function vodFillPlan(candidates: readonly CandidateAd[], limitMs: number | undefined, bumpers: { start?: Bumper; end?: Bumper } = {}): FillPlan {
  const { items, ads, skipped, filledMs } = fillAds(candidates, limitMs ?? Infinity);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (ads.length === 0) return { mode: 'content', items: [], ads: [], skipped, filledMs: 0, slateMs: 0 };
  const bumper = (b: Bumper): PlanItem => ({ kind: 'bumper', creativeKey: b.creativeKey, segmentsMs: b.segmentsMs, durationMs: sum(b.segmentsMs) });
  if (bumpers.start) items.unshift(bumper(bumpers.start));
  if (bumpers.end) items.push(bumper(bumpers.end));
  return { mode: 'ads', items, ads, skipped, filledMs, slateMs: 0 };
}

/** How long a break plays (its items). */
export function breakDurationMs(items: readonly PlanItem[]): number {
  return items.reduce((a, it) => a + it.durationMs, 0);
}
