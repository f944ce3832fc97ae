// The rules a new or changed schedule must pass, checked together for a whole batch (pure).
import type { Schedule } from './model.ts';
import type { ChannelBreak } from './ports.ts';

export interface Candidate {
  channelId: string;
  startMs: number;
  durationSeconds: number;
  spliceEventId?: number;
  /** Set when an existing schedule is being changed (it does not clash with itself). */
  id?: string;
}

export interface ChannelState {
  leadTimeSeconds: number;
  /** Open schedules of the channel (scheduled, dispatched, on air). */
  schedules: Schedule[];
  /** Breaks the channel has from its own actions (including those our schedules created). */
  breaks: ChannelBreak[];
}

export interface ValidationError {
  index: number;
  code: string;
  message: string;
}

export interface ValidateContext {
  nowMs: number;
  /** How far ahead of its start a schedule is handed to its channel. */
  dispatchLeadMs: number;
  /** undefined: the channel does not exist. */
  channels: Map<string, ChannelState | undefined>;
}

interface Interval {
  startMs: number;
  endMs: number;
  spliceEventId: number;
  label: string;
  scheduleId?: string;
  actionName?: string;
}

/** The earliest start a new schedule may have: it must still be dispatchable ahead of the channel's lead time. */
export function earliestStartMs(nowMs: number, dispatchLeadMs: number, channelLeadSeconds: number): number {
  return Math.ceil((nowMs + Math.max(dispatchLeadMs, channelLeadSeconds * 1000 + 2000)) / 1000) * 1000;
}

/** Fills missing spliceEventIds and returns every rule broken, per candidate index. */
export function validateBatch(candidates: Candidate[], ctx: ValidateContext): { errors: ValidationError[]; spliceEventIds: number[] } {
  const errors: ValidationError[] = [];
  const taken = new Map<string, Interval[]>();
  const intervalsOf = (channelId: string, state: ChannelState): Interval[] => {
    let list = taken.get(channelId);
    if (!list) {
      const ours = new Set(state.schedules.map((s) => s.actionName));
      list = [
        ...state.schedules.map((s) => ({ startMs: s.startMs, endMs: s.startMs + s.durationSeconds * 1000, spliceEventId: s.spliceEventId, label: `schedule ${s.id}`, scheduleId: s.id, actionName: s.actionName })),
        ...state.breaks
          .filter((b) => !ours.has(b.actionName) && (b.endMs === undefined || b.endMs > ctx.nowMs))
          .map((b) => ({ startMs: b.startMs, endMs: b.endMs ?? Number.POSITIVE_INFINITY, spliceEventId: b.spliceEventId, label: `channel action ${b.actionName}` })),
      ];
      taken.set(channelId, list);
    }
    return list;
  };
  const ids: number[] = [];
  candidates.forEach((c, index) => {
    const fail = (code: string, message: string) => errors.push({ index, code, message });
    const state = ctx.channels.get(c.channelId);
    if (!state) return fail('SCHEDULE_CHANNEL_NOT_FOUND', `channel "${c.channelId}" does not exist`);
    if (!Number.isInteger(c.startMs) || c.startMs % 1000 !== 0) return fail('SCHEDULE_START_NOT_WHOLE_SECOND', 'startTime must be a whole second (breaks start exactly on it)');
    if (!Number.isInteger(c.durationSeconds) || c.durationSeconds < 1 || c.durationSeconds > 3600) return fail('SCHEDULE_DURATION_INVALID', 'durationSeconds must be a whole number from 1 to 3600');
    const earliest = earliestStartMs(ctx.nowMs, ctx.dispatchLeadMs, state.leadTimeSeconds);
    if (c.startMs < earliest) return fail('SCHEDULE_TOO_SOON', `startTime must be at or after ${new Date(earliest).toISOString()} (the scheduler hands breaks to the channel ${ctx.dispatchLeadMs / 1000} s ahead; the channel needs ${state.leadTimeSeconds} s)`);
    const all = intervalsOf(c.channelId, state);
    const list = all.filter((i) => i.scheduleId === undefined || i.scheduleId !== c.id);
    const endMs = c.startMs + c.durationSeconds * 1000;
    const clash = list.find((i) => i.startMs < endMs && c.startMs < i.endMs);
    if (clash) return fail('SCHEDULE_OVERLAP', `the break ${new Date(c.startMs).toISOString()}+${c.durationSeconds}s overlaps ${clash.label} (${new Date(clash.startMs).toISOString()})`);
    let id = c.spliceEventId;
    if (id === undefined) {
      // A free id: the start's seconds since 2020, then the next free one.
      id = Math.floor((c.startMs - Date.UTC(2020, 0, 1)) / 1000) % 2 ** 32;
      while (list.some((i) => i.spliceEventId === id)) id = (id + 1) % 2 ** 32;
    } else if (!Number.isInteger(id) || id < 0 || id >= 2 ** 32) {
      return fail('SCHEDULE_SPLICE_EVENT_ID_INVALID', 'spliceEventId must be a whole number from 0 to 4294967295');
    } else {
      const dup = list.find((i) => i.spliceEventId === id);
      if (dup) return fail('SCHEDULE_DUPLICATE_SPLICE_EVENT_ID', `spliceEventId ${id} is already used by ${dup.label}`);
    }
    ids[index] = id;
    all.push({ startMs: c.startMs, endMs, spliceEventId: id, label: `item ${index} of this request`, ...(c.id ? { scheduleId: c.id } : {}) });
  });
  return { errors, spliceEventIds: ids };
}

/** The UTC starts of a recurrence's occurrences in [fromMs, toMs). */
export function occurrences(r: { everyMinutes: number; fromTime: string; toTime: string; daysOfWeek: number[]; startDate: string; endDate: string | null }, fromMs: number, toMs: number): number[] {
  const [fh, fm] = r.fromTime.split(':').map(Number) as [number, number];
  const [th, tm] = r.toTime.split(':').map(Number) as [number, number];
  const first = Date.parse(`${r.startDate}T00:00:00Z`);
  const last = r.endDate ? Date.parse(`${r.endDate}T00:00:00Z`) : Number.POSITIVE_INFINITY;
  const out: number[] = [];
  for (let day = Math.max(first, Math.floor(fromMs / 86_400_000) * 86_400_000); day < toMs && day <= last; day += 86_400_000) {
    if (r.daysOfWeek.length > 0 && !r.daysOfWeek.includes(new Date(day).getUTCDay())) continue;
    for (let t = day + (fh * 60 + fm) * 60_000; t <= day + (th * 60 + tm) * 60_000; t += r.everyMinutes * 60_000) {
      if (t >= fromMs && t < toMs) out.push(t);
    }
  }
  return out;
}
