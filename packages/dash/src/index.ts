// @adsplice/dash — MPD parse/print, typed views, segment lists, SCTE-35 EventStreams ⇄ ad
// signals and breaks, and pure edit operations for multi-period stitching.

// Syntax
export { parseMpd, type ParseMpdResult } from './parse-mpd.ts';
export { printMpd, type PrintMpdOptions } from './print-mpd.ts';
export type { Mpd } from './mpd.ts';
export { parseXml, type ParseXmlResult } from './xml/parse-xml.ts';
export { printXml, printNode, type PrintXmlOptions } from './xml/print-xml.ts';
export type { XmlAttr, XmlCData, XmlComment, XmlDoctype, XmlDocument, XmlElement, XmlNode, XmlPi, XmlText } from './xml/types.ts';
export { childElements, documentElement, element, firstChild, getAttr, localName, textContent, withAttr, withAttrs, withChildren } from './xml/dom.ts';

// Values
export { parseDuration, formatDuration } from './duration.ts';
export { parseDateTime, formatDateTime } from './date-time.ts';
export { ticksToMs, msToTicks } from './ticks.ts';

// Typed views
export { readMpd, MPD_NAMESPACE, type ReadMpdResult } from './model/read-mpd.ts';
export type {
  AdaptationSetView, EventStreamView, EventView, InbandEventStreamView, MpdType, MpdView, PeriodView, RepresentationView,
  SegmentBaseFields, SegmentBaseView, SegmentListView, SegmentTemplateView, TimelineEntry,
} from './model/types.ts';
export { SCTE35_SCHEMES, isScte35Scheme } from './model/read-event-stream.ts';
export { findPeriod, findRepresentation, type PeriodRef, type RepresentationRef } from './locate.ts';

// Segments
export { segments, initializationUrl, type Segment, type SegmentsOptions, type SegmentsResult } from './segments.ts';
export { segmentInfo, type SegmentInfo, type SegmentInfoKind } from './segment-info.ts';
export { fillTemplate, type TemplateValues } from './template.ts';
export { resolveUrl } from './url.ts';
export { timelineEndMs } from './timeline-end.ts';

// Ads
export { scanAds, adSignals, avails, type AdScan, type ScanAdsResult } from './ads/scan-ads.ts';
export type { DashAdSignal } from './ads/ad-signals.ts';
export type { DashAvail, AvailsOptions } from './ads/avails.ts';
export { isStitchedAdPeriod, type AdPeriodTest } from './ads/ad-periods.ts';
export { classifyCue, AD_START_TYPES, type CueMeaning } from './ads/classify-cue.ts';
export { decodeEvent, SCTE35_NAMESPACE, type DecodedEvent } from './ads/decode-event.ts';
export { buildScte35EventStream, buildScte35Event, type Scte35Cue, type EventStreamOptions } from './build/build-event-stream.ts';
export { buildPeriod, type PeriodSpec, type AdaptationSetSpec, type RepresentationSpec, type SegmentTemplateSpec, type TimelineSpec } from './build/build-period.ts';

// Edits
export { splitPeriod, type SplitOptions, type EditResult } from './edit/split-period.ts';
export { insertPeriods, type InsertOptions } from './edit/insert-periods.ts';
export { addEventStream } from './edit/add-event-stream.ts';

// Issues
export { DASH_ISSUES, dashIssue, type DashIssue, type DashIssueCode } from './issues.ts';
