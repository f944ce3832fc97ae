// Locating and running ffmpeg/ffprobe — the one on PATH if present, else the binaries shipped by
// @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe — for the origin (ladder encodes) and the
// stitcher (creative conditioning) and the ADS (creative upload checks).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let ffmpegPath: string | undefined;
let ffprobePath: string | undefined;

export function ffmpegBinary(): string {
  ffmpegPath ??= process.env.ADSPLICE_FFMPEG ?? onPath('ffmpeg') ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  return ffmpegPath;
}

export function ffprobeBinary(): string {
  ffprobePath ??= process.env.ADSPLICE_FFPROBE ?? onPath('ffprobe') ?? (require('@ffprobe-installer/ffprobe') as { path: string }).path;
  return ffprobePath;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'FfmpegError';
  }
}

export interface RunOptions {
  /** Called with the encoded time in ms as ffmpeg reports it (-progress). */
  onTimeMs?: (ms: number) => void;
  signal?: AbortSignal;
}

/** Runs ffmpeg with `args` (after the common flags); rejects with the tail of stderr on failure. */
export function runFfmpeg(args: string[], opts: RunOptions = {}): Promise<void> {
  const full = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...(opts.onTimeMs ? ['-progress', 'pipe:1', '-nostats'] : []), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegBinary(), full, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        // out_time_ms is in microseconds despite its name.
        const m = /^out_time_(?:ms|us)=(\d+)/.exec(line);
        if (m && opts.onTimeMs) opts.onTimeMs(Math.floor(Number(m[1]) / 1000));
      }
    });
    child.on('error', (err) => reject(new FfmpegError(`ffmpeg could not run: ${err.message}`, null, stderr)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new FfmpegError(`ffmpeg exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, code, stderr));
    });
  });
}

export interface ProbeResult {
  formatName: string;
  durationMs: number;
  sizeBytes: number;
  bitRate?: number;
  streams: { codecType: string; codecName: string; profile?: string; level?: number; width?: number; height?: number; sampleRate?: number; channels?: number; bitRate?: number; frameRate?: string }[];
}

/** ffprobe's view of a media file; rejects when it is not media ffprobe can read. */
export function probe(file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobeBinary(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    child.on('error', (e) => reject(new FfmpegError(`ffprobe could not run: ${e.message}`, null, err)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new FfmpegError(`ffprobe exited with ${code}: ${err.trim()}`, code, err));
      try {
        const json = JSON.parse(out) as {
          format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
          streams?: { codec_type: string; codec_name: string; profile?: string; level?: number; width?: number; height?: number; sample_rate?: string; channels?: number; bit_rate?: string; r_frame_rate?: string }[];
        };
        resolve({
          formatName: json.format?.format_name ?? '',
          durationMs: Math.round(Number(json.format?.duration ?? 0) * 1000),
          sizeBytes: Number(json.format?.size ?? 0),
          bitRate: json.format?.bit_rate ? Number(json.format.bit_rate) : undefined,
          streams: (json.streams ?? []).map((s) => ({
            codecType: s.codec_type,
            codecName: s.codec_name,
            profile: s.profile,
            level: s.level,
            width: s.width,
            height: s.height,
            sampleRate: s.sample_rate ? Number(s.sample_rate) : undefined,
            channels: s.channels,
            bitRate: s.bit_rate ? Number(s.bit_rate) : undefined,
            frameRate: s.r_frame_rate,
          })),
        });
      } catch (e) {
        reject(new FfmpegError(`ffprobe printed no JSON: ${(e as Error).message}`, code, err));
      }
    });
  });
}

/**
 * Decodes every frame of `file` (ffmpeg to the null muxer) and rejects on any decode error.
 * Used instead of ffprobe for MPEG-TS: the static ffprobe shipped on npm crashes on TS input.
 */
export async function decodeCheck(file: string): Promise<void> {
  await runFfmpeg(['-xerror', '-i', file, '-f', 'null', '-']);
}
