// Composition of the roles this process runs: opens the store, runs every service's migrations,
// builds each service with its adapters and mounts it on the server; creates the demo on first start.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from './errors.ts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { migrate, openDatabase, type Database } from '@adsplice/store';
import { build as buildOrigin, encodeProgramme, KyselyChannelRepository, originMigrations, type ChannelInput, type EncodeStatus } from '@adsplice/service-origin';
import { build as buildScheduler, KyselyScheduleRepository, originChannelControl, schedulerMigrations, type Requester } from '@adsplice/service-scheduler';
import { randomBytes } from 'node:crypto';
import { installAccess } from './access/plugin.ts';
import { accessMigrations, TokenStore } from './access/tokens.ts';
import { build as buildAds, adsMigrations, KyselyBeaconLedger, KyselyInventoryRepository, MemoryFrequencyCounters, RedisFrequencyCounters, type AdsEvent } from '@adsplice/service-ads';
import { randomSecret, setting, settingsMigrations } from './settings.ts';
import type { Config } from './config.ts';
import type { Readiness } from './readiness.ts';
import type { Progress } from './progress.ts';
import { Redis } from 'ioredis';
import { build as buildStitcher, KyselyConfigRepository, KyselyEventSink, KyselyPrefetchScheduleRepository, MemorySessionStore, RedisSessionStore, stitcherMigrations, type SessionStore, type StitcherEvent } from '@adsplice/service-stitcher';
import { scheduledBreaks } from './scheduled-breaks.ts';
import { demoCreativeUrls, ensureDemoConfiguration, ensureDemoRecurrence, DEMO_CONFIG } from './demo.ts';
import { build as buildAnalytics, analyticsMigrations, type Analytics, type BreakSource, type ChannelOf } from '@adsplice/service-analytics';
import type { Registry } from 'prom-client';
import { installDashboard } from './dashboard.ts';

export interface Composed {
  database: Database;
  /** Starts the background work (the scheduler's dispatcher, the demo's preparation) once the server listens on `selfUrl`. */
  start(selfUrl: string): void;
  /** Stops the background work (before the server closes). */
  stop(): Promise<void>;
  /** Closes the store (after the server closed). */
  close(): Promise<void>;
}

export const DEMO_CHANNEL = { id: 'demo', name: 'adsplice demo', source: { kind: 'test' as const, durationSec: 60 } };

interface ConfigFile {
  channels?: ChannelInput[];
}

async function readConfigFile(file: string | undefined): Promise<ConfigFile> {
  if (!file) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `--config: cannot read ${file}: ${(err as Error).message}`, { option: 'config' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `--config: ${file} is not JSON: ${(err as Error).message}`, { option: 'config' });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new AppError('CONFIG_INVALID', `--config: ${file} must hold a JSON object`, { option: 'config' });
  const channels = (json as ConfigFile).channels;
  if (channels !== undefined && !Array.isArray(channels)) throw new AppError('CONFIG_INVALID', `--config: "channels" must be a list`, { option: 'config' });
  return json as ConfigFile;
}

/** The scheduler's breaks for analytics, through its HTTP API. */
function breakSource(request: Requester): BreakSource {
  return {
    async list(q) {
      const params = new URLSearchParams({ limit: String(Math.min(q.limit, 1000)) });
      if (q.channelId !== undefined) params.set('channelId', q.channelId);
      if (q.fromMs !== undefined) params.set('from', new Date(q.fromMs).toISOString());
      if (q.toMs !== undefined) params.set('to', new Date(q.toMs).toISOString());
      if (q.statuses !== undefined) params.set('status', q.statuses.join(','));
      const r = await request('GET', `/api/schedules?${params}`);
      if (r.statusCode === 404) return [];
      if (r.statusCode !== 200) throw new Error(`listing schedules answered ${r.statusCode}: ${r.body.slice(0, 200)}`);
      const { schedules } = JSON.parse(r.body) as { schedules: { id: string; channelId: string; startTime: string; durationSeconds: number; status: string }[] };
      return schedules.map((x) => ({ id: x.id, channelId: x.channelId, startMs: Date.parse(x.startTime), durationSeconds: x.durationSeconds, status: x.status }));
    },
  };
}

/** The channel a playback configuration plays: the origin channel its content URL names. */
function channelOfConfiguration(request: Requester): ChannelOf {
  return async (name) => {
    const r = await request('GET', `/api/playback-configurations/${encodeURIComponent(name)}`);
    if (r.statusCode !== 200) return undefined;
    const { videoContentSourceUrl } = JSON.parse(r.body) as { videoContentSourceUrl: string };
    return /\/origin\/([^/]+)\/?$/.exec(new URL(videoContentSourceUrl).pathname)?.[1];
  };
}

export async function compose(app: FastifyInstance, config: Config, logger: Logger, readiness: Readiness, progress: Progress, announce: (text: string) => void = (t) => process.stderr.write(t), metrics?: Registry): Promise<Composed> {
  // Load the plugins registered so far (OpenAPI among them) so that it sees every route added below.
  await app.after();
  const store = readiness.add('store', 'opening');
  const database = await openDatabase(config.database.kind === 'sqlite' ? { kind: 'sqlite', file: config.database.file } : { kind: 'postgres', url: config.database.url });
  const applied = await migrate(database.db, settingsMigrations, accessMigrations, originMigrations, schedulerMigrations, adsMigrations, stitcherMigrations, analyticsMigrations);
  if (applied.length > 0) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  store.ready();

  const clock = { now: () => Date.now() };

  // Access: bearer tokens on /api/. The first start creates an admin token and prints it once.
  const tokens = new TokenStore(database.db);
  if (config.adminToken) await tokens.ensureAdmin(config.adminToken, clock.now());
  else if ((await tokens.count()) === 0) {
    const { secret } = await tokens.create('admin (first start)', 'admin', clock.now());
    announce(`adsplice: first start — the admin API token is (shown once, stored only as a hash):\n\n    ${secret}\n\nUse it as "Authorization: Bearer <token>" on /api/ (see docs/api.md).\n`);
  }
  const internalSecret = `internal_${randomBytes(24).toString('base64url')}`;
  installAccess(app, { store: tokens, now: clock.now, internalSecret, log: logger });
  // In-process calls between roles go through the same HTTP routes (inject), as they would across machines.
  const inProcess: Requester = async (method, path, body) => {
    const r = await app.inject({ method, url: path, headers: { authorization: `Bearer ${internalSecret}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { statusCode: r.statusCode, body: r.body };
  };
  const starters: ((selfUrl: string) => void)[] = [];
  const closers: (() => Promise<void>)[] = [];
  const mediaDir = join(config.dataDir, 'media');

  // The demo's parts finish in the background; the stitcher's demo waits for both.
  let demoChannelDone!: () => void;
  let demoAdsDone!: () => void;
  const demoChannelReady = new Promise<void>((r) => (demoChannelDone = r));
  const demoAdsReady = new Promise<void>((r) => (demoAdsDone = r));

  // One Redis connection for the roles that share state through it: the stitcher's sessions, the ADS's frequency counters.
  let redis: Redis | undefined;
  if (config.redisUrl && (config.roles.includes('stitcher') || config.roles.includes('ads'))) {
    const client = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    // Connection errors after the start (it reconnects by itself; the services fall back meanwhile).
    client.on('error', (err: Error) => logger.warn({ err }, `redis: ${err.message}`));
    await client.connect().catch((err: Error) => {
      client.disconnect(); // no reconnect loop keeping the process alive
      throw new AppError('CONFIG_INVALID', `--redis-url: cannot connect: ${err.message}`, { option: 'redisUrl' });
    });
    redis = client;
  }

  // Analytics first: the ADS and the stitcher hand it their events.
  let analytics: Analytics | undefined;
  const prunables: { name: string; prune(beforeMs: number, limit: number): Promise<number> }[] = [];
  if (config.roles.includes('analytics')) {
    analytics = buildAnalytics(
      {
        db: database.db,
        clock,
        breaks: breakSource(inProcess),
        channelOf: channelOfConfiguration(inProcess),
        prunables,
        ...(metrics ? { registry: metrics } : {}),
        onError: (err, what) => logger.warn({ err }, `analytics: ${what} failed`),
      },
      { retentionDays: config.retentionDays },
    );
    await app.register(analytics.plugin);
    const a = analytics;
    app.addHook('onResponse', async (request, reply) => {
      if (request.url.startsWith('/v1/master/')) a.observeManifest('multivariant', reply.elapsedTime / 1000);
      else if (request.url.startsWith('/v1/manifest/')) a.observeManifest('media', reply.elapsedTime / 1000);
    });
    starters.push(() => a.start());
  }
  if (config.roles.includes('web')) installDashboard(app);

  if (config.roles.includes('origin')) {
    const demoCheck = config.demo ? readiness.add('demo-channel', 'encoding') : undefined;
    const lastLogged = new Map<string, number>();
    const onEncodeStatus = (channelId: string, status: EncodeStatus): void => {
      if (status.state === 'encoding') {
        progress.update(`encoding channel ${channelId}`, status.fraction);
        const step = Math.floor(status.fraction * 10);
        if (step !== lastLogged.get(channelId)) {
          lastLogged.set(channelId, step);
          logger.info({ channelId, fraction: status.fraction, rendition: status.rendition }, `encoding channel ${channelId}: ${Math.round(status.fraction * 100)}%`);
        }
        if (channelId === DEMO_CHANNEL.id) demoCheck?.pending(`encoding ${Math.round(status.fraction * 100)}%`);
      } else if (status.state === 'ready') {
        progress.done(`channel ${channelId} encoded`);
        logger.info({ channelId }, `channel ${channelId} ready`);
        if (channelId === DEMO_CHANNEL.id) {
          demoCheck?.ready();
          demoChannelDone();
        }
      } else {
        progress.done(`channel ${channelId} encode failed`);
        logger.error({ channelId, error: status.error }, `channel ${channelId} encode failed`);
        if (channelId === DEMO_CHANNEL.id) demoCheck?.fail(status.error);
      }
    };
    const origin = buildOrigin({
      repo: new KyselyChannelRepository(database.db, database.dialect),
      clock,
      encoder: { encode: (source, ladder, onProgress, signal) => encodeProgramme(source, ladder, mediaDir, onProgress, signal) },
      onEncodeStatus,
      onBreakPublished: (e) => logger.info(e, `break ${e.spliceEventId} on channel ${e.channelId} starts at ${new Date(e.actualStartMs).toISOString()} (scheduled ${new Date(e.expectedStartMs).toISOString()}, offset ${e.offsetMs} ms)`),
    });
    await app.register(origin.plugin);
    closers.push(async () => origin.runtime.close());
    // Every stored channel starts encoding (or loads its cached encode) at start.
    if (config.demo) await origin.ensureChannel(DEMO_CHANNEL);
    for (const c of (await readConfigFile(config.configFile)).channels ?? []) {
      const channel = await origin.upsertChannel(c).catch((err: Error & { code?: string }) => {
        throw new AppError('CONFIG_INVALID', `--config: ${err.message}`, { option: 'config' });
      });
      logger.info({ channelId: channel.id }, `channel ${channel.id} applied from ${config.configFile}`);
    }
    for (const c of await new KyselyChannelRepository(database.db, database.dialect).list()) if (c.id !== DEMO_CHANNEL.id) await origin.ensureChannel(c);
  }

  if (config.roles.includes('ads')) {
    const ads = buildAds(
      {
        repo: new KyselyInventoryRepository(database.db, database.dialect),
        // Shared by every ADS process with --redis-url; a Redis outage decides without caps (and warns).
        counters: redis ? new RedisFrequencyCounters(redis) : new MemoryFrequencyCounters({ clock }),
        ledger: new KyselyBeaconLedger(database.db),
        events: {
          emit: (e: AdsEvent) => {
            logger.debug({ event: e }, e.type);
            analytics?.adsEvents.emit(e);
          },
        },
        clock,
        beaconSecret: await setting(database.db, 'ads.beaconSecret', randomSecret),
        onError: (err, what) => logger.warn({ err }, `ads: ${what} failed`),
      },
      { mediaDir: join(mediaDir, 'creatives') },
    );
    await app.register(ads.plugin);
    if (config.demo) {
      const demoAds = readiness.add('demo-ads', 'making the demo ads');
      ads
        .ensureDemoInventory((done, total) => demoAds.pending(`making the demo ads: ${done}/${total}`))
        .then(({ created }) => {
          if (created) logger.info('demo ads created');
          demoAds.ready();
          demoAdsDone();
        })
        .catch((err: Error) => {
          logger.error({ err }, 'demo ads failed');
          demoAds.fail(err.message);
        });
    }
  }

  if (config.roles.includes('scheduler')) {
    if (!config.roles.includes('origin')) {
      logger.warn('the scheduler role runs only next to the origin role in this version; it is off');
    } else {
      const scheduler = buildScheduler(
        { repo: new KyselyScheduleRepository(database.db, database.dialect), control: originChannelControl(inProcess), clock, actorOf: (request) => request.actor },
        { log: logger },
      );
      await app.register(scheduler.plugin);
      starters.push(() => scheduler.dispatcher.start());
      // Requests through inject need the server booted: the demo's recurrence is made once it listens.
      if (config.demo) {
        starters.push(() => {
          ensureDemoRecurrence(inProcess).then(
            (made) => made && logger.info('demo channel: a 30 s break every 2 minutes (see /api/recurrences)'),
            (err: Error) => logger.error({ err }, 'creating the demo recurrence failed'),
          );
        });
      }
      closers.push(() => scheduler.dispatcher.stop());
    }
  }

  if (config.roles.includes('stitcher')) {
    const sessions: SessionStore = redis ? new RedisSessionStore(redis) : new MemorySessionStore(clock);
    const events = new KyselyEventSink(database.db, { onError: (err) => logger.warn({ err }, 'stitcher: storing events failed') });
    prunables.push({ name: 'stitcher_events', prune: (beforeMs, limit) => events.prune(beforeMs, limit) });
    // Every event goes to the log and, when analytics runs here, to analytics.
    const tee = analytics
      ? {
          emit: (e: StitcherEvent) => {
            events.emit(e);
            analytics!.stitcherEvents.emit(e);
          },
          flush: () => events.flush(),
        }
      : events;
    // Breaks scheduled here are prefetched: decided and conditioned before they start.
    let self: string | undefined;
    starters.push((selfUrl) => (self = selfUrl));
    const upcomingBreaks = config.roles.includes('scheduler') && config.roles.includes('origin') ? { upcomingBreaks: scheduledBreaks(inProcess, () => self, clock.now) } : {};
    const stitcher = buildStitcher(
      { configs: new KyselyConfigRepository(database.db), prefetchSchedules: new KyselyPrefetchScheduleRepository(database.db), sessions, events: tee, eventLog: events, clock, ...upcomingBreaks },
      { mediaDir: join(mediaDir, 'conditioned') },
    );
    await app.register(stitcher.plugin);
    closers.push(() => stitcher.close());
    // A creative uploaded to the built-in ADS is conditioned for every playback configuration at once,
    // so that the next break can play it (the stitcher never waits for a transcode in a break).
    if (config.roles.includes('ads')) {
      const configs = new KyselyConfigRepository(database.db);
      app.addHook('onSend', async (request, reply, payload) => {
        if (request.method !== 'POST' || !request.url.startsWith('/api/ads/creatives') || reply.statusCode !== 201 || typeof payload !== 'string' || !self) return payload;
        const base = self;
        const { id } = JSON.parse(payload) as { id: string };
        void (async () => {
          for (const c of await configs.list()) {
            await stitcher.prepare([`${base}/ads/creatives/${encodeURIComponent(id)}.mp4`], c.name, 'index.m3u8').catch((err: Error) => logger.warn({ err, creativeId: id, config: c.name }, 'conditioning an uploaded creative failed'));
          }
        })();
        return payload;
      });
    }
    if (config.demo && config.roles.includes('origin') && config.roles.includes('ads')) {
      const demoStitch = readiness.add('demo-stitching', 'waiting for the demo channel and ads');
      starters.push((selfUrl) => {
        void (async () => {
          const outcome = await ensureDemoConfiguration(inProcess, selfUrl);
          if (outcome !== 'kept') logger.info({ selfUrl }, `playback configuration ${DEMO_CONFIG} ${outcome}: ${selfUrl}/v1/master/${DEMO_CONFIG}/index.m3u8`);
          await Promise.all([demoChannelReady, demoAdsReady]);
          demoStitch.pending('conditioning the demo creatives');
          progress.update('conditioning the demo creatives', 0);
          await stitcher.prepare(demoCreativeUrls(selfUrl), DEMO_CONFIG, 'index.m3u8', (done, total) => {
            progress.update('conditioning the demo creatives', total === 0 ? 1 : done / total);
            demoStitch.pending(`conditioning the demo creatives: ${done}/${total}`);
          });
          progress.done('demo creatives conditioned');
          demoStitch.ready();
          logger.info(`demo ready: play ${selfUrl}/v1/master/${DEMO_CONFIG}/index.m3u8`);
        })().catch((err: Error) => {
          logger.error({ err }, 'preparing the demo playback failed');
          demoStitch.fail(err.message);
        });
      });
    }
  }

  // Last: analytics writes what the others emitted while stopping.
  if (analytics) closers.push(() => analytics.close());
  // After the roles that use it have stopped.
  if (redis) {
    const r = redis;
    closers.push(async () => void (await r.quit()));
  }

  return {
    database,
    start: (selfUrl) => starters.forEach((s) => s(selfUrl)),
    stop: async () => {
      for (const c of closers) await c();
    },
    close: () => database.close(),
  };
}
