// Rewrites the segment information of one half of a split Period (§5.3.9): SegmentTimeline cut,
// SegmentList SegmentURLs cut, and for the second half @presentationTimeOffset moved to the
// media time of the new Period start and @startNumber to the number of its first segment.
// Inheritance is followed level by level (Period → AdaptationSet → Representation): each element
// is rewritten from its effective (merged) values, so inherited and own values stay consistent.
import { dashIssue, type DashIssue } from '../issues.ts';
import { msToTicks } from '../ticks.ts';
import { childElements, getAttr, localName, withAttrs, withChildren } from '../xml/dom.ts';
import type { XmlElement, XmlNode } from '../xml/types.ts';
import { cutFirstHalf, cutSecondHalf, snapToBoundary, timelineRuns } from './cut-timeline.ts';

export type Half = 'first' | 'second';

export interface CutPlan {
  half: Half;
  /** Split point, ms after the Period start. */
  offsetMs: number;
  issues: DashIssue[];
  /** Set when a half ends up with no segment in some timeline. */
  emptyTimeline?: boolean;
  /** Refuse: a @duration-addressed Representation cannot be split off a segment boundary. */
  refused?: boolean;
}

/** Effective values of one kind of segment information at a level. */
interface Effective {
  timescale: number;
  pto: number;
  startNumber: number;
  duration?: number;
  sEls?: XmlElement[];
}

export const SEGMENT_INFO_NAMES = ['SegmentBase', 'SegmentList', 'SegmentTemplate'] as const;
export type SegmentInfoName = (typeof SEGMENT_INFO_NAMES)[number];
export type Inherited = Partial<Record<SegmentInfoName, Effective>>;

function uint(el: XmlElement, name: string): number | undefined {
  const v = getAttr(el, name);
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

function own(el: XmlElement, parent: Effective | undefined): Effective {
  const eff: Effective = { timescale: 1, pto: 0, startNumber: 1, ...parent };
  const timescale = uint(el, 'timescale');
  if (timescale) eff.timescale = timescale;
  const pto = uint(el, 'presentationTimeOffset');
  if (pto !== undefined) eff.pto = pto;
  const startNumber = uint(el, 'startNumber');
  if (startNumber !== undefined) eff.startNumber = startNumber;
  const duration = uint(el, 'duration');
  if (duration) eff.duration = duration;
  const timeline = childElements(el, 'SegmentTimeline')[0];
  if (timeline) eff.sEls = childElements(timeline, 'S');
  return eff;
}

/** What the half looks like for these effective values. */
interface Cut {
  sEls?: XmlElement[];
  /** Segments dropped before the half's first one. */
  dropped: number;
  /** Segments in the half (SegmentList URLs to keep), when bounded. */
  kept?: number;
  /** The half's presentationTimeOffset. */
  pto: number;
}

function cutEffective(eff: Effective, plan: CutPlan, path: string): Cut {
  const offsetTicks = msToTicks(plan.offsetMs, eff.timescale);
  const rawSplit = eff.pto + offsetTicks;
  const tolerance = Math.max(1, Math.ceil(eff.timescale / 1000));
  if (eff.sEls) {
    const runs = timelineRuns(eff.sEls);
    const snapped = snapToBoundary(runs, rawSplit, tolerance);
    const splitT = snapped ?? rawSplit;
    const cut = plan.half === 'first' ? cutFirstHalf(runs, splitT) : cutSecondHalf(runs, splitT);
    if (cut.straddle && plan.half === 'second') {
      plan.issues.push(dashIssue('DASH_SPLIT_NOT_ON_BOUNDARY', `${path}: the split falls inside a segment; it is kept in both Periods.`, { path }));
    }
    if (cut.sEls.length === 0) plan.emptyTimeline = true;
    let kept = 0;
    for (const s of cut.sEls) {
      const r = uint(s, 'r');
      kept += getAttr(s, 'r')?.trim() === '-1' ? Infinity : (r ?? 0) + 1;
    }
    return { sEls: cut.sEls, dropped: cut.dropped, kept, pto: plan.half === 'second' ? splitT : eff.pto };
  }
  if (eff.duration !== undefined) {
    const k = Math.round(offsetTicks / eff.duration);
    if (Math.abs(k * eff.duration - offsetTicks) > tolerance) {
      plan.refused = true;
      plan.issues.push(dashIssue('DASH_SPLIT_NOT_ON_BOUNDARY', `${path}: segments are addressed by @duration and the split is not on a segment boundary.`, { path }, { severity: 'fatal' }));
    }
    return plan.half === 'first' ? { dropped: 0, kept: Math.ceil(offsetTicks / eff.duration), pto: eff.pto } : { dropped: k, pto: eff.pto + k * eff.duration };
  }
  return { dropped: 0, pto: plan.half === 'second' ? rawSplit : eff.pto };
}

function rewrite(el: XmlElement, parent: Effective | undefined, plan: CutPlan, path: string): { el: XmlElement; eff: Effective } {
  const eff = own(el, parent);
  const cut = cutEffective(eff, plan, path);
  const hasOwnTimeline = childElements(el, 'SegmentTimeline').length > 0;
  let children: XmlNode[] = el.children;
  if (hasOwnTimeline && cut.sEls) {
    const sEls = cut.sEls;
    children = children.map((c) => {
      if (c.type !== 'element' || localName(c.name) !== 'SegmentTimeline') return c;
      const rest = c.children.filter((x) => !(x.type === 'element' && localName(x.name) === 'S'));
      return withChildren(c, [...sEls, ...rest]);
    });
  }
  if (localName(el.name) === 'SegmentList' && childElements(el, 'SegmentURL').length > 0) {
    let index = 0;
    const from = cut.dropped;
    const to = cut.kept === undefined ? Infinity : from + cut.kept;
    children = children.filter((c) => {
      if (c.type !== 'element' || localName(c.name) !== 'SegmentURL') return true;
      const i = index++;
      return i >= from && i < to;
    });
  }
  let out = children === el.children ? el : withChildren(el, children);
  const next: Effective = { ...eff, pto: cut.pto, startNumber: eff.startNumber + cut.dropped };
  if (plan.half === 'second') {
    const ownsTiming = !parent || getAttr(el, 'presentationTimeOffset') !== undefined || getAttr(el, 'timescale') !== undefined || hasOwnTimeline || getAttr(el, 'duration') !== undefined;
    if (ownsTiming) {
      const isBase = localName(el.name) === 'SegmentBase';
      out = withAttrs(out, {
        presentationTimeOffset: next.pto !== 0 || getAttr(el, 'presentationTimeOffset') !== undefined ? String(next.pto) : undefined,
        ...(isBase ? {} : { startNumber: next.startNumber !== 1 || getAttr(el, 'startNumber') !== undefined ? String(next.startNumber) : undefined }),
      });
    }
  }
  // Children inherit the values as they were before the cut, and rewrite from those.
  return { el: out, eff };
}

/** Rewrites the segment information among `el`'s children, and recursively in AdaptationSets and Representations. */
export function cutLevel(el: XmlElement, inherited: Inherited, plan: CutPlan, path: string): XmlElement {
  const here: Inherited = { ...inherited };
  let changed = false;
  const children = el.children.map((c) => {
    if (c.type !== 'element') return c;
    const name = localName(c.name) as SegmentInfoName;
    if (!SEGMENT_INFO_NAMES.includes(name)) return c;
    const { el: out, eff } = rewrite(c, inherited[name], plan, `${path}/${c.name}`);
    here[name] = eff;
    if (out !== c) changed = true;
    return out;
  });
  const counts = new Map<string, number>();
  const final = children.map((c) => {
    if (c.type !== 'element') return c;
    const name = localName(c.name);
    if (name !== 'AdaptationSet' && name !== 'Representation') return c;
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    const out = cutLevel(c, here, plan, `${path}/${name}[${n}]`);
    if (out !== c) changed = true;
    return out;
  });
  return changed ? withChildren(el, final) : el;
}
