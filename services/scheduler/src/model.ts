// Ad break schedules: what an operator plans, its status, its history.

export const SCHEDULE_STATUSES = ['scheduled', 'dispatched', 'on_air', 'completed', 'cancelled', 'failed', 'missed'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** Statuses a schedule can still leave. */
export const OPEN_STATUSES: readonly ScheduleStatus[] = ['scheduled', 'dispatched', 'on_air'];

export interface Schedule {
  id: string;
  channelId: string;
  /** ms since 1970, a whole second. */
  startMs: number;
  durationSeconds: number;
  spliceEventId: number;
  status: ScheduleStatus;
  /** The recurring schedule this one was expanded from. */
  recurrenceId: string | null;
  /** When the dispatcher should next try to hand it to its channel. */
  dispatchAtMs: number;
  attempts: number;
  lastError: string | null;
  /** The schedule action's name on the channel: one per schedule, so a repeated dispatch is recognised. */
  actionName: string;
  createdBy: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface HistoryEntry {
  scheduleId: string;
  from: ScheduleStatus | null;
  to: ScheduleStatus;
  atMs: number;
  actor: string;
  reason: string;
}

/** Every `everyMinutes` between `fromTime` and `toTime` (UTC, HH:MM) each day from `startDate`. */
export interface Recurrence {
  id: string;
  channelId: string;
  everyMinutes: number;
  fromTime: string;
  toTime: string;
  durationSeconds: number;
  /** 0 = Sunday … 6 = Saturday; empty = every day. */
  daysOfWeek: number[];
  /** First day (YYYY-MM-DD, UTC). */
  startDate: string;
  /** Last day, inclusive; null = no end. */
  endDate: string | null;
  active: boolean;
  /** Occurrences before this time have been expanded into schedules. */
  expandedUntilMs: number;
  createdBy: string;
  createdAtMs: number;
}

/** The JSON a client sees. */
export function scheduleJson(s: Schedule) {
  return {
    id: s.id,
    channelId: s.channelId,
    startTime: new Date(s.startMs).toISOString(),
    durationSeconds: s.durationSeconds,
    spliceEventId: s.spliceEventId,
    status: s.status,
    recurrenceId: s.recurrenceId,
    attempts: s.attempts,
    lastError: s.lastError,
    actionName: s.actionName,
    createdBy: s.createdBy,
    createdAt: new Date(s.createdAtMs).toISOString(),
    updatedAt: new Date(s.updatedAtMs).toISOString(),
  };
}

export function historyJson(h: HistoryEntry) {
  return { from: h.from, to: h.to, at: new Date(h.atMs).toISOString(), actor: h.actor, reason: h.reason };
}
