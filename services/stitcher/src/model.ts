// The stitcher's data: playback configurations, sessions, and what a session decided for each avail.
// Times are integer milliseconds, named with the unit.
import type { AvailSuppression } from './avail-suppression.ts';

/** A MediaTailor playback configuration (names follow MediaTailor's settings, in camelCase). */
export interface PlaybackConfiguration {
  name: string;
  /** Base URL of the content origin: a manifest path is appended (`/v1/master/{name}/{path}`). */
  videoContentSourceUrl: string;
  /** ADS URL template with MediaTailor's dynamic variables ([session.id], [player_params.x], …). */
  adDecisionServerUrl: string;
  /** A creative played for the part of an avail the ads do not fill. */
  slateAdUrl?: string;
  /** The most unfilled time an avail may have; beyond it the whole avail plays the content. */
  personalizationThresholdSeconds?: number;
  /** Keep the origin's ad markers (CUE-OUT/IN…) in personalised playlists. */
  adMarkerPassthrough: boolean;
  cdnConfiguration?: { contentSegmentUrlPrefix?: string; adSegmentUrlPrefix?: string };
  /**
   * `STITCHED_ONLY` (default): every session gets ads stitched into its playlists. `PLAYER_SELECT`:
   * a session may ask for `GUIDED` insertion at init (HLS Interstitials: the content stays, ads are
   * interstitial assets the player switches to).
   */
  insertionMode: 'STITCHED_ONLY' | 'PLAYER_SELECT';
  /** MediaTailor's avail suppression: avails near the session's start that are not filled. */
  availSuppression?: AvailSuppression;
  /** Short clips (≤ 10 s) played at the start and at the end of every avail that plays ads. */
  bumper?: { startUrl?: string; endUrl?: string };
  /** MediaTailor's live pre-roll: ads from their own ADS, up to `maxDurationSeconds`, where a live HLS session starts. */
  livePreRoll?: { adDecisionServerUrl: string; maxDurationSeconds: number };
  /** An ad running when the origin ends its break: cut there (CUT_CURRENT, the default) or played to its end, the content resuming after it (COMPLETE_AD). */
  adOverrunPolicy?: 'CUT_CURRENT' | 'COMPLETE_AD';
  originTimeoutMs: number;
  adsTimeoutMs: number;
  maxWrapperDepth: number;
  /**
   * Hosts the stitcher may fetch from for this configuration: origin, ADS, wrappers, media files,
   * beacons. `host`, `host:port` or `*.suffix`. Anything else is refused (no SSRF).
   */
  allowedHosts: string[];
  createdAt: string;
  updatedAt: string;
}

export type ReportingMode = 'server' | 'client';
export type InsertionMode = 'stitched' | 'guided';

export interface Session {
  id: string;
  configName: string;
  /** The origin manifest path (after the configuration's source URL), e.g. `news/index.m3u8`. */
  path: string;
  adsParams: Record<string, string>;
  playerParams: Record<string, string>;
  reportingMode: ReportingMode;
  /** Absent: stitched. */
  insertionMode?: InsertionMode;
  clientIp: string;
  userAgent: string;
  referer: string;
  createdAtMs: number;
  /** The origin is VOD (HLS ENDLIST / PLAYLIST-TYPE:VOD, a static MPD): its breaks were decided at session start (vod-personalizer.ts). */
  vod?: boolean;
}

/** One item of an avail's fill plan, in play order: a bumper, an ad (with its segments' durations) or slate. */
export interface PlanItem {
  kind: 'ad' | 'slate' | 'bumper';
  /** Media store key of the conditioned creative. */
  creativeKey: string;
  /** Conditioned segment durations (the same for every rendition). For slate: one loop. */
  segmentsMs: number[];
  durationMs: number;
  /** For ads: index into AvailRecord.ads. */
  adIndex?: number;
}

export interface PlannedAd {
  adId: string;
  creativeId: string;
  adSystem: string;
  adTitle?: string;
  durationMs: number;
  impressions: string[];
  /** eventType → beacon URLs (start, firstQuartile, midpoint, thirdQuartile, complete, …). */
  tracking: Record<string, string[]>;
  errors: string[];
}

export interface SkippedAd {
  adId: string;
  creativeId: string;
  creativeUniqueId: string;
  adMezzanineUrl: string;
  vastDurationMs: number;
  skippedReason: SkippedReason;
}

export const SKIPPED_REASONS = ['NEW_CREATIVE', 'TRANSCODE_IN_PROGRESS', 'TRANSCODE_ERROR', 'AVAIL_DURATION_EXCEEDED', 'PROFILE_NOT_FOUND', 'EARLY_CUE_IN', 'PERSONALIZATION_THRESHOLD_EXCEEDED'] as const;
export type SkippedReason = (typeof SKIPPED_REASONS)[number];

/**
 * What a session plays in one avail. Decided once (the first request that sees the avail), kept
 * in the session so every refresh and every rendition agree. Origin facts recorded with it keep
 * the session's media and discontinuity sequence numbers consistent after the avail slides out.
 */
export interface AvailRecord {
  key: string;
  /** Origin media sequence number of the avail's first content segment. */
  startMsn: number;
  /** Origin discontinuity sequence number before that segment (without its own tag). */
  dsnBefore: number;
  /** PDT of the first content segment, when the origin writes PDT. */
  startPdtMs?: number;
  plannedDurationMs: number;
  eventId?: number;
  /**
   * Ad marker passthrough (HLS): the origin's markers on the avail's first segment, as it showed
   * them when the avail was decided — the first stitched segment keeps carrying them after that
   * segment has left the origin's window.
   */
  openingMarkers?: string[];
  /** 'content': the avail plays the origin's content (nothing filled, or beyond the threshold). */
  mode: 'ads' | 'content';
  items: PlanItem[];
  ads: PlannedAd[];
  skipped: SkippedAd[];
  /** The slate that plays after the ads (the remainder, and as long as the break runs over its plan). */
  slate?: { creativeKey: string; segmentsMs: number[]; targetKey: string };
  /** The conditioning target (profiles and segment duration) the ads were conditioned for. */
  targetKey?: string;
  /** Avail suppression applied to it: the whole avail (mode content) or its first `leadMs` (slate). */
  suppression?: { mode: 'BEHIND_LIVE_EDGE' | 'AFTER_LIVE_EDGE'; leadMs?: number };
  /** DASH: the avail's start on the origin MPD's presentation timeline (ms from availabilityStartTime). */
  startPresentationMs?: number;
  /** DASH: where the avail ended on that timeline, once the origin MPD showed it (an IN, or its planned end reached). */
  endPresentationMs?: number;
  /** A live pre-roll (no origin break): it starts where the session joined and ends with its plan (`plannedDurationMs`). */
  preRoll?: true;
  /** COMPLETE_AD (the configuration's ad overrun policy when it was decided): an ad running when the origin ends the break plays to its end. */
  completeAd?: true;
  /** Set when the avail's end is known: first content msn after it, its origin DSN, the real duration. */
  end?: { msn: number; dsn: number; durationMs: number };
  /** VOD: a break inserted into the content (the content is not replaced). */
  vod?: VodBreak;
  decidedAtMs: number;
}

/** Where a VOD break sits: on the content's timeline and on the session's (content + the ads before it). */
export interface VodBreak {
  kind: 'preroll' | 'midroll' | 'postroll';
  /** What put it there: a VMAP AdBreak, the plain VAST answer (a pre-roll), or a cue in the manifest. */
  source: 'vmap' | 'vast' | 'cue';
  /** Position in the content (ms from its start), on a segment boundary. */
  positionMs: number;
  /** Position in the session's presentation (the content before it plus every earlier break). */
  sessionStartMs: number;
  breakId?: string;
  /** A VMAP AdBreak's breakStart and breakEnd URLs: fired (server-side reporting) with its first and its last ad segment. */
  tracking?: { event: string; url: string }[];
}
