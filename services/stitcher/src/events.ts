// Events the stitcher emits at every step, named as MediaTailor names them, in a JSON shape close
// to its ad decision server interaction log (eventType, eventTimestamp, sessionId, …).
export const EVENT_TYPES = [
  'SESSION_INITIALIZED',
  'ORIGIN_MANIFEST',
  'AD_MARKER_FOUND',
  'MAKING_ADS_REQUEST',
  'VAST_RESPONSE',
  'EMPTY_VAST_RESPONSE',
  'WRAPPED_VAST_RESPONSE',
  'FILLED_AVAIL',
  'VMAP_RESPONSE',
  'VOD_BREAKS_PLANNED',
  'FILLED_OVERLAY_AVAIL',
  'GENERATED_MANIFEST',
  'PREFETCH_RETRIEVED',
  'BEACON_FIRED',
  'CONDITIONING_STARTED',
  'CONDITIONING_DONE',
  'ERROR_ADS_TIMEOUT',
  'ERROR_ADS_IO',
  'ERROR_ADS_INVALID_RESPONSE',
  'ERROR_ADS_RESPONSE_PARSE',
  'ERROR_ADS_RESPONSE_UNKNOWN_ROOT_ELEMENT',
  'ERROR_VMAP_RESPONSE',
  'ERROR_VMAP_AD_BREAK',
  'ERROR_VAST_MISSING_MEDIAFILES',
  'ERROR_VAST_MISSING_CREATIVES',
  'ERROR_VAST_INVALID_MEDIA_FILE',
  'ERROR_VAST_WRAPPER_LIMIT',
  'ERROR_VAST_WRAPPER_LOOP',
  'ERROR_VAST_URL_NOT_ALLOWED',
  'ERROR_ORIGIN',
  'ERROR_NO_SLATE',
  'ERROR_BUMPER_TOO_LONG',
  'ERROR_PREFETCH',
  'ERROR_CONDITIONING',
  'ERROR_FIRING_BEACON_FAILED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface StitcherEvent {
  eventType: EventType;
  /** ISO 8601. */
  eventTimestamp: string;
  playbackConfigurationName?: string;
  sessionId?: string;
  sessionType?: 'HLS';
  /** The avail's key (origin media sequence of its first segment and event id). */
  availId?: string;
  [field: string]: unknown;
}

export function event(type: EventType, nowMs: number, fields: Omit<StitcherEvent, 'eventType' | 'eventTimestamp'> = {}): StitcherEvent {
  return { eventType: type, eventTimestamp: new Date(nowMs).toISOString(), ...(fields.sessionId ? { sessionType: 'HLS' as const } : {}), ...fields };
}
