// Creative conditioning: every creative is transcoded into the content's renditions (one profile a
// variant, the content's segment duration; MPEG-TS for HLS, CMAF — fragmented MP4, an init segment
// and media segments, video and audio apart — for DASH) and kept in the media store (a folder). Jobs are
// queued with bounded concurrency and deduplicated; nobody waits for one — a creative that is not
// ready is skipped and the next viewer gets it. A job is complete when its manifest.json exists
// (written last), so a crash never leaves a half-conditioned creative that looks ready.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaPlaylist, parseM3u8 } from '@adsplice/hls';
import type { CreativeReadiness } from './fill-plan.ts';
import type { ContentProfile } from './profiles.ts';
import type { HttpClient } from './ports.ts';

export type MediaFormat = 'ts' | 'cmaf';

export interface ConditionTarget {
  profiles: ContentProfile[];
  segmentMs: number;
  /** Default 'ts' (HLS). 'cmaf' (DASH) is keyed apart. */
  format?: MediaFormat;
}

export interface ConditionedCreative {
  creativeKey: string;
  targetKey: string;
  segmentsMs: number[];
  profiles: string[];
}

/**
 * Transcodes `source` into `profile` as segments of `segmentMs` under `dir`; returns the (video) segment
 * durations. 'ts': `seg_00000.ts`…; 'cmaf': video `init.mp4` + `seg_00000.m4s`…, audio `audio-init.mp4`
 * + `audio_00000.m4s`… (as long as the video).
 */
export type Transcode = (source: string, profile: ContentProfile, segmentMs: number, dir: string, format?: MediaFormat) => Promise<number[]>;

export interface ConditionerOptions {
  mediaDir: string;
  concurrency: number;
  http: HttpClient;
  transcode: Transcode;
  downloadTimeoutMs?: number;
  onEvent?: (e: { type: 'CONDITIONING_STARTED' | 'CONDITIONING_DONE' | 'ERROR_CONDITIONING'; creativeKey: string; url: string; message?: string; tookMs?: number }) => void;
  /** How long a failed creative stays failed before it may be tried again. */
  retryFailedAfterMs?: number;
}

/** Keys are asked for on every decision with the same few targets: remembered per target object. */
const targetKeys = new WeakMap<ConditionTarget, string>();

export function targetKeyOf(t: ConditionTarget): string {
  let key = targetKeys.get(t);
  if (key === undefined) {
    const parts: unknown[] = [t.segmentMs, t.profiles.map((p) => p.id)];
    if (t.format === 'cmaf') parts.push('cmaf'); // TS keys stay as they were
    key = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
    targetKeys.set(t, key);
  }
  return key;
}

/** A creative's stable key: its UniversalAdId, else its creative id (with the ad system), else its media URL. */
export function creativeKeyOf(parts: { universalAdId?: string; creativeId?: string; adSystem?: string; mediaUrl: string }): string {
  const basis = parts.universalAdId ? `uaid:${parts.universalAdId}` : parts.creativeId ? `cid:${parts.adSystem ?? ''}:${parts.creativeId}` : `url:${parts.mediaUrl}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 20);
}

interface Job {
  key: string;
  creativeKey: string;
  url: string;
  target: ConditionTarget;
  done: Promise<void>;
}

export class Conditioner {
  private readonly ready = new Map<string, ConditionedCreative>();
  private readonly jobs = new Map<string, Job>();
  private readonly failed = new Map<string, number>();
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly opts: ConditionerOptions) {}

  dirOf(creativeKey: string, targetKey: string): string {
    return join(this.opts.mediaDir, 'creatives', creativeKey, targetKey);
  }

  segmentFile(creativeKey: string, targetKey: string, profileId: string, index: number): string {
    return join(this.dirOf(creativeKey, targetKey), profileId, `seg_${String(index).padStart(5, '0')}.ts`);
  }

  /** A CMAF file of a conditioned creative: `init.mp4`, `seg_00000.m4s`, `audio-init.mp4`, `audio_00000.m4s`. */
  cmafFile(creativeKey: string, targetKey: string, profileId: string, track: 'video' | 'audio', index: number | 'init'): string {
    const name = index === 'init' ? (track === 'video' ? 'init.mp4' : 'audio-init.mp4') : `${track === 'video' ? 'seg' : 'audio'}_${String(index).padStart(5, '0')}.m4s`;
    return join(this.dirOf(creativeKey, targetKey), profileId, name);
  }

  /** The creative conditioned for the target, when it is. */
  conditioned(creativeKey: string, target: ConditionTarget, targetKey = targetKeyOf(target)): ConditionedCreative | undefined {
    const key = `${creativeKey}/${targetKey}`;
    const hit = this.ready.get(key);
    if (hit) return hit;
    if (this.jobs.has(key)) return undefined;
    const manifest = join(this.dirOf(creativeKey, targetKey), 'manifest.json');
    if (!existsSync(manifest)) return undefined;
    const c = JSON.parse(readFileSync(manifest, 'utf8')) as ConditionedCreative;
    this.ready.set(key, c);
    return c;
  }

  /** Where the creative stands; queues it when it is new (or failed long enough ago). */
  readiness(creativeKey: string, url: string, target: ConditionTarget): CreativeReadiness {
    const targetKey = targetKeyOf(target);
    const c = this.conditioned(creativeKey, target, targetKey);
    if (c) return { state: 'ready', segmentsMs: c.segmentsMs };
    const key = `${creativeKey}/${targetKey}`;
    if (this.jobs.has(key)) return { state: 'in-progress' };
    const failedAt = this.failed.get(key);
    if (failedAt !== undefined && Date.now() - failedAt < (this.opts.retryFailedAfterMs ?? 600_000)) return { state: 'error' };
    this.enqueue(creativeKey, url, target);
    return { state: 'new' };
  }

  /** Queues the creative unless it is ready or queued; resolves when it is conditioned (or failed). */
  enqueue(creativeKey: string, url: string, target: ConditionTarget): Promise<void> {
    const targetKey = targetKeyOf(target);
    const key = `${creativeKey}/${targetKey}`;
    if (this.conditioned(creativeKey, target, targetKey)) return Promise.resolve();
    const existing = this.jobs.get(key);
    if (existing) return existing.done;
    let start!: () => Promise<void>;
    const done = new Promise<void>((resolve) => {
      start = () => this.run(creativeKey, targetKey, url, target).finally(resolve);
    });
    this.jobs.set(key, { key, creativeKey, url, target, done });
    this.queue.push(start);
    this.pump();
    return done;
  }

  /** Resolves when no job is queued or running. */
  whenIdle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    if (!this.idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  get pending(): number {
    return this.running + this.queue.length;
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.running++;
      void next().finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0 && this.idle) {
          this.idle.resolve();
          this.idle = undefined;
        }
      });
    }
  }

  private async run(creativeKey: string, targetKey: string, url: string, target: ConditionTarget): Promise<void> {
    const key = `${creativeKey}/${targetKey}`;
    const dir = this.dirOf(creativeKey, targetKey);
    const work = `${dir}.partial-${process.pid}`;
    const started = Date.now();
    this.opts.onEvent?.({ type: 'CONDITIONING_STARTED', creativeKey, url });
    try {
      await rm(work, { recursive: true, force: true });
      await mkdir(work, { recursive: true });
      const source = join(work, 'source');
      await this.opts.http.download(url, source, { timeoutMs: this.opts.downloadTimeoutMs ?? 60_000 });
      let segmentsMs: number[] | undefined;
      for (const p of target.profiles) {
        if (existsSync(join(work, p.id))) continue; // two variants with one profile
        await mkdir(join(work, p.id), { recursive: true });
        const durations = await this.opts.transcode(source, p, target.segmentMs, join(work, p.id), target.format ?? 'ts');
        if (segmentsMs && durations.length !== segmentsMs.length) throw new Error(`profile ${p.id} has ${durations.length} segments, another has ${segmentsMs.length}`);
        segmentsMs ??= durations;
      }
      await rm(source);
      const conditioned: ConditionedCreative = { creativeKey, targetKey, segmentsMs: segmentsMs ?? [], profiles: target.profiles.map((p) => p.id) };
      await writeFile(join(work, 'manifest.json'), JSON.stringify(conditioned));
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(dir, '..'), { recursive: true });
      await rename(work, dir);
      this.ready.set(key, conditioned);
      this.opts.onEvent?.({ type: 'CONDITIONING_DONE', creativeKey, url, tookMs: Date.now() - started });
    } catch (err) {
      this.failed.set(key, Date.now());
      await rm(work, { recursive: true, force: true }).catch(() => {});
      this.opts.onEvent?.({ type: 'ERROR_CONDITIONING', creativeKey, url, message: (err as Error).message });
    } finally {
      this.jobs.delete(key);
    }
  }
}

/** Segment durations (ms) of an HLS media playlist ffmpeg wrote. */
export async function hlsDurations(file: string): Promise<number[]> {
  const media = mediaPlaylist(parseM3u8(await readFile(file, 'utf8')).value).value;
  return media.segments.map((s) => s.durationMs);
}
