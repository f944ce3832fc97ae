// Per-channel runtime state of one origin process: the encoded programme (encoded once, shared by
// channels with the same source and ladder), the encode progress, and a timeline of the channel's
// breaks refreshed from the store at most a second old — so several origin processes on one store
// agree on every playlist within that second.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Channel } from './channel.ts';
import type { EncodedProgramme, EncodeProgress, ProgrammeSource, Rendition } from './adapters/encode-programme.ts';
import { OriginError } from './errors.ts';
import { firstVideoPts } from './mpegts.ts';
import type { ChannelRepository, Clock } from './ports.ts';
import { deriveBreaks, type StoredAction } from './schedule.ts';
import { Timeline } from './timeline.ts';

export interface ProgrammeEncoder {
  /** Encodes (or loads the cached encode); `signal` aborts a running encode (ffmpeg is killed). */
  encode(source: ProgrammeSource, ladder: Rendition[], onProgress: (p: EncodeProgress) => void, signal: AbortSignal): Promise<EncodedProgramme>;
}

export interface ReadyProgramme extends EncodedProgramme {
  /** PTS of chunk 0's first video frame, per rendition id (chunk k starts k seconds later). */
  ptsBase: Record<string, number>;
}

export type EncodeStatus =
  | { state: 'encoding'; fraction: number; rendition?: string }
  | { state: 'ready' }
  | { state: 'failed'; error: string };

export interface ChannelView {
  channel: Channel;
  programme: ReadyProgramme;
  timeline: Timeline;
  actions: StoredAction[];
}

interface Cached {
  loadedAt: number;
  view: Promise<ChannelView>;
}

/** How old a cached channel view may be before it is read again from the store. */
const REFRESH_MS = 1000;

export class OriginRuntime {
  private readonly programmes = new Map<string, { status: EncodeStatus; ready: Promise<ReadyProgramme> }>();
  private readonly cache = new Map<string, Cached>();
  /** Aborts running encodes when the process stops. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly repo: ChannelRepository,
    private readonly clock: Clock,
    private readonly encoder: ProgrammeEncoder,
    private readonly onStatus: (channelId: string, status: EncodeStatus) => void = () => {},
  ) {}

  private sourceOf(channel: Channel): ProgrammeSource {
    return channel.source.kind === 'test' ? { kind: 'test', channelName: channel.name, durationSec: channel.source.durationSec } : { kind: 'file', path: channel.source.path };
  }

  private programmeKey(channel: Channel): string {
    return JSON.stringify([this.sourceOf(channel), channel.ladder]);
  }

  /** Starts encoding the channel's programme unless it is encoded or encoding; resolves when ready. */
  ensureProgramme(channel: Channel): Promise<ReadyProgramme> {
    const key = this.programmeKey(channel);
    let entry = this.programmes.get(key);
    if (!entry || entry.status.state === 'failed') {
      const status: { current: EncodeStatus } = { current: { state: 'encoding', fraction: 0 } };
      const ready = this.encoder
        .encode(
          this.sourceOf(channel),
          channel.ladder,
          (p) => {
            status.current = { state: 'encoding', fraction: p.fraction, rendition: p.rendition };
            entry!.status = status.current;
            this.onStatus(channel.id, status.current);
          },
          this.stopping.signal,
        )
        .then(async (programme) => {
          const ptsBase: Record<string, number> = {};
          for (const r of programme.renditions) {
            const first = await readFile(join(programme.dir, r.id, r.tsChunks[0]!));
            ptsBase[r.id] = firstVideoPts(first) ?? 0;
          }
          entry!.status = { state: 'ready' };
          this.onStatus(channel.id, entry!.status);
          return { ...programme, ptsBase };
        })
        .catch((err: unknown) => {
          entry!.status = { state: 'failed', error: (err as Error).message };
          this.onStatus(channel.id, entry!.status);
          throw err;
        });
      ready.catch(() => {});
      entry = { status: status.current, ready };
      this.programmes.set(key, entry);
    }
    return entry.ready;
  }

  /** Stops running encodes (their partial output is discarded and redone at the next start). */
  close(): void {
    this.stopping.abort();
  }

  encodeStatus(channel: Channel): EncodeStatus {
    return this.programmes.get(this.programmeKey(channel))?.status ?? { state: 'encoding', fraction: 0 };
  }

  /** Forget the cached view (after this process changed the channel or its schedule). */
  invalidate(channelId: string): void {
    this.cache.delete(channelId);
  }

  private async load(channelId: string): Promise<ChannelView> {
    const channel = await this.repo.get(channelId);
    if (!channel) throw new OriginError('CHANNEL_NOT_FOUND', `no channel "${channelId}"`);
    const pending = this.ensureProgramme(channel);
    const status = this.encodeStatus(channel);
    if (status.state !== 'ready') {
      const detail = status.state === 'failed' ? `its encode failed: ${status.error}` : `encoding, ${Math.round(status.fraction * 100)}% done`;
      throw new OriginError('CHANNEL_NOT_READY', `channel "${channelId}" is not ready: ${detail}`);
    }
    const programme = await pending;
    const actions = await this.repo.listActions(channelId);
    const timeline = new Timeline(
      { epochMs: channel.epochMs, loopSeconds: programme.loopSeconds, segmentSeconds: channel.segmentSeconds, windowSeconds: channel.windowSeconds },
      deriveBreaks(actions, channel.epochMs),
    );
    return { channel, programme, timeline, actions };
  }

  /** The channel as of at most a second ago; throws CHANNEL_NOT_FOUND or CHANNEL_NOT_READY. */
  view(channelId: string): Promise<ChannelView> {
    const now = this.clock.now();
    const cached = this.cache.get(channelId);
    if (cached && now - cached.loadedAt < REFRESH_MS) return cached.view;
    const view = this.load(channelId);
    this.cache.set(channelId, { loadedAt: now, view });
    view.catch(() => {
      if (this.cache.get(channelId)?.view === view) this.cache.delete(channelId);
    });
    return view;
  }
}
