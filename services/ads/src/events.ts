// The events the ad decision server emits through its EventSink (MediaTailor-style names).
import type { PodStrategy } from './inventory.ts';

export const EXCLUSION_REASONS = [
  'FLIGHT_NOT_STARTED',
  'FLIGHT_ENDED',
  'EXPERIMENT',
  'TARGETING',
  'BLOCKED_CATEGORY',
  'GOAL_REACHED',
  'DAILY_CAP',
  'FREQUENCY_CAP',
  'PACING',
  'NO_FITTING_AD',
  'LOWER_PRIORITY',
  'SEPARATION',
  'DOES_NOT_FIT',
  'OUTRANKED',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ChosenAdEvent {
  adId: string;
  campaignId: string;
  advertiserId: string;
  sequence: number;
  durationMs: number;
  priority: number;
}

export interface ExperimentAssignment {
  experimentId: string;
  name: string;
  variant: string;
}

export interface Exclusions {
  /** Campaigns (and candidate ads) left out, counted by reason. */
  counts: Partial<Record<ExclusionReason, number>>;
  /** The first few, by id, with their reason (the counts are complete; this list is capped). */
  samples: { level: 'campaign' | 'ad'; id: string; reason: ExclusionReason }[];
}

export interface AdsDecisionEvent {
  type: 'ADS_DECISION';
  atMs: number;
  decisionId: string;
  sessionId: string | null;
  channel: string | null;
  availMs: number;
  filledMs: number;
  ads: ChosenAdEvent[];
  fallback: boolean;
  strategy: PodStrategy;
  experiments: ExperimentAssignment[];
  excluded: Exclusions;
  /** Request values that were out of range and clamped ("duration", "maxAds"). */
  clamped: string[];
  /** The pod came from a plan shared with viewers of the same signature (decision-plans.ts), checked against this viewer's caps. */
  reused: boolean;
  /** The counter store failed or was too slow: this decision could not check the viewer's frequency caps. */
  countersUnavailable: boolean;
}

export interface BeaconReceivedEvent {
  type: 'BEACON_RECEIVED';
  atMs: number;
  adId: string;
  campaignId: string | null;
  sessionId: string;
  event: string;
  /** The [ERRORCODE] a player reported (error beacons). */
  errorCode: string | null;
}

export interface ImpressionEvent {
  type: 'IMPRESSION';
  atMs: number;
  adId: string;
  campaignId: string | null;
  advertiserId: string | null;
  sessionId: string;
}

/** The ADS failed internally and answered an empty VAST instead (the stream goes on). */
export interface AdsErrorEvent {
  type: 'ADS_ERROR';
  atMs: number;
  message: string;
}

/**
 * The frequency counter store failed (down, or slower than countersTimeoutMs): decisions go on
 * without the viewers' frequency caps, and counts are lost until it answers again. Emitted once
 * per outage (the first failure after it last answered in time), and at most once a minute.
 */
export interface CountersUnavailableEvent {
  type: 'WARNING_COUNTERS_UNAVAILABLE';
  atMs: number;
  /** "reading frequency counters", "reading campaign counters" or "recording frequency counters". */
  operation: string;
  message: string;
}

export type AdsEvent = AdsDecisionEvent | BeaconReceivedEvent | ImpressionEvent | AdsErrorEvent | CountersUnavailableEvent;
