import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryFrequencyCounters } from './adapters/memory-frequency-counters.ts';
import { compileInventory, type CompiledInventory } from './compile-inventory.ts';
import { decide, type CounterView, type Decision, type DecisionRequest } from './decide.ts';
import type { Campaign, InventorySnapshot } from './inventory.ts';
import type { TargetingRule } from './targeting.ts';
import { ad, advertiser, campaign, creative, experiment, seeded, simpleInventory, snapshot, T0 } from './testing/builders.ts';

const HOUR = 3_600_000;

function request(over: Partial<DecisionRequest> & { values?: Map<string, string> } = {}): DecisionRequest {
  return { decisionId: 'd1', availMs: 30_000, maxAds: 5, minAdMs: 0, maxAdMs: Infinity, sessionId: 's1', userId: null, channel: null, values: new Map(), blockedCategories: [], experimentKey: 's1', ...over };
}
const noCounts: CounterView = { session: undefined, user: undefined, campaigns: new Map() };
const compile = (s: InventorySnapshot, nowMs = T0): CompiledInventory => compileInventory(s, { nowMs });
const adIds = (d: Decision): string[] => d.ads.map((a) => a.ad.id);

// --- generated inventories -----------------------------------------------------------------------
const RULES: (TargetingRule | null)[] = [
  null,
  { key: 'channel', in: ['news'] },
  { key: 'channel', in: ['sport', 'news'] },
  { key: 'genre', in: ['drama'] },
  { not: { key: 'device', in: ['mobile'] } },
  { all: [{ key: 'channel', in: ['news'] }, { key: 'age', min: 18, max: 34 }] },
  { daypart: { from: '06:00', to: '18:00' } },
];
const DURATIONS = [6, 10, 15, 15, 20, 30, 30, 45, 60];
const inventoryArb = fc
  .record({
    advertisers: fc.array(fc.record({ categories: fc.uniqueArray(fc.constantFrom('IAB1', 'IAB2', 'IAB3', 'IAB8'), { maxLength: 1 }) }), { minLength: 1, maxLength: 8 }),
    campaigns: fc.array(
      fc.record({
        advertiser: fc.nat(),
        priority: fc.integer({ min: 1, max: 5 }),
        weight: fc.integer({ min: 1, max: 1000 }),
        rule: fc.integer({ min: 0, max: RULES.length - 1 }),
        cap: fc.option(fc.record({ max: fc.integer({ min: 1, max: 3 }), windowSeconds: fc.constantFrom(60, 3600) }), { nil: undefined }),
        flight: fc.constantFrom('live', 'live', 'live', 'future', 'past'),
        active: fc.constantFrom(true, true, true, false),
        ads: fc.array(fc.record({ seconds: fc.constantFrom(...DURATIONS), active: fc.constantFrom(true, true, false), category: fc.option(fc.constantFrom('IAB1', 'IAB9'), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    fallback: fc.boolean(),
  })
  .map((g) => {
    const s = snapshot();
    s.advertisers = g.advertisers.map((a, i) => advertiser(`adv${i}`, { categories: a.categories }));
    const creatives = new Map<number, ReturnType<typeof creative>>();
    g.campaigns.forEach((c, i) => {
      const flight = c.flight === 'future' ? { startAt: new Date(T0 + HOUR).toISOString() } : c.flight === 'past' ? { startAt: new Date(T0 - 10 * HOUR).toISOString(), endAt: new Date(T0 - HOUR).toISOString() } : {};
      const cmp = campaign(`c${i}`, `adv${c.advertiser % g.advertisers.length}`, { priority: c.priority, weight: c.weight, targeting: RULES[c.rule]!, active: c.active, frequencyCaps: c.cap ? [{ scope: 'session', ...c.cap }] : [], ...flight });
      s.campaigns.push(cmp);
      c.ads.forEach((a, j) => {
        let cr = creatives.get(a.seconds);
        if (!cr) creatives.set(a.seconds, (cr = creative(`cr${a.seconds}`, a.seconds * 1000 - (a.seconds % 7) * 10)));
        s.ads.push(ad(`c${i}a${j}`, cmp, cr, { active: a.active, categories: a.category ? [a.category] : [] }));
      });
    });
    s.creatives = [...creatives.values()];
    if (g.fallback && s.ads[0]) s.fallback = { adIds: [s.ads[0].id] };
    return s;
  });
const requestArb = fc.record({
  availSec: fc.integer({ min: 0, max: 180 }),
  maxAds: fc.integer({ min: 1, max: 6 }),
  channel: fc.constantFrom(null, 'news', 'sport', 'kids'),
  genre: fc.constantFrom(undefined, 'drama', 'news'),
  device: fc.constantFrom('tv', 'mobile'),
  age: fc.constantFrom(undefined, '20', '50'),
  hour: fc.integer({ min: 0, max: 23 }),
  seed: fc.integer(),
});
type GenRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: GenRequest): DecisionRequest {
  const values = new Map<string, string>([['device', r.device]]);
  if (r.channel) values.set('channel', r.channel);
  if (r.genre) values.set('genre', r.genre);
  if (r.age) values.set('age', r.age);
  return request({ availMs: r.availSec * 1000, maxAds: r.maxAds, channel: r.channel, values });
}

describe('decide on generated inventories', () => {
  test('a pod fits its avail and pod limits, never repeats an advertiser or category, and holds only live, targeted, fitting ads', () => {
    fc.assert(
      fc.property(inventoryArb, requestArb, (s, r) => {
        const inv = compile(s);
        const now = Date.UTC(2026, 10, 22, r.hour, 0, 0);
        const req = toRequest(r);
        const d = decide(inv, req, noCounts, now, seeded(r.seed));
        const seconds = d.ads.reduce((sum, a) => sum + a.ad.durationSec, 0);
        assert.ok(d.filledMs <= req.availMs, `filled ${d.filledMs} > avail ${req.availMs}`);
        assert.ok(seconds * 1000 <= req.availMs);
        assert.ok(d.ads.length <= req.maxAds);
        assert.equal(new Set(d.ads.map((a) => a.ad.advertiserId)).size, d.ads.length, 'one ad per advertiser');
        const cats = d.ads.flatMap((a) => a.ad.categories.map((c) => c.toLowerCase()));
        assert.equal(new Set(cats).size, cats.length, 'one ad per category');
        assert.deepEqual(d.ads.map((a) => a.sequence), d.ads.map((_, i) => i + 1));
        if (!d.fallback) {
          for (const { ad: a } of d.ads) {
            const c = s.campaigns.find((x) => x.id === a.campaignId)!;
            const rawAd = s.ads.find((x) => x.id === a.id)!;
            assert.ok(c.active && rawAd.active, 'active');
            assert.ok(Date.parse(c.startAt) <= now && (c.endAt === null || now < Date.parse(c.endAt)), 'in flight');
            const compiled = inv.campaignsById.get(c.id)!;
            assert.ok(!compiled.matches || compiled.matches({ values: req.values, local: inv.clocks.at('UTC', now) }), 'targeted');
          }
        } else {
          assert.ok(d.ads.every((a) => s.fallback.adIds.includes(a.ad.id)));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('every live campaign is either a candidate or excluded with a reason', () => {
    fc.assert(
      fc.property(inventoryArb, requestArb, (s, r) => {
        const inv = compile(s);
        const d = decide(inv, toRequest(r), noCounts, Date.UTC(2026, 10, 22, r.hour), seeded(r.seed));
        const campaignReasons = ['FLIGHT_NOT_STARTED', 'FLIGHT_ENDED', 'EXPERIMENT', 'TARGETING', 'BLOCKED_CATEGORY', 'GOAL_REACHED', 'DAILY_CAP', 'FREQUENCY_CAP', 'PACING', 'NO_FITTING_AD', 'LOWER_PRIORITY'] as const;
        const excluded = campaignReasons.reduce((n, k) => n + (d.excluded.counts[k] ?? 0), 0);
        // Each candidate is a (campaign, duration) pick: chosen, or excluded at pod level with a reason.
        const adLevel = (d.excluded.counts.SEPARATION ?? 0) + (d.excluded.counts.DOES_NOT_FIT ?? 0) + (d.excluded.counts.OUTRANKED ?? 0);
        if (!d.fallback) assert.equal(adLevel + d.ads.length, d.candidates);
        // A campaign with no candidate is excluded once; one with candidates is not excluded.
        const campaignsWithCandidates = d.candidates === 0 ? 0 : new Set(s.campaigns.filter((c) => inv.campaignsById.has(c.id)).map((c) => c.id)).size - excluded;
        assert.ok(campaignsWithCandidates >= 0 && campaignsWithCandidates <= d.candidates);
        assert.ok(excluded <= inv.campaigns.length);
        if (d.candidates === 0) assert.equal(excluded, inv.campaigns.length);
      }),
      { numRuns: 200 },
    );
  });

  test('frequency caps hold over a session of many decisions', () => {
    fc.assert(
      fc.property(inventoryArb, fc.integer(), (s, seed) => {
        const inv = compile(s);
        let now = T0;
        const counters = new MemoryFrequencyCounters({ clock: { now: () => now } });
        const random = seeded(seed);
        const served: { campaignId: string; atMs: number }[] = [];
        for (let i = 0; i < 40; i++) {
          now = T0 + i * 20_000;
          const view: CounterView = { session: counters.recent(['s:s1']).get('s:s1'), user: undefined, campaigns: counters.campaigns() };
          const d = decide(inv, request({ availMs: 60_000, values: new Map([['device', 'tv'], ['channel', 'news']]), channel: 'news' }), view, now, random);
          if (d.fallback) continue;
          for (const { ad: a } of d.ads) served.push({ campaignId: a.campaignId, atMs: now });
          counters.record(d.ads.map(({ ad: a }) => ({ keys: ['s:s1'], campaignId: a.campaignId, day: '2026-11-22', atMs: now })));
        }
        for (const c of s.campaigns) {
          for (const cap of c.frequencyCaps) {
            for (const x of served.filter((v) => v.campaignId === c.id)) {
              const inWindow = served.filter((v) => v.campaignId === c.id && v.atMs <= x.atMs && v.atMs > x.atMs - cap.windowSeconds * 1000).length;
              assert.ok(inWindow <= cap.max, `campaign ${c.id}: ${inWindow} in ${cap.windowSeconds}s > ${cap.max}`);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  test('the same inputs give the same pod', () => {
    fc.assert(
      fc.property(inventoryArb, requestArb, (s, r) => {
        const inv = compile(s);
        const a = decide(inv, toRequest(r), noCounts, T0, seeded(r.seed));
        const b = decide(compile(s), toRequest(r), noCounts, T0, seeded(r.seed));
        assert.deepEqual(adIds(a), adIds(b));
      }),
      { numRuns: 100 },
    );
  });
});

describe('decide examples', () => {
  test('fills the avail exactly with the dynamic programme where a greedy pick would not', () => {
    // adv-0 has a 20 s ad (tier 2 like the others); 15 + 15 fills 30 s exactly.
    const inv = compile(simpleInventory([[20], [15], [15]]));
    for (let seed = 0; seed < 20; seed++) {
      const d = decide(inv, request({ availMs: 30_000 }), noCounts, T0, seeded(seed));
      assert.equal(d.filledMs, 30_000);
      assert.deepEqual(adIds(d).sort(), ['ad-1-15', 'ad-2-15']);
    }
  });

  test('a better priority tier wins at equal fill', () => {
    const inv = compile(simpleInventory([[30], [30]], (i) => ({ priority: i === 1 ? 1 : 3, weight: i === 1 ? 1 : 1000 })));
    for (let seed = 0; seed < 20; seed++) assert.deepEqual(adIds(decide(inv, request(), noCounts, T0, seeded(seed))), ['ad-1-30']);
  });

  test('once better tiers fill every duration, worse tiers are not even looked at (LOWER_PRIORITY)', () => {
    // Eight tier-1 advertisers with 30 s ads fill the 30 s shortlist (maxAds 1 + 2 = 3 places, 2 per advertiser).
    const inv = compile(simpleInventory(Array.from({ length: 12 }, () => [30]), (i) => ({ priority: i < 8 ? 1 : 4 })));
    const d = decide(inv, request({ maxAds: 1 }), noCounts, T0, seeded(5));
    assert.equal(d.excluded.counts.LOWER_PRIORITY, 4);
    assert.equal(d.ads[0]!.ad.priority, 1);
  });

  test('weights share a single slot in proportion (900:100 within 3%)', () => {
    const inv = compile(simpleInventory([[30], [30]], (i) => ({ weight: i === 0 ? 900 : 100 })));
    const random = seeded(7);
    let first = 0;
    for (let i = 0; i < 5000; i++) if (adIds(decide(inv, request(), noCounts, T0, random))[0] === 'ad-0-30') first++;
    assert.ok(Math.abs(first / 5000 - 0.9) < 0.03, `share ${first / 5000}`);
  });

  test('creative rotation inside a campaign follows ad weights', () => {
    const s = simpleInventory([[30]]);
    const cr2 = creative('cr-30b', 30_000);
    s.creatives.push(cr2);
    s.ads.push(ad('ad-0-30b', s.campaigns[0]!, cr2, { weight: 300 }));
    const inv = compile(s);
    const random = seeded(3);
    let b = 0;
    for (let i = 0; i < 4000; i++) if (adIds(decide(inv, request(), noCounts, T0, random))[0] === 'ad-0-30b') b++;
    assert.ok(Math.abs(b / 4000 - 0.75) < 0.03, `share ${b / 4000}`);
  });

  test('channel-pinned campaigns are only considered for their channel; the others count as TARGETING', () => {
    const inv = compile(simpleInventory([[30], [30], [15]], (i) => ({ targeting: i < 2 ? { key: 'channel', in: [`ch${i}`] } : null })));
    assert.equal(inv.anyChannel.length, 1);
    const d = decide(inv, request({ channel: 'ch1', values: new Map([['channel', 'ch1']]), availMs: 45_000 }), noCounts, T0, seeded(1));
    assert.deepEqual(adIds(d).sort(), ['ad-1-30', 'ad-2-15']);
    assert.equal(d.excluded.counts.TARGETING, 1);
  });

  test('flight, caps, goals and blocked categories are reported as exclusion reasons', () => {
    const s = simpleInventory([[30], [30], [30], [30], [30]], (i) =>
      [
        { startAt: new Date(T0 + HOUR).toISOString() },
        { startAt: new Date(T0 - 2 * HOUR).toISOString(), endAt: new Date(T0 - HOUR).toISOString() },
        { frequencyCaps: [{ scope: 'session', max: 1, windowSeconds: 600 }] },
        { impressionGoal: 10 },
        { categories: ['IAB7'] },
      ][i] as Partial<Campaign>,
    );
    const inv = compile(s);
    const view: CounterView = { session: new Map([['cmp-2', [T0 - 60_000]]]), user: undefined, campaigns: new Map([['cmp-3', { total: 10, day: '2026-11-22', dayCount: 3 }]]) };
    const d = decide(inv, request({ blockedCategories: ['iab7'] }), view, T0, seeded(1));
    assert.deepEqual(d.ads, []);
    assert.deepEqual(d.excluded.counts, { FLIGHT_NOT_STARTED: 1, FLIGHT_ENDED: 1, FREQUENCY_CAP: 1, GOAL_REACHED: 1, BLOCKED_CATEGORY: 1 });
    assert.deepEqual(
      d.excluded.samples.map((x) => [x.id, x.reason]),
      [
        ['cmp-0', 'FLIGHT_NOT_STARTED'],
        ['cmp-1', 'FLIGHT_ENDED'],
        ['cmp-2', 'FREQUENCY_CAP'],
        ['cmp-3', 'GOAL_REACHED'],
        ['cmp-4', 'BLOCKED_CATEGORY'],
      ],
    );
    // Ten minutes later the session cap has expired.
    assert.deepEqual(adIds(decide(inv, request({ blockedCategories: ['iab7'] }), view, T0 + 600_000, seeded(1))), ['ad-2-30']);
    // A session cap does not apply to a request without a session.
    assert.deepEqual(adIds(decide(inv, request({ sessionId: null, blockedCategories: ['iab7'] }), view, T0, seeded(1))), ['ad-2-30']);
  });

  test('user caps count under the user key', () => {
    const inv = compile(simpleInventory([[30]], () => ({ frequencyCaps: [{ scope: 'user', max: 2, windowSeconds: 86_400 }] })));
    const view: CounterView = { session: undefined, user: new Map([['cmp-0', [T0 - 5000, T0 - 4000]]]), campaigns: new Map() };
    assert.deepEqual(adIds(decide(inv, request({ userId: 'u1' }), view, T0, seeded(1))), []);
    assert.deepEqual(adIds(decide(inv, request({ userId: null }), view, T0, seeded(1))), ['ad-0-30']);
  });

  test('min and max ad durations of the request', () => {
    const inv = compile(simpleInventory([[10], [20], [30]]));
    assert.deepEqual(adIds(decide(inv, request({ availMs: 60_000, minAdMs: 15_000, maxAdMs: 25_000 }), noCounts, T0, seeded(1))), ['ad-1-20']);
  });

  test('day-parting uses the channel time zone', () => {
    const s = simpleInventory([[30]], () => ({ targeting: { daypart: { from: '06:00', to: '09:00' } } }));
    s.channels = [{ id: 'seoul', timeZone: 'Asia/Seoul', updatedAt: '' }];
    const inv = compile(s);
    const utc2200 = Date.UTC(2026, 10, 22, 22, 0); // 07:00 in Seoul
    assert.deepEqual(adIds(decide(inv, request({ channel: 'seoul' }), noCounts, utc2200, seeded(1))), ['ad-0-30']);
    assert.deepEqual(adIds(decide(inv, request({ channel: 'paris' }), noCounts, utc2200, seeded(1))), [], 'other channels use the default zone (UTC: 22:00)');
  });

  test('fallback ads when nothing matches; a valid empty pod when there are none', () => {
    const s = simpleInventory([[30], [10]], (i) => ({ targeting: i === 0 ? { key: 'genre', in: ['news'] } : null, active: i === 0, priority: 5 }));
    s.fallback = { adIds: ['ad-1-10', 'missing-ad'] };
    const inv = compile(s);
    const d = decide(inv, request(), noCounts, T0, seeded(1));
    assert.equal(d.fallback, true);
    assert.deepEqual(adIds(d), ['ad-1-10']);
    assert.deepEqual(adIds(decide(inv, request({ availMs: 5000 }), noCounts, T0, seeded(1))), [], 'the fallback must fit too');
    const none = decide(compile(snapshot()), request(), noCounts, T0, seeded(1));
    assert.deepEqual([none.ads, none.fallback, none.filledMs], [[], false, 0]);
  });

  test('experiments: variant campaign sets, pod strategy and max ads change the choice, and are recorded', () => {
    const s = simpleInventory([[20], [15], [15]]);
    s.experiments = [
      experiment('strategy', { variants: [{ name: 'greedy', weight: 1, podStrategy: 'greedy' }] }),
      experiment('only-adv0', { channels: ['news'], variants: [{ name: 'x', weight: 1, campaignIds: ['cmp-0'] }] }),
    ];
    const inv = compile(s);
    const greedy = decide(inv, request({ availMs: 30_000 }), noCounts, T0, () => 0.5);
    assert.equal(greedy.strategy, 'greedy');
    assert.deepEqual(greedy.experiments, [{ experimentId: 'strategy', name: 'Experiment strategy', variant: 'greedy' }]);
    const news = decide(inv, request({ availMs: 30_000, channel: 'news' }), noCounts, T0, () => 0.5);
    assert.deepEqual(adIds(news), ['ad-0-20']);
    assert.equal(news.excluded.counts.EXPERIMENT, 2);
    assert.deepEqual(news.experiments.map((e) => [e.experimentId, e.variant]), [['only-adv0', 'x'], ['strategy', 'greedy']], 'in experiment id order');
    s.experiments = [experiment('one', { variants: [{ name: 'one-ad', weight: 1, maxAds: 1 }] })];
    assert.equal(decide(compile(s), request({ availMs: 30_000 }), noCounts, T0, seeded(2)).ads.length, 1);
  });
});
