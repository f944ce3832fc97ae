// Lists a Representation's segments over a time range (ISO/IEC 23009-1 §5.3.9): SegmentTemplate
// with SegmentTimeline or @duration, SegmentList, SegmentBase (one segment), BaseURL only.
// Times: a segment's media time t (timescale units, what $Time$ gives) is placed on the
// presentation timeline at Period start + (t − presentationTimeOffset) / timescale.
import { dashIssue, type DashIssue } from './issues.ts';
import type { Mpd } from './mpd.ts';
import type { MpdView, PeriodView, RepresentationView } from './model/types.ts';
import { asView, describePeriod, findPeriod, findRepresentation, type PeriodRef, type RepresentationRef } from './locate.ts';
import { segmentInfo, type SegmentInfo } from './segment-info.ts';
import { fillTemplate, type TemplateProblem, type TemplateValues } from './template.ts';
import { msToTicks, ticksToMs } from './ticks.ts';
import { resolveChain, resolveUrl } from './url.ts';

export interface Segment {
  /** Media URL, resolved against the BaseURLs (and `mpdUrl` when given). */
  url: string;
  /** Byte range within `url` (SegmentList SegmentURL@mediaRange). */
  mediaRange?: string;
  /** $Number$. */
  number: number;
  /** Earliest presentation time in timescale units ($Time$). */
  time: number;
  durationTicks: number;
  timescale: number;
  /** Start on the presentation timeline (same clock as Period@start), ms. */
  startMs: number;
  /** Rounded so that consecutive segments' startMs + durationMs meet exactly. */
  durationMs: number;
}

export interface SegmentsOptions {
  /** Range on the presentation timeline, ms: segments overlapping [fromMs, toMs) are listed. */
  fromMs: number;
  toMs: number;
  /** Wall-clock now (ms since the epoch), for dynamic MPDs: bounds `r="-1"` and @duration addressing to segments already available. */
  nowMs?: number;
  /** The MPD's own URL, against which relative BaseURLs resolve. */
  mpdUrl?: string;
  /** Safety limit on the number of segments listed (default 100 000). */
  maxSegments?: number;
}

export interface SegmentsResult {
  value: Segment[];
  issues: DashIssue[];
}

interface Ctx {
  mpd: MpdView;
  period: PeriodView;
  rep: RepresentationView;
  info: SegmentInfo;
  base: string | undefined;
  values: TemplateValues;
  timescale: number;
  pto: number;
  periodStartMs: number;
  periodEndMs?: number;
  /** Now on the presentation timeline (dynamic MPDs with nowMs). */
  nowMs?: number;
  opts: SegmentsOptions;
  issues: DashIssue[];
  out: Segment[];
  problems: TemplateProblem[];
  limit: number;
}

function templateIssues(ctx: Ctx): void {
  for (const p of ctx.problems.splice(0)) {
    const path = ctx.info.paths[ctx.info.paths.length - 1] ?? ctx.rep.path;
    if (!ctx.issues.some((i) => i.code === 'DASH_SEGMENT_TEMPLATE' && i.message === p.message)) {
      ctx.issues.push(dashIssue('DASH_SEGMENT_TEMPLATE', p.message, { path }));
    }
  }
}

function mediaUrl(ctx: Ctx, number: number, time: number, listIndex: number): { url: string; mediaRange?: string } | undefined {
  const { info } = ctx;
  if (info.kind === 'template') {
    const url = fillTemplate(info.media ?? '', { ...ctx.values, Number: number, Time: time }, ctx.problems);
    return { url: resolveUrl(ctx.base, url) };
  }
  const entry = info.segmentUrls?.[listIndex];
  if (!entry) return undefined;
  const out: { url: string; mediaRange?: string } = { url: entry.media !== undefined ? resolveUrl(ctx.base, entry.media) : (ctx.base ?? '') };
  if (entry.mediaRange !== undefined) out.mediaRange = entry.mediaRange;
  return out;
}

/** Adds the segment when it overlaps the range; returns false once past the range (stop). */
function emit(ctx: Ctx, time: number, d: number, number: number, listIndex: number): boolean {
  const startMs = ctx.periodStartMs + ticksToMs(time - ctx.pto, ctx.timescale);
  if (startMs >= ctx.opts.toMs) return false;
  if (ctx.periodEndMs !== undefined && startMs >= ctx.periodEndMs) return false;
  const endMs = ctx.periodStartMs + ticksToMs(time + d - ctx.pto, ctx.timescale);
  if (endMs <= ctx.opts.fromMs) return true;
  if (ctx.out.length >= ctx.limit) {
    ctx.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', `More than ${ctx.limit} segments in the range; the list is cut.`, { path: ctx.rep.path }));
    return false;
  }
  const media = mediaUrl(ctx, number, time, listIndex);
  if (!media) return false;
  ctx.out.push({ ...media, number, time, durationTicks: d, timescale: ctx.timescale, startMs, durationMs: endMs - startMs });
  return true;
}

/** Media time at a presentation time. */
function ticksAt(ctx: Ctx, ms: number): number {
  return ctx.pto + msToTicks(ms - ctx.periodStartMs, ctx.timescale);
}

/** First repeat index of an S run (start t, duration d) that can reach fromMs. */
function firstIndex(ctx: Ctx, t: number, d: number): number {
  if (!Number.isFinite(ctx.opts.fromMs)) return 0;
  return Math.max(0, Math.floor((ticksAt(ctx, ctx.opts.fromMs) - t) / d) - 1);
}

function listTimeline(ctx: Ctx): void {
  const entries = ctx.info.timeline!;
  const startNumber = ctx.info.startNumber ?? 1;
  let t = 0;
  let number = startNumber;
  let listIndex = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.t !== undefined) {
      if (i > 0 && e.t < t) {
        ctx.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', `S[${i + 1}]@t=${e.t} is before the end of the previous segment (${t}).`, { path: ctx.info.paths.at(-1) }));
      }
      t = e.t;
    }
    if (e.n !== undefined) number = e.n;
    let count: number;
    if (e.r >= 0) count = e.r + 1;
    else {
      // r = -1: up to the next S@t, else the Period end, else (dynamic) now, else the range end.
      const next = entries[i + 1];
      let endTicks: number | undefined;
      let complete = false;
      if (next?.t !== undefined) endTicks = next.t;
      else if (next) {
        ctx.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', `S[${i + 1}]@r="-1" is followed by an S without @t.`, { path: ctx.info.paths.at(-1) }));
      } else if (ctx.periodEndMs !== undefined) endTicks = ticksAt(ctx, ctx.periodEndMs);
      else if (ctx.nowMs !== undefined) {
        endTicks = ticksAt(ctx, ctx.nowMs);
        complete = true;
      } else if (Number.isFinite(ctx.opts.toMs)) endTicks = ticksAt(ctx, ctx.opts.toMs);
      if (endTicks === undefined) {
        ctx.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', `S[${i + 1}]@r="-1" has no end (no next S@t, no Period end, no now) and the range is unbounded.`, { path: ctx.info.paths.at(-1) }));
        count = 1;
      } else {
        count = Math.max(0, complete ? Math.floor((endTicks - t) / e.d) : Math.ceil((endTicks - t) / e.d));
      }
    }
    for (let k = firstIndex(ctx, t, e.d); k < count; k++) {
      if (!emit(ctx, t + k * e.d, e.d, number + k, listIndex + k)) return;
    }
    t += count * e.d;
    number += count;
    listIndex += count;
  }
}

function listByDuration(ctx: Ctx): void {
  const d = ctx.info.duration!;
  const startNumber = ctx.info.startNumber ?? 1;
  const { info } = ctx;
  let count = Infinity;
  if (ctx.periodEndMs !== undefined) count = Math.ceil(msToTicks(ctx.periodEndMs - ctx.periodStartMs, ctx.timescale) / d);
  if (info.endNumber !== undefined) count = Math.min(count, info.endNumber - startNumber + 1);
  if (info.kind === 'list') count = Math.min(count, info.segmentUrls?.length ?? 0);
  if (ctx.nowMs !== undefined) {
    // Dynamic: a segment is available once it has ended (availabilityTimeOffset moves that earlier).
    const ato = info.availabilityTimeOffset ?? 0;
    const nowTicks = msToTicks(ctx.nowMs - ctx.periodStartMs + (Number.isFinite(ato) ? ato * 1000 : 0), ctx.timescale);
    count = Math.min(count, Math.max(0, Math.floor(nowTicks / d)));
  }
  if (!Number.isFinite(count) && !Number.isFinite(ctx.opts.toMs)) {
    ctx.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', 'Segments by @duration with no Period end, no now and an unbounded range.', { path: info.paths.at(-1) }));
    return;
  }
  // Segment k starts (k·d) after the Period start; its media time is presentationTimeOffset + k·d.
  const fromTicks = Number.isFinite(ctx.opts.fromMs) ? msToTicks(ctx.opts.fromMs - ctx.periodStartMs, ctx.timescale) : 0;
  for (let k = Math.max(0, Math.floor(fromTicks / d) - 1); k < count; k++) {
    if (!emit(ctx, ctx.pto + k * d, d, startNumber + k, k)) return;
  }
}

function listSingle(ctx: Ctx): void {
  if (ctx.base === undefined) return;
  const durationMs = ctx.periodEndMs !== undefined ? ctx.periodEndMs - ctx.periodStartMs : 0;
  const startMs = ctx.periodStartMs;
  if (startMs >= ctx.opts.toMs || (durationMs > 0 && startMs + durationMs <= ctx.opts.fromMs)) return;
  ctx.out.push({ url: ctx.base, number: 1, time: ctx.pto, durationTicks: msToTicks(durationMs, ctx.timescale), timescale: ctx.timescale, startMs, durationMs });
}

function context(mpd: Mpd | MpdView, periodRef: PeriodRef, repRef: RepresentationRef, opts: SegmentsOptions, issues: DashIssue[]): Ctx | undefined {
  const view = asView(mpd);
  const period = findPeriod(view, periodRef);
  if (!period) {
    issues.push(dashIssue('DASH_PERIOD_NOT_FOUND', `No Period with ${describePeriod(periodRef)}.`, { path: view.path }));
    return undefined;
  }
  const found = findRepresentation(period, repRef);
  if (!found) {
    issues.push(dashIssue('DASH_REPRESENTATION_NOT_FOUND', `No Representation ${typeof repRef === 'string' ? `"${repRef}"` : repRef.path} in ${period.path}.`, { path: period.path }));
    return undefined;
  }
  const { adaptationSet, representation: rep } = found;
  if (period.startMs === undefined) {
    issues.push(dashIssue('DASH_PERIOD_START_UNKNOWN', `${period.path} has no known start.`, { path: period.path }));
    return undefined;
  }
  const info = segmentInfo(period, adaptationSet, rep);
  const base = resolveChain(opts.mpdUrl, [view.baseUrls[0], period.baseUrls[0], adaptationSet.baseUrls[0], rep.baseUrls[0]]);
  const values: TemplateValues = {};
  if (rep.id !== undefined) values.RepresentationID = rep.id;
  if (rep.bandwidth !== undefined) values.Bandwidth = rep.bandwidth;
  const ctx: Ctx = {
    mpd: view, period, rep, info, base, values,
    timescale: info.timescale ?? 1,
    pto: info.presentationTimeOffset ?? 0,
    periodStartMs: period.startMs,
    opts, issues, out: [], problems: [],
    limit: opts.maxSegments ?? 100_000,
  };
  if (period.durationMs !== undefined) ctx.periodEndMs = period.startMs + period.durationMs;
  if (view.type === 'dynamic' && opts.nowMs !== undefined) ctx.nowMs = opts.nowMs - (view.availabilityStartTimeMs ?? 0);
  return ctx;
}

/** The segments of one Representation of one Period that overlap [fromMs, toMs). Never throws. */
export function segments(mpd: Mpd | MpdView, period: PeriodRef, representation: RepresentationRef, options: SegmentsOptions): SegmentsResult {
  const issues: DashIssue[] = [];
  const ctx = context(mpd, period, representation, options, issues);
  if (!ctx) return { value: [], issues };
  const { info } = ctx;
  if (info.kind === 'template' && info.media === undefined) {
    issues.push(dashIssue('DASH_SEGMENT_TEMPLATE', 'The SegmentTemplate has no @media.', { path: info.paths.at(-1) }));
  } else if ((info.kind === 'template' || info.kind === 'list') && info.timeline) listTimeline(ctx);
  else if ((info.kind === 'template' || info.kind === 'list') && info.duration !== undefined) listByDuration(ctx);
  else if (info.kind === 'list' && (info.segmentUrls?.length ?? 0) === 1) listSingle({ ...ctx, base: mediaUrl(ctx, 1, 0, 0)?.url ?? ctx.base });
  else if (info.kind === 'template' || info.kind === 'list') {
    issues.push(dashIssue('DASH_SEGMENT_TEMPLATE', `The ${info.kind === 'template' ? 'SegmentTemplate' : 'SegmentList'} has neither a SegmentTimeline nor @duration.`, { path: info.paths.at(-1) }));
  } else if (ctx.base !== undefined && (info.kind === 'base' || ctx.rep.baseUrls.length > 0)) listSingle(ctx);
  else issues.push(dashIssue('DASH_NO_SEGMENT_INFO', `${ctx.rep.path} has no segment information.`, { path: ctx.rep.path }));
  templateIssues(ctx);
  return { value: ctx.out, issues };
}

/** The initialization segment's URL (SegmentTemplate@initialization or Initialization@sourceURL), when there is one. */
export function initializationUrl(mpd: Mpd | MpdView, period: PeriodRef, representation: RepresentationRef, options: { mpdUrl?: string } = {}): string | undefined {
  const issues: DashIssue[] = [];
  const ctx = context(mpd, period, representation, { fromMs: 0, toMs: 0, ...options }, issues);
  if (!ctx) return undefined;
  const { info } = ctx;
  if (info.kind === 'template' && info.initialization !== undefined) return resolveUrl(ctx.base, fillTemplate(info.initialization, ctx.values));
  if (info.initializationSourceUrl !== undefined) return resolveUrl(ctx.base, info.initializationSourceUrl);
  if (info.initializationRange !== undefined) return ctx.base;
  return undefined;
}
