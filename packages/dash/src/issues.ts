// The registry of every issue code packages/dash can report. Codes are stable and never reused;
// docs/errors/dash.md documents each one (a table-driven test checks it).
import type { ManifestIssue } from '@adsplice/scte35/ad-signal';

export const DASH_ISSUES = {
  DASH_EMPTY: { severity: 'fatal', description: 'The input is empty or only white space: there is no XML document.' },
  DASH_XML_MALFORMED: {
    severity: 'fatal',
    description:
      'The text is not well-formed XML (unclosed or mismatched tag, bad attribute syntax, markup inside an attribute, text after the root). The parser recovers (closes open elements, ignores stray end tags) and reports where.',
  },
  DASH_XML_BAD_REFERENCE: {
    severity: 'warning',
    description: 'An `&` that does not start a known entity or a valid character reference; it is kept as literal text.',
  },
  DASH_XML_DUPLICATE_ATTRIBUTE: { severity: 'warning', description: 'An element repeats an attribute name; the first value is kept, later ones are dropped.' },
  DASH_XML_UNBOUND_PREFIX: {
    severity: 'warning',
    description:
      'An element or attribute uses a namespace prefix (e.g. `scte35:`) that no `xmlns:` declaration binds. Namespace-aware players may reject the document. Reported once per prefix.',
  },
  DASH_MISSING_MPD: {
    severity: 'fatal',
    description:
      'The document element is not `MPD`. A document whose root is a `Period` or an `EventStream` (a fragment) is still read as a one-Period presentation so that its events can be inspected.',
  },
  DASH_MPD_NAMESPACE: {
    severity: 'warning',
    description: 'The `MPD` element is not in the `urn:mpeg:dash:schema:mpd:2011` namespace (no or another default namespace).',
  },
  DASH_BAD_DURATION: { severity: 'warning', description: 'An xs:duration attribute (e.g. `mediaPresentationDuration`, `Period@start`) is not a valid non-negative duration such as `PT1H2M3.5S`.' },
  DASH_BAD_DATETIME: { severity: 'warning', description: 'An xs:dateTime attribute (e.g. `availabilityStartTime`, `publishTime`) cannot be read.' },
  DASH_BAD_NUMBER: { severity: 'warning', description: 'A numeric attribute (`timescale`, `startNumber`, `bandwidth`, `S@d`, `Event@presentationTime`, …) is not a valid non-negative integer (or `S@r` below -1).' },
  DASH_BAD_TYPE: { severity: 'warning', description: '`MPD@type` is neither `static` nor `dynamic`; it is read as `static`.' },
  DASH_MISSING_ATTRIBUTE: { severity: 'warning', description: 'A required attribute is missing (e.g. `S@d`, `Representation@id`, `Representation@bandwidth`, dynamic `MPD@availabilityStartTime`).' },
  DASH_PERIOD_START_UNKNOWN: {
    severity: 'warning',
    description: 'A Period has no `start` and its predecessor has no `duration`, so where it starts cannot be computed.',
  },
  DASH_PERIOD_ORDER: { severity: 'warning', description: 'Period starts are not in increasing order, or a Period starts before the previous one ends.' },
  DASH_DUPLICATE_ID: { severity: 'warning', description: 'Two Periods (or two Representations of one Period) share an `id`.' },
  DASH_NO_SEGMENT_INFO: { severity: 'warning', description: 'A Representation has no SegmentTemplate, SegmentList or SegmentBase at any level and no BaseURL: its segments cannot be listed.' },
  DASH_SEGMENT_TEMPLATE: {
    severity: 'warning',
    description:
      'A SegmentTemplate `media`/`initialization` string has an unknown `$identifier$`, an unterminated `$`, a bad `%0Nd` format, or uses `$Time$`/`$Number$` where the addressing mode cannot give it.',
  },
  DASH_SEGMENT_TIMELINE: {
    severity: 'warning',
    description:
      'A SegmentTimeline is inconsistent: an `S@t` goes back in time, an `r="-1"` has no end (no next `S@t`, no Period end, no `now` for a dynamic MPD), or a listing would be unbounded.',
  },
  DASH_PERIOD_NOT_FOUND: { severity: 'fatal', description: 'An operation named a Period (by index or id) that the MPD does not have.' },
  DASH_REPRESENTATION_NOT_FOUND: { severity: 'fatal', description: 'An operation named a Representation id that the Period does not have.' },
  DASH_EVENT_DECODE: {
    severity: 'warning',
    description:
      'An SCTE-35 Event (`urn:scte:scte35:2013:xml`, `urn:scte:scte35:2014:xml+bin` or `urn:scte:scte35:2013:bin`) has no payload or its payload does not decode; the SCTE-35 codec issues are attached as `scte35Issues`.',
  },
  DASH_AVAIL_OVERLAP: { severity: 'warning', description: 'A break starts (OUT) while another break is still running; the earlier break is closed at the new OUT.' },
  DASH_AVAIL_ORPHAN_IN: { severity: 'warning', description: 'A break end (IN) that matches no running break (its OUT is not in the manifest, or the event ids differ); it is ignored.' },
  DASH_AVAIL_REPEATED_OUT: { severity: 'warning', description: 'The same OUT (same event id) is signalled again while its break runs; the repeat is attached to the running break.' },
  DASH_SPLIT_OUT_OF_RANGE: { severity: 'fatal', description: 'A split or insertion time is not strictly inside the Period (or the presentation), or the Period has no known start or end.' },
  DASH_SPLIT_NOT_ON_BOUNDARY: {
    severity: 'warning',
    description:
      'A split time falls inside a segment. With a SegmentTimeline the straddling segment is listed in both halves (players trim it at the Period boundary); with `@duration` addressing the split is refused (fatal) because the second half could not be addressed.',
  },
  DASH_INVALID_PERIOD: { severity: 'fatal', description: 'A Period to insert is not a `Period` element, or has no usable `duration`.' },
} as const satisfies Record<string, { severity: 'fatal' | 'warning'; description: string }>;

export type DashIssueCode = keyof typeof DASH_ISSUES;

/** A ManifestIssue with a registry code and, when known, the element path (`/MPD/Period[2]/…`). */
export interface DashIssue extends ManifestIssue {
  code: DashIssueCode;
  path?: string;
}

/** Makes an issue with the registry's severity. */
export function dashIssue(code: DashIssueCode, message: string, where: { offset?: number; path?: string } = {}, fields: Record<string, unknown> = {}): DashIssue {
  const issue: DashIssue = { code, severity: DASH_ISSUES[code].severity, message };
  if (where.offset !== undefined) issue.offset = where.offset;
  if (where.path !== undefined) issue.path = where.path;
  return Object.assign(issue, fields);
}
