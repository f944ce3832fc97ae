// The registry of every issue code packages/vast can report, with the IAB error code a player or
// stitcher sends in the [ERRORCODE] macro of the ad's <Error> URLs when the issue makes it give up
// on the ad (the "VAST Error Codes" table of VAST 3.0–4.2; the 1000s are VMAP 1.0's).
// Codes are stable and never reused; docs/errors/vast.md documents each one (a test checks it).

type Entry = { severity: 'fatal' | 'warning'; iabErrorCode: number; description: string };

export const VAST_ISSUES = {
  // ── Document ────────────────────────────────────────────────────────────────────────────
  VAST_XML_MALFORMED: {
    severity: 'fatal',
    iabErrorCode: 100,
    description: 'The text is not a well-formed XML document: no root element, several root elements, an unclosed CDATA section or comment, or the text ends before the root element is closed (a truncated response). No value is returned.',
  },
  VAST_NOT_VAST: {
    severity: 'fatal',
    iabErrorCode: 101,
    description: 'The document is XML but its root element is not `<VAST>` (an HTML error page, a VMAP, a JSON body in XML clothing). No value is returned.',
  },
  VAST_UNSUPPORTED_VERSION: {
    severity: 'fatal',
    iabErrorCode: 102,
    description: 'The document is VAST 1 (`<VideoAdServingTemplate>`) or its `version` major number is not 2, 3 or 4. No value is returned.',
  },
  VAST_MISSING_VERSION: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'The `<VAST>` element has no `version` attribute (it is required). The document is read as VAST 4; `version` is the empty string.',
  },
  VAST_NO_ADS: {
    severity: 'warning',
    iabErrorCode: 303,
    description: 'The document has no usable `<Ad>`: a no-ad response. Its root `<Error>` URLs are in `errors`. When the document was reached through a wrapper, fire the wrapper\'s Error URLs with 303.',
  },
  // ── Ad ─────────────────────────────────────────────────────────────────────────────────
  VAST_AD_EMPTY: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'An `<Ad>` has neither `<InLine>` nor `<Wrapper>`. It is left out of `ads`.',
  },
  VAST_MISSING_ELEMENT: {
    severity: 'warning',
    iabErrorCode: 101,
    description:
      'A required element or attribute is missing or empty (`element`/`attribute` name it): `<AdSystem>`, `<AdTitle>`, a `<Tracking>` without `event` (left out), a `<UniversalAdId>` without `idRegistry` ("unknown"), a `<Companion>` without `width`/`height` (0). What is there is still read.',
  },
  VAST_MISSING_IMPRESSION: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'The ad has no `<Impression>` with a URL, so nobody can count it. It is kept (`impressions` is empty); an ad decision server would not be paid for it.',
  },
  VAST_MISSING_ADTAGURI: {
    severity: 'warning',
    iabErrorCode: 300,
    description: 'A `<Wrapper>` has no (or an empty) `<VASTAdTagURI>`: the chain cannot be followed. The ad is kept with `wrapper.vastAdTagUri` empty so that its Error URLs can be fired with 300.',
  },
  VAST_NO_CREATIVES: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'An `<InLine>` has no `<Creative>`: there is nothing to play. The ad is kept with `creatives` empty.',
  },
  VAST_MISSING_MEDIAFILES: {
    severity: 'warning',
    iabErrorCode: 401,
    description: 'A `<Linear>` of an InLine has no `<MediaFile>` with a URL (and no Mezzanine): there is no file to play or to transcode.',
  },
  VAST_MEDIAFILE_INVALID: {
    severity: 'warning',
    iabErrorCode: 403,
    description: 'A `<MediaFile>` or `<Mezzanine>` lacks a required attribute (`delivery`, `type`, `width`, `height`) or has an unknown `delivery`. It is kept: `type` "", `width`/`height` 0, `delivery` "progressive" stand in for what is missing.',
  },
  VAST_BAD_DURATION: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'The `<Duration>` of an InLine `<Linear>` is missing or is not `HH:MM:SS` or `HH:MM:SS.mmm` (`value` shows it). `durationMs` is left out: the creative cannot be placed in a break.',
  },
  VAST_BAD_OFFSET: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'A time offset (`skipoffset`, a Tracking `offset`, an Icon `offset`/`duration`, a NonLinear `minSuggestedDuration`) is neither `HH:MM:SS[.mmm]` nor `n%`. The offset is left out; a progress event without an offset is kept.',
  },
  VAST_BAD_VALUE: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'An attribute or element that must be a number, a boolean or one of a list of words cannot be read (`element`, `attribute` and `value` say which). The field is left out.',
  },
  VAST_EMPTY_URL: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'A URL element (Error, Tracking, ClickTracking, MediaFile, …) is empty. It is left out.',
  },
  VAST_LEGACY_SYNTAX: {
    severity: 'warning',
    iabErrorCode: 101,
    description: 'A VAST 1-style construct inside a VAST 2+ document: `<VASTAdTagURL><URL>` instead of `<VASTAdTagURI>`, or a `<URL>` child inside `<MediaFile>`. It is read as if it were the VAST 2+ element.',
  },
  // ── For callers resolving wrappers and choosing files (not emitted by parseVast) ───────────
  VAST_WRAPPER_ERROR: {
    severity: 'fatal',
    iabErrorCode: 300,
    description: 'Following a wrapper failed: the VASTAdTagURI could not be fetched (network error, non-2xx status) or returned something that is not VAST.',
  },
  VAST_WRAPPER_TIMEOUT: {
    severity: 'fatal',
    iabErrorCode: 301,
    description: 'Fetching a wrapper\'s VASTAdTagURI took longer than the allowed time.',
  },
  VAST_WRAPPER_LIMIT: {
    severity: 'fatal',
    iabErrorCode: 302,
    description: 'The wrapper chain is longer than the allowed depth (5 by default), or loops back to a URI already followed.',
  },
  VAST_NO_SUPPORTED_MEDIAFILE: {
    severity: 'warning',
    iabErrorCode: 403,
    description: '`selectMediaFile` found no MediaFile of an accepted type (for example only VPAID JavaScript or Flash): the creative cannot be played or transcoded.',
  },
  // ── VMAP ───────────────────────────────────────────────────────────────────────────────
  VMAP_XML_MALFORMED: {
    severity: 'fatal',
    iabErrorCode: 1002,
    description: 'The text is not a well-formed XML document (see VAST_XML_MALFORMED). No value is returned.',
  },
  VMAP_NOT_VMAP: {
    severity: 'fatal',
    iabErrorCode: 1000,
    description: 'The root element is not `<VMAP>` (in any namespace prefix). No value is returned.',
  },
  VMAP_UNSUPPORTED_VERSION: {
    severity: 'fatal',
    iabErrorCode: 1001,
    description: 'The `version` of `<VMAP>` is missing or its major number is not 1. No value is returned.',
  },
  VMAP_BAD_TIME_OFFSET: {
    severity: 'warning',
    iabErrorCode: 1000,
    description: 'An `<AdBreak>` has no `timeOffset`, or one that is not `start`, `end`, `HH:MM:SS[.mmm]`, `n%` or `#n`. The break is left out.',
  },
  VMAP_MISSING_BREAK_TYPE: {
    severity: 'warning',
    iabErrorCode: 1003,
    description: 'An `<AdBreak>` has no `breakType`. The break is kept with `breakType` "linear".',
  },
  VMAP_BAD_AD_SOURCE: {
    severity: 'warning',
    iabErrorCode: 1006,
    description: 'An `<AdSource>` has none of `<VASTAdData>`, `<AdTagURI>`, `<CustomAdData>`, or its AdTagURI is empty. The break is kept without an ad source.',
  },
  VMAP_VAST_DATA: {
    severity: 'warning',
    iabErrorCode: 1006,
    description: 'The VAST document inside a `<VASTAdData>` has issues (other than having no ads); they are in `vastIssues`. What could be read is in `adSource.vastAdData`.',
  },
} as const satisfies Record<string, Entry>;

export type VastIssueCode = keyof typeof VAST_ISSUES;

/** An issue: errors as data, with a stable code, the IAB error code, and where it was seen. */
export interface VastIssue {
  code: VastIssueCode;
  severity: 'fatal' | 'warning';
  message: string;
  /** The IAB VAST (or VMAP) error code for the [ERRORCODE] macro. */
  iabErrorCode: number;
  /** 0-based index of the `<Ad>` element in the document. */
  adIndex?: number;
  adId?: string;
  /** 0-based index of the `<Creative>` inside its ad. */
  creativeIndex?: number;
  element?: string;
  attribute?: string;
  value?: string;
  /** VMAP: 0-based index of the `<AdBreak>`. */
  adBreakIndex?: number;
  /** VMAP_VAST_DATA: the issues of the embedded VAST document. */
  vastIssues?: VastIssue[];
}

/** Where an issue was seen, and any named fields. */
export type VastIssueFields = Omit<VastIssue, 'code' | 'severity' | 'message' | 'iabErrorCode'>;

/** Makes an issue with the registry's severity and IAB error code. */
export function vastIssue(code: VastIssueCode, message: string, fields: VastIssueFields = {}): VastIssue {
  const entry: Entry = VAST_ISSUES[code];
  return { code, severity: entry.severity, message, iabErrorCode: entry.iabErrorCode, ...fields };
}
