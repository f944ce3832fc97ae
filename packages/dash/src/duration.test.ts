import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration.ts';
import { formatDateTime, parseDateTime } from './date-time.ts';

test('xs:duration → integer ms, rounding half up at the ms', () => {
  const cases: [string, number][] = [
    ['PT1H2M3.5S', 3_723_500],
    ['PT0S', 0],
    ['PT0.000S', 0],
    ['PT44.075S', 44_075],
    ['PT6.708333333S', 6_708],
    ['PT1M2.666666666S', 62_667],
    ['PT3M23.08333333S', 203_083],
    ['PT444806.040S', 444_806_040],
    ['PT2S', 2_000],
    ['PT0.0005S', 1],
    ['PT0.0004S', 0],
    ['PT1.S', 1_000],
    ['P1D', 86_400_000],
    ['P1DT1H', 90_000_000],
    ['P1Y', 365 * 86_400_000],
    ['P1M', 30 * 86_400_000],
    ['PT30M', 1_800_000],
    [' PT2S ', 2_000],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
});

test('bad durations are undefined', () => {
  for (const text of ['', 'P', 'PT', 'PT-1S', '-PT1S', 'PT1.5M', '1S', 'PT1H2S3M', 'PTS', 'pt1s', 'PT1,5S', 'P1DT', 'PT1e3S']) {
    assert.equal(parseDuration(text), undefined, text);
  }
});

test('ms → xs:duration', () => {
  assert.equal(formatDuration(3_723_500), 'PT1H2M3.5S');
  assert.equal(formatDuration(0), 'PT0S');
  assert.equal(formatDuration(44_075), 'PT44.075S');
  assert.equal(formatDuration(60_000), 'PT1M');
  assert.equal(formatDuration(3_600_001), 'PT1H0.001S');
  assert.equal(formatDuration(90_000_000), 'PT25H');
  assert.throws(() => formatDuration(-1), RangeError);
});

test('format then parse gives the same ms', () => {
  fc.assert(fc.property(fc.nat({ max: 2 ** 45 }), (ms) => assert.equal(parseDuration(formatDuration(ms)), ms)));
});

test('xs:dateTime ⇄ ms since the epoch (no zone = UTC)', () => {
  assert.equal(parseDateTime('1970-01-01T00:00:00Z'), 0);
  assert.equal(parseDateTime('2023-05-24T12:48:37.731482Z'), Date.UTC(2023, 4, 24, 12, 48, 37, 731));
  assert.equal(parseDateTime('2023-05-24T12:48:37.7315Z'), Date.UTC(2023, 4, 24, 12, 48, 37, 732));
  assert.equal(parseDateTime('2023-05-24T12:48:37'), Date.UTC(2023, 4, 24, 12, 48, 37));
  assert.equal(parseDateTime('2023-05-24T14:48:37+02:00'), Date.UTC(2023, 4, 24, 12, 48, 37));
  assert.equal(parseDateTime('2023-05-24T10:18:37-02:30'), Date.UTC(2023, 4, 24, 12, 48, 37));
  for (const bad of ['', '2023-05-24', '2023-13-01T00:00:00Z', 'yesterday', '2023-05-24 12:48:37Z']) assert.equal(parseDateTime(bad), undefined, bad);
  assert.equal(formatDateTime(0), '1970-01-01T00:00:00Z');
  assert.equal(formatDateTime(1_684_932_517_731), '2023-05-24T12:48:37.731Z');
  fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => assert.equal(parseDateTime(formatDateTime(ms)), ms)));
});
