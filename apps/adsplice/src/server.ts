// The HTTP composition of the adsplice program: one Fastify instance with request ids, pino
// logs, the common error body, /healthz, /readyz and /metrics. Each role's service mounts its
// plugin here (later issues).
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { AppError, APP_ERRORS } from './errors.ts';
import { describeConfig, type Config } from './config.ts';
import { Readiness } from './readiness.ts';

export interface ServerDeps {
  config: Config;
  /** A pino logger; none in tests. */
  logger?: FastifyServerOptions['loggerInstance'];
  readiness?: Readiness;
  version?: string;
  /** Requests a minute per token (or address) on /api/; default 1200. */
  apiRateLimitPerMinute?: number;
}

export interface AdspliceServer {
  app: FastifyInstance;
  readiness: Readiness;
  metrics: Registry;
}

export interface ErrorBody {
  code: string;
  message: string;
  statusCode: number;
  requestId: string;
}

const FASTIFY_CODES: Record<string, keyof typeof APP_ERRORS> = {
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

export function buildServer(deps: ServerDeps): AdspliceServer {
  const readiness = deps.readiness ?? new Readiness();
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    // Management requests are logged; playback, origin, ADS and metrics traffic (thousands a
    // second) is not — its errors are, by the error handler.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: (req) => !req.url.startsWith('/api/') }),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });

  // OpenAPI: every route registered after this (with its schema) is described at /docs.
  void app.register(swagger, {
    openapi: {
      info: { title: 'adsplice API', version: deps.version ?? 'dev', description: 'Management API (bearer tokens) and the public playback, origin and ADS endpoints of adsplice.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  // Per-token (else per-address) request rate on the management API.
  void app.register(rateLimit, {
    global: true,
    max: deps.apiRateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: (request) => request.headers.authorization ?? request.ip,
  });

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'adsplice_' });
  const httpDuration = new Histogram({
    name: 'adsplice_http_request_duration_seconds',
    help: 'HTTP request duration by route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number; validation?: unknown; expose?: boolean }, request, reply) => {
    let body: ErrorBody;
    if (error instanceof AppError || (error.expose === true && typeof error.code === 'string' && typeof error.statusCode === 'number')) {
      body = { code: error.code!, message: error.message, statusCode: error.statusCode!, requestId: request.id };
    } else if (error.code && FASTIFY_CODES[error.code]) {
      const code = FASTIFY_CODES[error.code]!;
      body = { code, message: error.message, statusCode: APP_ERRORS[code].statusCode, requestId: request.id };
    } else if (error.validation) {
      body = { code: 'VALIDATION_FAILED', message: error.message, statusCode: 400, requestId: request.id };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const byStatus: Record<number, string> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' };
      body = { code: byStatus[error.statusCode] ?? 'BAD_REQUEST', message: error.message, statusCode: error.statusCode, requestId: request.id };
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = { code: 'INTERNAL', message: APP_ERRORS.INTERNAL.message, statusCode: 500, requestId: request.id };
    }
    void reply.code(body.statusCode).type('application/json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}`, statusCode: 404, requestId: request.id };
    void reply.code(404).send(body);
  });

  app.get('/healthz', async () => ({ status: 'ok', version: deps.version ?? 'dev' }));

  app.get('/readyz', async (_request, reply) => {
    const state = readiness.state();
    void reply.code(state.ready ? 200 : 503);
    return { ...state, config: describeConfig(deps.config) };
  });

  app.get('/metrics', async (_request, reply) => {
    void reply.type(metrics.contentType);
    return metrics.metrics();
  });

  app.addHook('onClose', async () => {
    metrics.clear();
  });

  return { app, readiness, metrics };
}
