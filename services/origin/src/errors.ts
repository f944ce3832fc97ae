// The origin's one error type and its registry of stable codes (documented in docs/errors/origin.md).
import { SCHEDULE_ERRORS, type ScheduleError } from './schedule.ts';

export const ORIGIN_ERRORS = {
  CHANNEL_NOT_FOUND: { statusCode: 404, description: 'No channel with this id.' },
  CHANNEL_EXISTS: { statusCode: 409, description: 'A channel with this id already exists.' },
  CHANNEL_INVALID: { statusCode: 400, description: 'A channel field is missing or out of range; the message names it.' },
  CHANNEL_NOT_READY: { statusCode: 503, description: 'The channel is still being encoded (or its encode failed); its playlists appear when it is ready.' },
  RENDITION_NOT_FOUND: { statusCode: 404, description: 'The channel has no rendition with this id.' },
  SEGMENT_NOT_FOUND: { statusCode: 404, description: 'No such segment: not published yet, or not a segment number of this channel.' },
  CUE_POINT_INVALID: { statusCode: 400, description: 'The cue_point request is not well-formed XML or lacks event_id, duration, or splice_time/splice_offset.' },
  ...Object.fromEntries(Object.entries(SCHEDULE_ERRORS).map(([code, description]) => [code, { statusCode: code === 'SCHEDULE_ACTION_NOT_FOUND' ? 404 : code === 'SCHEDULE_INVALID_ACTION' || code === 'SCHEDULE_DURATION_REQUIRED' || code === 'SCHEDULE_TIME_NOT_WHOLE_SECOND' ? 400 : 409, description }])),
} as Record<string, { statusCode: number; description: string }>;

export class OriginError extends Error {
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'OriginError';
    this.statusCode = ORIGIN_ERRORS[code]?.statusCode ?? 500;
  }
}

/** The first schedule error as an OriginError (the others ride in `details.errors`). */
export function scheduleError(errors: ScheduleError[]): OriginError {
  const first = errors[0]!;
  return new OriginError(first.code, errors.map((e) => e.message).join('; '), { errors });
}
