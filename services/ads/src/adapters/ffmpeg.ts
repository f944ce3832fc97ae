// Locating and running ffmpeg/ffprobe: the one on PATH if present, else the binaries shipped by
// @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe (whose ffprobe reads MP4 fine but
// crashes on MPEG-TS, which the ADS never probes). A small copy of services/origin's helper: a
// service may not import another service.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { MediaInfo, MediaProber } from '../ports.ts';

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

export function ffmpegBinary(): string {
  return process.env.ADSPLICE_FFMPEG ?? onPath('ffmpeg') ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function ffprobeBinary(): string {
  return process.env.ADSPLICE_FFPROBE ?? onPath('ffprobe') ?? (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

function run(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.on('error', (e) => reject(new Error(`${binary} could not run: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${binary.split('/').pop()} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

/** Runs ffmpeg with `args` (after the common flags); rejects with the tail of stderr. */
export async function runFfmpeg(args: string[]): Promise<void> {
  await run(ffmpegBinary(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
}

/** MediaProber with ffprobe. */
export class FfprobeMediaProber implements MediaProber {
  async probe(file: string): Promise<MediaInfo> {
    const out = await run(ffprobeBinary(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
    let json: {
      format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
      streams?: { codec_type: string; codec_name: string; profile?: string; level?: number; width?: number; height?: number; bit_rate?: string }[];
    };
    try {
      json = JSON.parse(out) as typeof json;
    } catch (e) {
      throw new Error(`ffprobe printed no JSON: ${(e as Error).message}`);
    }
    return {
      formatName: json.format?.format_name ?? '',
      durationMs: Math.round(Number(json.format?.duration ?? 0) * 1000),
      sizeBytes: Number(json.format?.size ?? 0),
      ...(json.format?.bit_rate ? { bitRate: Number(json.format.bit_rate) } : {}),
      streams: (json.streams ?? []).map((s) => ({
        codecType: s.codec_type,
        codecName: s.codec_name,
        ...(s.profile !== undefined ? { profile: s.profile } : {}),
        ...(s.level !== undefined ? { level: s.level } : {}),
        ...(s.width !== undefined ? { width: s.width } : {}),
        ...(s.height !== undefined ? { height: s.height } : {}),
        ...(s.bit_rate ? { bitRate: Number(s.bit_rate) } : {}),
      })),
    };
  }
}
