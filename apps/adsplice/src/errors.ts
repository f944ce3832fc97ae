// The one error type of the adsplice program and its registry of stable codes.
// Every code is documented in docs/errors/app.md (a test checks it).

export const APP_ERRORS = {
  CONFIG_INVALID: { statusCode: 500, message: 'A configuration value is not valid.' },
  UNAUTHORIZED: { statusCode: 401, message: 'This path needs a valid bearer token.' },
  FORBIDDEN: { statusCode: 403, message: "The token's role does not allow this request." },
  NOT_FOUND: { statusCode: 404, message: 'No route or resource at this path.' },
  VALIDATION_FAILED: { statusCode: 400, message: 'The request does not match the route schema.' },
  PAYLOAD_TOO_LARGE: { statusCode: 413, message: 'The request body is larger than the route allows.' },
  UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, message: 'The request body has a content type the route does not take.' },
  RATE_LIMITED: { statusCode: 429, message: 'Too many requests.' },
  NOT_READY: { statusCode: 503, message: 'The process is starting or stopping.' },
  INTERNAL: { statusCode: 500, message: 'An unexpected error; the request id finds it in the logs.' },
} as const;

export type AppErrorCode = keyof typeof APP_ERRORS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? APP_ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = APP_ERRORS[code].statusCode;
    this.details = details;
  }
}
