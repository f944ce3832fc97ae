// One ad-signal model for every manifest dialect (HLS tags, DASH EventStreams): the manifest
// packages turn what they read into AdSignals, and pair them into Avails.
import type { Scte35Issue, SpliceInfoSection } from './types.ts';

/** Where a signal came from. */
export type AdSignalDialect =
  | 'cue-out' // #EXT-X-CUE-OUT
  | 'cue-out-cont' // #EXT-X-CUE-OUT-CONT
  | 'cue-in' // #EXT-X-CUE-IN
  | 'oatcls' // #EXT-OATCLS-SCTE35
  | 'asset' // #EXT-X-ASSET
  | 'daterange' // #EXT-X-DATERANGE SCTE35-OUT/IN/CMD
  | 'scte35-tag' // #EXT-X-SCTE35
  | 'adobe-cue' // #EXT-X-CUE (Adobe Primetime)
  | 'splicepoint' // #EXT-X-SPLICEPOINT-SCTE35
  | 'dash-event'; // DASH EventStream / InbandEventStream event

/** What a signal says. */
export type AdSignalKind =
  | 'out' // a break starts
  | 'cont' // a break is in progress
  | 'in' // the break ends (return to network)
  | 'cmd'; // a cue that is neither (time_signal without an out/in meaning, splice_null, ...)

export interface AdSignal {
  kind: AdSignalKind;
  dialect: AdSignalDialect;
  /** HLS: index into the playlist's segments of the segment the signal applies to. */
  segmentIndex?: number;
  /** HLS: the media sequence number of that segment. */
  mediaSequence?: number;
  /** 1-based line (HLS) of the tag, for messages. */
  line?: number;
  /** Wall-clock time of the signal in ms since the epoch (HLS PDT, DASH availabilityStartTime + presentation time), when known. */
  timeMs?: number;
  /** Presentation time of the signal in ms on the stream's timeline (DASH), when known. */
  presentationTimeMs?: number;
  /** splice_event_id / segmentation_event_id, or an HLS DATERANGE/ASSET id mapped to a number when numeric. */
  eventId?: number;
  /** The tag's own id (DATERANGE ID, DASH Event id). */
  id?: string;
  /** Planned break duration. */
  durationMs?: number;
  /** For 'cont': time already elapsed in the break at this segment. */
  elapsedMs?: number;
  segmentationTypeId?: number;
  /** The SCTE-35 payload, when the tag carried one and it decoded. */
  scte35?: SpliceInfoSection;
  /** The payload text as carried (base64 or hex), for passthrough. */
  scte35Text?: string;
}

/** A break: an OUT paired with its IN (or open). */
export interface Avail {
  /** Media sequence number (HLS) of the first segment of the break, when it is in the window. */
  startSegment?: number;
  /** Wall-clock start, ms since the epoch, when known (PDT or DASH timeline). */
  startTimeMs?: number;
  /** Presentation-time start in ms (DASH), when known. */
  startPresentationTimeMs?: number;
  plannedDurationMs?: number;
  /** How much of the break the manifest shows (from its start, or from the first CONT seen). */
  elapsedMs?: number;
  /** Media sequence number (HLS) of the first segment after the break (the CUE-IN segment). */
  endSegment?: number;
  eventId?: number;
  /** No IN seen yet. */
  open: boolean;
  /** The OUT is not in the window: the break was found from a CONT. */
  startedBeforeWindow: boolean;
  /** Ended by an IN before the planned duration (return to network). */
  earlyReturn: boolean;
  signals: AdSignal[];
}

/** A manifest issue: errors as data, with a stable code and where it was seen. */
export interface ManifestIssue {
  code: string;
  severity: 'fatal' | 'warning';
  message: string;
  /** 1-based line (HLS) or byte offset (DASH) where it was seen. */
  line?: number;
  offset?: number;
  [field: string]: unknown;
}

export type { Scte35Issue };
