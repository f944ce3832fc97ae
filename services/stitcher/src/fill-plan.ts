// The fill plan of one avail (pure): which of the ADS's ads play, in order, which are skipped and
// why (MediaTailor's reasons), the bumpers around them, and the slate that fills the rest. The avail falls back to the
// content when the unfilled time is over the personalisation threshold, or nothing can fill it.
import type { AvailRecord, PlanItem, PlannedAd, SkippedAd } from './model.ts';

export type CreativeReadiness =
  /** Conditioned into every rendition: its segments' durations. */
  | { state: 'ready'; segmentsMs: number[] }
  /** Seen for the first time now: queued for conditioning. */
  | { state: 'new' }
  | { state: 'in-progress' }
  | { state: 'error' }
  /** No media file the stitcher can condition (or none on the allowed hosts). */
  | { state: 'no-media' };

export interface CandidateAd {
  ad: PlannedAd;
  creativeKey: string;
  mediaUrl: string;
  readiness: CreativeReadiness;
}

export interface FillInput {
  candidates: CandidateAd[];
  availDurationMs: number;
  slate?: { creativeKey: string; segmentsMs: number[]; targetKey: string };
  /** Max unfilled ms; undefined: no limit. */
  thresholdMs?: number;
  /** Conditioned bumpers: the start one opens the avail, the end one closes it (only when ads play). */
  bumpers?: { start?: Bumper; end?: Bumper };
  /** Partial fill (avail suppression): slate for the avail's first `leadMs`, the plan after it. */
  leadMs?: number;
}

export interface Bumper {
  creativeKey: string;
  segmentsMs: number[];
}

export type FillPlan = Pick<AvailRecord, 'mode' | 'items' | 'ads' | 'skipped'> & { filledMs: number; slateMs: number; slate?: { creativeKey: string; segmentsMs: number[]; targetKey: string } };

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The ADS's ads in order while they fit in `roomMs`: ad items for the conditioned ones, the others
 * skipped with MediaTailor's reasons (not conditioned yet, failed, no usable media, no room left).
 */
export function fillAds(candidates: readonly CandidateAd[], roomMs: number): { items: PlanItem[]; ads: PlannedAd[]; skipped: SkippedAd[]; filledMs: number } {
  const items: PlanItem[] = [];
  const ads: PlannedAd[] = [];
  const skipped: SkippedAd[] = [];
  let filledMs = 0;
  const skip = (c: CandidateAd, reason: SkippedAd['skippedReason']) =>
    skipped.push({ adId: c.ad.adId, creativeId: c.ad.creativeId, creativeUniqueId: c.creativeKey, adMezzanineUrl: c.mediaUrl, vastDurationMs: c.ad.durationMs, skippedReason: reason });
  for (const c of candidates) {
    const r = c.readiness;
    if (r.state === 'new') skip(c, 'NEW_CREATIVE');
    else if (r.state === 'in-progress') skip(c, 'TRANSCODE_IN_PROGRESS');
    else if (r.state === 'error') skip(c, 'TRANSCODE_ERROR');
    else if (r.state === 'no-media') skip(c, 'PROFILE_NOT_FOUND');
    else {
      const durationMs = sum(r.segmentsMs);
      if (filledMs + durationMs > roomMs) {
        skip(c, 'AVAIL_DURATION_EXCEEDED');
        continue;
      }
      items.push({ kind: 'ad', creativeKey: c.creativeKey, segmentsMs: r.segmentsMs, durationMs, adIndex: ads.length });
      ads.push({ ...c.ad, durationMs });
      filledMs += durationMs;
    }
  }
  return { items, ads, skipped, filledMs };
}

export function makeFillPlan(input: FillInput): FillPlan {
  const bumperMs = (b?: Bumper) => (b ? sum(b.segmentsMs) : 0);
  const startBumper = input.bumpers?.start;
  const endBumper = input.bumpers?.end;
  // Bumpers take their time first: the ads fill what is left between them.
  const leadMs = input.leadMs ?? 0;
  const adsRoomMs = input.availDurationMs - leadMs - bumperMs(startBumper) - bumperMs(endBumper);
  const { items, ads, skipped, filledMs } = fillAds(input.candidates, adsRoomMs);
  // Bumpers play only around ads: an avail of slate alone has none.
  const withBumpers = ads.length > 0 && (startBumper !== undefined || endBumper !== undefined);
  const slateMs = input.availDurationMs - leadMs - filledMs - (withBumpers ? bumperMs(startBumper) + bumperMs(endBumper) : 0);
  const overThreshold = input.thresholdMs !== undefined && slateMs > input.thresholdMs;
  // Ads need slate behind them: for the remainder, and for a break that runs longer than planned.
  if (overThreshold || !input.slate || (ads.length === 0 && !input.slate)) {
    const reason = overThreshold ? 'PERSONALIZATION_THRESHOLD_EXCEEDED' : undefined;
    if (reason) for (const a of ads) skipped.push({ adId: a.adId, creativeId: a.creativeId, creativeUniqueId: items[ads.indexOf(a)]!.creativeKey, adMezzanineUrl: '', vastDurationMs: a.durationMs, skippedReason: reason });
    return { mode: 'content', items: [], ads: [], skipped, filledMs: 0, slateMs: 0 };
  }
  if (slateMs > 0) items.push({ kind: 'slate', creativeKey: input.slate.creativeKey, segmentsMs: input.slate.segmentsMs, durationMs: slateMs });
  if (withBumpers) {
    const bumper = (b: Bumper): PlanItem => ({ kind: 'bumper', creativeKey: b.creativeKey, segmentsMs: b.segmentsMs, durationMs: bumperMs(b) });
    if (startBumper) items.unshift(bumper(startBumper));
    if (endBumper) items.push(bumper(endBumper));
  }
  if (leadMs > 0) items.unshift({ kind: 'slate', creativeKey: input.slate.creativeKey, segmentsMs: input.slate.segmentsMs, durationMs: leadMs });
  return { mode: 'ads', items, ads, skipped, filledMs, slateMs, slate: input.slate };
}
