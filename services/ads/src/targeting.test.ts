import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { channelsOf, compileRule, TargetingError, validateRule, type LocalTime, type TargetingRule } from './targeting.ts';

const MON_0800: LocalTime = { weekday: 0, minuteOfDay: 8 * 60 };
const at = (weekday: number, hhmm: string): LocalTime => ({ weekday, minuteOfDay: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });
const values = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o));
const matches = (rule: unknown, v: Record<string, string>, local = MON_0800): boolean => compileRule(validateRule(rule))({ values: values(v), local });

describe('compiled targeting rules', () => {
  test('in: case-insensitive list membership, numbers compared as text', () => {
    const rule = { key: 'Genre', in: ['News', 'sport', 7] };
    assert.equal(matches(rule, { genre: 'news' }), true);
    assert.equal(matches(rule, { genre: '7' }), true);
    assert.equal(matches(rule, { genre: 'kids' }), false);
    assert.equal(matches(rule, {}), false, 'a missing key matches no list');
    assert.equal(matches({ key: 'genre', in: ['news'] }, { genre: 'news' }), true, 'the one-value fast path');
  });

  test('min/max: inclusive numeric ranges; a missing or non-numeric value fails', () => {
    const rule = { key: 'age', min: 18, max: 34 };
    assert.deepEqual(['17', '18', '34', '34.5', 'x', ''].map((a) => matches(rule, { age: a })), [false, true, true, false, false, false]);
    assert.equal(matches({ key: 'age', min: 65 }, { age: '70' }), true);
    assert.equal(matches({ key: 'age', max: 12 }, { age: '70' }), false);
    assert.equal(matches(rule, {}), false);
  });

  test('prefix and exists', () => {
    assert.equal(matches({ key: 'contentId', prefix: 'EP-' }, { contentid: 'ep-1001' }), true);
    assert.equal(matches({ key: 'contentId', prefix: 'ep-' }, { contentid: 'mv-1' }), false);
    assert.equal(matches({ key: 'userId', exists: true }, { userid: 'u1' }), true);
    assert.equal(matches({ key: 'userId', exists: false }, { userid: 'u1' }), false);
    assert.equal(matches({ key: 'userId', exists: false }, {}), true);
  });

  test('all / any / not compose', () => {
    const rule = { all: [{ key: 'country', in: ['kr', 'jp'] }, { any: [{ key: 'device', in: ['tv'] }, { key: 'age', min: 40 }] }, { not: { key: 'genre', in: ['kids'] } }] };
    assert.equal(matches(rule, { country: 'kr', device: 'tv', genre: 'news' }), true);
    assert.equal(matches(rule, { country: 'kr', device: 'mobile', age: '45' }), true);
    assert.equal(matches(rule, { country: 'kr', device: 'tv', genre: 'kids' }), false);
    assert.equal(matches(rule, { country: 'us', device: 'tv' }), false);
  });

  test('day-parting: a window in the channel time zone, days, and windows across midnight', () => {
    const morning = { daypart: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '06:00', to: '09:30' } };
    assert.equal(matches(morning, {}, at(0, '06:00')), true);
    assert.equal(matches(morning, {}, at(0, '09:29')), true);
    assert.equal(matches(morning, {}, at(0, '09:30')), false, 'to is exclusive');
    assert.equal(matches(morning, {}, at(5, '07:00')), false, 'not on Saturday');
    const late = { daypart: { days: ['fri'], from: '22:00', to: '02:00' } };
    assert.equal(matches(late, {}, at(4, '23:00')), true, 'Friday 23:00');
    assert.equal(matches(late, {}, at(5, '01:30')), true, "Saturday 01:30 belongs to Friday's night");
    assert.equal(matches(late, {}, at(4, '01:30')), false, "Friday 01:30 belongs to Thursday's night");
    assert.equal(matches(late, {}, at(5, '03:00')), false);
    assert.equal(matches({ daypart: { from: '00:00', to: '24:00' } }, {}, at(6, '23:59')), true, 'all day, every day');
  });

  test('not inverts any rule (property)', () => {
    const leaf = fc.oneof(
      fc.record({ key: fc.constantFrom('a', 'b'), in: fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ key: fc.constantFrom('a', 'b', 'n'), min: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ key: fc.constantFrom('a', 'b'), exists: fc.boolean() }),
    );
    const rule = fc.letrec<{ rule: TargetingRule }>((tie) => ({
      // Within the nesting a saved rule may have (8 levels, the `not` around it included): deeper ones are refused by validateRule.
      rule: fc.oneof({ depthSize: 'small', maxDepth: 6 }, leaf as fc.Arbitrary<TargetingRule>, fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) })),
    })).rule;
    const request = fc.record({ a: fc.constantFrom('x', 'y', 'w'), b: fc.constantFrom('x', 'z'), n: fc.constantFrom('1', '4', 'q') }, { requiredKeys: [] });
    fc.assert(
      fc.property(rule, request, (r, v) => {
        assert.equal(matches({ not: r }, v), !matches(r, v));
      }),
    );
  });
});

describe('validateRule', () => {
  const bad: [unknown, string][] = [
    [null, ''],
    [{}, ''],
    [{ all: [] }, '.all'],
    [{ all: [{ key: 'a', in: ['x'] }, { key: 'b' }] }, '.all[1]'],
    [{ key: 'a b', in: ['x'] }, '.key'],
    [{ key: 'a', in: [] }, '.in'],
    [{ key: 'a', in: [{}] }, '.in[0]'],
    [{ key: 'a', min: 5, max: 1 }, ''],
    [{ key: 'a', min: 'x' }, '.min'],
    [{ key: 'a', in: ['x'], extra: 1 }, ''],
    [{ daypart: { from: '25:00', to: '03:00' } }, '.daypart.from'],
    [{ daypart: { from: '06:00', to: '06:00' } }, '.daypart'],
    [{ daypart: { from: '06:00', to: '07:00', days: ['someday'] } }, '.daypart.days'],
    [{ not: { not: { not: { not: { not: { not: { not: { not: { not: { key: 'a', exists: true } } } } } } } } } }, '.not.not.not.not.not.not.not.not.not'],
  ];
  for (const [rule, path] of bad) {
    test(`refuses ${JSON.stringify(rule)} naming targeting${path}`, () => {
      assert.throws(
        () => validateRule(rule),
        (err: unknown) => err instanceof TargetingError && err.path === path,
      );
    });
  }

  test('keeps a valid rule as it is (days deduplicated)', () => {
    const rule = { all: [{ key: 'channel', in: ['news'] }, { daypart: { days: ['mon', 'mon'], from: '22:00', to: '02:00' } }] };
    assert.deepEqual(validateRule(rule), { all: [{ key: 'channel', in: ['news'] }, { daypart: { days: ['mon'], from: '22:00', to: '02:00' } }] });
  });
});

test('channelsOf: the channels a rule pins at its top level, for the index', () => {
  assert.equal(channelsOf(null), undefined);
  assert.deepEqual(channelsOf({ key: 'Channel', in: ['News', 'sport'] }), new Set(['news', 'sport']));
  assert.deepEqual(channelsOf({ all: [{ key: 'channel', in: ['news', 'sport'] }, { key: 'channel', in: ['sport'] }, { key: 'genre', in: ['x'] }] }), new Set(['sport']));
  assert.equal(channelsOf({ any: [{ key: 'channel', in: ['news'] }, { key: 'genre', in: ['x'] }] }), undefined, 'an any does not pin');
  assert.equal(channelsOf({ not: { key: 'channel', in: ['news'] } }), undefined);
});
