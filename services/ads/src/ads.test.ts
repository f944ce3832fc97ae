// The ad request, VMAP and beacons over HTTP: a fresh build() per test, memory adapters and a
// virtual clock, driven by app.inject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseVast, parseVmap } from '@adsplice/vast';
import { MemoryFrequencyCounters } from './adapters/memory-frequency-counters.ts';
import { base64url12 } from './ad-server.ts';
import { MemoryInventoryRepository } from './adapters/memory-inventory-repository.ts';
import type { AdsDecisionEvent } from './events.ts';
import type { FrequencyCounters } from './ports.ts';
import { simpleInventory, T0 } from './testing/builders.ts';
import { testAds, trackingPaths } from './testing/app.ts';
import { validateMany, xmllintSkip } from './testing/xmllint.ts';

async function withInventory(durations: number[][], over: Parameters<typeof testAds>[0] = {}, campaignOver?: Parameters<typeof simpleInventory>[1]) {
  const repo = new MemoryInventoryRepository();
  await repo.createMany(simpleInventory(durations, campaignOver));
  return testAds({ ...over, repo });
}

const adIdsOf = (xml: string): string[] => (parseVast(xml).value?.ads ?? []).map((a) => a.id ?? '');

test('GET /ads/vast answers a VAST 4.2 pod for the avail, personalised and uncacheable, and emits ADS_DECISION', async () => {
  const t = await withInventory([[20], [15], [15], [30]]);
  try {
    const r = await t.app.inject('/ads/vast?duration=30&sessionId=s-1&channel=news&genre=drama');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.equal(r.headers['access-control-allow-origin'], '*');
    assert.equal(Number(r.headers['content-length']), r.rawPayload.length);
    const head = await t.app.inject({ method: 'HEAD', url: '/ads/vast?duration=30&sessionId=s-1&channel=news&genre=drama' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(head.rawPayload.length, 0, 'HEAD: headers only');
    const doc = parseVast(r.body);
    assert.deepEqual(doc.issues, []);
    assert.equal(doc.value?.version, '4.2');
    const ads = doc.value!.ads;
    assert.ok(ads.reduce((s, a) => s + (a.creatives[0]?.linear?.durationMs ?? 0), 0) <= 30_000);
    const [event] = t.events.ofType('ADS_DECISION');
    assert.equal(event?.sessionId, 's-1');
    assert.equal(event?.channel, 'news');
    assert.deepEqual(event?.ads.map((a) => a.adId), adIdsOf(r.body));
    assert.equal(event?.filledMs, 30_000, 'the DP fills 30 s exactly');
    assert.deepEqual(ads.map((a) => a.sequence), ads.map((_, i) => i + 1));
    assert.ok(Object.values(event!.excluded.counts).reduce((s, n) => s + n, 0) > 0, 'why the others were left out');
  } finally {
    await t.close();
  }
});

test('over real sockets, concurrent ad requests each get their own intact body (the reused body buffer is never shared)', async () => {
  const t = await withInventory([[10], [10], [15], [15], [30]]);
  try {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const sessions = Array.from({ length: 40 }, (_, i) => `sock-${i}`);
    const bodies = await Promise.all(sessions.map(async (s) => (await fetch(`${address}/ads/vast?duration=30&sessionId=${s}`)).text()));
    bodies.forEach((xml, i) => {
      const doc = parseVast(xml);
      assert.deepEqual(doc.issues, [], sessions[i]);
      const urls = doc.value!.ads.flatMap((a) => a.impressions.map((x) => x.url));
      assert.ok(urls.length > 0 && urls.every((u) => u.includes(`s=${sessions[i]}&`)), `${sessions[i]}: every beacon is for this session`);
    });
    const decided = new Map(t.events.ofType('ADS_DECISION').map((d) => [d.sessionId, d.ads.map((a) => a.adId)]));
    bodies.forEach((xml, i) => assert.deepEqual(adIdsOf(xml), decided.get(sessions[i]!), 'the body is the decision made for this request'));
  } finally {
    await t.close();
  }
});

test('MediaTailor-style requests work: session variables, player_params, forwarded User-Agent; a missing session id still works', async () => {
  const t = await withInventory([[15], [15]], {}, () => ({ targeting: { all: [{ key: 'device', in: ['tv'] }, { key: 'genre', in: ['sport'] }] } }));
  try {
    const r = await t.app.inject({
      url: '/ads/vast?session.avail_duration_secs=30&session.id=9321&player_params.genre=sport&avail.index=3&avail.random=812341',
      headers: { 'user-agent': 'Roku/DVP-12.0 (12.0.0.4182-88)', 'x-forwarded-for': '25.0.0.1' },
    });
    assert.equal(r.statusCode, 200);
    assert.equal(adIdsOf(r.body).length, 2);
    const anonymous = await t.app.inject({ url: '/ads/vast?duration=15&genre=sport', headers: { 'user-agent': 'Roku/DVP-12.0' } });
    assert.equal(adIdsOf(anonymous.body).length, 1);
    const imp = trackingPaths(anonymous.body).get('impression')![0]!;
    assert.match(imp, /&s=anon-[A-Za-z0-9_-]{16}&/, 'beacons count under a session made for the decision');
    assert.equal((await t.app.inject(imp)).statusCode, 204);
  } finally {
    await t.close();
  }
});

test('VAST 3.0 and 2.0 on request; malformed parameters are a clear 400, unknown ones ignored, huge pods clamped', async () => {
  const t = await withInventory([[15], [15]]);
  try {
    assert.match((await t.app.inject('/ads/vast?duration=30&version=3.0')).body, /<VAST version="3.0">/);
    assert.match((await t.app.inject('/ads/vast?duration=30&version=2.0')).body, /<VAST version="2.0">/);
    for (const [query, parameter] of [
      ['duration=-5', 'duration'],
      ['duration=abc', 'duration'],
      ['maxAds=-1', 'maxAds'],
      ['version=9', 'version'],
      ['minAdDuration=30&maxAdDuration=10', 'minAdDuration'],
    ]) {
      const r = await t.app.inject(`/ads/vast?${query}`);
      assert.equal(r.statusCode, 400, query);
      assert.equal(r.json().code, 'ADS_INVALID_REQUEST');
      assert.match(r.json().message, new RegExp(`^${parameter}:`));
    }
    const unknown = await t.app.inject('/ads/vast?duration=30&whatever=1&x.y.z=%00&=empty');
    assert.equal(unknown.statusCode, 200);
    const huge = await t.app.inject('/ads/vast?duration=99999&maxAds=100000');
    assert.equal(huge.statusCode, 200);
    assert.deepEqual(t.events.ofType('ADS_DECISION').at(-1)?.clamped, ['duration', 'maxAds']);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
});

test('bad input never answers a 500 (random query strings and beacon paths)', async () => {
  const t = await withInventory([[15], [30]]);
  try {
    const part = fc.string({ unit: fc.constantFrom(...'aZ09=&%[]._-+/?#;:@!$\'()*,~\u00e9'), maxLength: 60 });
    const name = fc.constantFrom('duration', 'durationMs', 'maxAds', 'minAdDuration', 'maxAdDuration', 'version', 'sessionId', 'channel', 'bcat', 'ip', 'player_params.genre', 'session.id', 'x');
    const query = fc.array(fc.tuple(name, part), { maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    const run = await fc.check(
      fc.asyncProperty(query, part, async (q, path) => {
        const r = await t.app.inject(`/ads/vast?${q}`);
        assert.ok(r.statusCode === 200 || r.statusCode === 400, `${q} → ${r.statusCode}`);
        if (r.statusCode === 200) assert.deepEqual(parseVast(r.body).issues.filter((i) => i.code !== 'VAST_NO_ADS'), [], 'a well-formed VAST (an empty one for a short avail)');
        const b = await t.app.inject(`/ads/track/${encodeURIComponent(path)}?${q}`);
        assert.ok([403, 404].includes(b.statusCode), `track → ${b.statusCode}`);
        const v = await t.app.inject(`/ads/vmap?${q}`);
        assert.ok(v.statusCode === 200 || v.statusCode === 400, `vmap ${q} → ${v.statusCode}`);
      }),
      { numRuns: 150 },
    );
    assert.equal(run.failed, false, `${String(run.errorInstance)} for ${JSON.stringify(run.counterexample)}`);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
});

test('an internal failure answers a valid empty VAST (200) and an ADS_ERROR event: the stream goes on', async () => {
  const t = await withInventory([[15]], {
    random: () => {
      throw new Error('boom');
    },
  });
  try {
    const r = await t.app.inject('/ads/vast?duration=30');
    assert.equal(r.statusCode, 200);
    assert.deepEqual(parseVast(r.body).value?.ads, []);
    assert.equal(t.events.ofType('ADS_ERROR')[0]?.message, 'boom');
  } finally {
    await t.close();
  }
});

test('a slow counter store is raced against its timeout; its failures never fail a request', async () => {
  const slow: FrequencyCounters = {
    recent: () => new Promise(() => {}),
    campaigns: () => Promise.reject(new Error('down')),
    record: () => {
      throw new Error('down');
    },
  };
  const t = await withInventory([[30]], { counters: slow, opts: { countersTimeoutMs: 20 } });
  try {
    const r = await t.app.inject('/ads/vast?duration=30&sessionId=s1');
    assert.deepEqual(adIdsOf(r.body), ['ad-0-30']);
    assert.ok(t.errors.length >= 1);
  } finally {
    await t.close();
  }
});

test('a counter store that is down: ads are still decided (without caps), one warning per outage, decisions flagged', async () => {
  let up = false;
  const memory = new MemoryFrequencyCounters();
  const flaky: FrequencyCounters = {
    recent: (keys) => (up ? Promise.resolve(memory.recent(keys)) : Promise.reject(new Error('Redis is not connected (reconnecting)'))),
    campaigns: () => (up ? Promise.resolve(memory.campaigns()) : Promise.reject(new Error('Redis is not connected (reconnecting)'))),
    record: (hits) => (up ? Promise.resolve(memory.record(hits)) : Promise.reject(new Error('Redis is not connected (reconnecting)'))),
  };
  const t = await withInventory([[30]], { counters: flaky });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject(`/ads/vast?duration=30&sessionId=s${i}`);
      assert.equal(r.statusCode, 200);
      assert.deepEqual(adIdsOf(r.body), ['ad-0-30']);
    }
    const warnings = t.events.ofType('WARNING_COUNTERS_UNAVAILABLE');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /not connected/);
    assert.equal(t.errors.length, 1, 'reported once, not once per request');
    assert.deepEqual(t.events.ofType('ADS_DECISION').map((d) => d.countersUnavailable), [true, true, true, true, true]);
    up = true;
    await t.app.inject('/ads/vast?duration=30&sessionId=s9');
    assert.equal(t.events.ofType('ADS_DECISION').at(-1)?.countersUnavailable, false);
    up = false;
    await t.app.inject('/ads/vast?duration=30&sessionId=s10');
    assert.equal(t.events.ofType('WARNING_COUNTERS_UNAVAILABLE').length, 2, 'a new outage is reported again');
  } finally {
    await t.close();
  }
});

test('a counter store that answers, but always too late, warns once, not on every request', async () => {
  const late: FrequencyCounters = {
    recent: () => new Promise((resolve) => setTimeout(() => resolve(new Map()), 30)),
    campaigns: () => new Map(),
    record: () => {},
  };
  const t = await withInventory([[30]], { counters: late, opts: { countersTimeoutMs: 5 } });
  try {
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(adIdsOf((await t.app.inject(`/ads/vast?duration=30&sessionId=s${i}`)).body), ['ad-0-30']);
      await new Promise((r) => setTimeout(r, 40)); // the late answer arrives before the next request
    }
    assert.equal(t.events.ofType('WARNING_COUNTERS_UNAVAILABLE').length, 1);
    assert.match(t.events.ofType('WARNING_COUNTERS_UNAVAILABLE')[0]!.message, /no answer within 5 ms/);
    assert.ok(t.events.ofType('ADS_DECISION').every((d) => d.countersUnavailable));
    t.clock.advance(60_000);
    await t.app.inject('/ads/vast?duration=30&sessionId=s9');
    assert.equal(t.events.ofType('WARNING_COUNTERS_UNAVAILABLE').length, 2, 'reported again after a minute');
  } finally {
    await t.close();
  }
});

test('frequency caps hold across requests of a session, and lift when the window passes (virtual clock)', async () => {
  const t = await withInventory([[30], [30]], {}, (i) => (i === 0 ? { frequencyCaps: [{ scope: 'session', max: 2, windowSeconds: 600 }], priority: 1 } : { priority: 3 }));
  try {
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      t.clock.advance(30_000);
      served.push(adIdsOf((await t.app.inject('/ads/vast?duration=30&sessionId=viewer-1')).body)[0]!);
    }
    assert.deepEqual(served, ['ad-0-30', 'ad-0-30', 'ad-1-30', 'ad-1-30']);
    assert.equal(t.events.ofType('ADS_DECISION').at(-1)?.excluded.counts.FREQUENCY_CAP, 1);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&sessionId=viewer-2')).body), ['ad-0-30'], 'another session is not capped');
    t.clock.advance(600_000);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&sessionId=viewer-1')).body), ['ad-0-30']);
  } finally {
    await t.close();
  }
});

test('beacons: recorded once per (ad, session, event), forged or expired ones refused, 204 or a 1x1 GIF', async () => {
  const t = await withInventory([[30]]);
  try {
    const r = await t.app.inject('/ads/vast?duration=30&sessionId=s-9');
    const paths = trackingPaths(r.body);
    assert.deepEqual([...paths.keys()].sort(), ['click', 'complete', 'error', 'firstQuartile', 'impression', 'midpoint', 'pause', 'progress', 'resume', 'skip', 'start', 'thirdQuartile']);
    const imp = paths.get('impression')![0]!;
    const first = await t.app.inject(imp);
    assert.equal(first.statusCode, 204);
    assert.equal(first.body, '');
    assert.equal((await t.app.inject(imp)).statusCode, 204, 'a replay is answered the same');
    assert.equal(t.events.ofType('IMPRESSION').length, 1, 'but counted once');
    assert.deepEqual(t.events.ofType('BEACON_RECEIVED').map((e) => [e.adId, e.sessionId, e.event, e.campaignId]), [['ad-0-30', 's-9', 'impression', 'cmp-0']]);
    const gif = await t.app.inject({ url: paths.get('start')![0]!, headers: { accept: 'image/avif,image/webp,*/*' } });
    assert.deepEqual([gif.statusCode, gif.headers['content-type'], gif.rawPayload.subarray(0, 6).toString(), gif.rawPayload.at(-1)], [200, 'image/gif', 'GIF89a', 0x3b]);
    const err = await t.app.inject(paths.get('error')![0]!.replace('[ERRORCODE]', '405'));
    assert.equal(err.statusCode, 204);
    assert.equal(t.events.ofType('BEACON_RECEIVED').at(-1)?.errorCode, '405');
    for (const forged of [imp.replace('ad=ad-0-30', 'ad=ad-0-31'), imp.replace('s=s-9', 's=s-8'), imp.replace('/impression?', '/complete?'), imp.replace(/t=\d+/, `t=${T0 + 1}`), imp.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAA'), imp.replace(/&sig=[^&]+/, '')]) {
      const f = await t.app.inject(forged);
      assert.deepEqual([f.statusCode, f.json().code], [403, 'ADS_BEACON_INVALID'], forged);
    }
    assert.equal((await t.app.inject('/ads/track/explode?ad=a&s=b&t=1&sig=x')).statusCode, 403);
    t.clock.advance(25 * 3_600_000);
    const late = await t.app.inject(paths.get('complete')![0]!);
    assert.deepEqual([late.statusCode, late.json().code], [410, 'ADS_BEACON_EXPIRED']);
  } finally {
    await t.close();
  }
});

test('countOn "impression": caps and goals count impression beacons, not decisions', async () => {
  const t = await withInventory([[30], [30]], { opts: { countOn: 'impression' } }, (i) => (i === 0 ? { frequencyCaps: [{ scope: 'session', max: 1, windowSeconds: 3600 }], priority: 1 } : { priority: 3 }));
  try {
    const a = await t.app.inject('/ads/vast?duration=30&sessionId=s1');
    assert.deepEqual(adIdsOf(a.body), ['ad-0-30']);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&sessionId=s1')).body), ['ad-0-30'], 'no impression yet: not capped');
    await t.app.inject(trackingPaths(a.body).get('impression')![0]!);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&sessionId=s1')).body), ['ad-1-30']);
  } finally {
    await t.close();
  }
});

test('GET /ads/vmap: pre/mid/post-roll breaks with VAST inside, valid against the VMAP and VAST schemas', { skip: xmllintSkip() }, async () => {
  const t = await withInventory([[10], [15], [20], [30]]);
  try {
    const r = await t.app.inject('/ads/vmap?contentDuration=1200&midrolls=300,50%25&prerollDuration=15&midrollDuration=30&sessionId=vod-1');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/xml; charset=utf-8');
    const vmap = parseVmap(r.body);
    assert.deepEqual(vmap.issues, []);
    assert.deepEqual(vmap.value?.adBreaks.map((b) => [b.breakId, b.timeOffset]), [['preroll', 'start'], ['midroll-1', 300_000], ['midroll-2', '50%'], ['postroll', 'end']]);
    for (const b of vmap.value!.adBreaks) assert.ok((b.adSource?.vastAdData?.ads.length ?? 0) > 0, `${b.breakId} has ads`);
    assert.deepEqual(validateMany([r.body], 'vmap.xsd'), [[]]);
    const inner = [...r.body.matchAll(/<vmap:VASTAdData>\n([\s\S]*?)\n\s*<\/vmap:VASTAdData>/g)].map((m) => m[1]!);
    assert.equal(inner.length, 4);
    assert.deepEqual(validateMany(inner, 'vast_4.2.xsd'), [[], [], [], []]);
    assert.equal(t.events.ofType('ADS_DECISION').length, 4);

    const tags = await t.app.inject('/ads/vmap?contentDuration=600&midrollEvery=300&adTags=1&genre=drama');
    const tagged = parseVmap(tags.body).value!;
    assert.deepEqual(validateMany([tags.body], 'vmap.xsd'), [[]]);
    const uri = new URL(tagged.adBreaks[1]!.adSource!.adTagUri!);
    assert.deepEqual([uri.pathname, uri.searchParams.get('duration'), uri.searchParams.get('position'), uri.searchParams.get('genre')], ['/ads/vast', '60', 'midroll', 'drama']);
    assert.ok(adIdsOf((await t.app.inject(`${uri.pathname}${uri.search}`)).body).length > 0);
  } finally {
    await t.close();
  }
});

test('GET /api/ads/decision: a dry run that explains itself and counts nothing', async () => {
  const t = await withInventory([[30], [30]], {}, (i) => ({ targeting: i === 0 ? { key: 'genre', in: ['news'] } : null }));
  try {
    const r = await t.app.inject('/api/ads/decision?duration=30&sessionId=s1&genre=drama');
    assert.equal(r.statusCode, 200);
    const d = r.json();
    assert.deepEqual(d.ads.map((a: { adId: string }) => a.adId), ['ad-1-30']);
    assert.deepEqual(d.excluded.samples, [{ level: 'campaign', id: 'cmp-0', reason: 'TARGETING' }]);
    assert.equal(d.request.values.genre, 'drama');
    assert.deepEqual(t.events.events, [], 'no event for a dry run');
    assert.equal((await t.app.inject('/api/ads/decision?duration=-1')).statusCode, 400);
  } finally {
    await t.close();
  }
});

test('several ADS processes on one store agree: a write on one is seen by the other after refresh', async () => {
  const repo = new MemoryInventoryRepository();
  await repo.createMany(simpleInventory([[30]]));
  const a = await testAds({ repo });
  const b = await testAds({ repo });
  try {
    assert.deepEqual(adIdsOf((await b.app.inject('/ads/vast?duration=30')).body), ['ad-0-30']);
    const put = await a.app.inject({ method: 'PUT', url: '/api/ads/campaigns/cmp-0', payload: { active: false } });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(adIdsOf((await a.app.inject('/ads/vast?duration=30')).body), [], 'the writer sees it at once');
    assert.equal(await b.ads.refresh(), true);
    assert.deepEqual(adIdsOf((await b.app.inject('/ads/vast?duration=30')).body), [], 'the other after its refresh');
    assert.equal(await b.ads.refresh(), false, 'nothing new');
  } finally {
    await a.close();
    await b.close();
  }
});

test('experiments split sessions deterministically and the variant rides on every decision', async () => {
  const t = await withInventory([[20], [15], [15]]);
  try {
    const e = await t.app.inject({ method: 'POST', url: '/api/ads/experiments', payload: { id: 'pods', name: 'Pod strategy', variants: [{ name: 'dp', weight: 1 }, { name: 'greedy', weight: 1, podStrategy: 'greedy' }] } });
    assert.equal(e.statusCode, 201, e.body);
    const seen = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      for (let repeat = 0; repeat < 2; repeat++) {
        await t.app.inject(`/ads/vast?duration=30&sessionId=user-${i}`);
        const d = t.events.ofType('ADS_DECISION').at(-1) as AdsDecisionEvent;
        const v = d.experiments[0]!.variant;
        if (repeat === 1) assert.equal(v, seen.get(`user-${i}`), 'same session, same variant');
        seen.set(`user-${i}`, v);
        assert.equal(d.strategy, v === 'greedy' ? 'greedy' : 'optimal');
        if (v === 'dp') assert.equal(d.filledMs, 30_000);
      }
    }
    const counts = [...seen.values()].reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
    assert.ok((counts.get('dp') ?? 0) > 5 && (counts.get('greedy') ?? 0) > 5, JSON.stringify([...counts]));
  } finally {
    await t.close();
  }
});

test('fallback ads when nothing matches, set through the API; otherwise a valid empty VAST', async () => {
  const t = await withInventory([[30], [10]], {}, (i) => ({ targeting: { key: 'genre', in: [i === 0 ? 'news' : 'nothing'] } }));
  try {
    const empty = await t.app.inject('/ads/vast?duration=30&genre=drama');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<VAST version="4.2" xmlns="http:\/\/www.iab.com\/VAST">\n<\/VAST>\n$/);
    const put = await t.app.inject({ method: 'PUT', url: '/api/ads/fallback', payload: { adIds: ['ad-1-10'] } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&genre=drama')).body), ['ad-1-10']);
    assert.equal(t.events.ofType('ADS_DECISION').at(-1)?.fallback, true);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&genre=news')).body), ['ad-0-30'], 'targeted ads first');
  } finally {
    await t.close();
  }
});

test('day-parting in the channel time zone set through the API', async () => {
  const t = await withInventory([[30]], {}, () => ({ targeting: { all: [{ key: 'channel', in: ['seoul-news'] }, { daypart: { from: '06:00', to: '09:00' } }] } }));
  try {
    t.clock.set(Date.UTC(2026, 10, 22, 22, 0)); // 07:00 in Seoul, 22:00 UTC
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&channel=seoul-news')).body), []);
    const put = await t.app.inject({ method: 'PUT', url: '/api/ads/channels/seoul-news', payload: { timeZone: 'Asia/Seoul' } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(adIdsOf((await t.app.inject('/ads/vast?duration=30&channel=seoul-news')).body), ['ad-0-30']);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/ads/channels/seoul-news', payload: { timeZone: 'Mars/Olympus' } });
    assert.deepEqual([bad.statusCode, bad.json().code], [400, 'ADS_INVALID']);
  } finally {
    await t.close();
  }
});

test('decision ids: base64url of 12 random bytes, as Buffer writes it', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 12, maxLength: 40 }), fc.nat(), (bytes, k) => {
      const at = k % (bytes.length - 11);
      assert.equal(base64url12(bytes, at), Buffer.from(bytes).toString('base64url', at, at + 12));
    }),
    { numRuns: 500 },
  );
});
