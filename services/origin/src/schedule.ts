// A channel's schedule, in MediaLive's own shapes (BatchUpdateSchedule / DescribeSchedule):
// SpliceInsert, ReturnToNetwork and TimeSignal actions with a Fixed or Immediate start. This
// module is pure: it validates a batch against the actions already stored and the live edge,
// all-or-nothing, and derives the channel's breaks from its actions.
import type { TimelineBreak } from './timeline.ts';

export const TICKS_PER_SECOND = 90_000;

export interface SegmentationDescriptorSettings {
  SegmentationEventId: number;
  SegmentationCancelIndicator?: 'SEGMENTATION_EVENT_NOT_CANCELED' | 'SEGMENTATION_EVENT_CANCELED';
  /** 90 kHz ticks */
  SegmentationDuration?: number;
  SegmentationTypeId: number;
  SegmentationUpid?: string;
  SegmentationUpidType?: number;
  SegmentNum?: number;
  SegmentsExpected?: number;
  SubSegmentNum?: number;
  SubSegmentsExpected?: number;
  DeliveryRestrictions?: {
    ArchiveAllowedFlag: 'ARCHIVE_NOT_ALLOWED' | 'ARCHIVE_ALLOWED';
    DeviceRestrictions: 'NONE' | 'RESTRICT_GROUP0' | 'RESTRICT_GROUP1' | 'RESTRICT_GROUP2';
    NoRegionalBlackoutFlag: 'REGIONAL_BLACKOUT' | 'NO_REGIONAL_BLACKOUT';
    WebDeliveryAllowedFlag: 'WEB_DELIVERY_NOT_ALLOWED' | 'WEB_DELIVERY_ALLOWED';
  };
}

export interface ScheduleActionSettings {
  Scte35SpliceInsertSettings?: {
    SpliceEventId: number;
    /** 90 kHz ticks. Required unless OpenEnded. */
    Duration?: number;
    /** adsplice extension: an open-ended break, ended only by a ReturnToNetwork. */
    OpenEnded?: boolean;
  };
  Scte35ReturnToNetworkSettings?: { SpliceEventId: number };
  Scte35TimeSignalSettings?: { Scte35Descriptors: { Scte35DescriptorSettings: { SegmentationDescriptorScte35DescriptorSettings: SegmentationDescriptorSettings } }[] };
}

export interface ScheduleActionStartSettings {
  FixedModeScheduleActionStartSettings?: { Time: string };
  /** MediaLive's DescribeSchedule shows the time an immediate action took effect. */
  ImmediateModeScheduleActionStartSettings?: { Time?: string };
}

export interface ScheduleAction {
  ActionName: string;
  ScheduleActionStartSettings: ScheduleActionStartSettings;
  ScheduleActionSettings: ScheduleActionSettings;
}

/** A stored action: the request's shape plus the whole second it takes effect. */
export interface StoredAction extends ScheduleAction {
  /** ms since 1970, a whole second. */
  startMs: number;
}

export interface BatchUpdateScheduleRequest {
  Creates?: { ScheduleActions: ScheduleAction[] };
  Deletes?: { ActionNames: string[] };
}

export const SCHEDULE_ERRORS = {
  SCHEDULE_INVALID_ACTION: 'An action is malformed: a field is missing, of the wrong type or out of range.',
  SCHEDULE_DUPLICATE_ACTION_NAME: 'An action with this name already exists on the channel (or twice in the batch).',
  SCHEDULE_DUPLICATE_SPLICE_EVENT_ID: 'The SpliceEventId is already used by a scheduled or active break.',
  SCHEDULE_DURATION_REQUIRED: 'A SpliceInsert needs a Duration (or OpenEnded: true for a break ended by ReturnToNetwork).',
  SCHEDULE_TIME_NOT_WHOLE_SECOND: 'A Fixed start time must be a whole second (breaks start exactly on it).',
  SCHEDULE_TOO_LATE: 'A Fixed start time must be ahead of the live edge by the channel lead time.',
  SCHEDULE_BREAK_OVERLAP: 'The break would overlap another break on the channel; return to network first.',
  SCHEDULE_NO_ACTIVE_BREAK: 'A ReturnToNetwork names a SpliceEventId with no break in progress at its time.',
  SCHEDULE_ACTION_NOT_FOUND: 'A Deletes entry names an action the channel does not have.',
  SCHEDULE_ACTION_STARTED: 'The action has already taken effect; past actions stay in the schedule.',
} as const;

export type ScheduleErrorCode = keyof typeof SCHEDULE_ERRORS;

export interface ScheduleError {
  code: ScheduleErrorCode;
  message: string;
  actionName?: string;
}

export interface ScheduleContext {
  nowMs: number;
  /** Required distance between the live edge (now) and a Fixed start, ms. */
  leadTimeMs: number;
}

const isInt = (v: unknown, max = 2 ** 32 - 1): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function shapeError(a: ScheduleAction, what: string): ScheduleError {
  return { code: 'SCHEDULE_INVALID_ACTION', message: `${a.ActionName || '(unnamed)'}: ${what}`, actionName: a.ActionName };
}

/** Checks one action's own fields (no context). */
function checkShape(a: ScheduleAction): ScheduleError | undefined {
  if (typeof a?.ActionName !== 'string' || a.ActionName.trim() === '' || a.ActionName.length > 256) return shapeError(a, 'ActionName must be a non-empty string of at most 256 characters');
  const start = a.ScheduleActionStartSettings ?? {};
  const modes = [start.FixedModeScheduleActionStartSettings, start.ImmediateModeScheduleActionStartSettings].filter(Boolean);
  if (modes.length !== 1) return shapeError(a, 'ScheduleActionStartSettings needs exactly one of FixedModeScheduleActionStartSettings or ImmediateModeScheduleActionStartSettings');
  if (start.FixedModeScheduleActionStartSettings && Number.isNaN(Date.parse(start.FixedModeScheduleActionStartSettings.Time ?? ''))) {
    return shapeError(a, 'FixedModeScheduleActionStartSettings.Time must be an ISO 8601 UTC time');
  }
  const s = a.ScheduleActionSettings ?? {};
  const kinds = [s.Scte35SpliceInsertSettings, s.Scte35ReturnToNetworkSettings, s.Scte35TimeSignalSettings].filter(Boolean);
  if (kinds.length !== 1) return shapeError(a, 'ScheduleActionSettings needs exactly one of Scte35SpliceInsertSettings, Scte35ReturnToNetworkSettings, Scte35TimeSignalSettings');
  if (s.Scte35SpliceInsertSettings) {
    const si = s.Scte35SpliceInsertSettings;
    if (!isInt(si.SpliceEventId)) return shapeError(a, 'SpliceEventId must be an integer 0..4294967295');
    if (si.Duration !== undefined && (!isInt(si.Duration, 2 ** 33 - 1) || si.Duration === 0)) return shapeError(a, 'Duration must be a positive integer of 90 kHz ticks below 2^33');
    if (si.Duration === undefined && si.OpenEnded !== true) return { code: 'SCHEDULE_DURATION_REQUIRED', message: `${a.ActionName}: ${SCHEDULE_ERRORS.SCHEDULE_DURATION_REQUIRED}`, actionName: a.ActionName };
  }
  if (s.Scte35ReturnToNetworkSettings && !isInt(s.Scte35ReturnToNetworkSettings.SpliceEventId)) return shapeError(a, 'SpliceEventId must be an integer 0..4294967295');
  if (s.Scte35TimeSignalSettings) {
    const ds = s.Scte35TimeSignalSettings.Scte35Descriptors;
    if (!Array.isArray(ds) || ds.length === 0) return shapeError(a, 'Scte35Descriptors must list at least one descriptor');
    for (const d of ds) {
      const seg = d?.Scte35DescriptorSettings?.SegmentationDescriptorScte35DescriptorSettings;
      if (!seg || !isInt(seg.SegmentationEventId) || !isInt(seg.SegmentationTypeId, 255)) return shapeError(a, 'each descriptor needs SegmentationEventId and SegmentationTypeId');
      if (seg.SegmentationDuration !== undefined && !isInt(seg.SegmentationDuration, 2 ** 40 - 1)) return shapeError(a, 'SegmentationDuration must be an integer of 90 kHz ticks below 2^40');
      if (seg.SegmentationUpid !== undefined && !/^([0-9a-fA-F]{2})*$/.test(seg.SegmentationUpid)) return shapeError(a, 'SegmentationUpid must be hex');
    }
  }
  return undefined;
}

/** Segmentation types that open a break (with a duration) and the ones that close it (SCTE 35 Table 23). */
const BREAK_START_TYPES = new Set([0x22, 0x30, 0x32, 0x34, 0x36, 0x44, 0x46]);
const BREAK_END_TYPES = new Set([0x23, 0x31, 0x33, 0x35, 0x37, 0x45, 0x47]);

/**
 * The channel's breaks, derived from its actions in start order: a SpliceInsert opens a break for
 * its Duration (rounded to whole seconds: chunks are one second), a ReturnToNetwork ends the break
 * with its SpliceEventId early, and a TimeSignal with a placement/advertisement start type and a
 * duration opens one (its matching end type ends it).
 */
export function deriveBreaks(actions: readonly StoredAction[], epochMs: number): TimelineBreak[] {
  const sorted = [...actions].sort((a, b) => a.startMs - b.startMs || a.ActionName.localeCompare(b.ActionName));
  const breaks: TimelineBreak[] = [];
  const open = new Map<number, TimelineBreak>();
  for (const a of sorted) {
    const sec = Math.round((a.startMs - epochMs) / 1000);
    const s = a.ScheduleActionSettings;
    const end = (id: number): void => {
      const b = open.get(id);
      if (b && (b.endSec === undefined || sec < b.endSec) && sec > b.startSec) b.endSec = sec;
      open.delete(id);
    };
    if (s.Scte35SpliceInsertSettings) {
      const si = s.Scte35SpliceInsertSettings;
      const b: TimelineBreak = { spliceEventId: si.SpliceEventId, startSec: sec, ref: a };
      if (si.Duration !== undefined) {
        b.plannedDurationTicks = si.Duration;
        b.endSec = sec + Math.max(1, Math.round(si.Duration / TICKS_PER_SECOND));
      }
      breaks.push(b);
      open.set(si.SpliceEventId, b);
    } else if (s.Scte35ReturnToNetworkSettings) {
      end(s.Scte35ReturnToNetworkSettings.SpliceEventId);
    } else if (s.Scte35TimeSignalSettings) {
      for (const d of s.Scte35TimeSignalSettings.Scte35Descriptors) {
        const seg = d.Scte35DescriptorSettings.SegmentationDescriptorScte35DescriptorSettings;
        if (seg.SegmentationCancelIndicator === 'SEGMENTATION_EVENT_CANCELED') continue;
        if (BREAK_START_TYPES.has(seg.SegmentationTypeId) && seg.SegmentationDuration) {
          const b: TimelineBreak = {
            spliceEventId: seg.SegmentationEventId,
            startSec: sec,
            endSec: sec + Math.max(1, Math.round(seg.SegmentationDuration / TICKS_PER_SECOND)),
            plannedDurationTicks: seg.SegmentationDuration,
            ref: a,
          };
          breaks.push(b);
          open.set(seg.SegmentationEventId, b);
        } else if (BREAK_END_TYPES.has(seg.SegmentationTypeId)) {
          end(seg.SegmentationEventId);
        }
      }
    }
  }
  return breaks;
}

export interface BatchResult {
  /** The channel's actions after the batch (unchanged when there are errors). */
  actions: StoredAction[];
  created: StoredAction[];
  deleted: StoredAction[];
  errors: ScheduleError[];
}

/**
 * Applies a BatchUpdateSchedule request: deletes first, then creates, all or nothing. Immediate
 * actions take the next whole second after `nowMs` (the segment in progress can still end there).
 */
export function applyBatch(existing: readonly StoredAction[], request: BatchUpdateScheduleRequest, ctx: ScheduleContext): BatchResult {
  const errors: ScheduleError[] = [];
  const fail = (code: ScheduleErrorCode, message: string, actionName?: string) => errors.push({ code, message, actionName });
  const byName = new Map(existing.map((a) => [a.ActionName, a]));

  const deleted: StoredAction[] = [];
  for (const name of request.Deletes?.ActionNames ?? []) {
    const a = byName.get(name);
    if (!a) fail('SCHEDULE_ACTION_NOT_FOUND', `${name}: no such action`, name);
    else if (a.startMs <= ctx.nowMs) fail('SCHEDULE_ACTION_STARTED', `${name}: took effect at ${new Date(a.startMs).toISOString()}; it stays in the schedule`, name);
    else {
      deleted.push(a);
      byName.delete(name);
    }
  }

  const immediateMs = (Math.floor(ctx.nowMs / 1000) + 1) * 1000;
  const created: StoredAction[] = [];
  for (const a of request.Creates?.ScheduleActions ?? []) {
    const shape = checkShape(a);
    if (shape) {
      errors.push(shape);
      continue;
    }
    if (byName.has(a.ActionName)) {
      fail('SCHEDULE_DUPLICATE_ACTION_NAME', `${a.ActionName}: ${SCHEDULE_ERRORS.SCHEDULE_DUPLICATE_ACTION_NAME}`, a.ActionName);
      continue;
    }
    let startMs: number;
    const fixed = a.ScheduleActionStartSettings.FixedModeScheduleActionStartSettings;
    if (fixed) {
      startMs = Date.parse(fixed.Time);
      if (startMs % 1000 !== 0) {
        fail('SCHEDULE_TIME_NOT_WHOLE_SECOND', `${a.ActionName}: ${fixed.Time} is not a whole second`, a.ActionName);
        continue;
      }
      if (startMs < ctx.nowMs + ctx.leadTimeMs) {
        fail('SCHEDULE_TOO_LATE', `${a.ActionName}: ${fixed.Time} is less than ${ctx.leadTimeMs / 1000} s ahead of the live edge (${new Date(ctx.nowMs).toISOString()})`, a.ActionName);
        continue;
      }
    } else {
      startMs = immediateMs;
    }
    const stored: StoredAction = {
      ActionName: a.ActionName,
      ScheduleActionStartSettings: fixed ? { FixedModeScheduleActionStartSettings: { Time: new Date(startMs).toISOString() } } : { ImmediateModeScheduleActionStartSettings: { Time: new Date(startMs).toISOString() } },
      ScheduleActionSettings: a.ScheduleActionSettings,
      startMs,
    };
    byName.set(a.ActionName, stored);
    created.push(stored);
  }

  if (errors.length === 0) errors.push(...checkBreaks([...byName.values()], created, ctx.nowMs));
  if (errors.length > 0) return { actions: [...existing], created: [], deleted: [], errors };
  return { actions: [...byName.values()].sort((a, b) => a.startMs - b.startMs), created, deleted, errors };
}

/** The break rules over the whole resulting schedule, reported against the new actions. */
function checkBreaks(all: StoredAction[], created: StoredAction[], nowMs: number): ScheduleError[] {
  const errors: ScheduleError[] = [];
  const createdNames = new Set(created.map((a) => a.ActionName));
  const sorted = [...all].sort((a, b) => a.startMs - b.startMs || a.ActionName.localeCompare(b.ActionName));
  // End of each SpliceInsert's break: its duration, or an earlier ReturnToNetwork.
  const endOf = new Map<StoredAction, number>();
  const open = new Map<number, StoredAction>();
  for (const a of sorted) {
    const s = a.ScheduleActionSettings;
    if (s.Scte35SpliceInsertSettings) {
      const d = s.Scte35SpliceInsertSettings.Duration;
      endOf.set(a, d === undefined ? Infinity : a.startMs + Math.max(1, Math.round(d / TICKS_PER_SECOND)) * 1000);
      open.set(s.Scte35SpliceInsertSettings.SpliceEventId, a);
    } else if (s.Scte35ReturnToNetworkSettings) {
      const id = s.Scte35ReturnToNetworkSettings.SpliceEventId;
      const b = open.get(id);
      if (b && endOf.get(b)! > a.startMs && b.startMs < a.startMs) endOf.set(b, a.startMs);
      else if (createdNames.has(a.ActionName)) {
        errors.push({ code: 'SCHEDULE_NO_ACTIVE_BREAK', message: `${a.ActionName}: no break ${id} is in progress at ${new Date(a.startMs).toISOString()}`, actionName: a.ActionName });
      }
      open.delete(id);
    }
  }
  const inserts = [...endOf.keys()];
  for (const a of inserts) {
    if (!createdNames.has(a.ActionName)) continue;
    const id = a.ScheduleActionSettings.Scte35SpliceInsertSettings!.SpliceEventId;
    const twin = inserts.find((b) => b !== a && b.ScheduleActionSettings.Scte35SpliceInsertSettings!.SpliceEventId === id && endOf.get(b)! > nowMs);
    if (twin) {
      errors.push({ code: 'SCHEDULE_DUPLICATE_SPLICE_EVENT_ID', message: `${a.ActionName}: SpliceEventId ${id} is already used by ${twin.ActionName}, which has not ended`, actionName: a.ActionName });
      continue;
    }
    const overlap = inserts.find((b) => b !== a && b.startMs < endOf.get(a)! && a.startMs < endOf.get(b)!);
    if (overlap) {
      const otherId = overlap.ScheduleActionSettings.Scte35SpliceInsertSettings!.SpliceEventId;
      errors.push({
        code: 'SCHEDULE_BREAK_OVERLAP',
        message: `${a.ActionName}: the break at ${new Date(a.startMs).toISOString()} overlaps break ${otherId} (${overlap.ActionName}); end it with a ReturnToNetwork first`,
        actionName: a.ActionName,
      });
    }
  }
  return errors;
}
