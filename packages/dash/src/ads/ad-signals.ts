// DASH EventStream events → the shared AdSignal model (dialect 'dash-event'), in presentation
// order. presentationTimeMs is always set (Period start + event time); timeMs (wall clock) only
// for dynamic MPDs: availabilityStartTime + presentationTimeMs.
import type { AdSignal } from '@adsplice/scte35/ad-signal';
import { dashIssue, type DashIssue } from '../issues.ts';
import type { MpdView } from '../model/types.ts';
import { isScte35Scheme } from '../model/read-event-stream.ts';
import { ticksToMs } from '../ticks.ts';
import { classifyCue } from './classify-cue.ts';
import { decodeEvent } from './decode-event.ts';

/** An AdSignal plus where it came from in the MPD. */
export interface DashAdSignal extends AdSignal {
  /** Id of the Period holding the EventStream (absent when the Period has none). */
  periodId?: string;
  /** 0-based index of that Period. */
  periodIndex: number;
  /** Element path of the Event. */
  path: string;
}

export function readAdSignals(mpd: MpdView, issues: DashIssue[]): DashAdSignal[] {
  const out: DashAdSignal[] = [];
  const dynamic = mpd.type === 'dynamic';
  for (const period of mpd.periods) {
    for (const stream of period.eventStreams) {
      if (!isScte35Scheme(stream.schemeIdUri)) continue;
      for (const event of stream.events) {
        const decoded = decodeEvent(event.el, stream.schemeIdUri, [mpd.el, period.el, stream.el]);
        const fatal = decoded.issues.filter((i) => i.severity === 'fatal');
        if (!decoded.section || decoded.missing) {
          issues.push(dashIssue('DASH_EVENT_DECODE', `${event.path}: ${decoded.missing ?? fatal[0]?.message ?? 'the SCTE-35 payload does not decode'}.`, { offset: event.el.offset, path: event.path }, { scte35Issues: decoded.issues }));
          continue;
        }
        if (fatal.length > 0) {
          issues.push(dashIssue('DASH_EVENT_DECODE', `${event.path}: ${fatal[0]!.message}`, { offset: event.el.offset, path: event.path }, { scte35Issues: decoded.issues }));
        }
        for (const meaning of classifyCue(decoded.section)) {
          const signal: DashAdSignal = { kind: meaning.kind, dialect: 'dash-event', periodIndex: period.index, path: event.path };
          if (period.id !== undefined) signal.periodId = period.id;
          if (event.presentationTimeMs !== undefined) {
            signal.presentationTimeMs = event.presentationTimeMs;
            if (dynamic && mpd.availabilityStartTimeMs !== undefined) signal.timeMs = mpd.availabilityStartTimeMs + event.presentationTimeMs;
          }
          if (meaning.eventId !== undefined) signal.eventId = meaning.eventId;
          if (event.id !== undefined) signal.id = event.id;
          if (meaning.kind === 'out') {
            if (event.durationMs !== undefined) signal.durationMs = event.durationMs;
            else if (meaning.durationTicks !== undefined) signal.durationMs = ticksToMs(meaning.durationTicks, 90_000);
          }
          if (meaning.segmentationTypeId !== undefined) signal.segmentationTypeId = meaning.segmentationTypeId;
          signal.scte35 = decoded.section;
          if (decoded.text !== undefined) signal.scte35Text = decoded.text;
          out.push(signal);
        }
      }
    }
  }
  // Stable sort by presentation time; signals without one keep document order at the end.
  return out
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.presentationTimeMs ?? Infinity) - (b.s.presentationTimeMs ?? Infinity) || a.i - b.i)
    .map(({ s }) => s);
}
