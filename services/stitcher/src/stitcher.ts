// The stitcher service: playback configurations (management API), sessions (implicit and
// explicit, MediaTailor's URL shapes), personalised playlists, ad segments with server-side
// beacons, client-side tracking, and the media store's segments.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BeaconFirer } from './beacons.ts';
import { Conditioner, creativeKeyOf, type Transcode } from './conditioner.ts';
import { newConfiguration, PlaybackConfigurationInput } from './config.ts';
import { StitcherError } from './errors.ts';
import { event } from './events.ts';
import type { InsertionMode, PlaybackConfiguration, ReportingMode, Session } from './model.ts';
import { originView } from './origin-view.ts';
import { isDashPath, Personalizer } from './personalizer.ts';
import { VodPersonalizer } from './vod-personalizer.ts';
import type { Clock, EventLog, EventSink, HttpClient, PlaybackConfigurationRepository, PrefetchScheduleRepository, SessionStore, UpcomingBreaks } from './ports.ts';
import { DERIVED_PREFETCH_DEFAULTS, newPrefetchSchedule, PrefetchScheduleInput, prefetchScheduleJson, type DerivedPrefetchOptions } from './prefetch.ts';
import { MemoryPrefetchScheduleRepository } from './adapters/memory-config-repository.ts';
import type { ContentProfile } from './profiles.ts';
import { SharedFetch } from './shared-fetch.ts';
import { nodeHttpClient } from './adapters/node-http-client.ts';
import { ffmpegTranscode } from './adapters/ffmpeg-transcode.ts';

export interface StitcherDeps {
  configs: PlaybackConfigurationRepository;
  sessions: SessionStore;
  events: EventSink;
  /** Reads events back for the management API (the sink itself, when it can). */
  eventLog?: EventLog;
  clock: Clock;
  /** Default: node:http with keep-alive agents. */
  http?: HttpClient;
  /** Default: ffmpeg. */
  transcode?: Transcode;
  /** Default: Math.random ([avail.random], cache busting). */
  random?: () => number;
  /** Default: in memory. */
  prefetchSchedules?: PrefetchScheduleRepository;
  /** An origin's scheduled breaks: each is prefetched on its own schedule (adsplice's scheduler). */
  upcomingBreaks?: UpcomingBreaks;
}

export interface StitcherOptions {
  /** The media store: conditioned creatives are kept under it. */
  mediaDir: string;
  /** Transcodes at once (default 2). */
  conditioningConcurrency?: number;
  beaconTimeoutMs?: number;
  beaconRetryDelayMs?: number;
  /** Windows of the prefetch schedules made for upcoming breaks (default: retrieval from 120 s until 25 s before). */
  derivedPrefetch?: Partial<DerivedPrefetchOptions>;
}

export interface Stitcher {
  plugin: FastifyPluginAsync;
  /** Conditions creatives (and the slate) for a configuration's content ahead of time; resolves when done. */
  prepare(creativeUrls: string[], configName: string, path: string, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** true when no conditioning job is queued or running (for /readyz). */
  ready(): boolean;
  /** Resolves when every queued conditioning job and beacon is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const SEGMENT_CACHE = 'public, max-age=31536000, immutable';
const INITIAL_SESSION_TTL_MS = 600_000;

function prefixed(query: Record<string, string | string[] | undefined>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (k.startsWith(prefix) && typeof v === 'string' && k.length > prefix.length) out[k.slice(prefix.length)] = v;
  return out;
}

export function build(deps: StitcherDeps, opts: StitcherOptions): Stitcher {
  const ownHttp = deps.http ? undefined : nodeHttpClient();
  const http = deps.http ?? ownHttp!;
  const emit = (type: Parameters<typeof event>[0], fields: Record<string, unknown>) => deps.events.emit(event(type, deps.clock.now(), fields));
  const conditioner = new Conditioner({
    mediaDir: opts.mediaDir,
    concurrency: opts.conditioningConcurrency ?? 2,
    http,
    transcode: deps.transcode ?? ffmpegTranscode,
    onEvent: (e) => emit(e.type, { creativeUniqueId: e.creativeKey, adMezzanineUrl: e.url, message: e.message, tookMs: e.tookMs }),
  });
  const beacons = new BeaconFirer(http, {
    timeoutMs: opts.beaconTimeoutMs ?? 3000,
    retryDelayMs: opts.beaconRetryDelayMs ?? 500,
    now: deps.clock.now,
    onResult: (r, ctx) =>
      emit(r.ok ? 'BEACON_FIRED' : 'ERROR_FIRING_BEACON_FAILED', { ...ctx, beaconInfo: { trackingEvent: r.eventType, beaconUrl: r.url, statusCode: r.statusCode, attempts: r.attempts, message: r.message } }),
  });
  const origin = new SharedFetch(http, deps.clock.now);
  const prefetchSchedules = deps.prefetchSchedules ?? new MemoryPrefetchScheduleRepository();
  const p = new Personalizer({ sessions: deps.sessions, events: deps.events, clock: deps.clock, http, conditioner, origin, beacons, random: deps.random ?? Math.random,
    initialSessionTtlMs: INITIAL_SESSION_TTL_MS,
    prefetchSchedules,
    ...(deps.upcomingBreaks ? { upcomingBreaks: deps.upcomingBreaks } : {}),
    derivedPrefetch: { ...DERIVED_PREFETCH_DEFAULTS, ...opts.derivedPrefetch },
  });

  const vod = (p.vod = new VodPersonalizer({ p, sessions: deps.sessions, clock: deps.clock, http, origin, random: deps.random ?? Math.random, initialSessionTtlMs: INITIAL_SESSION_TTL_MS }));

  /** Configurations are read at most once a second per process. */
  const configCache = new Map<string, { atMs: number; config: Promise<PlaybackConfiguration | undefined> }>();
  async function config(name: string): Promise<PlaybackConfiguration> {
    const now = deps.clock.now();
    let hit = configCache.get(name);
    if (!hit || now - hit.atMs >= 1000) {
      hit = { atMs: now, config: deps.configs.get(name) };
      configCache.set(name, hit);
    }
    const c = await hit.config;
    if (!c) throw new StitcherError('STITCH_CONFIG_NOT_FOUND', `no playback configuration "${name}"`);
    return c;
  }

  const plugin: FastifyPluginAsync = async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.setErrorHandler((err: FastifyError & { code?: string; statusCode?: number; expose?: boolean }, request, reply) => {
      const known = err instanceof StitcherError || err.validation !== undefined;
      const statusCode = err instanceof StitcherError ? err.statusCode : err.validation ? 400 : (err.statusCode ?? 500);
      if (statusCode >= 500 && !(err instanceof StitcherError)) request.log.error({ err }, 'stitcher error');
      void reply.code(statusCode).send({
        code: err instanceof StitcherError ? err.code : err.validation ? 'STITCH_CONFIG_INVALID' : statusCode < 500 ? (err.code ?? 'BAD_REQUEST') : 'INTERNAL_ERROR',
        message: known || statusCode < 500 ? err.message : 'internal error',
        statusCode,
        requestId: request.id,
      });
    });
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/v1/')) void reply.header('access-control-allow-origin', '*');
    });

    // --- management API ------------------------------------------------------------------------
    app.get('/api/playback-configurations', async () => ({ items: await deps.configs.list() }));
    app.get('/api/playback-configurations/:name', { schema: { params: Type.Object({ name: Type.String() }) } }, async (request) => config(request.params.name));
    app.put('/api/playback-configurations/:name', { schema: { params: Type.Object({ name: Type.String() }), body: PlaybackConfigurationInput } }, async (request) => {
      const old = await deps.configs.get(request.params.name);
      const c = newConfiguration(request.params.name, request.body, deps.clock.now(), old?.createdAt);
      await deps.configs.put(c);
      configCache.delete(c.name);
      return c;
    });
    app.delete('/api/playback-configurations/:name', { schema: { params: Type.Object({ name: Type.String() }) } }, async (request, reply) => {
      if (!(await deps.configs.delete(request.params.name))) throw new StitcherError('STITCH_CONFIG_NOT_FOUND', `no playback configuration "${request.params.name}"`);
      configCache.delete(request.params.name);
      void reply.code(204);
    });

    // --- prefetch schedules (MediaTailor's PrefetchSchedule API) ------------------------------------
    const ScheduleParams = Type.Object({ name: Type.String(), schedule: Type.String() });
    app.get('/api/playback-configurations/:name/prefetch-schedules', { schema: { params: Type.Object({ name: Type.String() }) } }, async (request) => {
      const c = await config(request.params.name);
      return { items: (await prefetchSchedules.list(c.name)).map(prefetchScheduleJson) };
    });
    app.get('/api/playback-configurations/:name/prefetch-schedules/:schedule', { schema: { params: ScheduleParams } }, async (request) => {
      const c = await config(request.params.name);
      const x = await prefetchSchedules.get(c.name, request.params.schedule);
      if (!x) throw new StitcherError('STITCH_PREFETCH_NOT_FOUND', `no prefetch schedule "${request.params.schedule}" on "${c.name}"`);
      return prefetchScheduleJson(x);
    });
    app.post('/api/playback-configurations/:name/prefetch-schedules/:schedule', { schema: { params: ScheduleParams, body: PrefetchScheduleInput } }, async (request, reply) => {
      const c = await config(request.params.name);
      const x = newPrefetchSchedule(c.name, request.params.schedule, request.body, deps.clock.now());
      if (!(await prefetchSchedules.create(x))) throw new StitcherError('STITCH_PREFETCH_EXISTS', `"${c.name}" already has a prefetch schedule "${x.name}"`);
      p.forgetSchedules(c.name);
      void reply.code(201);
      return prefetchScheduleJson(x);
    });
    app.delete('/api/playback-configurations/:name/prefetch-schedules/:schedule', { schema: { params: ScheduleParams } }, async (request, reply) => {
      const c = await config(request.params.name);
      if (!(await prefetchSchedules.delete(c.name, request.params.schedule))) throw new StitcherError('STITCH_PREFETCH_NOT_FOUND', `no prefetch schedule "${request.params.schedule}" on "${c.name}"`);
      p.forgetSchedules(c.name);
      void reply.code(204);
    });

    // --- sessions (management) -------------------------------------------------------------------
    const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }));
    const sessionJson = (x: Session) => ({ ...x, createdAt: new Date(x.createdAtMs).toISOString() });
    app.get('/api/sessions', { schema: { querystring: Type.Object({ config: Type.Optional(Type.String()), limit: Limit }, { additionalProperties: false }) } }, async (request) => ({
      items: (await deps.sessions.list({ ...(request.query.config === undefined ? {} : { configName: request.query.config }), limit: request.query.limit ?? 100 })).map(sessionJson),
    }));
    app.get('/api/sessions/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => {
      const x = await deps.sessions.get(request.params.id);
      if (!x) throw new StitcherError('STITCH_SESSION_NOT_FOUND', `no session "${request.params.id}" (or it expired)`);
      return { session: sessionJson(x), avails: Object.values(await deps.sessions.avails(x.id)), tracking: await p.tracking(x) };
    });
    app.delete('/api/sessions/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (request, reply) => {
      if (!(await deps.sessions.delete(request.params.id))) throw new StitcherError('STITCH_SESSION_NOT_FOUND', `no session "${request.params.id}" (or it expired)`);
      void reply.code(204);
    });
    const EventsQuery = Type.Object(
      { sessionId: Type.Optional(Type.String()), config: Type.Optional(Type.String()), type: Type.Optional(Type.String()), since: Type.Optional(Type.String({ format: 'date-time' })), limit: Limit },
      { additionalProperties: false },
    );
    app.get('/api/stitcher/events', { schema: { querystring: EventsQuery } }, async (request) => {
      if (!deps.eventLog) throw new StitcherError('STITCH_EVENTS_UNAVAILABLE', 'this stitcher keeps no event log');
      const q = request.query;
      return {
        items: await deps.eventLog.query({
          limit: q.limit ?? 100,
          ...(q.sessionId === undefined ? {} : { sessionId: q.sessionId }),
          ...(q.config === undefined ? {} : { configName: q.config }),
          ...(q.type === undefined ? {} : { eventType: q.type }),
          ...(q.since === undefined ? {} : { sinceMs: Date.parse(q.since) }),
        }),
      };
    });

    // --- sessions ------------------------------------------------------------------------------
    const init = (request: { ip: string; headers: Record<string, string | string[] | undefined> }, adsParams: Record<string, string>, playerParams: Record<string, string>, reportingMode: ReportingMode, insertionMode: InsertionMode) => ({
      adsParams,
      playerParams,
      reportingMode,
      insertionMode,
      clientIp: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
      referer: String(request.headers.referer ?? ''),
    });

    app.get('/v1/master/:config/*', { schema: { params: Type.Object({ config: Type.String(), '*': Type.String() }), querystring: Type.Record(Type.String(), Type.String()) } }, async (request, reply) => {
      const c = await config(request.params.config);
      const q = request.query;
      if (isDashPath(request.params['*'])) throw new StitcherError('STITCH_FORMAT_MISMATCH', 'an MPD is stitched through /v1/dash/');
      const session = q['aws.sessionId']
        ? await p.session(c, q['aws.sessionId'])
        : await p.createSession(c, request.params['*'], init(request, prefixed(q, 'ads.'), prefixed(q, 'playerParams.'), q['aws.reportingMode']?.toLowerCase() === 'client' ? 'client' : 'server', q['aws.insertionMode']?.toUpperCase() === 'GUIDED' ? 'guided' : 'stitched'));
      void reply.type('application/vnd.apple.mpegurl').header('cache-control', 'no-store');
      return p.multivariant(c, session);
    });

    // DASH (MediaTailor's /v1/dash/ shape): the answer names the session's own URL as MPD.Location,
    // so a player's refreshes stay in the session it started.
    app.get('/v1/dash/:config/*', { schema: { params: Type.Object({ config: Type.String(), '*': Type.String() }), querystring: Type.Record(Type.String(), Type.String()) } }, async (request, reply) => {
      const c = await config(request.params.config);
      const q = request.query;
      if (!isDashPath(request.params['*'])) throw new StitcherError('STITCH_FORMAT_MISMATCH', '/v1/dash/ stitches MPDs (a path ending in .mpd); HLS goes through /v1/master/');
      const session = q['aws.sessionId']
        ? await p.session(c, q['aws.sessionId'])
        : await p.createSession(c, request.params['*'], init(request, prefixed(q, 'ads.'), prefixed(q, 'playerParams.'), q['aws.reportingMode']?.toLowerCase() === 'client' ? 'client' : 'server', 'stitched'));
      const text = session.vod ? await vod.dashManifest(c, session) : await p.dashManifest(c, session, `/v1/dash/${c.name}/${session.path}?aws.sessionId=${session.id}`);
      void reply.type('application/dash+xml').header('cache-control', 'no-store');
      return text;
    });

    const SessionBody = Type.Object(
      {
        adsParams: Type.Optional(Type.Record(Type.String(), Type.String())),
        playerParams: Type.Optional(Type.Record(Type.String(), Type.String())),
        reportingMode: Type.Optional(Type.Union([Type.Literal('SERVER'), Type.Literal('CLIENT')])),
        insertionMode: Type.Optional(Type.Union([Type.Literal('STITCHED'), Type.Literal('GUIDED')])),
      },
      { additionalProperties: false },
    );
    app.post('/v1/session/:config/*', { schema: { params: Type.Object({ config: Type.String(), '*': Type.String() }), body: Type.Optional(SessionBody) } }, async (request) => {
      const c = await config(request.params.config);
      const body = request.body ?? {};
      const path = request.params['*'];
      const s = await p.createSession(c, path, init(request, body.adsParams ?? {}, body.playerParams ?? {}, body.reportingMode === 'CLIENT' ? 'client' : 'server', body.insertionMode === 'GUIDED' ? 'guided' : 'stitched'));
      return { manifestUrl: `/v1/${isDashPath(path) ? 'dash' : 'master'}/${c.name}/${path}?aws.sessionId=${s.id}`, trackingUrl: `/v1/tracking/${c.name}/${s.id}` };
    });

    app.get('/v1/manifest/:config/:session/:file', { schema: { params: Type.Object({ config: Type.String(), session: Type.String(), file: Type.String({ pattern: '^\\d{1,3}\\.m3u8$' }) }) } }, async (request, reply) => {
      const c = await config(request.params.config);
      const s = await p.session(c, request.params.session);
      const n = Number(request.params.file.slice(0, -5));
      const text = s.vod ? await vod.mediaPlaylist(c, s, n) : await p.mediaPlaylist(c, s, n);
      void reply.type('application/vnd.apple.mpegurl').header('cache-control', 'no-store');
      return text;
    });

    app.get('/v1/tracking/:config/:session', { schema: { params: Type.Object({ config: Type.String(), session: Type.String() }) } }, async (request, reply) => {
      const c = await config(request.params.config);
      const s = await p.session(c, request.params.session);
      void reply.header('cache-control', 'no-store');
      return p.tracking(s);
    });

    // --- HLS Interstitials (guided sessions) ---------------------------------------------------------
    const AvailParams = Type.Object({ config: Type.String(), session: Type.String(), avail: Type.String({ pattern: '^[0-9A-Za-z-]{1,40}$' }) });
    app.get('/v1/interstitials/:config/:session/:avail/assets.json', { schema: { params: AvailParams } }, async (request, reply) => {
      const c = await config(request.params.config);
      const s = await p.session(c, request.params.session);
      void reply.header('cache-control', 'no-store');
      return p.assetList(c, s, request.params.avail, `${request.protocol}://${request.host}`);
    });
    const AssetParams = Type.Object({ config: Type.String(), session: Type.String(), avail: Type.String({ pattern: '^[0-9A-Za-z-]{1,40}$' }), item: Type.String({ pattern: '^\\d{1,4}$' }), file: Type.String({ pattern: '^(index|\\d{1,3})\\.m3u8$' }) });
    app.get('/v1/asset/:config/:session/:avail/:item/:file', { schema: { params: AssetParams } }, async (request, reply) => {
      const c = await config(request.params.config);
      const s = await p.session(c, request.params.session);
      const { avail, item, file } = request.params;
      const text = file === 'index.m3u8' ? await p.assetMultivariant(c, s, avail, Number(item)) : await p.assetMedia(c, s, avail, Number(item), Number(file.slice(0, -5)));
      void reply.type('application/vnd.apple.mpegurl').header('cache-control', 'public, max-age=60');
      return text;
    });

    // --- segments ------------------------------------------------------------------------------
    // HLS: `{variant}/{n}.ts`. DASH (CMAF): `{variant}/{n}.m4s` and `{variant}/init.mp4` for video, `a/…` for audio.
    const SegmentParams = Type.Object({ config: Type.String(), session: Type.String(), avail: Type.String(), item: Type.String({ pattern: '^\\d{1,4}$' }), variant: Type.String({ pattern: '^(\\d{1,3}|a)$' }), file: Type.String({ pattern: '^(\\d{1,6}\\.(ts|m4s)|init\\.mp4)$' }) });
    app.get('/v1/segment/:config/:session/:avail/:item/:variant/:file', { schema: { params: SegmentParams } }, async (request, reply) => {
      const { avail, item, variant, file } = request.params;
      const c = await config(request.params.config);
      const s = await p.session(c, request.params.session);
      const ts = file.endsWith('.ts');
      if (ts && variant === 'a') throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no ad segment ${variant}/${file}`);
      const path = ts
        ? await p.adSegment(c, s, avail, Number(item), Number(variant), Number(file.slice(0, -3)))
        : await p.dashAdSegment(c, s, avail, Number(item), variant === 'a' ? 'audio' : Number(variant), file === 'init.mp4' ? 'init' : Number(file.slice(0, -4)));
      if (!existsSync(path)) throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', 'the ad segment is not in the media store');
      void reply.type(ts ? 'video/mp2t' : variant === 'a' ? 'audio/mp4' : 'video/mp4').header('cache-control', SEGMENT_CACHE);
      return reply.send(createReadStream(path));
    });

    const KEY = '^[a-z0-9]{8,40}$';
    // `{n}.ts` (HLS); CMAF: `init.mp4`, `{n}.m4s` (video), `audio-init.mp4`, `audio-{n}.m4s`.
    const MediaParams = Type.Object({ creative: Type.String({ pattern: KEY }), target: Type.String({ pattern: KEY }), profile: Type.String({ pattern: '^[A-Za-z0-9.x-]{1,64}$' }), file: Type.String({ pattern: '^(\\d{1,6}\\.ts|(audio-)?(\\d{1,6}\\.m4s|init\\.mp4))$' }) });
    app.get('/v1/media/:creative/:target/:profile/:file', { schema: { params: MediaParams } }, async (request, reply) => {
      const { creative, target, profile, file } = request.params;
      const audio = file.startsWith('audio-');
      const name = audio ? file.slice(6) : file;
      const path = file.endsWith('.ts')
        ? join(conditioner.dirOf(creative, target), profile, `seg_${file.slice(0, -3).padStart(5, '0')}.ts`)
        : conditioner.cmafFile(creative, target, profile, audio ? 'audio' : 'video', name === 'init.mp4' ? 'init' : Number(name.slice(0, -4)));
      if (!existsSync(path)) throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', 'no such media segment');
      void reply.type(file.endsWith('.ts') ? 'video/mp2t' : audio ? 'audio/mp4' : 'video/mp4').header('cache-control', SEGMENT_CACHE);
      return reply.send(createReadStream(path));
    });
  };

  return {
    plugin,
    async prepare(creativeUrls, configName, path, onProgress) {
      const c = await config(configName);
      let target: { profiles: ContentProfile[]; segmentMs: number; format?: 'cmaf' };
      if (isDashPath(path)) {
        const { view } = await p.dashOrigin(c, path);
        target = { profiles: view.profiles, segmentMs: view.segmentMs, format: 'cmaf' };
      } else {
        const info = await p.master(c, path);
        const variantUrl = info.variantUrls[0];
        if (variantUrl === undefined) throw new StitcherError('STITCH_RENDITION_NOT_FOUND', 'the origin playlist has no variants');
        const f = await origin.get(variantUrl, 1000, c.originTimeoutMs);
        target = { profiles: info.profiles, segmentMs: originView(f.text, { url: variantUrl, passthrough: false }).segmentMs };
      }
      const jobs = creativeUrls.map((url) => conditioner.enqueue(creativeKeyOf({ mediaUrl: url }), url, target));
      if (c.slateAdUrl) jobs.push(conditioner.enqueue(creativeKeyOf({ mediaUrl: c.slateAdUrl }), c.slateAdUrl, { ...target, segmentMs: 1000 }));
      for (const url of [c.bumper?.startUrl, c.bumper?.endUrl]) if (url) jobs.push(conditioner.enqueue(creativeKeyOf({ mediaUrl: url }), url, target));
      let done = 0;
      onProgress?.(0, jobs.length);
      await Promise.all(jobs.map((j) => j.then(() => onProgress?.(++done, jobs.length))));
    },
    ready: () => conditioner.pending === 0,
    async settled() {
      while (p.inFlight.size > 0) await Promise.all([...p.inFlight]);
      await conditioner.whenIdle();
      await beacons.drain();
    },
    async close() {
      await beacons.drain();
      await deps.events.flush();
      ownHttp?.close();
    },
  };
}
