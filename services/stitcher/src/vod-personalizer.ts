// VOD sessions (MediaTailor's VOD behaviour): when the origin is VOD — an HLS playlist with
// EXT-X-ENDLIST or PLAYLIST-TYPE:VOD, a static MPD — the ADS is asked once at session start. A
// VMAP answer places breaks at its timeOffsets; a VAST answer is a pre-roll, and each cue of the
// manifest (CUE-OUT, DATERANGE SCTE35-OUT, DASH SCTE-35 EventStream) gets a break of its own ADS
// request. The breaks are inserted (the content is not replaced), each decided once and kept in
// the session as an avail record, so ad segments, server-side beacons and tracking work as live.
import { targetKeyOf } from './conditioner.ts';
import { adsRequestUrl, type AvailVariables } from './ads-url.ts';
import { candidatesOf } from './candidates.ts';
import type { DashRenderUrls } from './dash-planner.ts';
import { StitcherError } from './errors.ts';
import type { AvailRecord, PlaybackConfiguration, Session, VodBreak } from './model.ts';
import { originView } from './origin-view.ts';
import type { MediaTarget, Personalizer } from './personalizer.ts';
import type { Clock, HttpClient, SessionStore } from './ports.ts';
import { SharedFetch } from './shared-fetch.ts';
import { resolveVast, type ResolveContext } from './vast-resolver.ts';
import { requestVodAds } from './vod-ads.ts';
import { renderVodMpd } from './vod-dash.ts';
import { renderVodPlaylist } from './vod-hls.ts';
import { boundaries, breakDurationMs, nearestBoundary, offsetOnContent, placeBreaks, vodFillPlan, type BreakRequest } from './vod-plan.ts';
import type { VastAd } from '@adsplice/vast';
import type { EventType } from './events.ts';

/** The avail the session-start request asks for (a VMAP-capable ADS reads [content.duration] instead). */
export const VOD_DEFAULT_AVAIL_MS = 30_000;

/** What a VOD origin shows: its segments (first rendition), its cues, and the renditions ads are conditioned into. */
export interface VodContent {
  format: 'hls' | 'dash';
  segmentsMs: number[];
  contentMs: number;
  /** Cue markers in the manifest, in order: position on the content, planned duration when given. */
  cues: { positionMs: number; durationMs?: number; eventId?: number }[];
  media: MediaTarget;
}

export interface VodDeps {
  p: Personalizer;
  sessions: SessionStore;
  clock: Clock;
  http: HttpClient;
  origin: SharedFetch;
  random: () => number;
  initialSessionTtlMs: number;
}

interface BreakPayload {
  ads: VastAd[];
  error?: EventType;
  /** A cue's planned duration: the ads fit in it. Otherwise every conditioned ad plays. */
  limitMs?: number;
  eventId?: number;
  /** A VMAP AdBreak's breakStart / breakEnd / error URLs. */
  tracking?: { event: string; url: string }[];
}

/** Sessions live at least this long, and three times what they play (the player reads the playlist once). */
function ttlOf(d: VodDeps, totalMs: number): number {
  return Math.max(d.initialSessionTtlMs, 3 * totalMs);
}

export class VodPersonalizer {
  constructor(private readonly d: VodDeps) {}

  private async variant(config: PlaybackConfiguration, path: string, variant: number) {
    const info = await this.d.p.master(config, path);
    const url = info.variantUrls[variant];
    if (url === undefined) throw new StitcherError('STITCH_RENDITION_NOT_FOUND', `the origin playlist has no variant ${variant}`);
    let f;
    try {
      f = await this.d.origin.get(url, 10_000, config.originTimeoutMs);
    } catch (err) {
      this.d.p.emit('ERROR_ORIGIN', { playbackConfigurationName: config.name, url, message: (err as Error).message });
      throw new StitcherError('STITCH_ORIGIN_UNAVAILABLE', `the origin did not give ${url}: ${(err as Error).message}`);
    }
    const contentPrefix = config.cdnConfiguration?.contentSegmentUrlPrefix;
    // The same derived view (and key) as the live path: one parse per fetch whoever asks.
    const view = SharedFetch.derive(f, `view:${config.adMarkerPassthrough}:${contentPrefix ?? ''}`, () =>
      originView(f.text, { url, passthrough: config.adMarkerPassthrough, ...(contentPrefix ? { contentPrefix, sourceBase: new URL(config.videoContentSourceUrl).origin + '/' } : {}) }),
    );
    return { info, url, view };
  }

  /** The content when the origin at `path` is VOD, else undefined (a live session). */
  async content(config: PlaybackConfiguration, path: string): Promise<VodContent | undefined> {
    if (/\.mpd$/i.test(path.split('?')[0]!)) {
      const { view } = await this.d.p.dashOrigin(config, path);
      if (view.view.type !== 'static') return undefined;
      const segmentsMs = view.segments.map((s) => s.durationMs);
      const contentMs = boundaries(segmentsMs).at(-1)!;
      const cues = view.avails
        .filter((a) => a.startPresentationTimeMs !== undefined)
        .map((a) => ({ positionMs: a.startPresentationTimeMs!, ...(a.plannedDurationMs ? { durationMs: a.plannedDurationMs } : {}), ...(a.eventId === undefined ? {} : { eventId: a.eventId }) }));
      return { format: 'dash', segmentsMs, contentMs, cues, media: { profiles: view.profiles, segmentMs: view.segmentMs, format: 'cmaf' } };
    }
    const { info, view } = await this.variant(config, path, 0);
    if (!view.endList && view.media.playlistType !== 'VOD') return undefined;
    const segmentsMs = view.segments.map((s) => s.durationMs);
    const bounds = boundaries(segmentsMs);
    const cues: VodContent['cues'] = [];
    for (const a of view.avails) {
      const k = view.segments.findIndex((s) => s.msn === a.startSegment);
      if (k < 0) continue;
      cues.push({ positionMs: bounds[k]!, ...(a.plannedDurationMs ? { durationMs: a.plannedDurationMs } : {}), ...(a.eventId === undefined ? {} : { eventId: a.eventId }) });
    }
    return { format: 'hls', segmentsMs, contentMs: bounds.at(-1)!, cues, media: { profiles: info.profiles, segmentMs: view.segmentMs, format: 'ts' } };
  }

  private resolveContext(config: PlaybackConfiguration, session: Session, base: Record<string, unknown>, availKey: string): ResolveContext {
    return {
      http: this.d.http,
      timeoutMs: config.adsTimeoutMs,
      maxWrapperDepth: config.maxWrapperDepth,
      allowedHosts: config.allowedHosts,
      now: this.d.clock.now,
      emit: (type, fields) => this.d.p.emit(type, { ...base, ...fields }),
      vastError: (urls, code, adId) => this.d.p.fireVastErrors(config, session, availKey, urls, code, adId),
    };
  }

  /** Asks the ADS (once, or once per cue after a VAST answer) where the breaks go and what they play. */
  private async requests(config: PlaybackConfiguration, session: Session, c: VodContent): Promise<BreakRequest<BreakPayload>[]> {
    const base = { sessionId: session.id, playbackConfigurationName: config.name };
    const vars = (availIndex: number, availDurationMs: number, eventId?: number): AvailVariables => ({ availIndex, availDurationMs, random: this.d.random(), contentDurationMs: c.contentMs, ...(eventId === undefined ? {} : { eventId }) });
    const url = adsRequestUrl(config.adDecisionServerUrl, session, vars(0, VOD_DEFAULT_AVAIL_MS));
    this.d.p.emit('MAKING_ADS_REQUEST', { ...base, adsRequestUrl: url, availDurationMs: VOD_DEFAULT_AVAIL_MS, contentDurationMs: c.contentMs, vod: true });
    const answer = await requestVodAds(url, this.resolveContext(config, session, base, 'vod'));
    const cuesMs = c.cues.map((x) => x.positionMs);
    if (answer.kind === 'vmap') {
      const out: BreakRequest<BreakPayload>[] = [];
      answer.breaks.forEach((b, index) => {
        const at = offsetOnContent(b.timeOffset, c.contentMs, cuesMs);
        if (at === undefined) {
          this.d.p.emit('ERROR_VMAP_AD_BREAK', { ...base, url, code: 'VOD_BREAK_OUT_OF_RANGE', adBreakIndex: index, breakId: b.breakId, timeOffset: b.timeOffset, contentDurationMs: c.contentMs });
          return;
        }
        out.push({ requestedMs: at, source: 'vmap', ...(b.breakId === undefined ? {} : { breakId: b.breakId }), payload: { ads: b.ads, ...(b.error ? { error: b.error } : {}), ...(b.tracking.length > 0 ? { tracking: b.tracking } : {}) } });
      });
      return out;
    }
    const out: BreakRequest<BreakPayload>[] = [{ requestedMs: 0, source: 'vast', payload: { ads: answer.ads, ...(answer.error ? { error: answer.error } : {}) } }];
    const cueBreaks = await Promise.all(
      c.cues.map(async (cue, i): Promise<BreakRequest<BreakPayload>> => {
        const key = `vod-cue-${i}`;
        const availMs = cue.durationMs ?? VOD_DEFAULT_AVAIL_MS;
        this.d.p.emit('AD_MARKER_FOUND', { ...base, availId: key, eventId: cue.eventId, plannedDurationMs: availMs, positionMs: cue.positionMs, vod: true });
        const cueUrl = adsRequestUrl(config.adDecisionServerUrl, session, vars(i + 1, availMs, cue.eventId));
        this.d.p.emit('MAKING_ADS_REQUEST', { ...base, availId: key, adsRequestUrl: cueUrl, availDurationMs: availMs, vod: true });
        const r = await resolveVast(cueUrl, this.resolveContext(config, session, { ...base, availId: key }, key));
        return { requestedMs: cue.positionMs, source: 'cue', payload: { ads: r.ads, ...(r.error ? { error: r.error } : {}), ...(cue.durationMs ? { limitMs: cue.durationMs } : {}), ...(cue.eventId === undefined ? {} : { eventId: cue.eventId }) } };
      }),
    );
    return [...out, ...cueBreaks];
  }

  /** Decides every break of a new VOD session and keeps them in the session. */
  async plan(config: PlaybackConfiguration, session: Session, c: VodContent): Promise<void> {
    const placed = placeBreaks(await this.requests(config, session, c), c.segmentsMs);
    const bounds = boundaries(c.segmentsMs);
    const targets = this.d.p.targets(c.media);
    const records: AvailRecord[] = [];
    let insertedMs = 0;
    for (const [i, b] of placed.entries()) {
      const key = `vod-${i}`;
      const base = { sessionId: session.id, playbackConfigurationName: config.name, availId: key };
      const candidates = candidatesOf(b.payload.ads, {
        allowedHosts: config.allowedHosts,
        top: this.d.p.top(c.media.profiles),
        readiness: this.d.p.readinessFor(targets.ads),
        emit: (type, fields) => this.d.p.emit(type, { ...base, ...fields }),
      });
      for (const cand of candidates) {
        const code = cand.readiness.state === 'no-media' ? 403 : cand.readiness.state === 'error' ? 405 : undefined;
        if (code !== undefined) this.d.p.fireVastErrors(config, session, key, cand.ad.errors, code, cand.ad.adId);
      }
      const plan = vodFillPlan(candidates, b.payload.limitMs, this.d.p.bumpers(config, targets.ads, base));
      const durationMs = breakDurationMs(plan.items);
      const tracking = b.payload.tracking?.filter((t) => t.event === 'breakStart' || t.event === 'breakEnd');
      const vod: VodBreak = { kind: b.kind, source: b.source, positionMs: b.positionMs, sessionStartMs: b.positionMs + insertedMs, ...(b.breakId === undefined ? {} : { breakId: b.breakId }), ...(tracking?.length ? { tracking } : {}) };
      // A VMAP break that plays nothing tells its ADS through the break's error URLs (VAST 303: no ads; 403: none playable).
      if (plan.mode !== 'ads') this.d.p.fireVastErrors(config, session, key, (b.payload.tracking ?? []).filter((t) => t.event === 'error').map((t) => t.url), b.payload.ads.length === 0 ? 303 : 403);
      insertedMs += durationMs;
      const record: AvailRecord = {
        key,
        startMsn: nearestBoundary(bounds, b.positionMs),
        dsnBefore: 0,
        plannedDurationMs: durationMs,
        mode: plan.mode,
        items: plan.items,
        ads: plan.ads,
        skipped: plan.skipped,
        targetKey: targetKeyOf(targets.ads),
        vod,
        decidedAtMs: this.d.clock.now(),
        ...(b.payload.eventId === undefined ? {} : { eventId: b.payload.eventId }),
      };
      this.d.p.emit('FILLED_AVAIL', {
        ...base,
        avail: {
          availId: key,
          originAvailDuration: (b.payload.limitMs ?? durationMs) / 1000,
          filledDuration: plan.filledMs / 1000,
          fillRate: plan.ads.length > 0 ? (b.payload.limitMs ? plan.filledMs / b.payload.limitMs : 1) : 0,
          numAds: plan.ads.length,
          mode: plan.mode,
          creativeAds: plan.ads.map((a) => ({ adId: a.adId, creativeId: a.creativeId, duration: a.durationMs / 1000 })),
          skippedAds: plan.skipped.map((s) => ({ ...s, vastDuration: s.vastDurationMs / 1000 })),
          slateAd: null,
          adsError: b.payload.error ?? null,
        },
        vodBreak: vod,
      });
      records.push(record);
    }
    const ttlMs = ttlOf(this.d, c.contentMs + insertedMs);
    await Promise.all(records.map((r) => this.d.sessions.putAvailIfAbsent(session.id, r, ttlMs)));
    await this.d.sessions.touch(session.id, ttlMs);
    this.d.p.emit('VOD_BREAKS_PLANNED', {
      sessionId: session.id,
      playbackConfigurationName: config.name,
      format: c.format,
      contentDurationMs: c.contentMs,
      insertedDurationMs: insertedMs,
      breaks: records.map((r) => ({ availId: r.key, ...r.vod, numAds: r.ads.length, durationMs: r.plannedDurationMs })),
    });
  }

  private async records(session: Session): Promise<AvailRecord[]> {
    return Object.values(await this.d.sessions.avails(session.id)).filter((r) => r.vod);
  }

  /** The session's VOD media playlist for variant `variant` (complete, with ENDLIST). */
  async mediaPlaylist(config: PlaybackConfiguration, session: Session, variant: number): Promise<string> {
    const { info, view } = await this.variant(config, session.path, variant);
    const profile = info.profiles[variant];
    if (!profile) throw new StitcherError('STITCH_RENDITION_NOT_FOUND', `session has no variant ${variant}`);
    const records = await this.records(session);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? '').replace(/\/$/, '');
    const text = renderVodPlaylist(view, records, {
      ad: (r, item, seg) =>
        session.reportingMode === 'server'
          ? `${adPrefix}/v1/segment/${config.name}/${session.id}/${r.key}/${item}/${variant}/${seg}.ts`
          : `${adPrefix}/v1/media/${r.items[item]!.creativeKey}/${r.targetKey}/${profile.id}/${seg}.ts`,
      bumper: (r, item, seg) => `${adPrefix}/v1/media/${r.items[item]!.creativeKey}/${r.targetKey}/${profile.id}/${seg}.ts`,
    });
    this.d.p.emit('GENERATED_MANIFEST', { playbackConfigurationName: config.name, sessionId: session.id, variant, vod: true, breaks: records.filter((r) => r.mode === 'ads').length });
    return text;
  }

  /** The session's static MPD. */
  async dashManifest(config: PlaybackConfiguration, session: Session): Promise<string> {
    const { url, view } = await this.d.p.dashOrigin(config, session.path);
    const records = await this.records(session);
    const adPrefix = (config.cdnConfiguration?.adSegmentUrlPrefix ?? '').replace(/\/$/, '');
    const contentPrefix = config.cdnConfiguration?.contentSegmentUrlPrefix;
    const sourceBase = new URL(config.videoContentSourceUrl).origin + '/';
    const profileOf = (t: { kind: 'video'; variant: number } | { kind: 'audio' }) => view.profiles[t.kind === 'audio' ? 0 : t.variant]!.id;
    const store = (creativeKey: string, targetKey: string, t: { kind: 'video'; variant: number } | { kind: 'audio' }) => {
      const dir = `${adPrefix}/v1/media/${creativeKey}/${targetKey}/${profileOf(t)}`;
      const a = t.kind === 'audio' ? 'audio-' : '';
      return { media: `${dir}/${a}$Number$.m4s`, initialization: `${dir}/${a}init.mp4` };
    };
    const urls: DashRenderUrls = {
      ad: (r, item, t) => {
        if (session.reportingMode !== 'server') return store(r.items[item]!.creativeKey, r.targetKey!, t);
        const dir = `${adPrefix}/v1/segment/${config.name}/${session.id}/${r.key}/${item}/${t.kind === 'audio' ? 'a' : String(t.variant)}`;
        return { media: `${dir}/$Number$.m4s`, initialization: `${dir}/init.mp4` };
      },
      bumper: (r, item, t) => store(r.items[item]!.creativeKey, r.targetKey!, t),
      slate: (r, t) => store(r.slate!.creativeKey, r.slate!.targetKey, t),
    };
    const { text, issues } = renderVodMpd(view, records, { urls, originUrl: url, passthrough: config.adMarkerPassthrough, ...(contentPrefix ? { contentPrefix: { prefix: contentPrefix, sourceBase } } : {}) });
    for (const i of issues) this.d.p.emit('ERROR_VMAP_AD_BREAK', { playbackConfigurationName: config.name, sessionId: session.id, availId: i.availId, code: 'VOD_BREAK_NOT_INSERTED', dashIssue: i.code, message: i.message });
    this.d.p.emit('GENERATED_MANIFEST', { playbackConfigurationName: config.name, sessionId: session.id, format: 'dash', vod: true, periods: (text.match(/<Period /g) ?? []).length });
    return text;
  }
}
