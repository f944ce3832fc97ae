// The analytics service's error type and its registry of stable codes (documented in docs/errors/analytics.md).
export const ANALYTICS_ERRORS = {
  ANALYTICS_INVALID_RANGE: { statusCode: 400, description: '`from` must be before `to`, both ISO 8601 times.' },
  ANALYTICS_RANGE_TOO_LONG: { statusCode: 400, description: 'The range holds more bins than one answer carries (at most 2,016: a week of 5-minute bins); ask for a shorter range or wider bins.' },
  ANALYTICS_UNAVAILABLE: { statusCode: 503, description: 'The store did not answer the query; try again.' },
} as const satisfies Record<string, { statusCode: number; description: string }>;

export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERRORS;

export class AnalyticsError extends Error {
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalyticsError';
    this.statusCode = ANALYTICS_ERRORS[code].statusCode;
  }
}
