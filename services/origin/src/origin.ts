// The origin service: live channels over HTTP (what MediaPackage serves), the MediaLive-shaped
// schedule API, Elemental Live's cue_point API, and channel management.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { newChannel, validateChannel, ChannelValidationError, type Channel, type ChannelInput } from './channel.ts';
import { cuePointAction, cuePointResponse, CuePointError, parseCuePoint } from './cue-point.ts';
import { OriginError, scheduleError } from './errors.ts';
import { mediaPlaylist, multivariantPlaylist } from './hls-output.ts';
import { dashManifest, tfdtShift } from './dash-output.ts';
import { joinFragments } from './cmaf.ts';
import { registerVodRoutes } from './vod-output.ts';
import type { ChannelRepository, Clock } from './ports.ts';
import { OriginRuntime, type ChannelView, type EncodeStatus, type ProgrammeEncoder } from './runtime.ts';
import { applyBatch, type BatchUpdateScheduleRequest, type ScheduleAction, type StoredAction } from './schedule.ts';
import { cmafChunkPath, DEFAULT_LADDER, type Rendition } from './adapters/encode-programme.ts';

export interface OriginDeps {
  repo: ChannelRepository;
  clock: Clock;
  encoder: ProgrammeEncoder;
  /** Encode progress of each channel, for logs, progress bars and readiness. */
  onEncodeStatus?: (channelId: string, status: EncodeStatus) => void;
  /** Called once per break (per process) when a playlist first publishes its first segment. */
  onBreakPublished?: (e: BreakPublished) => void;
}

/** Where a break landed: its scheduled second against the first segment that carries its OUT. */
export interface BreakPublished {
  channelId: string;
  spliceEventId: number;
  expectedStartMs: number;
  actualStartMs: number;
  /** actual − expected: 0 when the break starts exactly on its second. */
  offsetMs: number;
  /** When the playlist carrying it was first served (wall clock). */
  publishedAtMs: number;
}

export interface OriginOptions {
  defaultLadder?: Rendition[];
}

export interface Origin {
  plugin: FastifyPluginAsync;
  runtime: OriginRuntime;
  /** Creates the channel unless it exists; starts its encode either way. */
  ensureChannel(input: ChannelInput): Promise<Channel>;
  /** Creates the channel, or updates it to match `input` (a config file's channels); starts its encode. */
  upsertChannel(input: ChannelInput): Promise<Channel>;
}

const TICKS_PER_SECOND = 90_000;

function actionJson(a: StoredAction): ScheduleAction {
  return { ActionName: a.ActionName, ScheduleActionStartSettings: a.ScheduleActionStartSettings, ScheduleActionSettings: a.ScheduleActionSettings };
}

export function build(deps: OriginDeps, opts: OriginOptions = {}): Origin {
  const runtime = new OriginRuntime(deps.repo, deps.clock, deps.encoder, deps.onEncodeStatus);
  const ladder = opts.defaultLadder ?? DEFAULT_LADDER;
  let actionCounter = 0;

  async function channelOr404(id: string): Promise<Channel> {
    const c = await deps.repo.get(id);
    if (!c) throw new OriginError('CHANNEL_NOT_FOUND', `no channel "${id}"`);
    return c;
  }

  async function updateSchedule(id: string, request: BatchUpdateScheduleRequest) {
    const channel = await channelOr404(id);
    const result = await deps.repo.updateSchedule(id, (actions) => applyBatch(actions, request, { nowMs: deps.clock.now(), leadTimeMs: channel.leadTimeSeconds * 1000 }));
    if (!result) throw new OriginError('CHANNEL_NOT_FOUND', `no channel "${id}"`);
    if (result.errors.length > 0) throw scheduleError(result.errors);
    runtime.invalidate(id);
    return result;
  }

  function uniqueName(prefix: string): string {
    actionCounter = (actionCounter + 1) % 1000;
    return `${prefix}-${deps.clock.now()}-${actionCounter}`;
  }

  function rendition(view: ChannelView, id: string) {
    const r = view.programme.renditions.find((x) => x.id === id);
    if (!r) throw new OriginError('RENDITION_NOT_FOUND', `channel "${view.channel.id}" has no rendition "${id}"`);
    return r;
  }

  /** Breaks already reported through onBreakPublished (bounded: old entries are dropped). */
  const published = new Set<string>();
  function reportBreaks(view: ChannelView, window: ReturnType<ChannelView['timeline']['window']>): void {
    if (!deps.onBreakPublished) return;
    for (const seg of window.segments) {
      if (seg.inBreak?.elapsedSec !== 0) continue;
      const brk = seg.inBreak.brk;
      const key = `${view.channel.id}/${brk.spliceEventId}/${brk.startSec}`;
      if (published.has(key)) continue;
      published.add(key);
      if (published.size > 10_000) published.delete(published.values().next().value!);
      const action = brk.ref as StoredAction | undefined;
      const expectedStartMs = action?.startMs ?? view.channel.epochMs + brk.startSec * 1000;
      deps.onBreakPublished({ channelId: view.channel.id, spliceEventId: brk.spliceEventId, expectedStartMs, actualStartMs: seg.startMs, offsetMs: seg.startMs - expectedStartMs, publishedAtMs: deps.clock.now() });
    }
  }

  /** Playlist text cache: a window changes only when the live edge moves or the schedule changes. */
  const playlistCache = new Map<string, { edge: number; view: ChannelView; text: string }>();

  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    // Players on other origins fetch playlists and segments (MediaPackage answers CORS too).
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/origin/')) void reply.header('access-control-allow-origin', '*');
    });
    app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

    // --- what MediaPackage would serve -------------------------------------------------------
    app.get<{ Params: { channel: string; file: string } }>('/origin/:channel/:file', async (request, reply) => {
      const { channel: id, file } = request.params;
      const view = await runtime.view(id);
      if (file === 'index.mpd') {
        void reply.type('application/dash+xml').header('cache-control', 'max-age=1');
        return dashManifest(view.channel, view.programme, view.timeline, view.timeline.window(deps.clock.now()), deps.clock.now());
      }
      if (file === 'index.m3u8') {
        void reply.type('application/vnd.apple.mpegurl').header('cache-control', 'max-age=60');
        return multivariantPlaylist(view.programme);
      }
      const m = /^([a-z0-9][a-z0-9_-]*)\.m3u8$/.exec(file);
      if (!m) throw new OriginError('SEGMENT_NOT_FOUND', `no file "${file}" on channel "${id}"`);
      const r = rendition(view, m[1]!);
      const nowMs = deps.clock.now();
      const edge = view.timeline.boundaryAtOrBefore(view.timeline.secAt(nowMs));
      const key = `${id}/${r.id}`;
      let cached = playlistCache.get(key);
      if (!cached || cached.edge !== edge || cached.view !== view) {
        const window = view.timeline.window(nowMs);
        reportBreaks(view, window);
        const base = view.programme.ptsBase[r.id] ?? 0;
        const loop = view.programme.loopSeconds;
        const text = mediaPlaylist(view.channel, r.id, window, (sec) => base + (sec % loop) * TICKS_PER_SECOND);
        cached = { edge, view, text };
        playlistCache.set(key, cached);
      }
      void reply.type('application/vnd.apple.mpegurl').header('cache-control', `max-age=${Math.max(1, Math.floor(view.channel.segmentSeconds / 2))}`);
      return cached.text;
    });

    app.get<{ Params: { channel: string; rendition: string; segment: string } }>('/origin/:channel/:rendition/:segment', async (request, reply) => {
      const { channel: id, segment } = request.params;
      const view = await runtime.view(id);
      // DASH carries one audio track (the first rendition's) as the pseudo-rendition "audio".
      const audio = request.params.rendition === 'audio';
      const r = audio ? view.programme.renditions[0]! : rendition(view, request.params.rendition);
      const dir = join(view.programme.dir, r.id);
      if (segment === 'init-video.mp4' && !audio) {
        void reply.type('video/mp4').header('cache-control', 'public, max-age=86400');
        return readFile(join(dir, r.video.init));
      }
      if (segment === 'init-audio.mp4' && audio) {
        void reply.type('audio/mp4').header('cache-control', 'public, max-age=86400');
        return readFile(join(dir, r.audio.init));
      }
      const m = /^(?:(video|audio)-)?(\d{1,12})\.(ts|m4s)$/.exec(segment);
      const kind = m ? (m[3] === 'ts' ? (m[1] === undefined && !audio ? 'ts' : undefined) : m[1] === (audio ? 'audio' : 'video') ? m[1] : undefined) : undefined;
      if (!m || !kind) throw new OriginError('SEGMENT_NOT_FOUND', `no segment "${segment}"`);
      const msn = Number(m[2]);
      const t = view.timeline;
      const edge = t.boundaryAtOrBefore(t.secAt(deps.clock.now()));
      const startSec = t.startOfMsn(msn);
      const seg = t.segmentAt(startSec);
      if (seg.msn !== msn || startSec + seg.durationSec > edge) throw new OriginError('SEGMENT_NOT_FOUND', `segment ${msn} of channel "${id}" is not published`);
      void reply.header('cache-control', 'public, max-age=86400, immutable');
      if (kind === 'ts') {
        const parts = await Promise.all(Array.from({ length: seg.durationSec }, (_, i) => readFile(join(dir, r.tsChunks[seg.chunkStart + i]!))));
        void reply.type('video/mp2t');
        return Buffer.concat(parts);
      }
      const track = kind === 'video' ? r.video : r.audio;
      const fragments = await Promise.all(Array.from({ length: seg.durationSec }, (_, i) => readFile(join(dir, cmafChunkPath(kind, seg.chunkStart + i)))));
      void reply.type(kind === 'video' ? 'video/mp4' : 'audio/mp4');
      return Buffer.from(joinFragments(fragments, tfdtShift(track, view.programme.loopSeconds, seg), seg.startSec + 1));
    });

    // The programme as VOD: complete playlists and a static MPD (vod-output.ts).
    registerVodRoutes(app, runtime);

    // --- channels ----------------------------------------------------------------------------
    app.get('/api/channels', async () => {
      const channels = await deps.repo.list();
      return { channels: channels.map((c) => ({ ...c, encode: runtime.encodeStatus(c) })) };
    });

    app.post<{ Body: ChannelInput }>('/api/channels', { schema: { body: { type: 'object', required: ['id'] } } }, async (request, reply) => {
      let channel: Channel;
      try {
        channel = newChannel(request.body, ladder, deps.clock.now());
      } catch (err) {
        if (err instanceof ChannelValidationError) throw new OriginError('CHANNEL_INVALID', err.message, { field: err.field });
        throw err;
      }
      if (!(await deps.repo.create(channel))) throw new OriginError('CHANNEL_EXISTS', `channel "${channel.id}" already exists`);
      runtime.ensureProgramme(channel).catch(() => {});
      void reply.code(201);
      return { ...channel, encode: runtime.encodeStatus(channel) };
    });

    app.get<{ Params: { id: string } }>('/api/channels/:id', async (request) => {
      const channel = await channelOr404(request.params.id);
      return { ...channel, encode: runtime.encodeStatus(channel) };
    });

    app.put<{ Params: { id: string }; Body: Partial<ChannelInput> }>('/api/channels/:id', { schema: { body: { type: 'object' } } }, async (request) => {
      const old = await channelOr404(request.params.id);
      const updated: Channel = { ...old, ...request.body, id: old.id, epochMs: old.epochMs, createdAt: old.createdAt, updatedAt: new Date(deps.clock.now()).toISOString() };
      try {
        validateChannel(updated);
      } catch (err) {
        if (err instanceof ChannelValidationError) throw new OriginError('CHANNEL_INVALID', err.message, { field: err.field });
        throw err;
      }
      if (!(await deps.repo.update(updated))) throw new OriginError('CHANNEL_NOT_FOUND', `no channel "${old.id}"`);
      runtime.invalidate(old.id);
      runtime.ensureProgramme(updated).catch(() => {});
      return { ...updated, encode: runtime.encodeStatus(updated) };
    });

    app.delete<{ Params: { id: string } }>('/api/channels/:id', async (request, reply) => {
      if (!(await deps.repo.delete(request.params.id))) throw new OriginError('CHANNEL_NOT_FOUND', `no channel "${request.params.id}"`);
      runtime.invalidate(request.params.id);
      void reply.code(204);
    });

    // --- MediaLive schedule ------------------------------------------------------------------
    app.get<{ Params: { id: string } }>('/api/channels/:id/schedule', async (request) => {
      await channelOr404(request.params.id);
      const actions = await deps.repo.listActions(request.params.id);
      return { ScheduleActions: actions.map(actionJson) };
    });

    app.put<{ Params: { id: string }; Body: BatchUpdateScheduleRequest }>('/api/channels/:id/schedule', { schema: { body: { type: 'object' } } }, async (request) => {
      const result = await updateSchedule(request.params.id, request.body);
      return { Creates: { ScheduleActions: result.created.map(actionJson) }, Deletes: { ScheduleActions: result.deleted.map(actionJson) } };
    });

    app.post<{ Params: { id: string }; Body: { durationSeconds?: number; spliceEventId?: number } }>(
      '/api/channels/:id/break-now',
      { schema: { body: { type: 'object', properties: { durationSeconds: { type: 'integer', minimum: 1, maximum: 86400 }, spliceEventId: { type: 'integer', minimum: 0, maximum: 4294967295 } }, additionalProperties: false } } },
      async (request, reply) => {
        const spliceEventId = request.body?.spliceEventId ?? Math.floor(deps.clock.now() / 1000) % 2 ** 32;
        const result = await updateSchedule(request.params.id, {
          Creates: {
            ScheduleActions: [
              {
                ActionName: uniqueName('break-now'),
                ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} },
                ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: spliceEventId, Duration: (request.body?.durationSeconds ?? 30) * TICKS_PER_SECOND } },
              },
            ],
          },
        });
        void reply.code(201);
        return actionJson(result.created[0]!);
      },
    );

    app.post<{ Params: { id: string }; Body: { spliceEventId?: number } }>(
      '/api/channels/:id/return-to-network',
      { schema: { body: { type: 'object', properties: { spliceEventId: { type: 'integer', minimum: 0, maximum: 4294967295 } }, additionalProperties: false } } },
      async (request, reply) => {
        let id = request.body?.spliceEventId;
        if (id === undefined) {
          const view = await runtime.view(request.params.id);
          const seg = view.timeline.segmentAt(view.timeline.boundaryAtOrBefore(view.timeline.secAt(deps.clock.now())));
          id = seg.inBreak?.brk.spliceEventId;
          if (id === undefined) throw new OriginError('SCHEDULE_NO_ACTIVE_BREAK', `no break is in progress on channel "${request.params.id}"`);
        }
        const result = await updateSchedule(request.params.id, {
          Creates: { ScheduleActions: [{ ActionName: uniqueName('return-to-network'), ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} }, ScheduleActionSettings: { Scte35ReturnToNetworkSettings: { SpliceEventId: id } } }] },
        });
        void reply.code(201);
        return actionJson(result.created[0]!);
      },
    );

    // --- Elemental Live cue_point ------------------------------------------------------------
    app.post<{ Params: { id: string }; Body: string }>('/api/live_events/:id/cue_point', async (request, reply) => {
      const channel = await channelOr404(request.params.id);
      const nowMs = deps.clock.now();
      let cp;
      try {
        cp = parseCuePoint(typeof request.body === 'string' ? request.body : '', nowMs);
      } catch (err) {
        if (err instanceof CuePointError) throw new OriginError('CUE_POINT_INVALID', err.message);
        throw err;
      }
      await updateSchedule(channel.id, { Creates: { ScheduleActions: [cuePointAction(cp, nowMs, channel.leadTimeSeconds * 1000, uniqueName('cue-point'))] } });
      void reply.type('application/xml');
      return cuePointResponse(cp);
    });
  };

  return {
    plugin,
    runtime,
    async ensureChannel(input) {
      const existing = await deps.repo.get(input.id);
      const channel = existing ?? newChannel(input, ladder, deps.clock.now());
      if (!existing) await deps.repo.create(channel);
      runtime.ensureProgramme(channel).catch(() => {});
      return channel;
    },
    async upsertChannel(input) {
      const existing = await deps.repo.get(input.id);
      let channel: Channel;
      try {
        channel = existing
          ? { ...existing, ...input, epochMs: existing.epochMs, createdAt: existing.createdAt, updatedAt: new Date(deps.clock.now()).toISOString() }
          : newChannel(input, ladder, deps.clock.now());
        validateChannel(channel);
      } catch (err) {
        if (err instanceof ChannelValidationError) throw new OriginError('CHANNEL_INVALID', `channel "${input.id}": ${err.message}`, { field: err.field });
        throw err;
      }
      if (existing) await deps.repo.update(channel);
      else await deps.repo.create(channel);
      runtime.invalidate(channel.id);
      runtime.ensureProgramme(channel).catch(() => {});
      return channel;
    },
  };
}
