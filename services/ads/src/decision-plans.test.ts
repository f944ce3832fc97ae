import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileInventory } from './compile-inventory.ts';
import type { CounterView, DecisionRequest } from './decide.ts';
import { DecisionPlans } from './decision-plans.ts';
import { experiment, seeded, simpleInventory, T0 } from './testing/builders.ts';

const req = (over: Partial<DecisionRequest> = {}): DecisionRequest => ({
  decisionId: 'd',
  availMs: 30_000,
  maxAds: 5,
  minAdMs: 0,
  maxAdMs: Infinity,
  sessionId: 's1',
  userId: null,
  channel: 'news',
  values: new Map([['channel', 'news'], ['genre', 'drama'], ['contentid', 'ep-1']]),
  blockedCategories: [],
  experimentKey: 's1',
  ...over,
});
const none: CounterView = { session: undefined, user: undefined, campaigns: new Map() };
const plans = () => new DecisionPlans({ ttlMs: 1000, variants: 4, maxSignatures: 100 });

test('requests with the same signature share plans for the TTL, each with its own decision id', () => {
  const inv = compileInventory(simpleInventory([[30], [30], [30]]), { nowMs: T0 });
  const p = plans();
  const random = seeded(1);
  const first = p.decide(inv, req({ decisionId: 'a' }), none, T0, random);
  assert.equal(first.reused, false);
  const seen = new Set<string>();
  let reused = 0;
  for (let i = 0; i < 50; i++) {
    const r = p.decide(inv, req({ decisionId: `x${i}` }), none, T0 + 10 * i, random);
    assert.equal(r.decision.decisionId, `x${i}`);
    assert.equal(r.decision.atMs, T0 + 10 * i);
    if (r.reused) reused++;
    seen.add(r.decision.ads[0]!.ad.id);
  }
  assert.ok(reused >= 46, `at most one new plan per slot: ${reused}`);
  assert.ok(seen.size >= 2, 'several independent draws');
  assert.equal(p.decide(inv, req(), none, T0 + 1000, random).reused, false, 'a plan expires after its TTL');
});

test('the signature holds only what targeting reads: an unread key does not split plans, a read one does', () => {
  const s = simpleInventory([[30]], () => ({ targeting: { key: 'genre', in: ['drama', 'news'] } }));
  s.experiments = [experiment('e', { variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] })];
  const inv = compileInventory(s, { nowMs: T0 });
  const p = plans();
  const sig = (over: Partial<DecisionRequest>) => p.signature(inv, req(over), T0);
  assert.equal(sig({ values: new Map([['channel', 'news'], ['genre', 'drama'], ['contentid', 'ep-2']]) }), sig({}), 'contentId is read by no rule');
  assert.notEqual(sig({ values: new Map([['channel', 'news'], ['genre', 'news']]) }), sig({}));
  assert.notEqual(sig({ availMs: 60_000 }), sig({}));
  assert.notEqual(sig({ maxAds: 2 }), sig({}));
  const variants = new Set(Array.from({ length: 40 }, (_, i) => sig({ experimentKey: `k${i}` })));
  assert.equal(variants.size, 2, 'one signature per experiment variant');
});

test("a shared plan is never served past this viewer's frequency cap or a campaign's goal", () => {
  const inv = compileInventory(
    simpleInventory([[30], [30]], (i) => (i === 0 ? { priority: 1, frequencyCaps: [{ scope: 'session', max: 1, windowSeconds: 600 }], impressionGoal: 100 } : { priority: 3 })),
    { nowMs: T0 },
  );
  const p = plans();
  const random = seeded(2);
  assert.equal(p.decide(inv, req(), none, T0, random).decision.ads[0]?.ad.id, 'ad-0-30');
  const capped: CounterView = { session: new Map([['cmp-0', [T0]]]), user: undefined, campaigns: new Map() };
  const mine = p.decide(inv, req(), capped, T0 + 5, random);
  assert.deepEqual([mine.reused, mine.decision.ads[0]?.ad.id], [false, 'ad-1-30'], 'decided for this viewer');
  assert.equal(p.decide(inv, req({ sessionId: 's2' }), none, T0 + 6, random).decision.ads[0]?.ad.id, 'ad-0-30', 'others still get the plan');
  const spent: CounterView = { session: undefined, user: undefined, campaigns: new Map([['cmp-0', { total: 100, day: '2026-11-22', dayCount: 1 }]]) };
  assert.equal(p.decide(inv, req({ sessionId: 's3' }), spent, T0 + 7, random).decision.ads[0]?.ad.id, 'ad-1-30', 'the goal is re-checked on every request');
});

test('an inventory change starts new plans; a zero TTL decides every request on its own', () => {
  const s = simpleInventory([[30]]);
  const p = plans();
  const random = seeded(3);
  p.decide(compileInventory(s, { nowMs: T0 }), req(), none, T0, random);
  const next = compileInventory({ ...s, version: 2 }, { nowMs: T0 });
  assert.equal(p.decide(next, req(), none, T0 + 1, random).reused, false);
  const off = new DecisionPlans({ ttlMs: 0, variants: 4, maxSignatures: 10 });
  const inv = compileInventory(s, { nowMs: T0 });
  for (let i = 0; i < 5; i++) assert.equal(off.decide(inv, req(), none, T0, random).reused, false);
});
