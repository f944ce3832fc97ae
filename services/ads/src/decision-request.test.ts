import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDecisionRequest, type RequestLimits } from './decision-request.ts';
import { deviceOf } from './device.ts';
import { AdsError } from './errors.ts';
import { BUILTIN_GEO, GeoTable, ipv4 } from './geo.ts';

const limits: RequestLimits = { defaultAvailMs: 30_000, maxAvailMs: 900_000, defaultMaxAds: 5, maxAdsLimit: 10, geo: new GeoTable([{ cidr: '203.0.113.0/24', country: 'kr' }, ...BUILTIN_GEO]) };
const parse = (q: Record<string, unknown>, h: Record<string, string> = {}, ip?: string) => parseDecisionRequest(q, h, ip, limits, 'dec-1');
const rejects = (q: Record<string, unknown>, parameter: string) =>
  assert.throws(
    () => parse(q),
    (e: unknown) => e instanceof AdsError && e.code === 'ADS_INVALID_REQUEST' && e.statusCode === 400 && e.details?.parameter === parameter && e.message.startsWith(`${parameter}:`),
  );

describe('parseDecisionRequest', () => {
  test('adsplice parameters', () => {
    const p = parse({ duration: '45.5', sessionId: 'S-1', channel: 'News', maxAds: '3', minAdDuration: '10', maxAdDuration: '30', version: '3.0', genre: 'Drama' });
    assert.deepEqual(
      { ...p.request, values: Object.fromEntries(p.request.values) },
      {
        decisionId: 'dec-1',
        availMs: 45_500,
        maxAds: 3,
        minAdMs: 10_000,
        maxAdMs: 30_000,
        sessionId: 'S-1',
        userId: null,
        channel: 'news',
        values: { genre: 'drama', channel: 'news', device: 'unknown', os: 'other', duration: '45.5', sessionid: 's-1' },
        blockedCategories: [],
        experimentKey: 'S-1',
      },
    );
    assert.equal(p.version, '3.0');
    assert.equal(p.beaconSessionId, 'S-1');
    assert.deepEqual(p.clamped, []);
  });

  test('MediaTailor session variables under their usual names, player_params.*, and forwarded headers', () => {
    const p = parse(
      { 'session.avail_duration_ms': '30000', 'session.id': '8a7c-11', 'player_params.genre': 'sport', 'player_params.age': '25', 'avail.index': '2', 'scte.event_id': '1001' },
      { 'user-agent': 'Mozilla/5.0 (Linux; Android 12; SM-T870) AppleWebKit/537.36 Chrome/120 Safari/537.36', 'x-forwarded-for': '203.0.113.9, 10.0.0.1' },
      '10.0.0.1',
    );
    assert.equal(p.request.availMs, 30_000);
    assert.equal(p.request.sessionId, '8a7c-11');
    const v = Object.fromEntries(p.request.values);
    assert.deepEqual([v.genre, v.age, v['player_params.genre'], v['avail.index'], v['scte.event_id']], ['sport', '25', 'sport', '2', '1001']);
    assert.deepEqual([v.device, v.os, v.country], ['tablet', 'android', 'kr'], 'device from the forwarded User-Agent, country from the first X-Forwarded-For hop');
    const alt = parse({ avail_duration_secs: '60', correlation: 'abc' });
    assert.deepEqual([alt.request.availMs, alt.request.sessionId], [60_000, 'abc']);
  });

  test('an explicit parameter wins over player_params.x', () => {
    assert.equal(parse({ genre: 'news', 'player_params.genre': 'sport' }).request.values.get('genre'), 'news');
  });

  test('unfilled template values and empty values count as absent; a missing session id still works', () => {
    const p = parse({ duration: '[session.avail_duration_secs]', sessionId: '[session.id]', genre: '', ua: '%%UA%%', channel: '{{channel}}' });
    assert.equal(p.request.availMs, 30_000, 'the default avail');
    assert.equal(p.request.sessionId, null);
    assert.equal(p.request.channel, null);
    assert.equal(p.request.values.has('genre'), false);
    assert.equal(p.beaconSessionId, 'anon-dec-1');
    assert.equal(p.request.experimentKey, 'd:dec-1');
  });

  test('country: a CDN header first, then the embedded table', () => {
    assert.equal(parse({}, { 'cloudfront-viewer-country': 'FR' }, '25.1.2.3').request.values.get('country'), 'fr');
    assert.equal(parse({}, {}, '25.1.2.3').request.values.get('country'), 'gb');
    assert.equal(parse({}, {}, '::ffff:126.0.0.1').request.values.get('country'), 'jp');
    assert.equal(parse({}, {}, '192.168.1.1').request.values.has('country'), false);
    assert.equal(parse({ country: 'de' }, { 'cf-ipcountry': 'FR' }).request.values.get('country'), 'de', 'an explicit parameter wins');
  });

  test('out-of-range values are clamped and reported', () => {
    const p = parse({ duration: '86400', maxAds: '500' });
    assert.deepEqual([p.request.availMs, p.request.maxAds, p.clamped], [900_000, 10, ['duration', 'maxAds']]);
    assert.equal(parse({ maxAds: '0' }).request.maxAds, 0);
  });

  test('malformed values are a clear 400 naming the parameter', () => {
    rejects({ duration: '-5' }, 'duration');
    rejects({ duration: 'abc' }, 'duration');
    rejects({ duration: '1e400' }, 'duration');
    rejects({ durationMs: '-1' }, 'durationMs');
    rejects({ maxAds: '2.5' }, 'maxAds');
    rejects({ maxAds: '-1' }, 'maxAds');
    rejects({ minAdDuration: '40', maxAdDuration: '20' }, 'minAdDuration');
    rejects({ version: '5.0' }, 'version');
    rejects({ sessionId: 'x'.repeat(300) }, 'sessionId');
    rejects({ sessionId: 'a\nb' }, 'sessionId');
  });

  test('unknown parameters become bounded targeting values; repeated keys take the first', () => {
    const q: Record<string, unknown> = { tags: ['a', 'b'] };
    for (let i = 0; i < 300; i++) q[`k${i}`] = 'v';
    const p = parse(q);
    assert.equal(p.request.values.get('tags'), 'a');
    assert.ok(p.request.values.size <= 100 + 8);
  });

  test('never throws anything but ADS_INVALID_REQUEST, whatever the query (property)', () => {
    const key = fc.oneof(fc.constantFrom('duration', 'durationMs', 'maxAds', 'minAdDuration', 'maxAdDuration', 'version', 'sessionId', 'channel', 'ip', 'bcat', 'player_params.x', 'session.id'), fc.string({ maxLength: 20 }));
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(undefined), fc.double().map(String));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 12 }), (q) => {
        try {
          const p = parse(q);
          assert.ok(p.request.availMs >= 0 && p.request.availMs <= 900_000);
          assert.ok(p.request.maxAds >= 0 && p.request.maxAds <= 10);
        } catch (e) {
          assert.ok(e instanceof AdsError && e.code === 'ADS_INVALID_REQUEST', String(e));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

test('deviceOf: connected TVs, tablets, phones, desktops', () => {
  const cases: [string, string, string][] = [
    ['Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 SamsungBrowser/4.0 TV Safari/537.36', 'tv', 'tizen'],
    ['Roku/DVP-12.0 (12.0.0.4182-88)', 'tv', 'roku'],
    ['Mozilla/5.0 (Linux; Android 9; AFTMM) AppleWebKit/537.36 Silk/98', 'tv', 'fireos'],
    ['AppleCoreMedia/1.0.0.20K71 (Apple TV; U; CPU OS 16_1 like Mac OS X; en_us)', 'tv', 'tvos'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15', 'tablet', 'ipados'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', 'mobile', 'ios'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36', 'mobile', 'android'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36', 'desktop', 'windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15', 'desktop', 'macos'],
    ['curl/8.0', 'unknown', 'other'],
  ];
  for (const [ua, type, os] of cases) assert.deepEqual(deviceOf(ua), { type, os }, ua);
  assert.deepEqual(deviceOf(undefined), { type: 'unknown', os: 'other' });
});

test('GeoTable: most specific block wins; malformed entries are refused', () => {
  const t = new GeoTable([{ cidr: '10.0.0.0/8', country: 'aa' }, { cidr: '10.1.0.0/16', country: 'bb' }]);
  assert.deepEqual([t.lookup('10.1.2.3'), t.lookup('10.2.0.1'), t.lookup('11.0.0.1'), t.lookup('nope'), t.lookup(undefined)], ['BB', 'AA', undefined, undefined, undefined]);
  assert.throws(() => new GeoTable([{ cidr: '10.0.0.0/33', country: 'aa' }]));
  assert.throws(() => new GeoTable([{ cidr: '10.0.0.0/8', country: 'usa' }]));
});

test('ipv4: dotted quads (also IPv4-mapped), each group 1–3 digits ≤ 255; anything else undefined', () => {
  // The pattern the scanner replaced, as the reference.
  const reference = (ip: string): number | undefined => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
    if (!m) return undefined;
    const o = m.slice(1).map(Number);
    return o.some((x) => x > 255) ? undefined : o.reduce((v, x) => v * 256 + x, 0);
  };
  const cases = ['1.2.3.4', '255.255.255.255', '0.0.0.0', '010.001.1.1', '::ffff:25.1.2.3', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.a', '1234.1.1.1', '', '::ffff:', '::1', '1.2.3.4/8', '१.2.3.4'];
  for (const ip of cases) assert.equal(ipv4(ip), reference(ip), ip);
  const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: 0, maxLength: 4 });
  const quad = fc.tuple(digits, digits, digits, digits, fc.constantFrom('', '::ffff:', ' ', 'x')).map(([a, b, c, d, p]) => `${p}${a}.${b}.${c}.${d}`);
  fc.assert(fc.property(fc.oneof(quad, fc.string()), (ip) => ipv4(ip) === reference(ip)), { numRuns: 2000 });
});

test('parameter names that are Object.prototype members are targeting values like any other', () => {
  const p = parseDecisionRequest({ constructor: 'x', toString: 'y', __proto__x: 'z', duration: '30' }, {}, undefined, limits, 'd-1');
  assert.equal(p.request.availMs, 30_000);
  assert.equal(p.request.values.get('constructor'), 'x');
  assert.equal(p.request.values.get('tostring'), 'y');
});
