// splitPeriod: one Period becomes two at a presentation time (pure; returns a new Mpd).
// - First half: same @start and id, @duration = split − start, timelines cut at the split.
// - Second half: @start = split, a new unique id, @duration = the rest (when the Period had one),
//   @presentationTimeOffset moved to the media time at the split, @startNumber to its first
//   segment, timelines from the split on; a split within 1 ms of a segment boundary snaps to it.
// - Events go to the half holding their presentation time; in the second half their
//   @presentationTime is rebased (exactly, in BigInt) so their times do not change.
import { dashIssue, type DashIssue } from '../issues.ts';
import type { Mpd } from '../mpd.ts';
import { formatDuration } from '../duration.ts';
import { describePeriod, findPeriod, type PeriodRef } from '../locate.ts';
import { readMpd } from '../model/read-mpd.ts';
import type { MpdView, PeriodView } from '../model/types.ts';
import { msToBigTicks, parseBigUint } from '../ticks.ts';
import { lastSegmentEndMs } from '../timeline-end.ts';
import { documentElement, getAttr, localName, withAttrAt, withAttrs, withChildren } from '../xml/dom.ts';
import type { XmlElement, XmlNode } from '../xml/types.ts';
import { cutLevel, type CutPlan, type Half } from './cut-segment-info.ts';
import { uniqueId } from './unique-id.ts';

export interface SplitOptions {
  /** Id for the second half (default: the Period's id + "_1", "_2", … whichever is free). */
  id?: string;
}

export interface EditResult {
  value: Mpd;
  issues: DashIssue[];
}

/** A Period's end: start + duration, else (open-ended) the end of its latest segment. */
export function periodEndMs(view: MpdView, period: PeriodView): number | undefined {
  if (period.startMs === undefined) return undefined;
  if (period.durationMs !== undefined) return period.startMs + period.durationMs;
  return lastSegmentEndMs(view, period);
}

function splitEvents(stream: XmlElement, half: Half, offsetMs: number): XmlElement {
  const timescale = Number(getAttr(stream, 'timescale') ?? '1') || 1;
  const offsetTicks = msToBigTicks(offsetMs, timescale);
  const pto = parseBigUint(getAttr(stream, 'presentationTimeOffset') ?? '0') ?? 0n;
  const children: XmlNode[] = [];
  for (const c of stream.children) {
    if (c.type !== 'element' || localName(c.name) !== 'Event') {
      children.push(c);
      continue;
    }
    const pt = parseBigUint(getAttr(c, 'presentationTime') ?? '0') ?? 0n;
    const inFirst = pt - pto < offsetTicks;
    if (half === 'first' && inFirst) children.push(c);
    if (half === 'second' && !inFirst) children.push(withAttrs(c, { presentationTime: String(pt - offsetTicks) }));
  }
  return withChildren(stream, children);
}

function makeHalf(period: PeriodView, half: Half, offsetMs: number, issues: DashIssue[]): { el: XmlElement; plan: CutPlan } {
  const plan: CutPlan = { half, offsetMs, issues };
  let el = cutLevel(period.el, {}, plan, period.path);
  el = withChildren(
    el,
    el.children.map((c) => (c.type === 'element' && localName(c.name) === 'EventStream' ? splitEvents(c, half, offsetMs) : c)),
  );
  return { el, plan };
}

/** The two halves of `period` split `atMs` (presentation time), or issues saying why not. */
export function splitPeriodElements(view: MpdView, period: PeriodView, atMs: number, options: SplitOptions, issues: DashIssue[]): { first: XmlElement; second: XmlElement; secondEmpty: boolean } | undefined {
  const start = period.startMs;
  const end = periodEndMs(view, period);
  if (start === undefined || !(atMs > start) || (end !== undefined && !(atMs < end)) || !Number.isFinite(atMs)) {
    issues.push(dashIssue('DASH_SPLIT_OUT_OF_RANGE', `${period.path}: ${atMs} ms is not inside the Period (${start ?? '?'}–${end ?? '?'} ms).`, { path: period.path }, { atMs }));
    return undefined;
  }
  const offsetMs = Math.round(atMs - start);
  const local: DashIssue[] = [];
  const first = makeHalf(period, 'first', offsetMs, local);
  const second = makeHalf(period, 'second', offsetMs, local);
  const boundary = local.filter((i) => i.code === 'DASH_SPLIT_NOT_ON_BOUNDARY');
  const refused = local.find((i) => i.severity === 'fatal');
  if (refused) {
    issues.push(refused);
    return undefined;
  }
  if (boundary[0]) issues.push(boundary[0]);
  issues.push(...local.filter((i) => i.code !== 'DASH_SPLIT_NOT_ON_BOUNDARY'));

  const taken = new Set(view.periods.map((p) => p.id).filter((id): id is string => id !== undefined));
  // Multi-Period MPDs need Period ids (and dynamic ones require them): a Period without one gets one.
  let firstId = period.id;
  if (firstId === undefined) {
    firstId = taken.has(`p${period.index}`) ? uniqueId(`p${period.index}`, taken) : `p${period.index}`;
    taken.add(firstId);
  }
  const id = options.id !== undefined && !taken.has(options.id) ? options.id : uniqueId(firstId, taken);
  if (options.id !== undefined && options.id !== id) {
    issues.push(dashIssue('DASH_DUPLICATE_ID', `Period id "${options.id}" is taken; "${id}" is used.`, { path: period.path }, { id: options.id }));
  }
  const firstEl = withAttrAt(withAttrs(first.el, { duration: formatDuration(offsetMs) }), 'id', firstId, 0);
  const durationAttr = period.durationAttrMs;
  const secondEl = withAttrAt(
    withAttrAt(withAttrs(second.el, { duration: durationAttr !== undefined ? formatDuration(durationAttr - offsetMs) : undefined }), 'id', id, 0),
    'start',
    formatDuration(atMs),
    'id',
  );
  return { first: firstEl, second: secondEl, secondEmpty: second.plan.emptyTimeline === true };
}

/** Replaces the Period element at `index` among the MPD's Periods by `replacement`. */
export function replacePeriods(mpd: Mpd, view: MpdView, from: number, to: number, replacement: XmlElement[], attrs: Record<string, string | undefined> = {}): Mpd {
  const root = documentElement(mpd)!;
  const targets = new Set(view.periods.slice(from, to + 1).map((p) => p.el));
  const children: XmlNode[] = [];
  let placed = false;
  for (const c of root.children) {
    if (c.type === 'element' && targets.has(c)) {
      if (!placed) children.push(...replacement);
      placed = true;
      continue;
    }
    children.push(c);
  }
  const newRoot = withAttrs(withChildren(root, children), attrs);
  return { children: mpd.children.map((c) => (c === root ? newRoot : c)) };
}

/** Splits a Period in two at `atMs` (presentation time, ms). Returns the MPD unchanged with a fatal issue when it cannot. */
export function splitPeriod(mpd: Mpd, period: PeriodRef, atMs: number, options: SplitOptions = {}): EditResult {
  const view = readMpd(mpd).value;
  const issues: DashIssue[] = [];
  const p = findPeriod(view, period);
  if (!p || !view.isMpd) {
    issues.push(dashIssue('DASH_PERIOD_NOT_FOUND', `No Period with ${describePeriod(period)} in an MPD.`, { path: view.path }));
    return { value: mpd, issues };
  }
  const halves = splitPeriodElements(view, p, atMs, options, issues);
  if (!halves) return { value: mpd, issues };
  return { value: replacePeriods(mpd, view, p.index, p.index, [halves.first, halves.second]), issues };
}
