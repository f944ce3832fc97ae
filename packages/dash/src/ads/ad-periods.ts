// Periods that are already ads: a stitcher's output (MediaTailor writes ad Periods whose
// BaseURL points at its `/v1/dashsegment/…` path; adsplice's stitcher at `/v1/segment/…`).
import type { PeriodView } from '../model/types.ts';

export type AdPeriodTest = (period: PeriodView) => boolean;

const STITCHED_SEGMENT_PATH = /\/v1\/(?:dash)?segment\//i;

/** Default test: the Period's (or its AdaptationSets') BaseURL is a MediaTailor or adsplice ad-segment URL. */
export const isStitchedAdPeriod: AdPeriodTest = (period) =>
  period.baseUrls.some((u) => STITCHED_SEGMENT_PATH.test(u)) || period.adaptationSets.some((a) => a.baseUrls.some((u) => STITCHED_SEGMENT_PATH.test(u)));
