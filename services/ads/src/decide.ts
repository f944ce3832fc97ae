// The decision core, pure: compiled inventory + request + counters snapshot + now + random →
// decision. No I/O, no clock, no Math.random: everything arrives as an argument, so the same
// inputs give the same pod, and it is cheap enough to run for every viewer at a break's start.
//
// Per request: experiments assign variants; each campaign the channel index leaves is checked
// (flight, experiment, targeting, goal/daily cap/pacing, frequency caps) and, if eligible, draws
// one weighted random key; each of its duration groups that fits becomes a candidate, kept only if
// it is among the best few of its duration (at most two per advertiser) — the rest cannot improve
// the pod. The pod is filled from those (pod.ts); the creative of each chosen campaign is then
// drawn by ad weight.
import type { AdGroup, CompiledAd, CompiledCampaign, CompiledInventory } from './compile-inventory.ts';
import type { ExclusionReason, Exclusions, ExperimentAssignment } from './events.ts';
import { assignVariant } from './experiments.ts';
import type { PodStrategy } from './inventory.ts';
import type { ZonedTime } from './local-time.ts';
import { pace } from './pacing.ts';
import { byRank, conflicts, fillPod, type PodItem } from './pod.ts';
import type { CampaignCount, KeyCounts } from './ports.ts';
import type { TargetingInput } from './targeting.ts';

export interface DecisionRequest {
  decisionId: string;
  /** The avail to fill, ms (already clamped by the caller). */
  availMs: number;
  maxAds: number;
  /** Shortest and longest ad allowed, ms (0 and Infinity for no limit). */
  minAdMs: number;
  maxAdMs: number;
  sessionId: string | null;
  userId: string | null;
  /** Lower-cased. */
  channel: string | null;
  /** Targeting values, keys and values lower-cased. */
  values: ReadonlyMap<string, string>;
  /** Categories the request refuses (lower-cased). */
  blockedCategories: readonly string[];
  /** What experiments hash to pick a variant (the session id, else the user, else the client). */
  experimentKey: string;
}

export interface CounterView {
  session: KeyCounts | undefined;
  user: KeyCounts | undefined;
  campaigns: ReadonlyMap<string, CampaignCount>;
}

export interface DecidedAd {
  ad: CompiledAd;
  sequence: number;
}

export interface Decision {
  decisionId: string;
  atMs: number;
  availMs: number;
  filledMs: number;
  ads: DecidedAd[];
  fallback: boolean;
  strategy: PodStrategy;
  experiments: ExperimentAssignment[];
  excluded: Exclusions;
  /** Candidates (a campaign's ads of one duration) that reached pod filling. */
  candidates: number;
}

const MAX_SAMPLES = 20;
/** Per duration, the candidates kept for pod filling; at most this many per advertiser. */
const PER_ADVERTISER = 2;

interface Candidate extends PodItem {
  campaignId: string;
  group: AdGroup;
  /** Chosen already (a group whose ads differ in categories, or some of which may not play here); else drawn when chosen. */
  ad: CompiledAd | undefined;
}

class ExclusionLog {
  readonly counts: Partial<Record<ExclusionReason, number>> = {};
  readonly samples: Exclusions['samples'] = [];

  add(level: 'campaign' | 'ad', id: string, reason: ExclusionReason, n = 1): void {
    if (n <= 0) return;
    this.counts[reason] = (this.counts[reason] ?? 0) + n;
    if (n === 1 && id !== '' && this.samples.length < MAX_SAMPLES) this.samples.push({ level, id, reason });
  }
}

/** Whether `max` of the campaign's counted times fall in the last `windowMs`. */
export function capReached(counts: KeyCounts | undefined, campaignId: string, max: number, windowMs: number, nowMs: number): boolean {
  const times = counts?.get(campaignId);
  if (!times || times.length < max) return false;
  let n = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    if (times[i]! <= nowMs - windowMs) break;
    if (++n >= max) return true;
  }
  return false;
}

function pick(g: AdGroup, r: number): CompiledAd {
  if (g.ads.length === 1) return g.ads[0]!;
  const point = r * g.totalWeight;
  for (let i = 0; i < g.cumulativeWeights.length; i++) if (point < g.cumulativeWeights[i]!) return g.ads[i]!;
  return g.ads[g.ads.length - 1]!;
}

/** One of `ads` by ad weight. */
function pickAmong(ads: readonly CompiledAd[], r: number): CompiledAd {
  let point = r * ads.reduce((sum, a) => sum + a.weight, 0);
  for (const a of ads) if ((point -= a.weight) < 0) return a;
  return ads[ads.length - 1]!;
}

function blocked(categoryIds: readonly number[], blockedIds: readonly number[]): boolean {
  for (const id of blockedIds) if (categoryIds.includes(id)) return true;
  return false;
}

/**
 * Offers `c` to `bucket` (ranked best first), which keeps the best `size` candidates with at most
 * PER_ADVERTISER per advertiser. Returns the candidate that dropped out (`c` itself, one it
 * displaced, or undefined).
 */
function offer(bucket: Candidate[], c: Candidate, size: number): Candidate | undefined {
  const n = bucket.length;
  if (n >= size && byRank(bucket[n - 1]!, c) <= 0) return c;
  let sameAdvertiser = 0;
  let worstSame = -1;
  for (let i = 0; i < n; i++) {
    if (bucket[i]!.advertiser === c.advertiser) {
      sameAdvertiser++;
      worstSame = i;
    }
  }
  let out: Candidate | undefined;
  if (sameAdvertiser >= PER_ADVERTISER) {
    if (byRank(bucket[worstSame]!, c) <= 0) return c;
    out = bucket.splice(worstSame, 1)[0];
  }
  let at = bucket.length;
  while (at > 0 && byRank(bucket[at - 1]!, c) > 0) at--;
  bucket.splice(at, 0, c);
  if (bucket.length > size) out = bucket.pop();
  return out;
}

export function decide(inv: CompiledInventory, req: DecisionRequest, counters: CounterView, nowMs: number, random: () => number): Decision {
  const log = new ExclusionLog();

  // A/B experiments: every one that runs on this channel assigns a variant.
  const experiments: ExperimentAssignment[] = [];
  const includes: Set<string>[] = [];
  const excludes: Set<string>[] = [];
  let strategy: PodStrategy | undefined;
  let maxAds = req.maxAds;
  for (const e of inv.experiments) {
    if (e.channels && (req.channel === null || !e.channels.has(req.channel))) continue;
    const v = assignVariant(e, req.experimentKey);
    experiments.push({ experimentId: e.id, name: e.name, variant: v.name });
    if (v.include) includes.push(v.include);
    if (v.exclude) excludes.push(v.exclude);
    strategy ??= v.podStrategy;
    if (v.maxAds !== undefined) maxAds = Math.min(maxAds, v.maxAds);
  }
  strategy ??= 'optimal';

  const capacitySec = Math.floor(req.availMs / 1000 + 1e-9);
  const tz = (req.channel !== null ? inv.channelTimeZones.get(req.channel) : undefined) ?? inv.defaultTimeZone;
  const targeting: TargetingInput = { values: req.values, local: inv.clocks.at(tz, nowMs) };
  const blockedIds: number[] = [];
  for (const c of req.blockedCategories) {
    const id = inv.categoryIds.get(c);
    if (id !== undefined) blockedIds.push(id);
  }
  // Campaign time zones (daily caps, pacing): one lookup per zone per request.
  const zones = new Map<string, ZonedTime>();
  const zoned = (zone: string): ZonedTime => {
    let z = zones.get(zone);
    if (!z) zones.set(zone, (z = inv.clocks.at(zone, nowMs)));
    return z;
  };

  const pinned = req.channel !== null ? inv.byChannel.get(req.channel) : undefined;
  const any = inv.anyChannel;
  const pinnedList = pinned ?? [];
  // Campaigns pinned to other channels fail their channel targeting without being looked at.
  log.add('campaign', '', 'TARGETING', inv.campaigns.length - any.length - pinnedList.length);

  // Per duration, enough candidates for a pod of that duration only, with room for clashes.
  const bucketSize = maxAds + 2;
  const buckets = new Map<number, Candidate[]>();
  const fitting = inv.durationsSec.filter((d) => d <= capacitySec);
  let candidates = 0;
  let outranked = 0;
  /** True when every duration's shortlist is full of candidates of a better tier than `tier`: nothing of `tier` or worse can enter. */
  const closedTo = (tier: number): boolean => {
    if (fitting.length === 0) return false;
    for (const d of fitting) {
      const b = buckets.get(d);
      if (!b || b.length < bucketSize || b[b.length - 1]!.tier >= tier) return false;
    }
    return true;
  };

  // Both lists are sorted by tier: walk them merged, best tier first.
  let i = 0;
  let j = 0;
  let tier = 0;
  while (i < any.length || j < pinnedList.length) {
    const c = j >= pinnedList.length || (i < any.length && any[i]!.priority <= pinnedList[j]!.priority) ? any[i++]! : pinnedList[j++]!;
    if (c.priority !== tier) {
      tier = c.priority;
      if (closedTo(tier)) {
        // Every remaining campaign is of this tier or worse: none can make the pod.
        const rest = any.length - i + pinnedList.length - j + 1;
        log.add('campaign', '', 'LOWER_PRIORITY', rest);
        break;
      }
    }
    const eligible = campaignExclusion(c, req, counters, nowMs, targeting, includes, excludes, zoned);
    if (typeof eligible === 'string') {
      log.add('campaign', c.id, eligible);
      continue;
    }
    // One weighted random key per campaign (Efraimidis–Spirakis: larger weight, larger expected key).
    const value = Math.max(Number.MIN_VALUE, random() ** (1 / (c.weight * eligible.factor)));
    let offered = 0;
    let sawBlocked = false;
    for (const g of c.groups) {
      if (g.durationSec > capacitySec) break;
      let bucket = buckets.get(g.durationSec);
      if (bucket && bucket.length >= bucketSize) {
        // Cannot enter this duration's shortlist: counted, not built.
        const last = bucket[bucket.length - 1]!;
        if (last.tier < c.priority || (last.tier === c.priority && last.value >= value)) {
          offered++;
          candidates++;
          outranked++;
          continue;
        }
      }
      let ad: CompiledAd | undefined;
      let categories = g.sharedCategoryIds;
      const allFit = g.minMs >= req.minAdMs && g.maxMs <= req.maxAdMs;
      if (categories === undefined || !allFit || (blockedIds.length > 0 && blocked(categories, blockedIds))) {
        // Some ads of the group may not play here: draw among those that may.
        const ok = g.ads.filter((a) => a.durationMs >= req.minAdMs && a.durationMs <= req.maxAdMs && !(blockedIds.length > 0 && blocked(a.categoryIds, blockedIds)));
        if (ok.length === 0) {
          if (blockedIds.length > 0 && g.ads.some((a) => a.durationMs >= req.minAdMs && a.durationMs <= req.maxAdMs)) sawBlocked = true;
          continue;
        }
        ad = pickAmong(ok, random());
        categories = ad.categoryIds;
      }
      offered++;
      candidates++;
      if (!bucket) buckets.set(g.durationSec, (bucket = []));
      const cand: Candidate = { durationSec: g.durationSec, tier: c.priority, value, advertiser: c.advertiserIndex, categories, campaignId: c.id, group: g, ad };
      const dropped = offer(bucket, cand, bucketSize);
      if (dropped) log.add('ad', (dropped.ad ?? dropped.group.ads[0]!).id, 'OUTRANKED');
    }
    if (offered === 0) log.add('campaign', c.id, sawBlocked ? 'BLOCKED_CATEGORY' : 'NO_FITTING_AD');
  }
  log.add('ad', '', 'OUTRANKED', outranked);

  const pool: Candidate[] = [];
  for (const b of buckets.values()) for (const c of b) pool.push(c);
  pool.sort(byRank);
  let chosen = fillPod(pool, { capacitySec, maxAds, strategy }).map((i) => pool[i]!);
  let fallback = false;
  if (chosen.length === 0 && inv.fallback.length > 0) {
    const fb: Candidate[] = [];
    inv.fallback.forEach((ad, i) => {
      if (ad.durationSec <= capacitySec && ad.durationMs >= req.minAdMs && ad.durationMs <= req.maxAdMs && !(blockedIds.length > 0 && blocked(ad.categoryIds, blockedIds))) {
        fb.push({ durationSec: ad.durationSec, tier: 5, value: 1 - i / (inv.fallback.length + 1), advertiser: ad.advertiserIndex, categories: ad.categoryIds, campaignId: ad.campaignId, group: { durationSec: ad.durationSec, ads: [ad], cumulativeWeights: [1], totalWeight: 1, minMs: ad.durationMs, maxMs: ad.durationMs, sharedCategoryIds: ad.categoryIds }, ad });
      }
    });
    chosen = fillPod(fb, { capacitySec, maxAds, strategy: 'optimal' }).map((i) => fb[i]!);
    fallback = chosen.length > 0;
  }

  // Why each other shortlisted candidate stayed out of the pod.
  let left = capacitySec;
  for (const c of chosen) left -= c.durationSec;
  if (!fallback) {
    for (const cand of pool) {
      if (chosen.includes(cand)) continue;
      const reason: ExclusionReason = chosen.some((c) => conflicts(c, cand)) ? 'SEPARATION' : cand.durationSec > left ? 'DOES_NOT_FIT' : 'OUTRANKED';
      log.add('ad', (cand.ad ?? cand.group.ads[0]!).id, reason);
    }
  }

  let filledMs = 0;
  const ads = chosen.map((c, i) => {
    const ad = c.ad ?? pick(c.group, random());
    filledMs += ad.durationMs;
    return { ad, sequence: i + 1 };
  });
  return { decisionId: req.decisionId, atMs: nowMs, availMs: req.availMs, filledMs, ads, fallback, strategy, experiments, excluded: { counts: log.counts, samples: log.samples }, candidates };
}

function campaignExclusion(
  c: CompiledCampaign,
  req: DecisionRequest,
  counters: CounterView,
  nowMs: number,
  targeting: TargetingInput,
  includes: readonly Set<string>[],
  excludes: readonly Set<string>[],
  zoned: (zone: string) => ZonedTime,
): ExclusionReason | { factor: number } {
  if (nowMs < c.startMs) return 'FLIGHT_NOT_STARTED';
  if (nowMs >= c.endMs) return 'FLIGHT_ENDED';
  for (const s of includes) if (!s.has(c.id)) return 'EXPERIMENT';
  for (const s of excludes) if (s.has(c.id)) return 'EXPERIMENT';
  if (c.matches && !c.matches(targeting)) return 'TARGETING';
  let factor = 1;
  if (c.impressionGoal !== null || c.dailyCap !== null) {
    const z = zoned(c.timeZone);
    const paced = pace(c, counters.campaigns.get(c.id), { nowMs, day: z.day, dayFraction: z.dayFraction });
    if (!paced.eligible) return paced.reason;
    factor = paced.factor;
  }
  for (const cap of c.frequencyCaps) {
    const counts = cap.scope === 'session' ? (req.sessionId !== null ? counters.session : undefined) : req.userId !== null ? counters.user : undefined;
    if (capReached(counts, c.id, cap.max, cap.windowSeconds * 1000, nowMs)) return 'FREQUENCY_CAP';
  }
  return { factor };
}
