// Pairs DASH ad signals into breaks (Avails), as the HLS package does for cue tags:
// - an OUT starts a break; an IN with the same event id (or where either has none) ends it;
// - a break with a planned duration (Event@duration, break_duration, segmentation_duration)
//   ends by itself at start + duration (auto-return) when a later OUT comes after that, or when
//   the manifest's timeline reaches past it;
// - an IN before the planned end is an early return (`earlyReturn`);
// - an OUT while a break runs: the same event id again is a repeat (kept on the break,
//   DASH_AVAIL_REPEATED_OUT), another id is an overlap (DASH_AVAIL_OVERLAP; the first break
//   ends where the second starts); an IN with no break to end is DASH_AVAIL_ORPHAN_IN;
// - runs of Periods that are already ads (see ad-periods.ts) become breaks of their own unless
//   an event-signalled break covers them; every break lists the Periods that start inside it
//   (MediaPackage's "new Period on ads" form puts the break in its own Period).
import type { Avail } from '@adsplice/scte35/ad-signal';
import type { DashIssue } from '../issues.ts';
import { dashIssue } from '../issues.ts';
import type { MpdView, PeriodView } from '../model/types.ts';
import { timelineEndMs } from '../timeline-end.ts';
import { isStitchedAdPeriod, type AdPeriodTest } from './ad-periods.ts';
import type { DashAdSignal } from './ad-signals.ts';

export interface DashAvail extends Avail {
  signals: DashAdSignal[];
  /** Where the break ends on the presentation timeline, when known. */
  endPresentationTimeMs?: number;
  /** 0-based indexes of the Periods that start inside the break. */
  periodIndexes: number[];
  /** Their ids (Periods without an id are left out). */
  periodIds: string[];
  /** 'events': from SCTE-35 events; 'periods': from ad Periods with no event. */
  source: 'events' | 'periods';
}

export interface AvailsOptions {
  /** Wall clock (ms since the epoch) for dynamic MPDs: a planned end before now closes a break. */
  nowMs?: number;
  /** Which Periods are ads already (default: isStitchedAdPeriod). */
  isAdPeriod?: AdPeriodTest;
}

/** Rounding slack: starts and durations are each rounded to the ms. */
const SLACK_MS = 1;

function plannedEnd(a: DashAvail): number | undefined {
  return a.plannedDurationMs === undefined ? undefined : a.startPresentationTimeMs! + a.plannedDurationMs;
}

function startAvail(s: DashAdSignal): DashAvail {
  const a: DashAvail = { open: true, startedBeforeWindow: false, earlyReturn: false, signals: [s], periodIndexes: [], periodIds: [], source: 'events' };
  if (s.timeMs !== undefined) a.startTimeMs = s.timeMs;
  a.startPresentationTimeMs = s.presentationTimeMs!;
  if (s.durationMs !== undefined) a.plannedDurationMs = s.durationMs;
  if (s.eventId !== undefined) a.eventId = s.eventId;
  return a;
}

function close(a: DashAvail, endMs: number): void {
  a.open = false;
  a.endPresentationTimeMs = endMs;
  a.elapsedMs = endMs - a.startPresentationTimeMs!;
}

function pairSignals(signals: DashAdSignal[], issues: DashIssue[]): { avails: DashAvail[]; running?: DashAvail } {
  const avails: DashAvail[] = [];
  let cur: DashAvail | undefined;
  for (const s of signals) {
    const t = s.presentationTimeMs;
    if (t === undefined || (s.kind !== 'out' && s.kind !== 'in')) continue;
    if (s.kind === 'out') {
      if (cur) {
        const pe = plannedEnd(cur);
        if (pe !== undefined && t + SLACK_MS >= pe) close(cur, pe);
        else if (s.eventId !== undefined && s.eventId === cur.eventId) {
          cur.signals.push(s);
          issues.push(dashIssue('DASH_AVAIL_REPEATED_OUT', `${s.path}: OUT for event ${s.eventId} repeats the running break's OUT.`, { path: s.path }, { eventId: s.eventId }));
          continue;
        } else {
          issues.push(dashIssue('DASH_AVAIL_OVERLAP', `${s.path}: OUT at ${t} ms while the break from ${cur.startPresentationTimeMs} ms runs.`, { path: s.path }, { eventId: s.eventId, previousEventId: cur.eventId }));
          close(cur, t);
        }
      }
      cur = startAvail(s);
      avails.push(cur);
      continue;
    }
    const matches = cur !== undefined && t >= cur.startPresentationTimeMs! && (cur.eventId === undefined || s.eventId === undefined || cur.eventId === s.eventId);
    if (!cur || !matches) {
      issues.push(dashIssue('DASH_AVAIL_ORPHAN_IN', `${s.path}: IN${s.eventId !== undefined ? ` for event ${s.eventId}` : ''} at ${t} ms ends no running break.`, { path: s.path }, { eventId: s.eventId }));
      continue;
    }
    cur.signals.push(s);
    const pe = plannedEnd(cur);
    if (pe !== undefined && t + SLACK_MS < pe) cur.earlyReturn = true;
    close(cur, t);
    cur = undefined;
  }
  return cur ? { avails, running: cur } : { avails };
}

/** The next Period's start (exact as written), else start + duration. */
function periodEnd(p: PeriodView, periods: PeriodView[]): number | undefined {
  const next = periods[p.index + 1];
  if (next?.startMs !== undefined) return next.startMs;
  return p.startMs !== undefined && p.durationMs !== undefined ? p.startMs + p.durationMs : undefined;
}

function attachPeriods(a: DashAvail, periods: PeriodView[]): void {
  const start = a.startPresentationTimeMs!;
  const end = a.endPresentationTimeMs ?? Infinity;
  for (const p of periods) {
    if (p.startMs === undefined || p.startMs + SLACK_MS < start || p.startMs + SLACK_MS >= end) continue;
    a.periodIndexes.push(p.index);
    if (p.id !== undefined) a.periodIds.push(p.id);
  }
}

function periodAvails(mpd: MpdView, isAdPeriod: AdPeriodTest, covered: DashAvail[]): DashAvail[] {
  const out: DashAvail[] = [];
  let run: PeriodView[] = [];
  const flush = (): void => {
    const first = run[0];
    const last = run.at(-1);
    run = [];
    if (!first || !last || first.startMs === undefined) return;
    const start = first.startMs;
    const end = periodEnd(last, mpd.periods);
    if (covered.some((a) => a.startPresentationTimeMs! < (end ?? Infinity) && start < (a.endPresentationTimeMs ?? Infinity))) return;
    const a: DashAvail = { open: end === undefined, startedBeforeWindow: false, earlyReturn: false, signals: [], periodIndexes: [], periodIds: [], source: 'periods' };
    if (mpd.type === 'dynamic' && mpd.availabilityStartTimeMs !== undefined) a.startTimeMs = mpd.availabilityStartTimeMs + start;
    a.startPresentationTimeMs = start;
    if (end !== undefined) {
      a.plannedDurationMs = end - start;
      close(a, end);
    }
    out.push(a);
  };
  for (const p of mpd.periods) {
    if (isAdPeriod(p)) run.push(p);
    else flush();
  }
  flush();
  return out;
}

/** Breaks found in an MPD, with the issues pairing raised. */
export function pairAvails(mpd: MpdView, signals: DashAdSignal[], issues: DashIssue[], options: AvailsOptions = {}): DashAvail[] {
  const { avails, running } = pairSignals(signals, issues);
  if (running) {
    const end = timelineEndMs(mpd, options.nowMs);
    const pe = plannedEnd(running);
    if (pe !== undefined && end !== undefined && pe <= end + SLACK_MS) close(running, pe);
    else if (end !== undefined) running.elapsedMs = Math.max(0, end - running.startPresentationTimeMs!);
  }
  for (const a of avails) attachPeriods(a, mpd.periods);
  const fromPeriods = periodAvails(mpd, options.isAdPeriod ?? isStitchedAdPeriod, avails);
  for (const a of fromPeriods) attachPeriods(a, mpd.periods);
  return [...avails, ...fromPeriods].sort((x, y) => x.startPresentationTimeMs! - y.startPresentationTimeMs!);
}
