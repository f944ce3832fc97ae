// The analytics service: what the stitcher really did, as figures. Facts from events (recorder.ts),
// queries over them (the Overview's six cards, 5-minute series, breakdowns by campaign, ad, variant),
// a fallback to the scheduler's completion when no stitcher events exist for the range, retention
// pruning in small batches in the background, and the Prometheus series.
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Registry } from 'prom-client';
import { AnalyticsError } from './errors.ts';
import { analyticsMetrics } from './metrics.ts';
import { LIVE_WINDOW_MS, Recorder } from './recorder.ts';
import { BREAKDOWN_COLUMNS, KyselyFactStore, type AnalyticsTables, type BreakdownBy, type FactFilter, type Totals } from './adapters/kysely-fact-store.ts';
import type { BreakItem, BreakSource, ChannelOf, Clock, Prunable } from './ports.ts';
import type { AdsEventLike, StitcherEventLike } from './facts.ts';
import type { Kysely } from 'kysely';

export interface AnalyticsDeps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the store's Kysely, typed per service
  db: Kysely<any>;
  clock: Clock;
  breaks: BreakSource;
  channelOf?: ChannelOf;
  /** Other stores of old rows that the retention prunes too (the stitcher's event log). */
  prunables?: Prunable[];
  /** Where the Prometheus series go (the program's /metrics registry); default a registry of its own. */
  registry?: Registry;
  onError?: (err: unknown, what: string) => void;
}

export interface AnalyticsOptions {
  /** Facts and events older than this are deleted (default 30). */
  retentionDays?: number;
  /** How often the retention runs (default 10 minutes). */
  pruneEveryMs?: number;
  /** Rows deleted per statement (default 500); the pruner yields between batches. */
  pruneBatch?: number;
  flushMs?: number;
}

export interface Analytics {
  plugin: FastifyPluginAsync;
  /** The sinks the program tees the stitcher's and the ADS's events into. */
  stitcherEvents: { emit(event: StitcherEventLike): void };
  adsEvents: { emit(event: AdsEventLike): void };
  /** Time to answer a manifest (the program's response hook calls it for /v1/master and /v1/manifest). */
  observeManifest(kind: 'multivariant' | 'media', seconds: number): void;
  /** Starts the retention timer. */
  start(): void;
  /** Deletes everything older than the retention, batch by batch; resolves with the rows deleted. */
  prune(): Promise<number>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const MAX_BINS = 2016;

const Filters = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'start of the range (default: 24 hours before `to`)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'end of the range, exclusive (default: now)' })),
  channel: Type.Optional(Type.String({ maxLength: 64 })),
  config: Type.Optional(Type.String({ maxLength: 64, description: 'playback configuration' })),
  campaign: Type.Optional(Type.String({ maxLength: 64 })),
  ad: Type.Optional(Type.String({ maxLength: 64 })),
  variant: Type.Optional(Type.String({ maxLength: 140, description: '`experimentId:variant`' })),
};
const OverviewQuery = Type.Object({ ...Filters, dayStart: Type.Optional(Type.String({ format: 'date-time', description: 'start of "today" for filled avails today (default: 00:00 UTC)' })) }, { additionalProperties: false });
const SeriesQuery = Type.Object({ ...Filters, binMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, default: 5 })) }, { additionalProperties: false });
const BreakdownQuery = Type.Object(
  { ...Filters, by: Type.Union(Object.keys(BREAKDOWN_COLUMNS).map((k) => Type.Literal(k))), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
  { additionalProperties: false },
);

const Rate = Type.Union([Type.Number(), Type.Null()]);
const BreakOut = Type.Object({ id: Type.String(), channelId: Type.String(), startTime: Type.String(), durationSeconds: Type.Integer(), status: Type.String() });
const OverviewOut = Type.Object({
  from: Type.String(),
  to: Type.String(),
  source: Type.Union([Type.Literal('events'), Type.Literal('schedules')]),
  note: Type.Union([Type.String(), Type.Null()]),
  exposedAds: Type.Integer(),
  adsRequests: Type.Integer(),
  adsDecided: Type.Integer(),
  adsFilled: Type.Integer(),
  adsReturned: Type.Integer(),
  adsErrors: Type.Integer(),
  avails: Type.Integer(),
  availSeconds: Type.Number(),
  filledSeconds: Type.Number(),
  fillRate: Rate,
  adFillRate: Rate,
  filledAvailsToday: Type.Integer(),
  liveSessions: Type.Integer(),
  nextBreak: Type.Union([BreakOut, Type.Null()]),
  upcomingBreaks: Type.Array(BreakOut),
  scheduleCompletion: Type.Union([Type.Object({ due: Type.Integer(), completed: Type.Integer(), rate: Rate }), Type.Null()]),
});
const BinOut = Type.Object({
  start: Type.String(),
  exposedAds: Type.Integer(),
  adsRequests: Type.Integer(),
  adsErrors: Type.Integer(),
  avails: Type.Integer(),
  availSeconds: Type.Number(),
  filledSeconds: Type.Number(),
  fillRate: Rate,
  sessions: Type.Integer(),
});
const SeriesOut = Type.Object({ from: Type.String(), to: Type.String(), binMinutes: Type.Integer(), bins: Type.Array(BinOut) });
const BreakdownOut = Type.Object({
  by: Type.String(),
  rows: Type.Array(Type.Object({ key: Type.Union([Type.String(), Type.Null()]), exposedAds: Type.Integer(), placedAds: Type.Integer(), filledSeconds: Type.Number(), decidedAds: Type.Integer(), sessions: Type.Integer() })),
});

const tags = ['analytics'];
const iso = (ms: number) => new Date(ms).toISOString();
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const breakJson = (b: BreakItem) => ({ id: b.id, channelId: b.channelId, startTime: iso(b.startMs), durationSeconds: b.durationSeconds, status: b.status });

type FilterQuery = Static<typeof SeriesQuery>;

export function build(deps: AnalyticsDeps, opts: AnalyticsOptions = {}): Analytics {
  const store = new KyselyFactStore(deps.db as Kysely<AnalyticsTables>);
  const registry = deps.registry ?? new Registry();
  const metrics = analyticsMetrics(registry, () => rec.liveSessions());
  const rec: Recorder = new Recorder(store, metrics, deps.clock, deps.channelOf ?? (async () => undefined), {
    ...(opts.flushMs === undefined ? {} : { flushMs: opts.flushMs }),
    onError: (err) => deps.onError?.(err, 'recording analytics facts'),
  });
  const retentionMs = (opts.retentionDays ?? 30) * DAY_MS;
  const pruneBatch = opts.pruneBatch ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let firstRun: NodeJS.Timeout | undefined;
  let pruning: Promise<number> | undefined;
  let closed = false;

  function filterOf(q: FilterQuery): FactFilter {
    const toMs = q.to ? Date.parse(q.to) : deps.clock.now();
    const fromMs = q.from ? Date.parse(q.from) : toMs - DAY_MS;
    if (!(fromMs < toMs)) throw new AnalyticsError('ANALYTICS_INVALID_RANGE', `from (${iso(fromMs)}) must be before to (${iso(toMs)})`);
    return {
      fromMs,
      toMs,
      ...(q.config === undefined ? {} : { configName: q.config }),
      ...(q.channel === undefined ? {} : { channelId: q.channel }),
      ...(q.campaign === undefined ? {} : { campaignId: q.campaign }),
      ...(q.ad === undefined ? {} : { adId: q.ad }),
      ...(q.variant === undefined ? {} : { variant: q.variant }),
    };
  }

  async function query<T>(what: () => Promise<T>): Promise<T> {
    await rec.flush();
    try {
      return await what();
    } catch (err) {
      deps.onError?.(err, 'an analytics query');
      throw new AnalyticsError('ANALYTICS_UNAVAILABLE', 'the store did not answer the analytics query');
    }
  }

  const hasEvents = (t: Totals) => t.request.count > 0 || t.avail.count > 0 || t.impression.count > 0;

  async function overview(q: Static<typeof OverviewQuery>) {
    const f = filterOf(q);
    const now = deps.clock.now();
    const dayStartMs = q.dayStart ? Date.parse(q.dayStart) : Math.floor(now / DAY_MS) * DAY_MS;
    const channelFilter = f.channelId === undefined ? {} : { channelId: f.channelId };
    const [t, today, live, upcoming] = await query(() =>
      Promise.all([
        store.totals(f),
        store.totals({ ...f, fromMs: dayStartMs, toMs: now + 1 }),
        store.liveSessions(now - LIVE_WINDOW_MS, { ...(f.configName === undefined ? {} : { configName: f.configName }), ...channelFilter }),
        deps.breaks.list({ ...channelFilter, fromMs: now, statuses: ['scheduled', 'dispatched', 'on_air'], limit: 5 }).catch((err: unknown) => {
          deps.onError?.(err, 'reading upcoming breaks');
          return [] as BreakItem[];
        }),
      ]),
    );
    const fromEvents = hasEvents(t);
    let scheduleCompletion: { due: number; completed: number; rate: number | null } | null = null;
    let note: string | null = null;
    if (!fromEvents) {
      const past = await deps.breaks.list({ ...channelFilter, fromMs: f.fromMs, toMs: Math.min(f.toMs, now), limit: 10_000 }).catch(() => [] as BreakItem[]);
      const due = past.filter((b) => b.status !== 'cancelled' && b.startMs + b.durationSeconds * 1000 <= now);
      const completed = due.filter((b) => b.status === 'completed');
      scheduleCompletion = { due: due.length, completed: completed.length, rate: ratio(completed.length, due.length) };
      note = 'No stitcher events in this range: fill rate is schedule completion (breaks completed / breaks due), not ads really shown.';
    }
    // Avails "filled" = planned with at least one ad; with no events at all, breaks completed today.
    let filledAvailsToday = 0;
    if (today.avail.count > 0) filledAvailsToday = await query(() => store.filledAvails({ ...f, fromMs: dayStartMs, toMs: now + 1 }));
    else if (!fromEvents) {
      const todays = await deps.breaks.list({ ...channelFilter, fromMs: dayStartMs, toMs: now, statuses: ['completed'], limit: 10_000 }).catch(() => [] as BreakItem[]);
      filledAvailsToday = todays.length;
    }
    const campaignScoped = f.campaignId !== undefined || f.adId !== undefined;
    return {
      from: iso(f.fromMs),
      to: iso(f.toMs),
      source: fromEvents ? ('events' as const) : ('schedules' as const),
      note,
      exposedAds: t.impression.count,
      adsRequests: t.request.count,
      adsDecided: t.decided.count,
      adsFilled: campaignScoped ? t.placed.count : t.avail.adsFilled,
      adsReturned: t.avail.adsReturned,
      adsErrors: t.ads_error.count,
      avails: t.avail.count,
      availSeconds: t.avail.availMs / 1000,
      filledSeconds: (campaignScoped ? t.placed.filledMs : t.avail.filledMs) / 1000,
      fillRate: fromEvents ? ratio(campaignScoped ? t.placed.filledMs : t.avail.filledMs, t.avail.availMs) : (scheduleCompletion?.rate ?? null),
      adFillRate: fromEvents ? ratio(campaignScoped ? t.placed.count : t.avail.adsFilled, t.avail.adsReturned) : null,
      filledAvailsToday,
      liveSessions: live,
      nextBreak: upcoming[0] ? breakJson(upcoming[0]) : null,
      upcomingBreaks: upcoming.map(breakJson),
      scheduleCompletion,
    };
  }

  async function series(q: Static<typeof SeriesQuery>) {
    const binMinutes = q.binMinutes ?? 5;
    const binMs = binMinutes * 60_000;
    const f = filterOf(q);
    const firstBin = Math.floor(f.fromMs / binMs) * binMs;
    const count = Math.ceil((f.toMs - firstBin) / binMs);
    if (count > MAX_BINS) throw new AnalyticsError('ANALYTICS_RANGE_TOO_LONG', `${count} bins of ${binMinutes} min; at most ${MAX_BINS}`);
    const byBin = await query(() => store.series({ ...f, fromMs: firstBin }, binMs));
    const campaignScoped = f.campaignId !== undefined || f.adId !== undefined;
    const bins = [];
    for (let i = 0; i < count; i++) {
      const start = firstBin + i * binMs;
      const t = byBin.get(start);
      const filledMs = t ? (campaignScoped ? t.placed.filledMs : t.avail.filledMs) : 0;
      bins.push({
        start: iso(start),
        exposedAds: t?.impression.count ?? 0,
        adsRequests: t?.request.count ?? 0,
        adsErrors: t?.ads_error.count ?? 0,
        avails: t?.avail.count ?? 0,
        availSeconds: (t?.avail.availMs ?? 0) / 1000,
        filledSeconds: filledMs / 1000,
        fillRate: t ? ratio(filledMs, t.avail.availMs) : null,
        sessions: t?.session.sessions ?? 0,
      });
    }
    return { from: iso(f.fromMs), to: iso(f.toMs), binMinutes, bins };
  }

  const plugin: FastifyPluginAsync = async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const known = err instanceof AnalyticsError;
      const statusCode = known ? err.statusCode : err.validation ? 400 : (err.statusCode ?? 500);
      if (statusCode >= 500 && !known) request.log.error({ err }, 'analytics error');
      void reply.code(statusCode).send({
        code: known ? err.code : err.validation ? 'VALIDATION_FAILED' : statusCode < 500 ? (err.code ?? 'BAD_REQUEST') : 'INTERNAL',
        message: known || statusCode < 500 ? err.message : 'internal error',
        statusCode,
        requestId: request.id,
      });
    });
    app.get('/api/analytics/overview', { schema: { tags, summary: 'The six cards: exposed ads, ADS requests, fill rate, filled avails today, live sessions, next break', querystring: OverviewQuery, response: { 200: OverviewOut } } }, (request) => overview(request.query));
    app.get('/api/analytics/series', { schema: { tags, summary: 'Exposed ads, ADS requests, avail and filled seconds, fill rate and sessions per bin (5 minutes by default)', querystring: SeriesQuery, response: { 200: SeriesOut } } }, (request) => series(request.query));
    app.get('/api/analytics/breakdown', { schema: { tags, summary: 'Exposed, placed and decided ads grouped by channel, configuration, campaign, ad or A/B variant', querystring: BreakdownQuery, response: { 200: BreakdownOut } } }, async (request) => {
      const q = request.query;
      const rows = await query(() => store.breakdown(filterOf(q), q.by as BreakdownBy, q.limit ?? 100));
      return { by: q.by, rows: rows.map((r) => ({ key: r.key, exposedAds: r.impressions, placedAds: r.placed, filledSeconds: r.filledMs / 1000, decidedAds: r.decided, sessions: r.sessions })) };
    });
  };

  async function pruneAll(): Promise<number> {
    const beforeMs = deps.clock.now() - retentionMs;
    const stores: Prunable[] = [{ name: 'analytics_facts', prune: (b, l) => store.prune(b, l) }, ...(deps.prunables ?? [])];
    let total = 0;
    for (const s of stores) {
      for (;;) {
        if (closed) return total;
        const n = await s.prune(beforeMs, pruneBatch);
        total += n;
        if (n < pruneBatch) break;
        // Yield between batches so that requests and event writes interleave with a long prune.
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    return total;
  }

  return {
    plugin,
    stitcherEvents: { emit: (e) => rec.stitcherEvent(e) },
    adsEvents: { emit: (e) => rec.adsEvent(e) },
    observeManifest: (kind, seconds) => metrics.manifestSeconds.observe({ kind }, seconds),
    start() {
      const run = () => {
        pruning ??= pruneAll()
          .catch((err: unknown) => {
            deps.onError?.(err, 'pruning old analytics');
            return 0;
          })
          .finally(() => (pruning = undefined));
      };
      firstRun = setTimeout(run, 60_000);
      firstRun.unref();
      timer = setInterval(run, opts.pruneEveryMs ?? 600_000);
      timer.unref();
    },
    prune: () => (pruning ??= pruneAll().finally(() => (pruning = undefined))),
    flush: () => rec.flush(),
    async close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(firstRun);
      await pruning?.catch(() => 0);
      await rec.flush();
    },
  };
}
