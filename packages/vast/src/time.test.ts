import { deepStrictEqual, equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatOffset, formatVastTime, offsetToMs, parseOffset, parseVastTime } from './time.ts';

describe('VAST times', () => {
  test('parse', () => {
    equal(parseVastTime('00:00:30.000'), 30000);
    equal(parseVastTime('00:00:30'), 30000);
    equal(parseVastTime(' 01:02:03.4 '), 3723400);
    equal(parseVastTime('00:00:00.0005'), 1);
    equal(parseVastTime('0:1:2'), 62000);
    for (const bad of ['30', '00:60:00', '00:00:60', 'aa:bb:cc', '-00:00:01', '00:00:01.', '']) equal(parseVastTime(bad), undefined, bad);
  });

  test('format', () => {
    equal(formatVastTime(30000), '00:00:30.000');
    equal(formatVastTime(90123), '00:01:30.123');
    equal(formatVastTime(3723004.4), '01:02:03.004');
    equal(formatVastTime(-5), '00:00:00.000');
  });

  test('offsets', () => {
    deepStrictEqual(parseOffset('00:00:05'), { ms: 5000 });
    deepStrictEqual(parseOffset('25%'), { percent: 25 });
    deepStrictEqual(parseOffset('12.5 %'), { percent: 12.5 });
    equal(parseOffset('half'), undefined);
    equal(formatOffset({ percent: 12.5 }), '12.5%');
    equal(formatOffset({ percent: 150 }), '100%');
    equal(formatOffset({ ms: 5000 }), '00:00:05.000');
    equal(offsetToMs({ percent: 25 }, 30000), 7500);
    equal(offsetToMs({ ms: 1234 }, 30000), 1234);
  });

  test('format then parse gives the same milliseconds (below 1000 hours)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 * 3600_000 - 1 }), (ms) => equal(parseVastTime(formatVastTime(ms)), ms)));
  });
});
