// Delivery goals and pacing, pure. A campaign stops at its impression goal and its daily cap.
// With even pacing it may not run ahead of a straight line — the goal spread over the flight, the
// daily cap spread over the day — by more than a small slack; behind the line its weight is raised
// (up to 4x) so that it catches up; asap campaigns take every eligible request.
import type { CompiledCampaign } from './compile-inventory.ts';
import type { CampaignCount } from './ports.ts';

export type PaceResult = { eligible: true; factor: number } | { eligible: false; reason: 'GOAL_REACHED' | 'DAILY_CAP' | 'PACING' };

export interface PaceInput {
  nowMs: number;
  /** Today in the campaign's time zone. */
  day: string;
  dayFraction: number;
}

const MAX_BOOST = 4;

/** How far ahead of the line delivery may run: 2% of the target, at least one impression. */
function slack(target: number): number {
  return Math.max(1, target * 0.02);
}

export function pace(c: CompiledCampaign, count: CampaignCount | undefined, at: PaceInput): PaceResult {
  const total = count?.total ?? 0;
  const today = count !== undefined && count.day === at.day ? count.dayCount : 0;
  if (c.impressionGoal !== null && total >= c.impressionGoal) return { eligible: false, reason: 'GOAL_REACHED' };
  if (c.dailyCap !== null && today >= c.dailyCap) return { eligible: false, reason: 'DAILY_CAP' };
  if (c.pacing === 'asap') return { eligible: true, factor: 1 };
  let factor = 1;
  let limited = false;
  if (c.impressionGoal !== null && Number.isFinite(c.endMs) && Number.isFinite(c.startMs) && c.endMs > c.startMs) {
    const elapsed = Math.min(1, Math.max(0, (at.nowMs - c.startMs) / (c.endMs - c.startMs)));
    const expected = c.impressionGoal * elapsed;
    if (total >= expected + slack(c.impressionGoal)) return { eligible: false, reason: 'PACING' };
    factor = Math.max(factor, (expected + 1) / (total + 1));
    limited = true;
  }
  if (c.dailyCap !== null) {
    const expected = c.dailyCap * at.dayFraction;
    if (today >= expected + slack(c.dailyCap)) return { eligible: false, reason: 'PACING' };
    factor = limited ? Math.min(factor, Math.max(1, (expected + 1) / (today + 1))) : Math.max(1, (expected + 1) / (today + 1));
  }
  return { eligible: true, factor: Math.min(MAX_BOOST, Math.max(1, factor)) };
}
