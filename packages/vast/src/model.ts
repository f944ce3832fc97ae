// The typed model of a VAST 2.0–4.3 document. Element and attribute names follow the IAB VAST
// specification in camelCase; every time is an integer number of milliseconds (`durationMs`).
// Lists are always present (possibly empty); optional scalars are left out when the document
// does not carry them. URLs are kept exactly as served (macros such as [ERRORCODE] included),
// trimmed of the white space and CDATA markup around them.

/** A VAST document: the ads of a response (one ad, an ad pod, or none). */
export interface VastDocument {
  /** The `version` attribute as written ("4.2", "3.0", …). */
  version: string;
  ads: VastAd[];
  /** Root-level `<Error>` URLs: a no-ad response tells the ad server why through these (VAST 3+). */
  errors: string[];
}

export type VastAdType = 'video' | 'audio' | 'hybrid';

export interface VastAd {
  id?: string;
  /** Position in an ad pod (1-based); ads without a sequence are stand-alone (buffet) ads. */
  sequence?: number;
  adType?: VastAdType;
  conditionalAd?: boolean;
  kind: 'inline' | 'wrapper';
  adSystem: { name: string; version?: string };
  /** VAST 4.1+ `<AdServingId>`: the ad server's id for this decision (echoed in [ADSERVINGID]). */
  adServingId?: string;
  adTitle?: string;
  description?: string;
  advertiser?: string;
  categories: VastCategory[];
  pricing?: VastPricing;
  survey?: string;
  /** VAST 4.1+ `<Expires>`: seconds the response may be cached. */
  expiresSeconds?: number;
  impressions: VastUrl[];
  errors: string[];
  viewableImpression?: VastViewableImpression;
  adVerifications: VastVerification[];
  /** Each `<Extension>`: its `type` and its inner XML, kept raw (CDATA and comments included). */
  extensions: VastExtension[];
  /** Present when `kind` is 'wrapper'. */
  wrapper?: VastWrapperInfo;
  creatives: VastCreative[];
}

export interface VastWrapperInfo {
  vastAdTagUri: string;
  followAdditionalWrappers?: boolean;
  allowMultipleAds?: boolean;
  fallbackOnNoAd?: boolean;
}

/** A URL with the optional `id` attribute of its element (Impression, ClickTracking, …). */
export interface VastUrl {
  id?: string;
  url: string;
}

export interface VastCategory {
  authority?: string;
  value: string;
}

export interface VastPricing {
  model: string;
  currency: string;
  /** The decimal as written ("25.00"), so that no precision is lost. */
  value: string;
}

export interface VastViewableImpression {
  id?: string;
  viewable: string[];
  notViewable: string[];
  viewUndetermined: string[];
}

export interface VastVerification {
  vendor?: string;
  javaScriptResources: { url: string; apiFramework?: string; browserOptional?: boolean }[];
  executableResources: { url: string; apiFramework?: string; type?: string }[];
  trackingEvents: { event: string; url: string }[];
  verificationParameters?: string;
}

export interface VastExtension {
  type?: string;
  /** The element's inner XML exactly as it appeared. */
  xml: string;
}

export interface VastCreative {
  id?: string;
  adId?: string;
  sequence?: number;
  apiFramework?: string;
  universalAdIds: VastUniversalAdId[];
  creativeExtensions: VastExtension[];
  linear?: VastLinear;
  companionAds?: VastCompanionAds;
  nonLinearAds?: VastNonLinearAds;
}

export interface VastUniversalAdId {
  idRegistry: string;
  value: string;
}

/** A time offset: an absolute time from the start of the creative, or a percentage of its duration. */
export type VastOffset = { ms: number } | { percent: number };

export interface VastLinear {
  /** `<Duration>`; absent in wrappers, or when the document's value could not be read. */
  durationMs?: number;
  skipOffset?: VastOffset;
  mediaFiles: VastMediaFile[];
  mezzanine: VastMezzanine[];
  interactiveCreativeFiles: VastInteractiveCreativeFile[];
  closedCaptionFiles: VastClosedCaptionFile[];
  trackingEvents: VastTrackingEvent[];
  videoClicks: VastVideoClicks;
  adParameters?: VastAdParameters;
  icons: VastIcon[];
}

export type VastDelivery = 'progressive' | 'streaming';

export interface VastMediaFile {
  url: string;
  delivery: VastDelivery;
  /** MIME type ("video/mp4", "application/x-mpegURL", …). */
  type: string;
  width: number;
  height: number;
  /** Kilobits per second. */
  bitrate?: number;
  minBitrate?: number;
  maxBitrate?: number;
  codec?: string;
  id?: string;
  scalable?: boolean;
  maintainAspectRatio?: boolean;
  apiFramework?: string;
  /** VAST 4.1+: bytes. */
  fileSize?: number;
  /** VAST 4.1+: e.g. "2D", "3D", "360". */
  mediaType?: string;
}

/** The raw, high-quality file a server-side stitcher transcodes from (VAST 4.0+). */
export interface VastMezzanine {
  url: string;
  delivery: VastDelivery;
  type: string;
  width: number;
  height: number;
  codec?: string;
  id?: string;
  fileSize?: number;
  mediaType?: string;
}

export interface VastInteractiveCreativeFile {
  url: string;
  type?: string;
  apiFramework?: string;
  variableDuration?: boolean;
}

export interface VastClosedCaptionFile {
  url: string;
  type?: string;
  language?: string;
}

export interface VastTrackingEvent {
  /** The `event` attribute as written: start, firstQuartile, midpoint, thirdQuartile, complete, progress, … */
  event: string;
  url: string;
  /** `progress` (and any event with an `offset`): when to fire, from the creative's start. */
  offsetMs?: number;
  /** Same, as a percentage of the creative's duration ("25%"). */
  offsetPercent?: number;
}

export interface VastVideoClicks {
  clickThrough?: VastUrl;
  clickTracking: VastUrl[];
  customClick: VastUrl[];
}

export interface VastAdParameters {
  value: string;
  xmlEncoded?: boolean;
}

/** The creative's visual resources: the elements a player chooses one of. */
export interface VastResources {
  staticResources: { creativeType: string; url: string }[];
  iframeResources: string[];
  htmlResources: string[];
}

export interface VastIcon extends VastResources {
  program?: string;
  width?: number;
  height?: number;
  /** A pixel position or "left"/"right". */
  xPosition?: string;
  /** A pixel position or "top"/"bottom". */
  yPosition?: string;
  durationMs?: number;
  offsetMs?: number;
  apiFramework?: string;
  pxratio?: number;
  clickThrough?: string;
  clickTracking: VastUrl[];
  viewTracking: string[];
}

export interface VastCompanionAds {
  required?: 'all' | 'any' | 'none';
  companions: VastCompanion[];
}

export interface VastCompanion extends VastResources {
  id?: string;
  width: number;
  height: number;
  assetWidth?: number;
  assetHeight?: number;
  expandedWidth?: number;
  expandedHeight?: number;
  apiFramework?: string;
  adSlotId?: string;
  pxratio?: number;
  renderingMode?: 'default' | 'end-card' | 'concurrent';
  adParameters?: VastAdParameters;
  altText?: string;
  clickThrough?: string;
  clickTracking: VastUrl[];
  trackingEvents: VastTrackingEvent[];
}

export interface VastNonLinearAds {
  trackingEvents: VastTrackingEvent[];
  nonLinears: VastNonLinear[];
}

export interface VastNonLinear extends VastResources {
  id?: string;
  width?: number;
  height?: number;
  expandedWidth?: number;
  expandedHeight?: number;
  scalable?: boolean;
  maintainAspectRatio?: boolean;
  minSuggestedDurationMs?: number;
  apiFramework?: string;
  adParameters?: VastAdParameters;
  clickThrough?: string;
  clickTracking: VastUrl[];
}
