// Decision plans for the break-start burst: at a live break every viewer of a channel asks at the
// same instant with the same targeting. Requests that read the same targeting values (only the
// keys some campaign's rules read), avail, pod limits and experiment variants share a small set of
// plans — independent weighted draws of the full decision, made without any session's frequency
// counters — each reused for at most `ttlMs`. A plan is served to a viewer only if that viewer's
// own frequency caps and the campaigns' goals, daily caps and pacing still allow every ad in it;
// otherwise the viewer gets a decision of their own. So caps hold exactly per viewer, goals and
// daily caps are re-checked on every request, and weighted rotation keeps its proportions over the
// plans drawn each second.
import type { CompiledInventory } from './compile-inventory.ts';
import { capReached, decide, type CounterView, type Decision, type DecisionRequest } from './decide.ts';
import { assignVariant } from './experiments.ts';
import { pace } from './pacing.ts';

export interface PlanOptions {
  /** How long a plan is reused (0 = never: every request is decided on its own). */
  ttlMs: number;
  /** Plans kept per signature (independent draws). */
  variants: number;
  /** Signatures kept; the oldest are dropped past this. */
  maxSignatures: number;
}

interface Slot {
  decision: Decision;
  atMs: number;
}

interface Entry {
  inv: CompiledInventory;
  slots: (Slot | undefined)[];
}

export interface PlannedDecision {
  decision: Decision;
  /** Served from a plan shared with other viewers (not decided for this request alone). */
  reused: boolean;
}

const SEP = '\u0001';

export class DecisionPlans {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: PlanOptions) {}

  /** What the decision depends on besides the viewer's own counters. */
  signature(inv: CompiledInventory, req: DecisionRequest, nowMs: number): string {
    let sig = `${inv.version}${SEP}${req.channel ?? ''}${SEP}${req.availMs}${SEP}${req.maxAds}${SEP}${req.minAdMs}${SEP}${req.maxAdMs}${SEP}${req.blockedCategories.join(',')}`;
    for (const e of inv.experiments) {
      if (e.channels && (req.channel === null || !e.channels.has(req.channel))) continue;
      sig += `${SEP}${assignVariant(e, req.experimentKey).name}`;
    }
    for (const k of inv.targetingKeys) sig += `${SEP}${req.values.get(k) ?? '\u0002'}`;
    if (inv.usesDaypart) sig += `${SEP}${Math.floor(nowMs / 60_000)}`;
    return sig;
  }

  decide(inv: CompiledInventory, req: DecisionRequest, counters: CounterView, nowMs: number, random: () => number): PlannedDecision {
    if (this.opts.ttlMs <= 0) return { decision: decide(inv, req, counters, nowMs, random), reused: false };
    const sig = this.signature(inv, req, nowMs);
    let entry = this.entries.get(sig);
    if (!entry || entry.inv !== inv) {
      entry = { inv, slots: new Array<Slot | undefined>(this.opts.variants) };
      this.entries.delete(sig);
      this.entries.set(sig, entry);
      if (this.entries.size > this.opts.maxSignatures) this.entries.delete(this.entries.keys().next().value!);
    }
    // From a random slot on, the first plan this viewer may have; at most one new plan drawn per request.
    const n = this.opts.variants;
    const start = Math.min(n - 1, Math.floor(random() * n));
    let drew = false;
    for (let i = 0; i < n; i++) {
      const k = (start + i) % n;
      let slot = entry.slots[k];
      let fresh = false;
      if (!slot || nowMs - slot.atMs >= this.opts.ttlMs || nowMs < slot.atMs) {
        if (drew) continue;
        // A plan owes nothing to any one viewer: drawn without session or user counters.
        const plan = decide(inv, { ...req, sessionId: null, userId: null }, { session: undefined, user: undefined, campaigns: counters.campaigns }, nowMs, random);
        entry.slots[k] = slot = { decision: plan, atMs: nowMs };
        drew = fresh = true;
      }
      if (allowed(inv, slot.decision, req, counters, nowMs)) return { decision: { ...slot.decision, decisionId: req.decisionId, atMs: nowMs }, reused: !fresh };
    }
    return { decision: decide(inv, req, counters, nowMs, random), reused: false };
  }
}

/** Whether this viewer's caps and the campaigns' current delivery still allow every ad of `plan`. */
function allowed(inv: CompiledInventory, plan: Decision, req: DecisionRequest, counters: CounterView, nowMs: number): boolean {
  for (const { ad } of plan.ads) {
    const c = inv.campaignsById.get(ad.campaignId);
    if (!c) continue; // a fallback ad of a paused campaign: no caps apply
    for (const cap of c.frequencyCaps) {
      const counts = cap.scope === 'session' ? (req.sessionId !== null ? counters.session : undefined) : req.userId !== null ? counters.user : undefined;
      if (capReached(counts, c.id, cap.max, cap.windowSeconds * 1000, nowMs)) return false;
    }
    if (plan.fallback || (c.impressionGoal === null && c.dailyCap === null)) continue;
    const z = inv.clocks.at(c.timeZone, nowMs);
    if (!pace(c, counters.campaigns.get(c.id), { nowMs, day: z.day, dayFraction: z.dayFraction }).eligible) return false;
  }
  return true;
}
