// Cuts a SegmentTimeline (ISO/IEC 23009-1 §5.3.9.6) at a media time, for Period splitting.
// The S elements are kept (with any unknown attributes); only @t and @r change. A run with
// r="-1" is made explicit in the first half and stays open in the second.
import { getAttr, withAttrAt, withAttrs } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';

interface Run {
  s: XmlElement;
  t: number;
  d: number;
  /** Segments in the run; undefined when r="-1" runs to the Period end. */
  count?: number;
  explicitT: boolean;
}

function int(el: XmlElement, name: string): number | undefined {
  const v = getAttr(el, name);
  if (v === undefined || !/^\s*-?\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

/** Sets S@t (first, when it was absent) or removes it. */
function withT(s: XmlElement, t: number | undefined): XmlElement {
  return t === undefined ? withAttrs(s, { t: undefined }) : withAttrAt(s, 't', String(t), 0);
}

export function timelineRuns(sEls: XmlElement[]): Run[] {
  const runs: Run[] = [];
  let t = 0;
  for (let i = 0; i < sEls.length; i++) {
    const s = sEls[i]!;
    const d = int(s, 'd');
    if (d === undefined || d <= 0) continue;
    const explicit = int(s, 't');
    if (explicit !== undefined) t = explicit;
    const r = int(s, 'r') ?? 0;
    let count: number | undefined = r + 1;
    if (r < 0) {
      const nextT = sEls[i + 1] ? int(sEls[i + 1]!, 't') : undefined;
      count = nextT !== undefined ? Math.max(0, Math.ceil((nextT - t) / d)) : undefined;
    }
    runs.push({ s, t, d, count, explicitT: explicit !== undefined });
    if (count === undefined) break;
    t += count * d;
  }
  return runs;
}

/** The segment boundary within `tolerance` ticks of `mediaTime`, if any. */
export function snapToBoundary(runs: Run[], mediaTime: number, tolerance: number): number | undefined {
  for (const run of runs) {
    const k = Math.round((mediaTime - run.t) / run.d);
    if (k < 0 || (run.count !== undefined && k > run.count)) continue;
    const boundary = run.t + k * run.d;
    if (Math.abs(boundary - mediaTime) <= tolerance) return boundary;
  }
  return undefined;
}

export interface TimelineCut {
  /** The S elements of the half. */
  sEls: XmlElement[];
  /** Segments of the whole timeline before the half's first one (to move startNumber). */
  dropped: number;
  /** A segment spans the split (it is kept in both halves). */
  straddle: boolean;
}

export function cutFirstHalf(runs: Run[], splitT: number): TimelineCut {
  const sEls: XmlElement[] = [];
  let straddle = false;
  for (const run of runs) {
    if (run.t >= splitT) break;
    const need = Math.ceil((splitT - run.t) / run.d);
    const count = run.count === undefined ? need : Math.min(run.count, need);
    if (count <= 0) continue;
    if (run.t + count * run.d > splitT) straddle = true;
    sEls.push(withT(withAttrs(run.s, { r: count > 1 ? String(count - 1) : undefined }), run.explicitT || sEls.length === 0 ? run.t : undefined));
  }
  // The first S keeps @t as written (absent means 0).
  if (sEls.length > 0 && runs[0] && !runs[0].explicitT && runs[0].t === 0) sEls[0] = withAttrs(sEls[0]!, { t: undefined });
  return { sEls, dropped: 0, straddle };
}

export function cutSecondHalf(runs: Run[], splitT: number): TimelineCut {
  const sEls: XmlElement[] = [];
  let dropped = 0;
  let straddle = false;
  for (const run of runs) {
    const k0 = run.t >= splitT ? 0 : Math.floor((splitT - run.t) / run.d);
    if (run.count !== undefined && k0 >= run.count) {
      dropped += run.count;
      continue;
    }
    dropped += k0;
    const t = run.t + k0 * run.d;
    if (t < splitT) straddle = true;
    const r = run.count === undefined ? '-1' : run.count - k0 > 1 ? String(run.count - k0 - 1) : undefined;
    sEls.push(withT(withAttrs(run.s, { r }), sEls.length === 0 || run.explicitT ? t : undefined));
  }
  return { sEls, dropped, straddle };
}
