import { equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cacheBusting, percentEncode, replaceMacros } from './macros.ts';

describe('replaceMacros', () => {
  test('replaces the macros it has values for, percent-encoded, and leaves the others', () => {
    const url = 'https://t.example.com/e?code=[ERRORCODE]&cb=[CACHEBUSTING]&asset=[ASSETURI]&ss=[SERVERSIDE]&x=[UNKNOWNMACRO]&low=[random]';
    equal(
      replaceMacros(url, { ERRORCODE: 303, CACHEBUSTING: 0.5, ASSETURI: 'https://cdn.example.com/a b.mp4?x=1&y=2', SERVERSIDE: 1 }),
      'https://t.example.com/e?code=303&cb=50000000&asset=https%3A%2F%2Fcdn.example.com%2Fa%20b.mp4%3Fx%3D1%26y%3D2&ss=1&x=[UNKNOWNMACRO]&low=[random]',
    );
  });

  test('times: [TIMESTAMP] is ISO 8601 from epoch ms, playheads are HH:MM:SS.mmm', () => {
    equal(replaceMacros('[TIMESTAMP]', { TIMESTAMP: Date.UTC(2024, 0, 2, 3, 4, 5, 678) }), '2024-01-02T03%3A04%3A05.678Z');
    equal(replaceMacros('a=[ADPLAYHEAD]&c=[CONTENTPLAYHEAD]&m=[MEDIAPLAYHEAD]', { ADPLAYHEAD: 7500, CONTENTPLAYHEAD: 3_723_004, MEDIAPLAYHEAD: 0 }), 'a=00%3A00%3A07.500&c=01%3A02%3A03.004&m=00%3A00%3A00.000');
  });

  test('lists, booleans, integers and old-style %%MACRO%%', () => {
    equal(replaceMacros('[BLOCKEDADCATEGORIES]', { BLOCKEDADCATEGORIES: ['IAB1-1', 'a,b'] }), 'IAB1-1,a%2Cb');
    equal(replaceMacros('[LIMITADTRACKING]', { LIMITADTRACKING: true }), '1');
    equal(replaceMacros('%%CACHEBUSTING%%', { CACHEBUSTING: 42 }), '00000042');
    equal(replaceMacros('[REASON]', { REASON: "it's (odd)!*" }), 'it%27s%20%28odd%29%21%2A');
    equal(replaceMacros('[ERRORCODE]', { ERRORCODE: Number.NaN }), '-1');
  });

  test('cacheBusting gives 8 digits from a random number in [0, 1)', () => {
    equal(cacheBusting(0), '00000000');
    equal(cacheBusting(0.12345678), '12345678');
    equal(cacheBusting(1), '99999999');
  });

  test('a URL without macros is unchanged; encoded values never contain reserved characters', () => {
    fc.assert(fc.property(fc.webUrl(), (url) => equal(replaceMacros(url.replace(/[[\]%]/g, ''), { ERRORCODE: 100 }), url.replace(/[[\]%]/g, ''))));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => equal(/[^A-Za-z0-9\-._~%]/.test(percentEncode(s)), false)));
  });
});
