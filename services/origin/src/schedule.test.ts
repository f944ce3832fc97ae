import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBatch, deriveBreaks, type ScheduleAction, type StoredAction } from './schedule.ts';

const epochMs = Date.UTC(2026, 10, 22, 0, 0, 0);
const nowMs = Date.UTC(2026, 10, 22, 11, 59, 0, 300);
const ctx = { nowMs, leadTimeMs: 10_000 };
const at = (hh: number, mm: number, ss: number) => new Date(Date.UTC(2026, 10, 22, hh, mm, ss)).toISOString();

function spliceInsert(name: string, id: number, time: string | 'immediate', duration?: number): ScheduleAction {
  return {
    ActionName: name,
    ScheduleActionStartSettings: time === 'immediate' ? { ImmediateModeScheduleActionStartSettings: {} } : { FixedModeScheduleActionStartSettings: { Time: time } },
    ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: id, ...(duration === undefined ? {} : { Duration: duration }) } },
  };
}
function rtn(name: string, id: number, time: string | 'immediate'): ScheduleAction {
  return {
    ActionName: name,
    ScheduleActionStartSettings: time === 'immediate' ? { ImmediateModeScheduleActionStartSettings: {} } : { FixedModeScheduleActionStartSettings: { Time: time } },
    ScheduleActionSettings: { Scte35ReturnToNetworkSettings: { SpliceEventId: id } },
  };
}

test('the seed\'s fixed SpliceInsert is accepted and becomes a 30 s break on its second', () => {
  const r = applyBatch([], { Creates: { ScheduleActions: [spliceInsert('ad-1200', 1001, '2026-11-22T12:00:00.000000Z', 2_700_000)] } }, ctx);
  assert.deepEqual(r.errors, []);
  assert.equal(r.created[0]!.startMs, Date.UTC(2026, 10, 22, 12, 0, 0));
  const [b] = deriveBreaks(r.actions, epochMs);
  assert.deepEqual({ ...b, ref: undefined }, { spliceEventId: 1001, startSec: 12 * 3600, endSec: 12 * 3600 + 30, plannedDurationTicks: 2_700_000, ref: undefined });
});

test('the seed\'s immediate SpliceInsert starts on the next whole second; ReturnToNetwork ends it early', () => {
  const r1 = applyBatch([], { Creates: { ScheduleActions: [{ ...spliceInsert('Ad marker', 1001, 'immediate', 2_700_000), ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: { Time: '2025-07-01T08:27:36.072037533' } } }] } }, ctx);
  assert.deepEqual(r1.errors, []);
  assert.equal(r1.created[0]!.startMs, Date.UTC(2026, 10, 22, 11, 59, 1));
  const r2 = applyBatch(r1.actions, { Creates: { ScheduleActions: [rtn('rtn', 1001, 'immediate')] } }, { ...ctx, nowMs: nowMs + 10_000 });
  assert.deepEqual(r2.errors, []);
  const [b] = deriveBreaks(r2.actions, epochMs);
  assert.equal(b!.startSec, 11 * 3600 + 59 * 60 + 1);
  assert.equal(b!.endSec, 11 * 3600 + 59 * 60 + 11);
});

test('the rules: each refused with its code, and the batch changes nothing', () => {
  const base = applyBatch([], { Creates: { ScheduleActions: [spliceInsert('a', 1, at(12, 0, 0), 120 * 90000)] } }, ctx).actions;
  const cases: [ScheduleAction[], string][] = [
    [[spliceInsert('b', 1, at(12, 10, 0), 90000 * 30)], 'SCHEDULE_DUPLICATE_SPLICE_EVENT_ID'],
    [[spliceInsert('b', 2, at(12, 1, 0), 90000 * 30)], 'SCHEDULE_BREAK_OVERLAP'],
    [[spliceInsert('b', 2, at(11, 59, 30), 90000 * 60)], 'SCHEDULE_BREAK_OVERLAP'],
    [[spliceInsert('a', 2, at(12, 30, 0), 90000 * 30)], 'SCHEDULE_DUPLICATE_ACTION_NAME'],
    [[spliceInsert('b', 2, at(12, 30, 0))], 'SCHEDULE_DURATION_REQUIRED'],
    [[spliceInsert('b', 2, at(11, 59, 5), 90000)], 'SCHEDULE_TOO_LATE'],
    [[spliceInsert('b', 2, '2026-11-22T12:30:00.500Z', 90000)], 'SCHEDULE_TIME_NOT_WHOLE_SECOND'],
    [[rtn('r', 9, at(12, 30, 0))], 'SCHEDULE_NO_ACTIVE_BREAK'],
    [[{ ActionName: 'x', ScheduleActionStartSettings: {}, ScheduleActionSettings: {} } as ScheduleAction], 'SCHEDULE_INVALID_ACTION'],
    [[spliceInsert('b', -1, at(12, 30, 0), 90000)], 'SCHEDULE_INVALID_ACTION'],
    [[spliceInsert('b', 2, 'tomorrow', 90000)], 'SCHEDULE_INVALID_ACTION'],
  ];
  for (const [creates, code] of cases) {
    const r = applyBatch(base, { Creates: { ScheduleActions: [spliceInsert('ok', 77, at(13, 0, 0), 90000), ...creates] } }, ctx);
    assert.deepEqual(r.errors.map((e) => e.code), [code], JSON.stringify(creates));
    assert.deepEqual(r.actions, base, 'nothing changed');
    assert.deepEqual(r.created, []);
  }
  const del = applyBatch(base, { Deletes: { ActionNames: ['nope'] } }, ctx);
  assert.deepEqual(del.errors.map((e) => e.code), ['SCHEDULE_ACTION_NOT_FOUND']);
  const started = applyBatch(base, { Deletes: { ActionNames: ['a'] } }, { ...ctx, nowMs: Date.UTC(2026, 10, 22, 12, 0, 5) });
  assert.deepEqual(started.errors.map((e) => e.code), ['SCHEDULE_ACTION_STARTED']);
});

test('a new break may follow once a ReturnToNetwork ended the previous one; ids free up after a break ends', () => {
  const base = applyBatch([], { Creates: { ScheduleActions: [spliceInsert('a', 1, at(12, 0, 0), 120 * 90000)] } }, ctx).actions;
  const r = applyBatch(base, { Creates: { ScheduleActions: [rtn('rtn-a', 1, at(12, 0, 30)), spliceInsert('b', 2, at(12, 0, 30), 30 * 90000)] } }, ctx);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(deriveBreaks(r.actions, epochMs).map((b) => [b.spliceEventId, b.startSec - 12 * 3600, (b.endSec ?? 0) - 12 * 3600]), [[1, 0, 30], [2, 30, 60]]);
  // After break 1 ended, its id may be used again.
  const later = applyBatch(r.actions, { Creates: { ScheduleActions: [spliceInsert('c', 1, at(12, 5, 0), 30 * 90000)] } }, { ...ctx, nowMs: Date.UTC(2026, 10, 22, 12, 2, 0) });
  assert.deepEqual(later.errors, []);
  // Deleting a future action works and is reported.
  const del = applyBatch(later.actions, { Deletes: { ActionNames: ['c'] } }, { ...ctx, nowMs: Date.UTC(2026, 10, 22, 12, 2, 0) });
  assert.deepEqual(del.deleted.map((a: StoredAction) => a.ActionName), ['c']);
});

test('TimeSignal with a placement opportunity start and duration is a break; open-ended SpliceInsert needs the flag', () => {
  const ts: ScheduleAction = {
    ActionName: 'ts',
    ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: at(12, 0, 0) } },
    ScheduleActionSettings: {
      Scte35TimeSignalSettings: {
        Scte35Descriptors: [{ Scte35DescriptorSettings: { SegmentationDescriptorScte35DescriptorSettings: { SegmentationEventId: 5, SegmentationTypeId: 0x34, SegmentationDuration: 20 * 90000 } } }],
      },
    },
  };
  const r = applyBatch([], { Creates: { ScheduleActions: [ts] } }, ctx);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(deriveBreaks(r.actions, epochMs).map((b) => [b.spliceEventId, b.endSec! - b.startSec]), [[5, 20]]);
  const open = applyBatch([], { Creates: { ScheduleActions: [{ ...spliceInsert('o', 3, at(12, 0, 0)), ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 3, OpenEnded: true } } }] } }, ctx);
  assert.deepEqual(open.errors, []);
  assert.equal(deriveBreaks(open.actions, epochMs)[0]!.endSec, undefined);
});
