// What the scheduler needs from outside: its store, the channels it dispatches to, a clock.
import type { HistoryEntry, Recurrence, Schedule, ScheduleStatus } from './model.ts';

export interface Clock {
  now(): number;
}

export interface ScheduleFilter {
  channelId?: string;
  status?: ScheduleStatus[];
  fromMs?: number;
  toMs?: number;
  limit?: number;
  offset?: number;
}

export interface ScheduleRepository {
  /** Inserts schedules (and their first history rows) all or nothing. */
  insert(schedules: Schedule[], history: HistoryEntry[]): Promise<void>;
  get(id: string): Promise<Schedule | undefined>;
  list(filter: ScheduleFilter): Promise<Schedule[]>;
  history(id: string): Promise<HistoryEntry[]>;
  /**
   * Changes a schedule only if its status is one of `from` (and, when given, its lease is held by
   * `leaseOwner`); writes the history row in the same transaction. Returns the new row, or undefined
   * when the condition did not hold (someone else changed it first).
   */
  transition(id: string, from: readonly ScheduleStatus[], change: Partial<Omit<Schedule, 'id'>>, entry: Omit<HistoryEntry, 'scheduleId' | 'from'> | null, leaseOwner?: string): Promise<Schedule | undefined>;
  /**
   * Claims up to `limit` schedules due for dispatch (status scheduled, dispatchAtMs ≤ now, no live
   * lease): each claim is a conditional update, so two schedulers never hold the same schedule.
   */
  claimDue(nowMs: number, owner: string, leaseMs: number, limit: number): Promise<Schedule[]>;
  /** Releases a lease (after a failed attempt), setting when to try again. */
  release(id: string, owner: string, change: Partial<Pick<Schedule, 'dispatchAtMs' | 'attempts' | 'lastError'>>): Promise<void>;
  /** The earliest dispatchAtMs among scheduled schedules, for the dispatcher's next wake-up. */
  nextDueMs(): Promise<number | undefined>;
  insertRecurrence(r: Recurrence): Promise<void>;
  listRecurrences(): Promise<Recurrence[]>;
  getRecurrence(id: string): Promise<Recurrence | undefined>;
  /** Records how far a recurrence was expanded, together with the schedules it produced, all or nothing. */
  expandRecurrence(id: string, expandedUntilMs: number, schedules: Schedule[], history: HistoryEntry[]): Promise<void>;
  setRecurrenceActive(id: string, active: boolean): Promise<boolean>;
}

/** A break as the channel has it (from its schedule actions). */
export interface ChannelBreak {
  actionName: string;
  spliceEventId: number;
  startMs: number;
  /** undefined for an open-ended break. */
  endMs?: number;
}

export type ControlResult = { ok: true } | { ok: false; code: string; message: string; retryable: boolean };

/** The channels' side: MediaLive's schedule API, in process or over HTTP. */
export interface ChannelControl {
  channel(id: string): Promise<{ id: string; leadTimeSeconds: number } | undefined>;
  breaks(channelId: string): Promise<ChannelBreak[]>;
  /** A Fixed SpliceInsert named `actionName`. */
  spliceInsert(channelId: string, a: { actionName: string; startMs: number; durationSeconds: number; spliceEventId: number }): Promise<ControlResult>;
  /** An Immediate SpliceInsert (break now). */
  spliceInsertNow(channelId: string, a: { actionName: string; durationSeconds: number; spliceEventId: number }): Promise<ControlResult & { startMs?: number }>;
  returnToNetwork(channelId: string, a: { actionName: string; spliceEventId: number }): Promise<ControlResult>;
  deleteAction(channelId: string, actionName: string): Promise<ControlResult>;
}
