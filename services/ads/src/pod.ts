// Pod filling, pure. Given candidate ads ranked best first, choose the set that fills the avail as
// fully as possible (a 0/1 knapsack by dynamic programming over whole seconds), then has the most
// seconds in the best priority tier (tier by tier), then the most value — within the pod limits
// (max ads) and competitive separation (no two ads of one advertiser or one category).
import type { PodStrategy } from './inventory.ts';

export interface PodItem {
  /** Whole seconds, ≥ 1. */
  durationSec: number;
  /** 1 (best) … 5. */
  tier: number;
  /** Rank value within the tier, > 0 (weighted random key). */
  value: number;
  advertiser: number;
  categories: readonly number[];
}

export interface PodLimits {
  capacitySec: number;
  maxAds: number;
  strategy: PodStrategy;
}

/** Longest avail the tier packing below stays exact for (10 bits of seconds per tier). */
export const MAX_POD_SECONDS = 900;
const TIER_BITS = 2 ** 10;
const TIER_WEIGHTS = [TIER_BITS ** 4, TIER_BITS ** 4, TIER_BITS ** 3, TIER_BITS ** 2, TIER_BITS, 1];
/** Most candidates the dynamic programme looks at (its clash masks are 128 bits). */
const MAX_POOL = 128;

/** Seconds weighted so that one second of a better tier outweighs any number of worse-tier seconds. */
function tierWeight(tier: number): number {
  return TIER_WEIGHTS[tier] ?? (tier < 1 ? TIER_WEIGHTS[1]! : 1);
}

/** Best first: lower tier, then higher value. */
export function byRank(a: PodItem, b: PodItem): number {
  return a.tier - b.tier || b.value - a.value;
}

export function conflicts(a: PodItem, b: PodItem): boolean {
  if (a.advertiser === b.advertiser) return true;
  for (const c of a.categories) if (b.categories.includes(c)) return true;
  return false;
}

interface Score {
  fill: number;
  pack: number;
  value: number;
}

function score(items: readonly PodItem[], chosen: readonly number[]): Score {
  let fill = 0;
  let pack = 0;
  let value = 0;
  for (const i of chosen) {
    const it = items[i]!;
    fill += it.durationSec;
    pack += it.durationSec * tierWeight(it.tier);
    value += it.value;
  }
  return { fill, pack, value };
}

function better(a: Score, b: Score): boolean {
  return a.fill !== b.fill ? a.fill > b.fill : a.pack !== b.pack ? a.pack > b.pack : a.value > b.value;
}

/** Takes items in rank order while they fit and do not clash with those taken. */
export function greedyFill(items: readonly PodItem[], limits: Omit<PodLimits, 'strategy'>): number[] {
  const chosen: number[] = [];
  let left = limits.capacitySec;
  for (let i = 0; i < items.length && chosen.length < limits.maxAds && left > 0; i++) {
    const it = items[i]!;
    if (it.durationSec > left) continue;
    let clash = false;
    for (const j of chosen) if (conflicts(items[j]!, it)) clash = true;
    if (clash) continue;
    chosen.push(i);
    left -= it.durationSec;
  }
  return chosen;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The items the dynamic programme looks at: per duration, the best few (at most two per
 * advertiser), so that every duration that could complete a fill is represented.
 */
function shortlist(items: readonly PodItem[], capacitySec: number, maxAds: number): number[] {
  const perDuration = Math.max(4, maxAds) * 2;
  const byDuration = new Map<number, number>();
  const byAdvertiserDuration = new Map<string, number>();
  const out: number[] = [];
  for (let i = 0; i < items.length && out.length < MAX_POOL; i++) {
    const it = items[i]!;
    if (it.durationSec > capacitySec) continue;
    const d = byDuration.get(it.durationSec) ?? 0;
    if (d >= perDuration) continue;
    const key = `${it.advertiser}/${it.durationSec}`;
    const ad = byAdvertiserDuration.get(key) ?? 0;
    if (ad >= 2) continue;
    byDuration.set(it.durationSec, d + 1);
    byAdvertiserDuration.set(key, ad + 1);
    out.push(i);
  }
  return out;
}

interface Node {
  /** Index into the pool, -1 for the empty pod. */
  k: number;
  prev: Node | undefined;
  count: number;
  pack: number;
  value: number;
  /** Pool members that clash with something in this pod (4 × 32 bits: the pool holds at most 128). */
  m0: number;
  m1: number;
  m2: number;
  m3: number;
}

/** Per pool member, the members it clashes with (same advertiser or a shared category), as 4 × 32-bit masks. */
function clashMasks(items: readonly PodItem[], pool: readonly number[]): Int32Array {
  // Members by advertiser (key 2a) and by category (key 2c + 1).
  const groups = new Map<number, Int32Array>();
  for (let k = 0; k < pool.length; k++) {
    const it = items[pool[k]!]!;
    for (let x = -1; x < it.categories.length; x++) {
      const key = x < 0 ? it.advertiser * 2 : it.categories[x]! * 2 + 1;
      let m = groups.get(key);
      if (!m) groups.set(key, (m = new Int32Array(4)));
      m[k >> 5]! |= 1 << (k & 31);
    }
  }
  const masks = new Int32Array(pool.length * 4);
  for (let k = 0; k < pool.length; k++) {
    const it = items[pool[k]!]!;
    for (let x = -1; x < it.categories.length; x++) {
      const m = groups.get(x < 0 ? it.advertiser * 2 : it.categories[x]! * 2 + 1)!;
      for (let w = 0; w < 4; w++) masks[k * 4 + w]! |= m[w]!;
    }
  }
  return masks;
}

function dynamicFill(items: readonly PodItem[], limits: Omit<PodLimits, 'strategy'>): number[] {
  const pool = shortlist(items, limits.capacitySec, limits.maxAds);
  if (pool.length === 0) return [];
  let g = 0;
  for (const i of pool) g = gcd(g, items[i]!.durationSec);
  const width = Math.floor(limits.capacitySec / g);
  const masks = clashMasks(items, pool);
  const states: (Node | undefined)[] = new Array<Node | undefined>(width + 1);
  states[0] = { k: -1, prev: undefined, count: 0, pack: 0, value: 0, m0: 0, m1: 0, m2: 0, m3: 0 };
  for (let k = 0; k < pool.length; k++) {
    const it = items[pool[k]!]!;
    const units = it.durationSec / g;
    const pack = it.durationSec * tierWeight(it.tier);
    const word = k >> 5;
    const bit = 1 << (k & 31);
    const a0 = masks[k * 4]!;
    const a1 = masks[k * 4 + 1]!;
    const a2 = masks[k * 4 + 2]!;
    const a3 = masks[k * 4 + 3]!;
    for (let s = width - units; s >= 0; s--) {
      const st = states[s];
      if (st === undefined || st.count >= limits.maxAds) continue;
      if (((word === 0 ? st.m0 : word === 1 ? st.m1 : word === 2 ? st.m2 : st.m3) & bit) !== 0) continue;
      const p = st.pack + pack;
      const v = st.value + it.value;
      const cur = states[s + units];
      if (cur === undefined || p > cur.pack || (p === cur.pack && v > cur.value)) {
        states[s + units] = { k, prev: st, count: st.count + 1, pack: p, value: v, m0: st.m0 | a0, m1: st.m1 | a1, m2: st.m2 | a2, m3: st.m3 | a3 };
      }
    }
  }
  for (let s = width; s > 0; s--) {
    const st = states[s];
    if (st === undefined) continue;
    const chosen: number[] = [];
    for (let n: Node | undefined = st; n !== undefined && n.k >= 0; n = n.prev) chosen.push(pool[n.k]!);
    return chosen;
  }
  return [];
}

/** Indices into `items` (ranked best first) of the pod, in play order (best first). */
export function fillPod(items: readonly PodItem[], limits: PodLimits): number[] {
  const capacitySec = Math.min(Math.floor(limits.capacitySec), MAX_POD_SECONDS);
  const maxAds = Math.max(0, Math.floor(limits.maxAds));
  if (capacitySec <= 0 || maxAds === 0 || items.length === 0) return [];
  let chosen: number[];
  if (limits.strategy === 'single') chosen = greedyFill(items, { capacitySec, maxAds: 1 });
  else {
    const greedy = greedyFill(items, { capacitySec, maxAds });
    chosen = greedy;
    if (limits.strategy === 'optimal') {
      const dp = dynamicFill(items, { capacitySec, maxAds });
      if (better(score(items, dp), score(items, greedy))) chosen = dp;
    }
  }
  return chosen.sort((a, b) => byRank(items[a]!, items[b]!) || a - b);
}
