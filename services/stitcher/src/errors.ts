// The stitcher's one error type and its registry of stable codes (documented in docs/errors/stitcher.md).
export const STITCHER_ERRORS = {
  STITCH_CONFIG_NOT_FOUND: { statusCode: 404, description: 'No playback configuration with this name.' },
  STITCH_CONFIG_INVALID: { statusCode: 400, description: 'A playback configuration field is missing or out of range, or a URL is not on its allowed hosts; the message names it.' },
  STITCH_PREFETCH_INVALID: { statusCode: 400, description: 'A prefetch schedule field is wrong: windows out of order, an avail matching criterion without its value in the retrieval dynamic variables, or a non-numeric SCTE variable; the message names it.' },
  STITCH_PREFETCH_NOT_FOUND: { statusCode: 404, description: 'No prefetch schedule with this name on the playback configuration (or it ended and was pruned).' },
  STITCH_PREFETCH_EXISTS: { statusCode: 409, description: 'The playback configuration already has a prefetch schedule with this name (schedules are not changed in place).' },
  STITCH_EVENTS_UNAVAILABLE: { statusCode: 501, description: 'This stitcher was built without an event log to read events back from.' },
  STITCH_SESSION_NOT_FOUND: { statusCode: 404, description: 'No such session, or it expired (10 manifest durations without a request).' },
  STITCH_RENDITION_NOT_FOUND: { statusCode: 404, description: 'The session has no rendition with this index.' },
  STITCH_SEGMENT_NOT_FOUND: { statusCode: 404, description: 'No such ad or slate segment (not conditioned, or not part of the session).' },
  STITCH_BAD_PATH: { statusCode: 400, description: 'The manifest path is empty, absolute, or climbs out of the origin (`..`).' },
  STITCH_ORIGIN_UNAVAILABLE: { statusCode: 502, description: 'The content origin did not answer in time or with a playlist, and no earlier copy is cached.' },
  STITCH_URL_NOT_ALLOWED: { statusCode: 400, description: 'A URL the stitcher would fetch is not on the configuration\'s allowed hosts (or not http/https).' },
  STITCH_FORMAT_MISMATCH: { statusCode: 400, description: 'The session plays the other format: an HLS session (an .m3u8 path) asked for an MPD, or a DASH session (an .mpd path) for a multivariant or media playlist.' },
  STITCH_DASH_UNSUPPORTED: { statusCode: 502, description: 'The origin MPD cannot be stitched: it has no video AdaptationSet whose segments the stitcher can list (SegmentTemplate or SegmentList).' },
} as const satisfies Record<string, { statusCode: number; description: string }>;

export type StitcherErrorCode = keyof typeof STITCHER_ERRORS;

export class StitcherError extends Error {
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly code: StitcherErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StitcherError';
    this.statusCode = STITCHER_ERRORS[code].statusCode;
  }
}
