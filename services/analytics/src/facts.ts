// Events in, facts out: each stitcher or ADS event that counts becomes zero or more fact rows with
// the columns the queries filter and sum on. Pure; the recorder adds what needs a lookup (channel,
// campaign, variant) and writes them.

export const FACT_KINDS = ['request', 'avail', 'placed', 'impression', 'decided', 'ads_error', 'session'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  kind: FactKind;
  atMs: number;
  configName: string | null;
  channelId: string | null;
  sessionId: string | null;
  campaignId: string | null;
  adId: string | null;
  /** `experimentId:variant` of the session's first experiment, when the ADS put it in one. */
  variant: string | null;
  /** Avail seconds (request, avail), in ms. */
  availMs: number;
  /** Seconds filled with ads (avail: the whole pod; placed: that ad), in ms. */
  filledMs: number;
  /** Ads placed in the avail (avail), or 1 (placed, decided, impression). */
  adsFilled: number;
  /** Ads the ADS returned for the avail (placed + skipped). */
  adsReturned: number;
}

/** The fields of a stitcher event (MediaTailor's names) that analytics reads. */
export interface StitcherEventLike {
  eventType: string;
  eventTimestamp: string;
  playbackConfigurationName?: string;
  sessionId?: string;
  adId?: string;
  availDurationMs?: number;
  beaconInfo?: { trackingEvent?: string };
  avail?: { originAvailDuration?: number; filledDuration?: number; numAds?: number; creativeAds?: { adId: string; duration: number }[]; skippedAds?: unknown[] };
  [field: string]: unknown;
}

/** The fields of an ADS event that analytics reads. */
export interface AdsEventLike {
  type: string;
  atMs: number;
  sessionId?: string | null;
  channel?: string | null;
  ads?: { adId: string; campaignId: string; durationMs: number }[];
  experiments?: { experimentId: string; variant: string }[];
}

const ADS_ERRORS = new Set(['ERROR_ADS_TIMEOUT', 'ERROR_ADS_IO', 'ERROR_ADS_INVALID_RESPONSE', 'ERROR_ADS_RESPONSE_PARSE', 'ERROR_ADS_RESPONSE_UNKNOWN_ROOT_ELEMENT']);

function blank(kind: FactKind, atMs: number): Fact {
  return { kind, atMs, configName: null, channelId: null, sessionId: null, campaignId: null, adId: null, variant: null, availMs: 0, filledMs: 0, adsFilled: 0, adsReturned: 0 };
}

const ms = (seconds: unknown): number => (typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0);

/** The facts a stitcher event makes (sessions' heartbeats are the recorder's, as they need memory). */
export function factsOfStitcherEvent(e: StitcherEventLike): Fact[] {
  const atMs = Date.parse(e.eventTimestamp);
  if (!Number.isFinite(atMs)) return [];
  const base = (kind: FactKind): Fact => ({ ...blank(kind, atMs), configName: e.playbackConfigurationName ?? null, sessionId: e.sessionId ?? null });
  switch (e.eventType) {
    case 'MAKING_ADS_REQUEST':
      return [{ ...base('request'), availMs: typeof e.availDurationMs === 'number' ? e.availDurationMs : 0 }];
    case 'FILLED_AVAIL': {
      const a = e.avail ?? {};
      const ads = a.creativeAds ?? [];
      const avail: Fact = { ...base('avail'), availMs: ms(a.originAvailDuration), filledMs: ms(a.filledDuration), adsFilled: a.numAds ?? ads.length, adsReturned: ads.length + (a.skippedAds?.length ?? 0) };
      return [avail, ...ads.map((ad) => ({ ...base('placed'), adId: ad.adId, filledMs: ms(ad.duration), adsFilled: 1 }))];
    }
    case 'BEACON_FIRED':
      return e.beaconInfo?.trackingEvent === 'impression' ? [{ ...base('impression'), adId: e.adId ?? null, adsFilled: 1 }] : [];
    default:
      return ADS_ERRORS.has(e.eventType) ? [base('ads_error')] : [];
  }
}

/** The facts an ADS decision makes: one `decided` per ad of the pod. */
export function factsOfAdsEvent(e: AdsEventLike): Fact[] {
  if (e.type !== 'ADS_DECISION') return [];
  const first = e.experiments?.[0];
  const variant = first ? `${first.experimentId}:${first.variant}` : null;
  return (e.ads ?? []).map((ad) => ({ ...blank('decided', e.atMs), channelId: e.channel ?? null, sessionId: e.sessionId ?? null, campaignId: ad.campaignId, adId: ad.adId, variant, filledMs: ad.durationMs, adsFilled: 1 }));
}
