// Elemental Live's cue_point API, as the seed article uses it:
//   <cue_point><event_id>1</event_id><splice_time><hours>12</hours><minutes>00</minutes>
//   <seconds>0</seconds><frames>0</frames></splice_time><duration>30</duration></cue_point>
//   <cue_point><event_id>1</event_id><splice_offset>1</splice_offset><duration>30</duration></cue_point>
// splice_time is a UTC time of day (the next occurrence); splice_offset is milliseconds from now.
// A cue_point with <return_to_network>true</return_to_network> (or duration 0) ends the break early.
import { XMLParser } from 'fast-xml-parser';
import type { ScheduleAction } from './schedule.ts';

export interface CuePoint {
  eventId: number;
  /** Absent for a return to network. */
  durationSeconds?: number;
  /** Fixed UTC start, ms; absent for an immediate (offset) cue. */
  startMs?: number;
  /** The request's splice_offset in ms, echoed in the response. */
  spliceOffsetMs?: number;
  spliceTime?: { hours: number; minutes: number; seconds: number; frames: number };
  returnToNetwork: boolean;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

export class CuePointError extends Error {}

function int(v: unknown, field: string, max: number): number {
  const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  if (!/^\d+$/.test(text) || Number(text) > max) throw new CuePointError(`${field} must be a whole number from 0 to ${max}`);
  return Number(text);
}

/** Parses a cue_point request body; throws CuePointError with what is wrong. */
export function parseCuePoint(xml: string, nowMs: number): CuePoint {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new CuePointError(`not well-formed XML: ${(err as Error).message}`);
  }
  const cp = (doc as { cue_point?: Record<string, unknown> }).cue_point;
  if (!cp || typeof cp !== 'object') throw new CuePointError('the body must be a <cue_point> element');
  if (cp.event_id === undefined) throw new CuePointError('event_id is required');
  const eventId = int(cp.event_id, 'event_id', 2 ** 32 - 1);
  const rtn = String(cp.return_to_network ?? '').trim() === 'true';
  const durationSeconds = cp.duration === undefined ? undefined : int(cp.duration, 'duration', 86400);
  if (!rtn && (durationSeconds === undefined || durationSeconds === 0)) throw new CuePointError('duration (seconds) is required; send return_to_network to end a break');
  const out: CuePoint = { eventId, returnToNetwork: rtn || durationSeconds === 0, ...(durationSeconds ? { durationSeconds } : {}) };
  if (cp.splice_time !== undefined && cp.splice_time !== '') {
    const t = cp.splice_time as Record<string, unknown>;
    const st = { hours: int(t.hours, 'splice_time/hours', 23), minutes: int(t.minutes, 'splice_time/minutes', 59), seconds: int(t.seconds, 'splice_time/seconds', 59), frames: int(t.frames ?? '0', 'splice_time/frames', 60) };
    const day = Math.floor(nowMs / 86_400_000) * 86_400_000;
    let startMs = day + ((st.hours * 60 + st.minutes) * 60 + st.seconds) * 1000;
    if (startMs <= nowMs) startMs += 86_400_000; // the next occurrence of that time of day
    out.spliceTime = st;
    out.startMs = startMs;
  } else if (cp.splice_offset !== undefined) {
    out.spliceOffsetMs = int(cp.splice_offset, 'splice_offset', 86_400_000);
  } else {
    throw new CuePointError('splice_time or splice_offset is required');
  }
  return out;
}

/**
 * The schedule action a cue point stands for. An offset at least the channel's lead time ahead is a
 * Fixed start on the whole second at or after now + offset; a shorter one is Immediate (the next second).
 */
export function cuePointAction(cp: CuePoint, nowMs: number, leadTimeMs: number, name: string): ScheduleAction {
  const start =
    cp.startMs !== undefined
      ? { FixedModeScheduleActionStartSettings: { Time: new Date(cp.startMs).toISOString() } }
      : cp.spliceOffsetMs !== undefined && cp.spliceOffsetMs >= leadTimeMs
        ? { FixedModeScheduleActionStartSettings: { Time: new Date(Math.ceil((nowMs + cp.spliceOffsetMs) / 1000) * 1000).toISOString() } }
        : { ImmediateModeScheduleActionStartSettings: {} };
  return {
    ActionName: name,
    ScheduleActionStartSettings: start,
    ScheduleActionSettings: cp.returnToNetwork
      ? { Scte35ReturnToNetworkSettings: { SpliceEventId: cp.eventId } }
      : { Scte35SpliceInsertSettings: { SpliceEventId: cp.eventId, Duration: cp.durationSeconds! * 90_000 } },
  };
}

const esc = (s: string) => s.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));

/** Elemental Live's response body. */
export function cuePointResponse(cp: CuePoint, message = ''): string {
  const st = cp.spliceTime ?? { hours: 0, minutes: 0, seconds: 0, frames: 0 };
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <tag>2</tag>\n' +
    `  <event_id>${cp.eventId}</event_id>\n` +
    `  <splice_time>\n    <hours>${st.hours}</hours>\n    <minutes>${pad(st.minutes)}</minutes>\n    <seconds>${pad(st.seconds)}</seconds>\n    <frames>${st.frames}</frames>\n  </splice_time>\n` +
    `  <splice_offset>${cp.spliceOffsetMs ?? 0}</splice_offset>\n  <message>${esc(message)}</message>\n  <value>cue_point</value>\n</response>\n`
  );
}
