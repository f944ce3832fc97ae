// Prefetch schedules as MediaTailor has them: a retrieval window in which each session asks the ADS
// ahead of a break (spread over a traffic-shaping window, so every viewer does not ask in the same
// second), and a consumption window in which an avail matching the criteria (e.g. scte.event_id)
// plays those ads instead of asking again. Pure: times are integer milliseconds.
import { createHash } from 'node:crypto';
import { Type, type Static } from '@fastify/type-provider-typebox';
import { StitcherError } from './errors.ts';
import { availVariable, type AvailVariables } from './ads-url.ts';

/** Dynamic variables an avail can be matched on (MediaTailor's "available for ad prefetch"). */
export const MATCHABLE_VARIABLES = ['scte.event_id', 'scte.avail_num', 'scte.avails_expected', 'scte.segment_num', 'scte.unique_program_id', 'session.avail_duration_ms', 'session.avail_duration_secs'] as const;

export interface PrefetchSchedule {
  name: string;
  playbackConfigurationName: string;
  retrieval: {
    startTimeMs: number;
    endTimeMs: number;
    /** Values for the ADS URL's variables in the prefetch request; the avail is matched against them. */
    dynamicVariables: Record<string, string>;
    /** ADS requests spread evenly over this many seconds from the retrieval start (0: none). */
    trafficShapingWindowSeconds: number;
  };
  consumption: {
    /** Omitted: as soon as the ads are retrieved. */
    startTimeMs?: number;
    endTimeMs: number;
    availMatchingCriteria: { dynamicVariable: string; operator: 'EQUALS' }[];
    /**
     * Breaks scheduled in adsplice: an avail whose splice_event_id its markers do not tell at its
     * start (Elemental-style CUE-OUT without a payload) matches scte.event_id when it starts within
     * AVAIL_START_TOLERANCE_MS of this time.
     */
    availStartTimeMs?: number;
  };
  /** Only sessions on this manifest path (a session's path under the configuration's source URL) retrieve. */
  streamId?: string;
  /** `api`: made through the management API; `scheduler`: derived from a break scheduled in adsplice. */
  source: 'api' | 'scheduler';
  createdAt: string;
}

/** What one session retrieved for one schedule: the resolved VAST ads (or why there are none). */
export interface PrefetchedAds {
  scheduleName: string;
  retrievedAtMs: number;
  ads: unknown[];
  error?: string;
}

const Time = Type.String({ format: 'date-time' });

export const PrefetchScheduleInput = Type.Object(
  {
    retrieval: Type.Object(
      {
        startTime: Type.Optional(Time),
        endTime: Time,
        dynamicVariables: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]+\\.[A-Za-z0-9_.-]+$' }), Type.String({ maxLength: 1024 }))),
        trafficShapingType: Type.Optional(Type.Literal('RETRIEVAL_WINDOW')),
        trafficShapingRetrievalWindow: Type.Optional(Type.Object({ retrievalWindowDurationSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    streamId: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    consumption: Type.Object(
      {
        startTime: Type.Optional(Time),
        endTime: Time,
        availMatchingCriteria: Type.Optional(
          Type.Array(Type.Object({ dynamicVariable: Type.String(), operator: Type.Literal('EQUALS') }, { additionalProperties: false }), { maxItems: 5 }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PrefetchScheduleInput = Static<typeof PrefetchScheduleInput>;

export const SCHEDULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The schedule a create request describes; throws STITCH_PREFETCH_INVALID. */
export function newPrefetchSchedule(configName: string, name: string, input: PrefetchScheduleInput, nowMs: number): PrefetchSchedule {
  const bad = (message: string, field: string) => new StitcherError('STITCH_PREFETCH_INVALID', message, { field });
  if (!SCHEDULE_NAME.test(name)) throw bad('name must be 1-128 characters of A-Z, a-z, 0-9, _, . and -', 'name');
  const r = input.retrieval;
  const c = input.consumption;
  const startTimeMs = r.startTime === undefined ? nowMs : Date.parse(r.startTime);
  const endTimeMs = Date.parse(r.endTime);
  if (!(endTimeMs > startTimeMs)) throw bad('retrieval.endTime must be after retrieval.startTime', 'retrieval.endTime');
  const consumptionEnd = Date.parse(c.endTime);
  if (!(consumptionEnd > nowMs)) throw bad('consumption.endTime must be in the future', 'consumption.endTime');
  const consumptionStart = c.startTime === undefined ? undefined : Date.parse(c.startTime);
  if (consumptionStart !== undefined && !(consumptionEnd > consumptionStart)) throw bad('consumption.endTime must be after consumption.startTime', 'consumption.endTime');
  if (consumptionEnd < startTimeMs) throw bad('consumption must end after retrieval starts', 'consumption.endTime');
  const dynamicVariables = r.dynamicVariables ?? {};
  const criteria = c.availMatchingCriteria ?? [];
  for (const m of criteria) {
    if (!(MATCHABLE_VARIABLES as readonly string[]).includes(m.dynamicVariable)) throw bad(`availMatchingCriteria: ${m.dynamicVariable} cannot be matched (one of ${MATCHABLE_VARIABLES.join(', ')})`, 'consumption.availMatchingCriteria');
    if (dynamicVariables[m.dynamicVariable] === undefined) throw bad(`availMatchingCriteria: ${m.dynamicVariable} needs a value in retrieval.dynamicVariables`, 'retrieval.dynamicVariables');
  }
  for (const v of ['scte.event_id', 'scte.avail_num', 'scte.avails_expected', 'scte.segment_num', 'scte.unique_program_id', 'session.avail_duration_ms', 'session.avail_duration_secs']) {
    const x = dynamicVariables[v];
    if (x !== undefined && !/^\d{1,15}$/.test(x)) throw bad(`retrieval.dynamicVariables: ${v} must be a whole number`, 'retrieval.dynamicVariables');
  }
  const window = r.trafficShapingRetrievalWindow?.retrievalWindowDurationSeconds;
  if (window !== undefined && r.trafficShapingType !== 'RETRIEVAL_WINDOW') throw bad('trafficShapingRetrievalWindow needs trafficShapingType RETRIEVAL_WINDOW', 'retrieval.trafficShapingType');
  return {
    name,
    playbackConfigurationName: configName,
    retrieval: { startTimeMs, endTimeMs, dynamicVariables, trafficShapingWindowSeconds: window ?? 0 },
    consumption: { ...(consumptionStart === undefined ? {} : { startTimeMs: consumptionStart }), endTimeMs: consumptionEnd, availMatchingCriteria: criteria },
    ...(input.streamId === undefined ? {} : { streamId: input.streamId }),
    source: 'api',
    createdAt: new Date(nowMs).toISOString(),
  };
}

/** The API's JSON form (MediaTailor's shape, camelCase, ISO times). */
export function prefetchScheduleJson(s: PrefetchSchedule) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    name: s.name,
    playbackConfigurationName: s.playbackConfigurationName,
    scheduleType: 'SINGLE' as const,
    retrieval: {
      startTime: iso(s.retrieval.startTimeMs),
      endTime: iso(s.retrieval.endTimeMs),
      dynamicVariables: s.retrieval.dynamicVariables,
      ...(s.retrieval.trafficShapingWindowSeconds > 0 ? { trafficShapingType: 'RETRIEVAL_WINDOW', trafficShapingRetrievalWindow: { retrievalWindowDurationSeconds: s.retrieval.trafficShapingWindowSeconds } } : {}),
    },
    consumption: { ...(s.consumption.startTimeMs === undefined ? {} : { startTime: iso(s.consumption.startTimeMs) }), endTime: iso(s.consumption.endTimeMs), availMatchingCriteria: s.consumption.availMatchingCriteria },
    ...(s.streamId === undefined ? {} : { streamId: s.streamId }),
    source: s.source,
    createdAt: s.createdAt,
  };
}

/** A number in [0, 1) fixed for a (session, schedule): where in the shaping window the session asks. */
export function spreadOf(sessionId: string, scheduleName: string): number {
  return createHash('sha1').update(`${scheduleName}\n${sessionId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Whether a session's request at `nowMs` should make its prefetch request for the schedule: inside
 * the retrieval window, once its place in the shaping window has come. `refreshMs` (the playlist's
 * target duration) makes the last request before the window closes fire, so no session misses it.
 */
export function prefetchDue(s: PrefetchSchedule, sessionId: string, nowMs: number, refreshMs: number): boolean {
  const { startTimeMs, endTimeMs, trafficShapingWindowSeconds } = s.retrieval;
  if (nowMs < startTimeMs || nowMs >= endTimeMs) return false;
  if (trafficShapingWindowSeconds <= 0) return true;
  const windowMs = Math.min(trafficShapingWindowSeconds * 1000, Math.max(0, endTimeMs - startTimeMs - refreshMs));
  return nowMs >= startTimeMs + Math.floor(spreadOf(sessionId, s.name) * windowMs) || nowMs + refreshMs >= endTimeMs;
}

/** The avail values the prefetch request uses, from the schedule's dynamic variables (the rest as given). */
export function prefetchAvailVariables(s: PrefetchSchedule, fallback: AvailVariables): AvailVariables {
  const v = s.retrieval.dynamicVariables;
  const num = (k: string) => (v[k] === undefined ? undefined : Number(v[k]));
  const durationMs = num('session.avail_duration_ms') ?? (num('session.avail_duration_secs') === undefined ? undefined : num('session.avail_duration_secs')! * 1000);
  const out: AvailVariables = { ...fallback };
  if (durationMs !== undefined) out.availDurationMs = durationMs;
  const map: [string, keyof AvailVariables][] = [
    ['scte.event_id', 'eventId'],
    ['scte.avail_num', 'availNum'],
    ['scte.avails_expected', 'availsExpected'],
    ['scte.unique_program_id', 'uniqueProgramId'],
    ['scte.segment_num', 'segmentNum'],
  ];
  for (const [k, field] of map) if (num(k) !== undefined) out[field] = num(k)!;
  return out;
}

export const AVAIL_START_TOLERANCE_MS = 4000;

/**
 * Whether the avail (its variables at decision time, its first segment's program date-time) may play
 * the schedule's prefetched ads at `nowMs`.
 */
export function consumable(s: PrefetchSchedule, avail: AvailVariables, nowMs: number, retrievedAtMs: number, availStartMs?: number): boolean {
  const { startTimeMs, endTimeMs, availMatchingCriteria, availStartTimeMs } = s.consumption;
  if (nowMs < (startTimeMs ?? retrievedAtMs) || nowMs >= endTimeMs) return false;
  const byStart = avail.eventId === undefined && availStartTimeMs !== undefined && availStartMs !== undefined && Math.abs(availStartMs - availStartTimeMs) <= AVAIL_START_TOLERANCE_MS;
  return availMatchingCriteria.every((m) => (m.dynamicVariable === 'scte.event_id' && byStart) || String(availVariable(m.dynamicVariable, avail)) === s.retrieval.dynamicVariables[m.dynamicVariable]);
}

export interface UpcomingBreak {
  /** The break's id where it was scheduled (adsplice's scheduler: the schedule id). */
  id: string;
  startTimeMs: number;
  durationMs: number;
  spliceEventId: number;
}

export interface DerivedPrefetchOptions {
  /** How long before a break its retrieval opens (default 120 s). */
  leadMs: number;
  /** How long before a break its retrieval closes, left for conditioning new creatives (default 25 s). */
  reserveMs: number;
}

export const DERIVED_PREFETCH_DEFAULTS: DerivedPrefetchOptions = { leadMs: 120_000, reserveMs: 25_000 };

/**
 * The prefetch schedule a break scheduled in adsplice gets: retrieval from `leadMs` before it (or
 * now) until `reserveMs` before it, spread over that whole window; consumption around the break,
 * matched on its splice_event_id. undefined when it is too late to prefetch.
 */
export function derivedPrefetchSchedule(configName: string, streamId: string, b: UpcomingBreak, nowMs: number, o: DerivedPrefetchOptions = DERIVED_PREFETCH_DEFAULTS): PrefetchSchedule | undefined {
  const startTimeMs = Math.max(nowMs, b.startTimeMs - o.leadMs);
  const endTimeMs = b.startTimeMs - Math.min(o.reserveMs, Math.max(2000, (b.startTimeMs - nowMs) / 3));
  if (endTimeMs - startTimeMs < 1000) return undefined;
  return {
    name: `adsplice-${b.id}`,
    playbackConfigurationName: configName,
    retrieval: {
      startTimeMs,
      endTimeMs,
      dynamicVariables: { 'scte.event_id': String(b.spliceEventId), 'session.avail_duration_ms': String(b.durationMs) },
      trafficShapingWindowSeconds: Math.max(1, Math.floor((endTimeMs - startTimeMs) / 1000)),
    },
    consumption: { startTimeMs: b.startTimeMs - 10_000, endTimeMs: b.startTimeMs + b.durationMs + 60_000, availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }], availStartTimeMs: b.startTimeMs },
    streamId,
    source: 'scheduler',
    createdAt: new Date(nowMs).toISOString(),
  };
}
