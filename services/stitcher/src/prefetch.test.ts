import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StitcherError } from './errors.ts';
import { consumable, derivedPrefetchSchedule, newPrefetchSchedule, prefetchAvailVariables, prefetchDue, prefetchScheduleJson, type PrefetchScheduleInput } from './prefetch.ts';

const T0 = Date.parse('2026-12-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const input = (over: Partial<PrefetchScheduleInput['retrieval']> = {}): PrefetchScheduleInput => ({
  retrieval: { startTime: iso(T0), endTime: iso(T0 + 60_000), dynamicVariables: { 'scte.event_id': '1234', 'session.avail_duration_secs': '30' }, trafficShapingType: 'RETRIEVAL_WINDOW', trafficShapingRetrievalWindow: { retrievalWindowDurationSeconds: 60 }, ...over },
  consumption: { startTime: iso(T0 + 60_000), endTime: iso(T0 + 180_000), availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }] },
});

test('a schedule from MediaTailor-shaped input, and back to the same JSON', () => {
  const s = newPrefetchSchedule('news', 'morning-break', input(), T0 - 5000);
  assert.deepEqual(s.retrieval, { startTimeMs: T0, endTimeMs: T0 + 60_000, dynamicVariables: { 'scte.event_id': '1234', 'session.avail_duration_secs': '30' }, trafficShapingWindowSeconds: 60 });
  assert.deepEqual(s.consumption, { startTimeMs: T0 + 60_000, endTimeMs: T0 + 180_000, availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }] });
  const json = prefetchScheduleJson(s);
  assert.deepEqual({ retrieval: json.retrieval, consumption: json.consumption }, input());
  assert.equal(json.source, 'api');
});

test('bad schedules are refused with STITCH_PREFETCH_INVALID naming the field', () => {
  const bad = (i: PrefetchScheduleInput, field: string, name = 'x') =>
    assert.throws(
      () => newPrefetchSchedule('news', name, i, T0 - 5000),
      (e: unknown) => e instanceof StitcherError && e.code === 'STITCH_PREFETCH_INVALID' && e.details?.field === field,
    );
  bad(input({ endTime: iso(T0 - 1) }), 'retrieval.endTime');
  bad({ ...input(), consumption: { ...input().consumption, endTime: iso(T0 - 10_000) } }, 'consumption.endTime');
  bad({ ...input(), consumption: { ...input().consumption, availMatchingCriteria: [{ dynamicVariable: 'scte.avail_num', operator: 'EQUALS' }] } }, 'retrieval.dynamicVariables');
  bad({ ...input(), consumption: { ...input().consumption, availMatchingCriteria: [{ dynamicVariable: 'player_params.genre', operator: 'EQUALS' }] } }, 'consumption.availMatchingCriteria');
  bad(input({ dynamicVariables: { 'scte.event_id': 'abc' } }), 'retrieval.dynamicVariables');
  bad(input(), 'name', '../x');
});

test('traffic shaping: 5,000 sessions spread their ADS requests evenly over the window, and none misses it', () => {
  const s = newPrefetchSchedule('news', 'b', input(), T0 - 5000);
  const refreshMs = 2000;
  const perSecond = new Array<number>(60).fill(0);
  for (let i = 0; i < 5000; i++) {
    const id = `session-${i}`;
    // Each session asks for its playlist every 2 s, at its own phase.
    let fired: number | undefined;
    for (let t = T0 + (i % 2000); t < T0 + 60_000; t += refreshMs) {
      if (prefetchDue(s, id, t, refreshMs)) {
        fired = t;
        break;
      }
    }
    assert.ok(fired !== undefined, `session ${i} never retrieved`);
    perSecond[Math.floor((fired - T0) / 1000)]!++;
  }
  const busy = perSecond.slice(0, 58);
  const mean = 5000 / 58;
  assert.ok(Math.max(...busy) < mean * 1.6, `peak ${Math.max(...busy)} per second against a mean of ${mean.toFixed(0)}: ${perSecond.join(' ')}`);
  assert.ok(Math.min(...busy.slice(1)) > mean * 0.4, `a trough of ${Math.min(...busy.slice(1))}: ${perSecond.join(' ')}`);
  assert.equal(prefetchDue(s, 'x', T0 - 1, refreshMs), false);
  assert.equal(prefetchDue(s, 'x', T0 + 60_000, refreshMs), false);
});

test('the prefetch request takes its avail values from the dynamic variables', () => {
  const s = newPrefetchSchedule('news', 'b', input(), T0);
  assert.deepEqual(prefetchAvailVariables(s, { availIndex: 0, availDurationMs: 1, random: 0.5 }), { availIndex: 0, availDurationMs: 30_000, random: 0.5, eventId: 1234 });
});

test('consumption: inside the window and matching every criterion, only', () => {
  const s = newPrefetchSchedule('news', 'b', input(), T0);
  const avail = { availIndex: 0, availDurationMs: 30_000, random: 0, eventId: 1234 };
  assert.equal(consumable(s, avail, T0 + 61_000, T0 + 10_000), true);
  assert.equal(consumable(s, { ...avail, eventId: 99 }, T0 + 61_000, T0 + 10_000), false);
  assert.equal(consumable(s, { ...avail, eventId: undefined } as never, T0 + 61_000, T0 + 10_000), false);
  assert.equal(consumable(s, avail, T0 + 59_000, T0 + 10_000), false);
  assert.equal(consumable(s, avail, T0 + 180_000, T0 + 10_000), false);
  const open = newPrefetchSchedule('news', 'c', { ...input(), consumption: { endTime: iso(T0 + 180_000) } }, T0);
  assert.equal(consumable(open, { ...avail, eventId: 7 }, T0 + 20_000, T0 + 10_000), true, 'no criteria: any avail once retrieved');
  assert.equal(consumable(open, avail, T0 + 5000, T0 + 10_000), false, 'not before the ads were retrieved');
});

test('a scheduled break gets retrieval until the conditioning reserve and consumption around it', () => {
  const b = { id: 'abc', startTimeMs: T0 + 300_000, durationMs: 30_000, spliceEventId: 42 };
  const far = derivedPrefetchSchedule('demo', 'index.m3u8', b, T0)!;
  assert.equal(far.name, 'adsplice-abc');
  assert.deepEqual(far.retrieval, { startTimeMs: T0 + 180_000, endTimeMs: T0 + 275_000, dynamicVariables: { 'scte.event_id': '42', 'session.avail_duration_ms': '30000' }, trafficShapingWindowSeconds: 95 });
  assert.deepEqual(far.consumption, { startTimeMs: T0 + 290_000, endTimeMs: T0 + 390_000, availMatchingCriteria: [{ dynamicVariable: 'scte.event_id', operator: 'EQUALS' }], availStartTimeMs: T0 + 300_000 });
  // Markers that tell the event id only after the first segment: the avail's start time matches instead.
  const avail = { availIndex: 0, availDurationMs: 30_000, random: 0 };
  assert.equal(consumable(far, avail, T0 + 302_000, T0 + 200_000, T0 + 302_000), true);
  assert.equal(consumable(far, avail, T0 + 302_000, T0 + 200_000, T0 + 310_000), false, 'another avail in the window');
  assert.equal(consumable(far, { ...avail, eventId: 41 }, T0 + 302_000, T0 + 200_000, T0 + 300_000), false, 'a known, different event id');
  assert.equal(far.streamId, 'index.m3u8');
  const sixty = derivedPrefetchSchedule('demo', 'index.m3u8', b, T0 + 240_000)!;
  assert.deepEqual([sixty.retrieval.startTimeMs - T0, sixty.retrieval.endTimeMs - T0], [240_000, 280_000], 'known 60 s ahead: retrieval now until 20 s before');
  assert.equal(derivedPrefetchSchedule('demo', 'index.m3u8', b, T0 + 299_000), undefined, 'too late');
});
