// Sessions and their manifests: the session's multivariant playlist, each rendition's personalised
// media playlist, or (DASH) its personalised MPD — deciding each new avail once, whichever format
// found it: ADS request, wrappers, conditioning readiness, fill plan — ad segments with their
// server-side beacons, and the tracking JSON.
import { randomUUID } from 'node:crypto';
import { multivariantPlaylist, parseM3u8, rewriteUris } from '@adsplice/hls';
import { replaceMacros } from '@adsplice/vast';
import { adsRequestUrl, type AvailVariables } from './ads-url.ts';
import { urlRefusal } from './allowed-url.ts';
import { beaconUrls, eventsForSegment, type BeaconFirer } from './beacons.ts';
import { candidatesOf } from './candidates.ts';
import { creativeKeyOf, targetKeyOf, type ConditionTarget, type Conditioner, type MediaFormat } from './conditioner.ts';
import { renderSessionMpd } from './dash-planner.ts';
import { dashAvailFacts, dashOriginView, type DashOriginView } from './dash-view.ts';
import { StitcherError } from './errors.ts';
import { event, type EventType } from './events.ts';
import { makeFillPlan, type Bumper, type FillPlan } from './fill-plan.ts';
import { suppressionOf } from './avail-suppression.ts';

/** MediaTailor's limit for a bumper. */
const MAX_BUMPER_MS = 10_000;
import type { AvailRecord, InsertionMode, PlaybackConfiguration, ReportingMode, Session } from './model.ts';
import { originView, type OriginView } from './origin-view.ts';
import { assetMediaPlaylist, interstitialAssets, renderGuidedPlaylist, renderSessionPlaylist } from './planner.ts';
import type { Clock, EventSink, HttpClient, PrefetchScheduleRepository, SessionStore, UpcomingBreaks } from './ports.ts';
import { consumable, derivedPrefetchSchedule, prefetchAvailVariables, prefetchDue, type DerivedPrefetchOptions, type PrefetchSchedule } from './prefetch.ts';
import { codecsOf, contentProfiles, type ContentProfile } from './profiles.ts';
import { SharedFetch, type Fetched } from './shared-fetch.ts';
import { trackingJson } from './tracking.ts';
import { resolveVast, type ResolvedVast } from './vast-resolver.ts';
import type { VastAd } from '@adsplice/vast';
import type { VodContent } from './vod-personalizer.ts';

export interface PersonalizerDeps {
  sessions: SessionStore;
  events: EventSink;
  clock: Clock;
  http: HttpClient;
  conditioner: Conditioner;
  origin: SharedFetch;
  beacons: BeaconFirer;
  random: () => number;
  /** Session lifetime before the first media playlist tells the manifest duration. */
  initialSessionTtlMs: number;
  prefetchSchedules: PrefetchScheduleRepository;
  /** Breaks the origin knows ahead: each gets a prefetch schedule of its own. */
  upcomingBreaks?: UpcomingBreaks;
  derivedPrefetch: DerivedPrefetchOptions;
}

interface MasterInfo {
  text: string;
  /** Absolute origin URL of each variant. */
  variantUrls: string[];
  profiles: ContentProfile[];
}

/** What a decision needs to know of the content: the renditions ads are conditioned into. */
export interface MediaTarget {
  profiles: ContentProfile[];
  segmentMs: number;
  format: MediaFormat;
}

/** An avail as the manifest that found it shows it (an HLS playlist or an MPD). */
interface AvailFacts {
  /** HLS media sequence number (DASH: `$Number$`) of its first segment. */
  startMsn: number;
  /** HLS: origin discontinuity sequence before that segment. */
  dsnBefore: number;
  /** Wall-clock start (PDT, or the MPD's availabilityStartTime + presentation time). */
  startPdtMs?: number;
  /** DASH: start on the presentation timeline. */
  startPresentationMs?: number;
  startTimeMs?: number;
  plannedDurationMs?: number;
  eventId?: number;
  /** HLS: the origin's ad markers on the avail's first segment (CUE-OUT, DATERANGE …), for marker passthrough. */
  openingMarkers?: string[];
}

/** The avail key of a session's live pre-roll. */
export const PRE_ROLL_KEY = 'pre';
/** A live pre-roll is decided on a session's first playlist, at most this long after it began. */
const PRE_ROLL_JOIN_MS = 60_000;

/** A session's manifest path is DASH when it names an MPD. */
export function isDashPath(path: string): boolean {
  return /\.mpd$/i.test(path.split('?')[0]!);
}

export interface SessionInit {
  adsParams: Record<string, string>;
  playerParams: Record<string, string>;
  reportingMode: ReportingMode;
  insertionMode: InsertionMode;
  clientIp: string;
  userAgent: string;
  referer: string;
}

export class Personalizer {
  /** In-flight avail decisions, so one session asks the ADS once per avail. */
  private readonly deciding = new Map<string, Promise<AvailRecord>>();

  /** Each configuration's prefetch schedules, read at most once a second. */
  private readonly scheduleCache = new Map<string, { atMs: number; list: PrefetchSchedule[]; loading?: Promise<void> }>();
  /** When each (configuration, origin URL)'s upcoming breaks were last turned into schedules. */
  private readonly breaksSyncedAt = new Map<string, number>();
  /** (session, schedule) pairs this process has started retrieving, per schedule. */
  private readonly retrieving = new Map<string, Set<string>>();
  /** Prefetch requests in flight (settled() waits for them). */
  readonly inFlight = new Set<Promise<void>>();
  private prunedAtMs = 0;

  /** VOD sessions (set by the service: see vod-personalizer.ts). */
  vod?: { content(config: PlaybackConfiguration, path: string): Promise<VodContent | undefined>; plan(config: PlaybackConfiguration, session: Session, content: VodContent): Promise<void> };

  constructor(private readonly deps: PersonalizerDeps) {}

  /** Drops the cached schedules of a configuration (after an API change). */
  forgetSchedules(configName: string): void {
    this.scheduleCache.delete(configName);
  }

  private async loadSchedules(configName: string, entry: { atMs: number; list: PrefetchSchedule[] }): Promise<void> {
    const now = this.deps.clock.now();
    if (now - this.prunedAtMs > 3_600_000) {
      this.prunedAtMs = now;
      await this.deps.prefetchSchedules.prune(now - 7 * 86_400_000);
    }
    entry.list = (await this.deps.prefetchSchedules.list(configName)).filter((x) => x.consumption.endTimeMs > now);
    entry.atMs = now;
    for (const name of this.retrieving.keys()) if (name.startsWith(`${configName}/`) && !entry.list.some((x) => `${configName}/${x.name}` === name)) this.retrieving.delete(name);
  }

  /** The configuration's live prefetch schedules: cached; waits only the first time. */
  private async schedulesOf(configName: string): Promise<PrefetchSchedule[]> {
    let entry = this.scheduleCache.get(configName);
    if (!entry) this.scheduleCache.set(configName, (entry = { atMs: -Infinity, list: [] }));
    const e = entry;
    if (this.deps.clock.now() - e.atMs >= 1000 && !e.loading) {
      e.loading = this.loadSchedules(configName, e)
        .catch((err: Error) => this.emit('ERROR_PREFETCH', { playbackConfigurationName: configName, message: `reading prefetch schedules failed: ${err.message}` }))
        .finally(() => (e.loading = undefined));
    }
    if (e.atMs === -Infinity && e.loading) await e.loading;
    return e.list;
  }

  /** Turns the origin's upcoming breaks into prefetch schedules (every 2 s per origin URL, in the background). */
  private syncBreaks(config: PlaybackConfiguration, session: Session): void {
    const upcoming = this.deps.upcomingBreaks;
    if (!upcoming) return;
    const originUrl = this.originUrl(config, session.path);
    const key = `${config.name}\n${originUrl}`;
    const now = this.deps.clock.now();
    if (now - (this.breaksSyncedAt.get(key) ?? -Infinity) < 2000) return;
    this.breaksSyncedAt.set(key, now);
    const work = (async () => {
      const breaks = await upcoming.upcoming(originUrl);
      const existing = await this.deps.prefetchSchedules.list(config.name);
      let changed = false;
      for (const b of breaks) {
        if (existing.some((x) => x.name === `adsplice-${b.id}`)) continue;
        const s = derivedPrefetchSchedule(config.name, session.path, b, now, this.deps.derivedPrefetch);
        if (s && (await this.deps.prefetchSchedules.create(s))) changed = true;
      }
      // A cancelled break's schedule goes, unless its break already began.
      for (const x of existing) {
        if (x.source !== 'scheduler' || x.streamId !== session.path || breaks.some((b) => x.name === `adsplice-${b.id}`)) continue;
        if ((x.consumption.startTimeMs ?? 0) > now && (await this.deps.prefetchSchedules.delete(config.name, x.name))) changed = true;
      }
      if (changed) this.scheduleCache.delete(config.name);
    })().catch((err: Error) => this.emit('ERROR_PREFETCH', { playbackConfigurationName: config.name, message: `reading upcoming breaks failed: ${err.message}` }));
    this.track(work);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Starts the prefetch requests that are due for this session (traffic-shaped), without waiting for them. */
  private async retrieveDue(config: PlaybackConfiguration, session: Session, media: MediaTarget, targetDurationMs: number): Promise<void> {
    this.syncBreaks(config, session);
    const now = this.deps.clock.now();
    for (const s of await this.schedulesOf(config.name)) {
      if (s.streamId !== undefined && s.streamId !== session.path) continue;
      if (!prefetchDue(s, session.id, now, targetDurationMs)) continue;
      const name = `${config.name}/${s.name}`;
      let started = this.retrieving.get(name);
      if (!started) this.retrieving.set(name, (started = new Set()));
      if (started.has(session.id)) continue;
      started.add(session.id);
      this.track(this.retrieve(config, session, s, media));
    }
  }

  /** One session's prefetch request for one schedule: the ADS asked, its creatives queued for conditioning. */
  private async retrieve(config: PlaybackConfiguration, session: Session, s: PrefetchSchedule, media: MediaTarget): Promise<void> {
    // Another stitcher instance may have retrieved it already (sessions shared through Redis).
    if (!(await this.deps.sessions.markOnce(session.id, `prefetch/${s.name}`, this.deps.initialSessionTtlMs))) return;
    const base = { sessionId: session.id, playbackConfigurationName: config.name, prefetchScheduleName: s.name };
    const vars = prefetchAvailVariables(s, { availIndex: 0, availDurationMs: 30_000, random: this.deps.random() });
    const adsUrl = adsRequestUrl(config.adDecisionServerUrl, session, vars);
    this.emit('MAKING_ADS_REQUEST', { ...base, adsRequestUrl: adsUrl, availDurationMs: vars.availDurationMs });
    const resolved = await this.resolve(config, session, adsUrl, base, `prefetch-${s.name}`);
    const targets = this.targets(media);
    // Asking for readiness queues every creative not conditioned yet: it is ready by the break.
    candidatesOf(resolved.ads, { allowedHosts: config.allowedHosts, top: this.top(media.profiles), readiness: this.readinessFor(targets.ads), emit: () => undefined });
    if (config.slateAdUrl) this.deps.conditioner.readiness(creativeKeyOf({ mediaUrl: config.slateAdUrl }), config.slateAdUrl, targets.slate);
    this.bumpers(config, targets.ads, base);
    const stored = await this.deps.sessions.putPrefetch(session.id, { scheduleName: s.name, retrievedAtMs: this.deps.clock.now(), ads: resolved.ads, ...(resolved.error ? { error: resolved.error } : {}) }, Math.max(this.deps.initialSessionTtlMs, s.consumption.endTimeMs - this.deps.clock.now()));
    this.emit('PREFETCH_RETRIEVED', { ...base, numAds: stored.ads.length, adsError: stored.error ?? null });
  }

  private resolve(config: PlaybackConfiguration, session: Session, adsUrl: string, base: Record<string, unknown>, availKey: string): Promise<ResolvedVast> {
    return resolveVast(adsUrl, {
      http: this.deps.http,
      timeoutMs: config.adsTimeoutMs,
      maxWrapperDepth: config.maxWrapperDepth,
      allowedHosts: config.allowedHosts,
      now: this.deps.clock.now,
      emit: (type, fields) => this.emit(type, { ...base, ...fields }),
      vastError: (urls, code, adId) => this.fireVastErrors(config, session, availKey, urls, code, adId),
    });
  }

  /** The prefetched ads this avail may play (at most once per schedule and session), if any. */
  private async prefetchedFor(config: PlaybackConfiguration, session: Session, avail: AvailVariables, availStartMs: number | undefined): Promise<{ name: string; ads: VastAd[] } | undefined> {
    const schedules = await this.schedulesOf(config.name);
    const now = this.deps.clock.now();
    if (!schedules.some((s) => now < s.consumption.endTimeMs)) return undefined;
    const stored = await this.deps.sessions.prefetches(session.id);
    for (const s of schedules) {
      const p = stored[s.name];
      if (!p || p.ads.length === 0 || !consumable(s, avail, now, p.retrievedAtMs, availStartMs)) continue;
      if (!(await this.deps.sessions.markOnce(session.id, `prefetch-used/${s.name}`, this.deps.initialSessionTtlMs))) continue;
      return { name: s.name, ads: p.ads as VastAd[] };
    }
    return undefined;
  }

  /** The configuration's bumpers that are conditioned (the others are queued); one over 10 s is not played. */
  bumpers(config: PlaybackConfiguration, target: ConditionTarget, base: Record<string, unknown>): { start?: Bumper; end?: Bumper } {
    const out: { start?: Bumper; end?: Bumper } = {};
    for (const [which, url] of [['start', config.bumper?.startUrl], ['end', config.bumper?.endUrl]] as const) {
      if (!url) continue;
      const creativeKey = creativeKeyOf({ mediaUrl: url });
      const r = this.deps.conditioner.readiness(creativeKey, url, target);
      if (r.state !== 'ready') continue;
      if (r.segmentsMs.reduce((a, b) => a + b, 0) > MAX_BUMPER_MS) {
        this.emit('ERROR_BUMPER_TOO_LONG', { ...base, bumperUrl: url, durationMs: r.segmentsMs.reduce((a, b) => a + b, 0) });
        continue;
      }
      out[which] = { creativeKey, segmentsMs: r.segmentsMs };
    }
    return out;
  }

  top(profiles: ContentProfile[]) {
    const top = profiles.reduce((a, p) => (p.width * p.height > a.width * a.height ? p : a), profiles[0] ?? { width: 1280, height: 720, videoBitrate: 3_000_000 });
    return { width: top.width, height: top.height, bitrateKbps: Math.round(top.videoBitrate / 1000) };
  }

  readinessFor(target: ConditionTarget) {
    return (ck: string, url: string) => {
      // Creatives conditioned ahead by URL (prepare) are found under their URL's key.
      const byUrl = creativeKeyOf({ mediaUrl: url });
      const key = this.deps.conditioner.conditioned(byUrl, target) ? byUrl : ck;
      return { readiness: this.deps.conditioner.readiness(key, url, target), creativeKey: key };
    };
  }

  emit(type: EventType, fields: Record<string, unknown>): void {
    this.deps.events.emit(event(type, this.deps.clock.now(), fields));
  }

  originUrl(config: PlaybackConfiguration, path: string): string {
    if (!path || path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '.') || /^[a-z]+:/i.test(path)) throw new StitcherError('STITCH_BAD_PATH', `bad manifest path "${path}"`);
    const url = new URL(path, config.videoContentSourceUrl).href;
    const why = urlRefusal(url, config.allowedHosts);
    if (why) throw new StitcherError('STITCH_URL_NOT_ALLOWED', why);
    return url;
  }

  private async fetchOrigin(config: PlaybackConfiguration, url: string, maxAgeMs: number): Promise<Fetched> {
    try {
      return await this.deps.origin.get(url, maxAgeMs, config.originTimeoutMs);
    } catch (err) {
      this.emit('ERROR_ORIGIN', { playbackConfigurationName: config.name, url, message: (err as Error).message });
      throw new StitcherError('STITCH_ORIGIN_UNAVAILABLE', `the origin did not give ${url}: ${(err as Error).message}`);
    }
  }

  async master(config: PlaybackConfiguration, path: string): Promise<MasterInfo> {
    const url = this.originUrl(config, path);
    const f = await this.fetchOrigin(config, url, 10_000);
    return SharedFetch.derive(f, 'master', () => {
      const pl = parseM3u8(f.text).value;
      const mv = multivariantPlaylist(pl).value;
      return { text: f.text, variantUrls: mv.variants.map((v) => new URL(v.uri, url).href), profiles: contentProfiles(mv) };
    });
  }

  async createSession(config: PlaybackConfiguration, path: string, init: SessionInit): Promise<Session> {
    // The origin must answer, and the path be allowed.
    if (isDashPath(path)) await this.dashOrigin(config, path);
    else await this.master(config, path);
    // VOD content (vod-personalizer.ts): its breaks are decided now, once, and it is always stitched.
    const vod = await this.vod?.content(config, path);
    // Guided insertion only where the configuration lets the player choose (MediaTailor: otherwise stitched).
    const { insertionMode, ...rest } = init;
    const session: Session = { id: randomUUID(), configName: config.name, path, ...rest, ...(insertionMode === 'guided' && config.insertionMode === 'PLAYER_SELECT' && !isDashPath(path) && !vod ? { insertionMode } : {}), createdAtMs: this.deps.clock.now(), ...(vod ? { vod: true } : {}) };
    await this.deps.sessions.create(session, this.deps.initialSessionTtlMs);
    this.emit('SESSION_INITIALIZED', { playbackConfigurationName: config.name, sessionId: session.id, originPath: path, reportingMode: init.reportingMode, insertionMode: session.insertionMode === 'guided' ? 'GUIDED' : 'STITCHED', playerParams: init.playerParams, adsParams: init.adsParams, ...(vod ? { vod: true } : {}) });
    if (vod) await this.vod!.plan(config, session, vod);
    return session;
  }

  async session(config: PlaybackConfiguration, id: string): Promise<Session> {
    const s = await this.deps.sessions.get(id);
    if (!s || s.configName !== config.name) throw new StitcherError('STITCH_SESSION_NOT_FOUND', `no session "${id}" on configuration "${config.name}"`);
    return s;
  }

  /** The session's multivariant playlist: every variant points at the stitcher, the rest at the origin. */
  async multivariant(config: PlaybackConfiguration, session: Session): Promise<string> {
    if (isDashPath(session.path)) throw new StitcherError('STITCH_FORMAT_MISMATCH', `session "${session.id}" plays an MPD: use /v1/dash/`);
    const info = await this.master(config, session.path);
    const base = this.originUrl(config, session.path);
    let variant = 0;
    const pl = rewriteUris(parseM3u8(info.text).value, (uri, ctx) => (ctx.kind === 'variant' ? `/v1/manifest/${config.name}/${session.id}/${variant++}.m3u8` : new URL(uri, base).href));
    return pl.lines.map((l) => l.raw).join('\n') + '\n';
  }

  /** Fires VAST <Error> URLs with [ERRORCODE] filled in (each at most once per session, avail and URL). */
  fireVastErrors(config: PlaybackConfiguration, session: Session, availKey: string, urls: readonly string[], code: number, adId?: string): void {
    if (urls.length === 0) return;
    const beacons = [...new Set(urls)].map((url) => ({ eventType: 'error', url: replaceMacros(url, { ERRORCODE: code }) }));
    void this.deps.beacons.fire(`${session.id}/${availKey}/error`, beacons, config.allowedHosts, { playbackConfigurationName: config.name, sessionId: session.id, availId: availKey, adId, vastErrorCode: code });
  }

  /** The same objects for the same profiles (a master playlist's, cached) and segment duration, so their keys are computed once. */
  private readonly targetCache = new WeakMap<ContentProfile[], Map<string, { ads: ConditionTarget; slate: ConditionTarget }>>();

  targets({ profiles, segmentMs, format }: MediaTarget): { ads: ConditionTarget; slate: ConditionTarget } {
    let bySegment = this.targetCache.get(profiles);
    if (!bySegment) this.targetCache.set(profiles, (bySegment = new Map()));
    const k = `${segmentMs}/${format}`;
    let t = bySegment.get(k);
    const f = format === 'cmaf' ? { format } : {};
    if (!t) bySegment.set(k, (t = { ads: { profiles, segmentMs, ...f }, slate: { profiles, segmentMs: 1000, ...f } }));
    return t;
  }

  /** The facts of an avail an HLS media playlist shows. */
  /**
   * A live pre-roll's place, on a stitched live session's first playlist: the segment a player
   * joining now starts from (the third from the live edge, as HOLD-BACK has it). None when the
   * configuration has no pre-roll, the session is guided or older than a minute or has avails
   * already, the playlist is VOD, or the join point is in a break.
   */
  private preRollFacts(config: PlaybackConfiguration, session: Session, view: OriginView, records: Map<string, AvailRecord>): AvailFacts | undefined {
    if (!config.livePreRoll || session.insertionMode === 'guided' || view.endList || records.size > 0) return undefined;
    if (this.deps.clock.now() - session.createdAtMs > PRE_ROLL_JOIN_MS) return undefined;
    const segs = view.segments;
    const join = segs[Math.max(0, segs.length - 3)];
    if (!join) return undefined;
    const inBreak = view.avails.some((a) => {
      const from = a.startSegment ?? (a.startedBeforeWindow ? segs[0]!.msn : Infinity);
      return from <= join.msn && (a.endSegment === undefined || join.msn < a.endSegment);
    });
    if (inBreak) return undefined;
    return { startMsn: join.msn, dsnBefore: join.dsn - (join.discontinuity ? 1 : 0), ...(join.pdtMs === undefined ? {} : { startPdtMs: join.pdtMs, startTimeMs: join.pdtMs }) };
  }

  /**
   * A DASH session's live pre-roll: from the segment a player joining now starts at (three segment
   * durations behind the live edge, the origin's suggestedPresentationDelay), for as long as its ads
   * play (its Periods end there and the content resumes exactly). None under the same conditions as
   * HLS, nor when a break of the origin starts within the pre-roll's maximum.
   */
  private dashPreRollFacts(config: PlaybackConfiguration, session: Session, view: DashOriginView, records: Map<string, AvailRecord>): AvailFacts | undefined {
    if (!config.livePreRoll || session.insertionMode === 'guided' || records.size > 0) return undefined;
    if (this.deps.clock.now() - session.createdAtMs > PRE_ROLL_JOIN_MS) return undefined;
    const segs = view.segments;
    const last = segs.at(-1);
    if (!last) return undefined;
    const edgeMs = last.startMs + last.durationMs;
    const join = [...segs].reverse().find((x) => x.startMs <= edgeMs - 3 * view.segmentMs) ?? segs[0]!;
    const untilMs = join.startMs + config.livePreRoll.maxDurationSeconds * 1000;
    const clash = view.avails.some((a) => a.startPresentationTimeMs === undefined || (a.startPresentationTimeMs < untilMs && (a.endPresentationTimeMs === undefined || a.endPresentationTimeMs > join.startMs)));
    if (clash) return undefined;
    const ast = view.view.availabilityStartTimeMs;
    return { startMsn: join.number, dsnBefore: 0, startPresentationMs: join.startMs, ...(ast === undefined ? {} : { startPdtMs: ast + join.startMs, startTimeMs: ast + join.startMs }) };
  }

  private hlsFacts(view: OriginView, avail: OriginView['avails'][number]): AvailFacts {
    const start = view.segments.find((s) => s.msn === avail.startSegment)!;
    return {
      startMsn: start.msn,
      dsnBefore: start.dsn - (start.discontinuity ? 1 : 0),
      ...(start.pdtMs === undefined ? {} : { startPdtMs: start.pdtMs }),
      ...(avail.startTimeMs === undefined ? {} : { startTimeMs: avail.startTimeMs }),
      ...(avail.plannedDurationMs === undefined ? {} : { plannedDurationMs: avail.plannedDurationMs }),
      ...(avail.eventId === undefined ? {} : { eventId: avail.eventId }),
      openingMarkers: start.markers.filter((m) => !m.startsWith('#EXT-X-CUE-OUT-CONT')),
    };
  }

  /**
   * Decides one avail of a session (whichever manifest found it): the same record for HLS and DASH.
   * `preRoll`: a live pre-roll where the session joined — its own ADS and
   * maximum duration, no suppression and no prefetch; it lasts as long as the ads it gets.
   */
  private async decide(config: PlaybackConfiguration, session: Session, avail: AvailFacts, media: MediaTarget, key: string, index: number, preRoll?: { adDecisionServerUrl: string; maxDurationSeconds: number }): Promise<AvailRecord> {
    const nowMs = this.deps.clock.now();
    const plannedDurationMs = preRoll ? preRoll.maxDurationSeconds * 1000 : (avail.plannedDurationMs ?? 30_000);
    const base = { sessionId: session.id, playbackConfigurationName: config.name, availId: key };
    if (!preRoll) this.emit('AD_MARKER_FOUND', { ...base, eventId: avail.eventId, plannedDurationMs, startMsn: avail.startMsn, startTime: avail.startTimeMs === undefined ? undefined : new Date(avail.startTimeMs).toISOString() });
    const vars: AvailVariables = { availIndex: index, availDurationMs: plannedDurationMs, random: this.deps.random(), ...(avail.eventId === undefined ? {} : { eventId: avail.eventId }) };
    // Avail suppression, against the live edge when the session started: a suppressed avail asks no ADS.
    const sup: ReturnType<typeof suppressionOf> = preRoll ? { kind: 'fill' } : suppressionOf(config.availSuppression, session.createdAtMs, avail.startPdtMs ?? nowMs, plannedDurationMs);
    const prefetched = sup.kind === 'suppress' || preRoll ? undefined : await this.prefetchedFor(config, session, vars, avail.startPdtMs);
    let resolved: ResolvedVast;
    if (sup.kind === 'suppress') resolved = { ads: [] };
    else if (prefetched) resolved = { ads: prefetched.ads };
    else {
      const adsUrl = adsRequestUrl(preRoll?.adDecisionServerUrl ?? config.adDecisionServerUrl, session, vars);
      this.emit('MAKING_ADS_REQUEST', { ...base, adsRequestUrl: adsUrl, availDurationMs: plannedDurationMs });
      resolved = await this.resolve(config, session, adsUrl, base, key);
    }
    const targets = this.targets(media);
    const candidates = candidatesOf(resolved.ads, {
      allowedHosts: config.allowedHosts,
      top: this.top(media.profiles),
      readiness: this.readinessFor(targets.ads),
      emit: (type, fields) => this.emit(type, { ...base, ...fields }),
    });
    let slate: { creativeKey: string; segmentsMs: number[]; targetKey: string } | undefined;
    if (config.slateAdUrl) {
      const ck = creativeKeyOf({ mediaUrl: config.slateAdUrl });
      const r = this.deps.conditioner.readiness(ck, config.slateAdUrl, targets.slate);
      if (r.state === 'ready') slate = { creativeKey: ck, segmentsMs: r.segmentsMs, targetKey: targetKeyOf(targets.slate) };
    }
    const bumpers = this.bumpers(config, targets.ads, base);
    const thresholdMs = config.personalizationThresholdSeconds === undefined ? undefined : config.personalizationThresholdSeconds * 1000;
    // An ad the stitcher cannot play tells its ADS why, through its <Error> URLs.
    for (const c of candidates) {
      const code = c.readiness.state === 'no-media' ? 403 : c.readiness.state === 'error' ? 405 : undefined;
      if (code !== undefined) this.fireVastErrors(config, session, key, c.ad.errors, code, c.ad.adId);
    }
    const plan: FillPlan =
      sup.kind === 'suppress'
        ? { mode: 'content', items: [], ads: [], skipped: [], filledMs: 0, slateMs: 0 }
        : makeFillPlan({ candidates, availDurationMs: plannedDurationMs, bumpers, ...(slate ? { slate } : {}), ...(thresholdMs === undefined ? {} : { thresholdMs }), ...(sup.kind === 'partial' ? { leadMs: sup.leadMs } : {}) });
    // A pre-roll lasts as long as what it plays: no slate for the rest of its maximum (the slate only
    // covers the rest of the content segment it ends in).
    if (preRoll && plan.items.at(-1)?.kind === 'slate') plan.items.pop();
    const record: AvailRecord = {
      key,
      startMsn: avail.startMsn,
      dsnBefore: avail.dsnBefore,
      plannedDurationMs: preRoll ? plan.items.reduce((a, it) => a + it.durationMs, 0) : plannedDurationMs,
      mode: plan.mode,
      items: plan.items,
      ads: plan.ads,
      skipped: plan.skipped,
      targetKey: targetKeyOf(targets.ads),
      decidedAtMs: nowMs,
    };
    if (avail.startPdtMs !== undefined) record.startPdtMs = avail.startPdtMs;
    if (avail.startPresentationMs !== undefined) record.startPresentationMs = avail.startPresentationMs;
    if (avail.eventId !== undefined) record.eventId = avail.eventId;
    if (config.adMarkerPassthrough && avail.openingMarkers?.length) record.openingMarkers = avail.openingMarkers;
    if (preRoll) record.preRoll = true;
    if (config.adOverrunPolicy === 'COMPLETE_AD') record.completeAd = true;
    if (plan.slate) record.slate = plan.slate;
    if (sup.kind !== 'fill' && config.availSuppression && config.availSuppression.mode !== 'OFF') record.suppression = { mode: config.availSuppression.mode, ...(sup.kind === 'partial' ? { leadMs: sup.leadMs } : {}) };
    if (plan.mode === 'content' && !slate && plan.skipped.every((s) => s.skippedReason !== 'PERSONALIZATION_THRESHOLD_EXCEEDED') && candidates.some((c) => c.readiness.state === 'ready')) {
      this.emit('ERROR_NO_SLATE', { ...base, message: config.slateAdUrl ? 'the slate is not conditioned yet' : 'the configuration has no slate' });
    }
    this.emit('FILLED_AVAIL', {
      ...base,
      avail: {
        availId: key,
        originAvailDuration: plannedDurationMs / 1000,
        filledDuration: plan.filledMs / 1000,
        fillRate: plannedDurationMs > 0 ? plan.filledMs / plannedDurationMs : 0,
        numAds: plan.ads.length,
        mode: plan.mode,
        creativeAds: plan.ads.map((a) => ({ adId: a.adId, creativeId: a.creativeId, duration: a.durationMs / 1000 })),
        skippedAds: plan.skipped.map((s) => ({ ...s, vastDuration: s.vastDurationMs / 1000 })),
        slateAd: plan.slateMs > 0 ? { duration: plan.slateMs / 1000 } : null,
        adsError: resolved.error ?? null,
      },
      ...(prefetched ? { prefetchScheduleName: prefetched.name } : {}),
      ...(record.suppression ? { availSuppression: { ...config.availSuppression, ...record.suppression } } : {}),
    });
    return this.deps.sessions.putAvailIfAbsent(session.id, record, this.deps.initialSessionTtlMs);
  }

  private decideOnce(config: PlaybackConfiguration, session: Session, avail: AvailFacts, media: MediaTarget, key: string, index: number, preRoll?: { adDecisionServerUrl: string; maxDurationSeconds: number }): Promise<AvailRecord> {
    const k = `${session.id}/${key}`;
    let p = this.deciding.get(k);
    if (!p) {
      p = this.decide(config, session, avail, media, key, index, preRoll).finally(() => this.deciding.delete(k));
      this.deciding.set(k, p);
    }
    return p;
  }

  /** The session's personalised media playlist for variant `variant`. */
  async mediaPlaylist(config: PlaybackConfiguration, session: Session, variant: number): Promise<string> {
    if (isDashPath(session.path)) throw new StitcherError('STITCH_FORMAT_MISMATCH', `session "${session.id}" plays an MPD: use /v1/dash/`);
    const info = await this.master(config, session.path);
    const url = info.variantUrls[variant];
    if (url === undefined) throw new StitcherError('STITCH_RENDITION_NOT_FOUND', `session has no variant ${variant}`);
    const f = await this.fetchOrigin(config, url, 1000);
    const contentPrefix = config.cdnConfiguration?.contentSegmentUrlPrefix;
    const view = SharedFetch.derive(f, `view:${config.adMarkerPassthrough}:${contentPrefix ?? ''}`, () => {
      const v = originView(f.text, { url, passthrough: config.adMarkerPassthrough, ...(contentPrefix ? { contentPrefix, sourceBase: new URL(config.videoContentSourceUrl).origin + '/' } : {}) });
      this.emit('ORIGIN_MANIFEST', { playbackConfigurationName: config.name, url, mediaSequence: v.media.mediaSequence, segments: v.segments.length, avails: v.avails.length });
      return v;
    });
    const ttlMs = Math.max(10 * view.media.durationMs, 30_000);
    const [alive, stored] = await Promise.all([this.deps.sessions.touch(session.id, ttlMs), this.deps.sessions.avails(session.id)]);
    if (!alive) throw new StitcherError('STITCH_SESSION_NOT_FOUND', `session "${session.id}" expired`);
    const media: MediaTarget = { profiles: info.profiles, segmentMs: view.segmentMs, format: 'ts' };
    void this.retrieveDue(config, session, media, view.targetDurationS * 1000).catch((err: Error) => this.emit('ERROR_PREFETCH', { playbackConfigurationName: config.name, sessionId: session.id, message: err.message }));
    const records = new Map(Object.entries(stored));
    // Decide each avail whose first segment is in the window and that this session has not decided.
    const pending: Promise<AvailRecord>[] = [];
    view.avails.forEach((a, i) => {
      if (a.startSegment === undefined || a.startedBeforeWindow) return;
      // Keyed by the origin media sequence of its first segment: the one fact every window agrees on.
      const key = String(a.startSegment);
      if (records.has(key)) return;
      pending.push(this.decideOnce(config, session, this.hlsFacts(view, a), media, key, records.size + i));
    });
    const preRoll = this.preRollFacts(config, session, view, records);
    if (preRoll) pending.push(this.decideOnce(config, session, preRoll, media, PRE_ROLL_KEY, 0, config.livePreRoll));
    for (const r of await Promise.all(pending)) records.set(r.key, r);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? '').replace(/\/$/, '');
    const profile = info.profiles[variant]!;
    const { text, ended } = renderSessionPlaylist(view, [...records.values()], {
      passthrough: config.adMarkerPassthrough,
      urls: {
        ad: (r, item, seg) =>
          session.reportingMode === 'server'
            ? `${adPrefix}/v1/segment/${config.name}/${session.id}/${r.key}/${item}/${variant}/${seg}.ts`
            : `${adPrefix}/v1/media/${r.items[item]!.creativeKey}/${r.targetKey}/${profile.id}/${seg}.ts`,
        bumper: (r, item, seg) => `${adPrefix}/v1/media/${r.items[item]!.creativeKey}/${r.targetKey}/${profile.id}/${seg}.ts`,
        slate: (r, file) => `${adPrefix}/v1/media/${r.slate!.creativeKey}/${r.slate!.targetKey}/${profile.id}/${file}.ts`,
      },
    });
    if (session.insertionMode === 'guided') {
      this.emit('GENERATED_MANIFEST', { playbackConfigurationName: config.name, sessionId: session.id, variant, originMediaSequence: view.media.mediaSequence, stale: f.stale, insertionMode: 'GUIDED' });
      return renderGuidedPlaylist(view, [...records.values()], { passthrough: config.adMarkerPassthrough, assetList: (r) => `${adPrefix}/v1/interstitials/${config.name}/${session.id}/${r.key}/assets.json` });
    }
    await Promise.all(ended.map((r) => this.deps.sessions.updateAvail(session.id, r, ttlMs)));
    this.emit('GENERATED_MANIFEST', { playbackConfigurationName: config.name, sessionId: session.id, variant, originMediaSequence: view.media.mediaSequence, stale: f.stale });
    return text;
  }

  /** The origin MPD of a DASH session, read once per fetch for every session. */
  async dashOrigin(config: PlaybackConfiguration, path: string): Promise<{ url: string; view: DashOriginView; stale: boolean }> {
    const url = this.originUrl(config, path);
    const f = await this.fetchOrigin(config, url, 1000);
    const view = SharedFetch.derive(f, 'dash', () => {
      const v = dashOriginView(f.text, this.deps.clock.now());
      this.emit('ORIGIN_MANIFEST', { playbackConfigurationName: config.name, url, periods: v.view.periods.length, segments: v.segments.length, avails: v.avails.length });
      return v;
    });
    if (view.video.length === 0) throw new StitcherError('STITCH_DASH_UNSUPPORTED', `the origin MPD ${url} has no video AdaptationSet with SegmentTemplate or SegmentList segments`);
    return { url, view, stale: f.stale };
  }

  /** The session's personalised MPD (DASH): `location` is written as MPD.Location. */
  async dashManifest(config: PlaybackConfiguration, session: Session, location: string): Promise<string> {
    if (!isDashPath(session.path)) throw new StitcherError('STITCH_FORMAT_MISMATCH', `session "${session.id}" plays ${session.path}, not an MPD`);
    const { url, view, stale } = await this.dashOrigin(config, session.path);
    const windowMs = view.segments.reduce((a, x) => a + x.durationMs, 0);
    const ttlMs = Math.max(10 * windowMs, 30_000);
    const [alive, stored] = await Promise.all([this.deps.sessions.touch(session.id, ttlMs), this.deps.sessions.avails(session.id)]);
    if (!alive) throw new StitcherError('STITCH_SESSION_NOT_FOUND', `session "${session.id}" expired`);
    const media: MediaTarget = { profiles: view.profiles, segmentMs: view.segmentMs, format: 'cmaf' };
    void this.retrieveDue(config, session, media, view.view.maxSegmentDurationMs ?? view.segmentMs).catch((err: Error) => this.emit('ERROR_PREFETCH', { playbackConfigurationName: config.name, sessionId: session.id, message: err.message }));
    const records = new Map(Object.entries(stored));
    const pending: Promise<AvailRecord>[] = [];
    dashAvailFacts(view).forEach((f, i) => {
      if (records.has(f.key)) return;
      const facts: AvailFacts = { startMsn: f.startNumber, dsnBefore: 0, startPresentationMs: f.startPresentationMs, ...(f.startTimeMs === undefined ? {} : { startPdtMs: f.startTimeMs, startTimeMs: f.startTimeMs }), ...(f.plannedDurationMs === undefined ? {} : { plannedDurationMs: f.plannedDurationMs }), ...(f.eventId === undefined ? {} : { eventId: f.eventId }) };
      pending.push(this.decideOnce(config, session, facts, media, f.key, records.size + i));
    });
    const preRoll = this.dashPreRollFacts(config, session, view, records);
    if (preRoll) pending.push(this.decideOnce(config, session, preRoll, media, PRE_ROLL_KEY, 0, config.livePreRoll));
    for (const r of await Promise.all(pending)) records.set(r.key, r);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? '').replace(/\/$/, '');
    const contentPrefix = config.cdnConfiguration?.contentSegmentUrlPrefix;
    const sourceBase = new URL(config.videoContentSourceUrl).origin + '/';
    const track = (t: { kind: 'video'; variant: number } | { kind: 'audio' }) => (t.kind === 'audio' ? 'a' : String(t.variant));
    const profileOf = (t: { kind: 'video'; variant: number } | { kind: 'audio' }) => view.profiles[t.kind === 'audio' ? 0 : t.variant]!.id;
    const { text, ended } = renderSessionMpd(view, [...records.values()], {
      originUrl: url,
      passthrough: config.adMarkerPassthrough,
      location,
      ...(contentPrefix ? { contentPrefix: { prefix: contentPrefix, sourceBase } } : {}),
      urls: {
        ad: (r, item, t) => {
          const it = r.items[item]!;
          const dir = session.reportingMode === 'server' ? `${adPrefix}/v1/segment/${config.name}/${session.id}/${r.key}/${item}/${track(t)}` : `${adPrefix}/v1/media/${it.creativeKey}/${r.targetKey}/${profileOf(t)}`;
          const a = t.kind === 'audio' && session.reportingMode !== 'server' ? 'audio-' : '';
          return { media: `${dir}/${a}$Number$.m4s`, initialization: `${dir}/${a}init.mp4` };
        },
        bumper: (r, item, t) => {
          const dir = `${adPrefix}/v1/media/${r.items[item]!.creativeKey}/${r.targetKey}/${profileOf(t)}`;
          const a = t.kind === 'audio' ? 'audio-' : '';
          return { media: `${dir}/${a}$Number$.m4s`, initialization: `${dir}/${a}init.mp4` };
        },
        slate: (r, t) => {
          const dir = `${adPrefix}/v1/media/${r.slate!.creativeKey}/${r.slate!.targetKey}/${profileOf(t)}`;
          const a = t.kind === 'audio' ? 'audio-' : '';
          return { media: `${dir}/${a}$Number$.m4s`, initialization: `${dir}/${a}init.mp4` };
        },
      },
    });
    await Promise.all(ended.map((r) => this.deps.sessions.updateAvail(session.id, r, ttlMs)));
    this.emit('GENERATED_MANIFEST', { playbackConfigurationName: config.name, sessionId: session.id, format: 'dash', periods: (text.match(/<Period /g) ?? []).length, stale });
    return text;
  }

  /** Fires the server-side beacons that fall on an ad's segment `seg` (each once per session and ad). */
  private async segmentBeacons(config: PlaybackConfiguration, session: Session, availKey: string, record: AvailRecord, item: number, seg: number): Promise<void> {
    const it = record.items[item]!;
    const ad = record.ads[it.adIndex!]!;
    const due: { eventType: string; url: string }[] = [];
    for (const eventType of eventsForSegment(it.segmentsMs, seg)) {
      if (!(await this.deps.sessions.markOnce(session.id, `${availKey}/${item}/${eventType}`, 3_600_000))) continue;
      for (const url of beaconUrls(ad, eventType)) due.push({ eventType, url });
    }
    // A VMAP break's own tracking: breakStart with its first ad segment, breakEnd with its last.
    const breakTracking = record.vod?.tracking;
    if (breakTracking) {
      const ads = record.items.flatMap((x, i) => (x.kind === 'ad' ? [i] : []));
      const events = [...(item === ads[0] && seg === 0 ? ['breakStart'] : []), ...(item === ads.at(-1) && seg === it.segmentsMs.length - 1 ? ['breakEnd'] : [])];
      for (const eventType of events) {
        if (!(await this.deps.sessions.markOnce(session.id, `${availKey}/${eventType}`, 3_600_000))) continue;
        for (const t of breakTracking) if (t.event === eventType) due.push({ eventType, url: t.url });
      }
    }
    if (due.length > 0) {
      void this.deps.beacons.fire(`${session.id}/${availKey}/${item}`, due, config.allowedHosts, { playbackConfigurationName: config.name, sessionId: session.id, availId: availKey, adId: ad.adId, creativeId: ad.creativeId });
    }
  }

  /**
   * A CMAF ad segment of a DASH session (`seg` from 0, or the init segment): a video segment fires the
   * beacons that fall on it (server-side reporting); audio never does, so nothing fires twice.
   */
  async dashAdSegment(config: PlaybackConfiguration, session: Session, availKey: string, item: number, track: 'audio' | number, seg: number | 'init'): Promise<string> {
    const [{ view }, records] = await Promise.all([this.dashOrigin(config, session.path), this.deps.sessions.avails(session.id)]);
    const record = records[availKey];
    const it = record?.items[item];
    const profile = view.profiles[track === 'audio' ? 0 : track];
    const bad = seg !== 'init' && (seg < 0 || !it || seg >= it.segmentsMs.length);
    if (!record || !it || it.kind !== 'ad' || it.adIndex === undefined || !profile || bad || !isDashPath(session.path)) {
      throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no ad segment ${availKey}/${item}/${track}/${seg} in session "${session.id}"`);
    }
    if (session.reportingMode === 'server' && track !== 'audio' && seg !== 'init') await this.segmentBeacons(config, session, availKey, record, item, seg);
    return this.deps.conditioner.cmafFile(it.creativeKey, record.targetKey!, profile.id, track === 'audio' ? 'audio' : 'video', seg);
  }

  /** An ad segment of a session: fires its beacons (server-side reporting), returns the file to send. */
  async adSegment(config: PlaybackConfiguration, session: Session, availKey: string, item: number, variant: number, seg: number): Promise<string> {
    const [info, records] = await Promise.all([this.master(config, session.path), this.deps.sessions.avails(session.id)]);
    const record = records[availKey];
    const it = record?.items[item];
    const profile = info.profiles[variant];
    if (!record || !it || it.kind !== 'ad' || it.adIndex === undefined || !profile || seg < 0 || seg >= it.segmentsMs.length) {
      throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no ad segment ${availKey}/${item}/${variant}/${seg} in session "${session.id}"`);
    }
    if (session.reportingMode === 'server') await this.segmentBeacons(config, session, availKey, record, item, seg);
    return this.deps.conditioner.segmentFile(it.creativeKey, record.targetKey!, profile.id, seg);
  }

  private async planOf(session: Session, availKey: string): Promise<AvailRecord> {
    const record = (await this.deps.sessions.avails(session.id))[availKey];
    if (!record || record.mode !== 'ads') throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no ads avail "${availKey}" in session "${session.id}"`);
    return record;
  }

  /**
   * A guided session's asset list for one avail (HLS Interstitials `X-ASSET-LIST`). Its URIs are
   * absolute (`origin`: this server's scheme and host, as the request named them) — players resolve
   * an asset URI on its own, not against the asset list's URL.
   */
  async assetList(config: PlaybackConfiguration, session: Session, availKey: string, origin: string) {
    const record = await this.planOf(session, availKey);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? origin).replace(/\/$/, '');
    return interstitialAssets(record, (item) => `${adPrefix}/v1/asset/${config.name}/${session.id}/${availKey}/${item}/index.m3u8`);
  }

  /** One asset's multivariant playlist: the content's variants, each pointing at the asset's rendition. */
  async assetMultivariant(config: PlaybackConfiguration, session: Session, availKey: string, item: number): Promise<string> {
    const record = await this.planOf(session, availKey);
    if (!record.items[item]) throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no item ${item} in avail "${availKey}"`);
    const info = await this.master(config, session.path);
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
    info.profiles.forEach((p, i) => {
      lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${Math.round((p.videoBitrate + p.audioBitrate) * 1.1)},RESOLUTION=${p.width}x${p.height},CODECS="${codecsOf(p)}"`, `${i}.m3u8`);
    });
    return `${lines.join('\n')}\n`;
  }

  /** One asset's media playlist in one rendition (VOD): ads through /v1/segment (beacons fire), the rest from the media store. */
  async assetMedia(config: PlaybackConfiguration, session: Session, availKey: string, item: number, variant: number): Promise<string> {
    const [record, info] = await Promise.all([this.planOf(session, availKey), this.master(config, session.path)]);
    const it = record.items[item];
    const profile = info.profiles[variant];
    if (!it || !profile) throw new StitcherError('STITCH_SEGMENT_NOT_FOUND', `no item ${item} / variant ${variant} in avail "${availKey}"`);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? '').replace(/\/$/, '');
    return assetMediaPlaylist(record, item, (seg, file) => {
      if (it.kind === 'ad' && session.reportingMode === 'server') return `${adPrefix}/v1/segment/${config.name}/${session.id}/${availKey}/${item}/${variant}/${seg}.ts`;
      if (it.kind === 'slate') return `${adPrefix}/v1/media/${record.slate!.creativeKey}/${record.slate!.targetKey}/${profile.id}/${file}.ts`;
      return `${adPrefix}/v1/media/${it.creativeKey}/${record.targetKey}/${profile.id}/${seg}.ts`;
    });
  }

  async tracking(session: Session) {
    const records = await this.deps.sessions.avails(session.id);
    return trackingJson(session, Object.values(records));
  }
}
