// The meaning layer: typed, read-only views of an MPD's elements (ISO/IEC 23009-1 §5.3).
// Each view keeps `el`, the element it reads, and `path`, an XPath-like location used in
// issues (`/MPD/Period[2]/AdaptationSet[1]`). Times are integer ms; tick values keep the
// timescale they are written in. Attributes a level does not carry are left undefined so that
// inheritance (Period → AdaptationSet → Representation) can be resolved by `segmentInfo()`.
import type { XmlElement } from '../xml/types.ts';

export type MpdType = 'static' | 'dynamic';

export interface MpdView {
  el: XmlElement;
  path: string;
  /** False when the document element is not MPD (a Period or EventStream fragment read as one Period). */
  isMpd: boolean;
  type: MpdType;
  id?: string;
  profiles?: string;
  availabilityStartTimeMs?: number;
  availabilityEndTimeMs?: number;
  publishTimeMs?: number;
  mediaPresentationDurationMs?: number;
  minimumUpdatePeriodMs?: number;
  minBufferTimeMs?: number;
  timeShiftBufferDepthMs?: number;
  suggestedPresentationDelayMs?: number;
  maxSegmentDurationMs?: number;
  baseUrls: string[];
  periods: PeriodView[];
}

export interface PeriodView {
  el: XmlElement;
  path: string;
  /** 0-based position among the MPD's Periods. */
  index: number;
  id?: string;
  /** Period@start as written, in ms. */
  startAttrMs?: number;
  /** Period@duration as written, in ms. */
  durationAttrMs?: number;
  /** Start on the presentation timeline (§5.3.2.1: @start, else previous start + duration, else 0 for the first static Period). */
  startMs?: number;
  /** @duration, else next Period's start − start, else (last Period) mediaPresentationDuration − start. */
  durationMs?: number;
  baseUrls: string[];
  segmentTemplate?: SegmentTemplateView;
  segmentList?: SegmentListView;
  segmentBase?: SegmentBaseView;
  eventStreams: EventStreamView[];
  adaptationSets: AdaptationSetView[];
}

export interface AdaptationSetView {
  el: XmlElement;
  path: string;
  index: number;
  id?: string;
  contentType?: string;
  mimeType?: string;
  codecs?: string;
  lang?: string;
  baseUrls: string[];
  segmentTemplate?: SegmentTemplateView;
  segmentList?: SegmentListView;
  segmentBase?: SegmentBaseView;
  inbandEventStreams: InbandEventStreamView[];
  representations: RepresentationView[];
}

export interface RepresentationView {
  el: XmlElement;
  path: string;
  index: number;
  id?: string;
  bandwidth?: number;
  width?: number;
  height?: number;
  frameRate?: string;
  audioSamplingRate?: string;
  /** Own or inherited from the AdaptationSet. */
  mimeType?: string;
  /** Own or inherited from the AdaptationSet. */
  codecs?: string;
  baseUrls: string[];
  segmentTemplate?: SegmentTemplateView;
  segmentList?: SegmentListView;
  segmentBase?: SegmentBaseView;
  inbandEventStreams: InbandEventStreamView[];
}

/** One `S` element (§5.3.9.6). */
export interface TimelineEntry {
  t?: number;
  d: number;
  /** Repeat count; −1 repeats to the next S@t, the Period end or (dynamic) now. */
  r: number;
  n?: number;
}

/** Attributes shared by SegmentBase, SegmentList and SegmentTemplate (MultipleSegmentBaseType). */
export interface SegmentBaseFields {
  timescale?: number;
  presentationTimeOffset?: number;
  availabilityTimeOffset?: number;
  /** SegmentBase@indexRange. */
  indexRange?: string;
  /** Initialization@sourceURL / @range (SegmentBase, SegmentList). */
  initializationSourceUrl?: string;
  initializationRange?: string;
  /** @duration in timescale units (SegmentList, SegmentTemplate). */
  duration?: number;
  startNumber?: number;
  endNumber?: number;
  timeline?: TimelineEntry[];
}

export interface SegmentBaseView extends SegmentBaseFields {
  el: XmlElement;
  path: string;
}

export interface SegmentListView extends SegmentBaseFields {
  el: XmlElement;
  path: string;
  segmentUrls: { media?: string; mediaRange?: string }[];
}

export interface SegmentTemplateView extends SegmentBaseFields {
  el: XmlElement;
  path: string;
  media?: string;
  initialization?: string;
  index?: string;
  bitstreamSwitching?: string;
}

export interface EventView {
  el: XmlElement;
  path: string;
  /** Event@presentationTime in the stream's timescale (0 when absent). Above 2^53 the number is rounded; presentationTimeMs is exact. */
  presentationTime: number;
  /** Event@duration in the stream's timescale. */
  duration?: number;
  id?: string;
  messageData?: string;
  contentEncoding?: string;
  /** Period start + (presentationTime − EventStream@presentationTimeOffset) / timescale, in ms. */
  presentationTimeMs?: number;
  durationMs?: number;
}

export interface EventStreamView {
  el: XmlElement;
  path: string;
  schemeIdUri: string;
  value?: string;
  timescale: number;
  /** EventStream@presentationTimeOffset (DASH 4th ed.), 0 when absent. */
  presentationTimeOffset: number;
  events: EventView[];
}

export interface InbandEventStreamView {
  el: XmlElement;
  path: string;
  schemeIdUri: string;
  value?: string;
  /** The scheme is one of the SCTE 214 SCTE-35 schemes (`urn:scte:scte35:2013:bin` and, as seen in the wild, `…:2014:xml+bin`). */
  scte35: boolean;
}
