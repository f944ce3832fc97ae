// insertPeriods: puts Periods (ad Periods with their own SegmentTemplate/SegmentTimeline) into
// the presentation at a time, splitting the Period there when the time is inside one.
// - mode 'insert' (VOD): what follows moves later by the inserted duration (Period@start of every
//   later Period and MPD@mediaPresentationDuration grow by it).
// - mode 'replace' (live SSAI): the inserted Periods take the place of the content in
//   [atMs, atMs + their duration); later Periods keep their starts. When the content does not
//   reach that far yet (an open live Period), everything after atMs is left out.
// Inserted Periods get @start and a unique @id; they must carry @duration.
import { dashIssue, type DashIssue } from '../issues.ts';
import type { Mpd } from '../mpd.ts';
import { formatDuration, parseDuration } from '../duration.ts';
import { readMpd } from '../model/read-mpd.ts';
import type { MpdView } from '../model/types.ts';
import { documentElement, getAttr, localName, withAttr, withAttrAt, withAttrs } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';
import { periodEndMs, replacePeriods, splitPeriodElements, type EditResult } from './split-period.ts';
import { uniqueId } from './unique-id.ts';

export interface InsertOptions {
  mode?: 'insert' | 'replace';
}

const SLACK_MS = 1;

/** Splits the Period containing `atMs` (if `atMs` is inside one). Returns the new MPD and whether the content reaches `atMs`. */
function splitAt(mpd: Mpd, atMs: number, issues: DashIssue[], beyondEnd: boolean): { mpd: Mpd; reached: boolean } | undefined {
  const view = readMpd(mpd).value;
  for (const p of view.periods) {
    if (p.startMs === undefined) continue;
    if (Math.abs(p.startMs - atMs) <= SLACK_MS) return { mpd, reached: true };
    const end = periodEndMs(view, p);
    if (atMs > p.startMs && (end === undefined || atMs < end - SLACK_MS)) {
      const halves = splitPeriodElements(view, p, atMs, {}, issues);
      if (!halves) return undefined;
      return { mpd: replacePeriods(mpd, view, p.index, p.index, [halves.first, halves.second]), reached: true };
    }
  }
  const last = view.periods.at(-1);
  const lastEnd = last ? periodEndMs(view, last) : 0;
  // At the end of the presentation (or, for the end of a replaced range, anywhere after it).
  if (lastEnd !== undefined && atMs >= lastEnd - SLACK_MS && (beyondEnd || atMs <= lastEnd + SLACK_MS)) return { mpd, reached: false };
  issues.push(dashIssue('DASH_SPLIT_OUT_OF_RANGE', `${atMs} ms is not inside the presentation.`, { path: view.path }, { atMs }));
  return undefined;
}

/** Period@start set (kept in place, or put after @id). */
export function withStart(el: XmlElement, startMs: number): XmlElement {
  return withAttrAt(el, 'start', formatDuration(startMs), 'id');
}

export function insertPeriods(mpd: Mpd, atMs: number, periods: XmlElement[], options: InsertOptions = {}): EditResult {
  const issues: DashIssue[] = [];
  const mode = options.mode ?? 'insert';
  const root = documentElement(mpd);
  if (!root || localName(root.name) !== 'MPD') {
    issues.push(dashIssue('DASH_MISSING_MPD', 'Periods can only be inserted into an MPD.', { path: root ? `/${root.name}` : '/' }));
    return { value: mpd, issues };
  }
  const durations: number[] = [];
  for (const [i, p] of periods.entries()) {
    const d = localName(p.name) === 'Period' ? parseDuration(getAttr(p, 'duration') ?? '') : undefined;
    if (d === undefined || d <= 0) {
      issues.push(dashIssue('DASH_INVALID_PERIOD', `Inserted Period ${i + 1} is not a Period with a positive @duration.`, { path: `(inserted)/${p.name}[${i + 1}]` }, { index: i }));
      return { value: mpd, issues };
    }
    durations.push(d);
  }
  const totalMs = durations.reduce((a, b) => a + b, 0);
  if (readMpd(mpd).value.periods.length === 0) {
    issues.push(dashIssue('DASH_PERIOD_NOT_FOUND', 'The MPD has no Period to insert next to.', { path: `/${root.name}` }));
    return { value: mpd, issues };
  }

  const first = splitAt(mpd, atMs, issues, false);
  if (!first) return { value: mpd, issues };
  let work = first.mpd;
  let dropTail = false;
  if (mode === 'replace' && first.reached) {
    const second = splitAt(work, atMs + totalMs, issues, true);
    if (!second) return { value: mpd, issues };
    work = second.mpd;
    // The content does not reach the end of the break yet: everything after atMs goes.
    dropTail = !second.reached;
  }

  const view: MpdView = readMpd(work).value;
  const taken = new Set(view.periods.map((p) => p.id).filter((id): id is string => id !== undefined));
  let at = atMs;
  const insertAt = view.periods.findIndex((p) => p.startMs !== undefined && p.startMs + SLACK_MS >= atMs);
  const anchor = insertAt >= 0 ? view.periods[insertAt] : undefined;
  if (anchor?.startMs !== undefined && Math.abs(anchor.startMs - atMs) <= SLACK_MS) at = anchor.startMs;

  const inserted: XmlElement[] = [];
  let cursor = at;
  periods.forEach((p, i) => {
    let id = getAttr(p, 'id');
    if (id === undefined || taken.has(id)) {
      const fresh = uniqueId(id ?? 'ad', taken);
      if (id !== undefined) issues.push(dashIssue('DASH_DUPLICATE_ID', `Period id "${id}" is taken; "${fresh}" is used.`, { path: `(inserted)/Period[${i + 1}]` }, { id }));
      id = fresh;
    } else taken.add(id);
    inserted.push(withStart(withAttr(p, 'id', id), cursor));
    cursor += durations[i]!;
  });

  const out: XmlElement[] = [];
  const firstAfter = insertAt < 0 ? view.periods.length : insertAt;
  for (const p of view.periods.slice(0, firstAfter)) out.push(p.el);
  out.push(...inserted);
  const rest = view.periods.slice(firstAfter);
  if (mode === 'insert') {
    for (const p of rest) out.push(p.startMs === undefined ? p.el : withStart(p.el, p.startMs + totalMs));
  } else if (!dropTail) {
    for (const p of rest) if (p.startMs === undefined || p.startMs + SLACK_MS >= at + totalMs) out.push(p.el);
  }
  // A Period before the insertion without @duration would now end at the inserted one: make that explicit.
  const before = view.periods[firstAfter - 1];
  if (before && before.startMs !== undefined && before.durationAttrMs === undefined) {
    out[firstAfter - 1] = withAttrs(before.el, { duration: formatDuration(at - before.startMs) });
  }

  const attrs: Record<string, string | undefined> = {};
  if (view.mediaPresentationDurationMs !== undefined) {
    const mpdDuration = mode === 'insert' ? view.mediaPresentationDurationMs + totalMs : Math.max(view.mediaPresentationDurationMs, at + totalMs);
    attrs.mediaPresentationDuration = formatDuration(mpdDuration);
  }
  return { value: replacePeriods(work, view, 0, view.periods.length - 1, out, attrs), issues };
}
