// The scheduler's error type and its registry of stable codes (documented in docs/errors/scheduler.md).
export const SCHEDULER_ERRORS = {
  SCHEDULE_NOT_FOUND: { statusCode: 404, description: 'No schedule (or recurring schedule) with this id.' },
  SCHEDULE_CHANNEL_NOT_FOUND: { statusCode: 422, description: 'The channel the schedule names does not exist.' },
  SCHEDULE_START_NOT_WHOLE_SECOND: { statusCode: 400, description: 'startTime must be an ISO 8601 UTC time on a whole second.' },
  SCHEDULE_DURATION_INVALID: { statusCode: 400, description: 'durationSeconds must be a whole number from 1 to 3600.' },
  SCHEDULE_SPLICE_EVENT_ID_INVALID: { statusCode: 400, description: 'spliceEventId must be a whole number from 0 to 4294967295.' },
  SCHEDULE_TOO_SOON: { statusCode: 409, description: 'The start is too close: the scheduler hands breaks to the channel a lead time ahead, and the channel needs its own lead time.' },
  SCHEDULE_OVERLAP: { statusCode: 409, description: 'The break overlaps another break on the channel (a schedule, or one of the channel\'s own actions).' },
  SCHEDULE_DUPLICATE_SPLICE_EVENT_ID: { statusCode: 409, description: 'The spliceEventId is already used by a scheduled or running break on the channel.' },
  SCHEDULE_NOT_CHANGEABLE: { statusCode: 409, description: 'Only a schedule that is still `scheduled` can be changed; cancel it instead, or end a running break.' },
  SCHEDULE_NOT_CANCELLABLE: { statusCode: 409, description: 'The schedule has already completed, failed, been missed or cancelled.' },
  SCHEDULE_RECURRENCE_INVALID: { statusCode: 400, description: 'A recurring schedule needs everyMinutes ≥ 1, from/to as HH:MM (UTC), a duration shorter than the interval and valid dates.' },
  SCHEDULE_CHANNEL_REFUSED: { statusCode: 502, description: 'The channel refused the action (break now or return to network); the message carries its code.' },
  SCHEDULE_NO_BREAK_ON_AIR: { statusCode: 409, description: 'Return to network: no break is on air on the channel.' },
} as const;

export type SchedulerErrorCode = keyof typeof SCHEDULER_ERRORS;

export class SchedulerError extends Error {
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly code: SchedulerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SchedulerError';
    this.statusCode = SCHEDULER_ERRORS[code].statusCode;
  }
}
