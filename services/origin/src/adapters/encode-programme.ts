// Encodes a channel's source once into its ladder, as 1 s chunks: MPEG-TS chunks for HLS and
// CMAF (fMP4) fragments for DASH, cached on disk under a key of (source, ladder, encoder
// settings) and reused across restarts. A programme is complete when its programme.json exists
// (written last, by rename), so a crash mid-encode never leaves a programme that looks usable.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { probe, runFfmpeg } from '@adsplice/media';

const require = createRequire(import.meta.url);

export interface Rendition {
  id: string;
  width: number;
  height: number;
  /** bits per second */
  videoBitrate: number;
  audioBitrate: number;
}

/** MediaLive-like default ladder. */
export const DEFAULT_LADDER: Rendition[] = [
  { id: '720p', width: 1280, height: 720, videoBitrate: 3_000_000, audioBitrate: 128_000 },
  { id: '480p', width: 854, height: 480, videoBitrate: 1_500_000, audioBitrate: 128_000 },
  { id: '360p', width: 640, height: 360, videoBitrate: 800_000, audioBitrate: 96_000 },
];

export type ProgrammeSource =
  /** The built-in test programme: moving pattern, channel name and programme clock burned in, a tone with a beep each second. */
  | { kind: 'test'; channelName: string; durationSec: number }
  /** A user's MP4 (its first whole seconds are used). */
  | { kind: 'file'; path: string };

export interface CmafTrack {
  timescale: number;
  init: string;
  /** One entry a chunk: start and duration in the track's timescale, as encoded. */
  chunks: { t: number; d: number }[];
}

export interface EncodedRendition extends Rendition {
  /** Total bits per second, for BANDWIDTH. */
  bandwidth: number;
  codecs: string;
  /** ts/c_00000.ts … */
  tsChunks: string[];
  video: CmafTrack;
  audio: CmafTrack;
}

export interface EncodedProgramme {
  key: string;
  dir: string;
  loopSeconds: number;
  renditions: EncodedRendition[];
}

/** Bump when the encoding settings change: the cache key includes it. */
const ENCODER_VERSION = 1;
const FPS = 25;
const CODECS = 'avc1.4d401f,mp4a.40.2';

/** Path (under the rendition's folder) of CMAF chunk `index` (0-based) of a track. */
export function cmafChunkPath(track: 'video' | 'audio', index: number): string {
  return `cmaf/c-${track === 'video' ? 0 : 1}-${String(index + 1).padStart(5, '0')}.m4s`;
}

export function programmeKey(source: ProgrammeSource, ladder: Rendition[]): string {
  return createHash('sha256').update(JSON.stringify({ v: ENCODER_VERSION, source, ladder })).digest('hex').slice(0, 16);
}

function fontFile(): string {
  const dir = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
  return join(dir, 'DejaVuSans-Bold.ttf');
}

/** drawtext-safe text: the filter graph treats \ ' : % specially. */
function drawtextLiteral(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.-]/g, '_');
}

function sourceInput(source: ProgrammeSource, loopSeconds: number): string[] {
  if (source.kind === 'file') return ['-i', source.path];
  const font = fontFile();
  const name = drawtextLiteral(source.channelName);
  const video = [
    `testsrc2=size=1280x720:rate=${FPS}`,
    `drawtext=fontfile=${font}:text='${name}':x=40:y=40:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=12`,
    `drawtext=fontfile=${font}:text='%{pts\\:hms}':x=40:y=h-110:fontsize=64:fontcolor=yellow:box=1:boxcolor=black@0.6:boxborderw=12`,
  ].join(',');
  return ['-f', 'lavfi', '-i', video, '-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=4:sample_rate=48000:duration=${loopSeconds}`];
}

export interface EncodeProgress {
  rendition: string;
  /** 0..1 over the whole programme. */
  fraction: number;
}

async function loopSecondsOf(source: ProgrammeSource): Promise<number> {
  if (source.kind === 'test') return source.durationSec;
  const info = await probe(source.path);
  if (!info.streams.some((s) => s.codecType === 'video')) throw new Error(`${source.path} has no video stream`);
  const seconds = Math.floor(info.durationMs / 1000);
  if (seconds < 2) throw new Error(`${source.path} is shorter than 2 s`);
  return seconds;
}

function parseDashTimeline(mpd: string): { timescale: number; chunks: { t: number; d: number }[] }[] {
  const tracks: { timescale: number; chunks: { t: number; d: number }[] }[] = [];
  for (const tpl of mpd.matchAll(/<SegmentTemplate[^>]*timescale="(\d+)"[^>]*>([\s\S]*?)<\/SegmentTemplate>/g)) {
    const chunks: { t: number; d: number }[] = [];
    let t = 0;
    for (const s of tpl[2]!.matchAll(/<S\s+([^>]*?)\/>/g)) {
      const attrs = Object.fromEntries([...s[1]!.matchAll(/(\w+)="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
      if (attrs.t !== undefined) t = attrs.t;
      for (let i = 0; i <= (attrs.r ?? 0); i++) {
        chunks.push({ t, d: attrs.d! });
        t += attrs.d!;
      }
    }
    tracks.push({ timescale: Number(tpl[1]), chunks });
  }
  return tracks;
}

async function encodeRendition(source: ProgrammeSource, r: Rendition, loopSeconds: number, dir: string, onTimeMs: (ms: number) => void, signal?: AbortSignal): Promise<EncodedRendition> {
  const out = join(dir, r.id);
  await mkdir(join(out, 'ts'), { recursive: true });
  await mkdir(join(out, 'cmaf'), { recursive: true });
  const mezz = join(out, 'mezzanine.mp4');
  // Closed 1 s GOPs, no scene-cut keyframes: every second starts an IDR, so chunks concatenate.
  await runFfmpeg(
    [
      ...sourceInput(source, loopSeconds),
      '-t', String(loopSeconds),
      '-map', '0:v:0', '-map', source.kind === 'test' ? '1:a:0' : '0:a:0?',
      '-vf', `scale=${r.width}:${r.height}:force_original_aspect_ratio=decrease,pad=${r.width}:${r.height}:(ow-iw)/2:(oh-ih)/2,fps=${FPS},format=yuv420p`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-level', '3.1',
      '-b:v', String(r.videoBitrate), '-maxrate', String(r.videoBitrate), '-bufsize', String(r.videoBitrate * 2),
      '-g', String(FPS), '-keyint_min', String(FPS), '-sc_threshold', '0', '-flags', '+cgop',
      '-force_key_frames', 'expr:gte(t,n_forced*1)',
      '-c:a', 'aac', '-b:a', String(r.audioBitrate), '-ac', '2', '-ar', '48000',
      '-video_track_timescale', '90000',
      '-movflags', '+faststart',
      mezz,
    ],
    { onTimeMs, ...(signal ? { signal } : {}) },
  );
  const opts = signal ? { signal } : {};
  await runFfmpeg(['-i', mezz, '-c', 'copy', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_segment_filename', join(out, 'ts', 'c_%05d.ts'), join(out, 'ts', 'chunks.m3u8')], opts);
  await runFfmpeg([
    '-i', mezz, '-c', 'copy', '-f', 'dash', '-seg_duration', '1', '-use_timeline', '1', '-use_template', '1',
    '-init_seg_name', 'init-$RepresentationID$.mp4', '-media_seg_name', 'c-$RepresentationID$-$Number%05d$.m4s',
    join(out, 'cmaf', 'chunks.mpd'),
  ], opts);
  const tsChunks = (await readdir(join(out, 'ts'))).filter((f) => f.endsWith('.ts')).sort().map((f) => `ts/${f}`);
  const [video, audio] = parseDashTimeline(await readFile(join(out, 'cmaf', 'chunks.mpd'), 'utf8'));
  if (!video || !audio) throw new Error(`rendition ${r.id}: the CMAF remux has no video or audio track`);
  if (tsChunks.length !== loopSeconds || video.chunks.length !== loopSeconds) {
    throw new Error(`rendition ${r.id}: expected ${loopSeconds} one-second chunks, got ${tsChunks.length} TS and ${video.chunks.length} CMAF`);
  }
  await rm(mezz);
  return {
    ...r,
    bandwidth: Math.round((r.videoBitrate + r.audioBitrate) * 1.1),
    codecs: CODECS,
    tsChunks,
    video: { ...video, init: 'cmaf/init-0.mp4' },
    audio: { ...audio, init: 'cmaf/init-1.mp4' },
  };
}

/**
 * The encoded programme for (source, ladder) under `mediaDir`, encoding it first when it is not
 * cached. `onProgress` is called as each rendition encodes.
 */
export async function encodeProgramme(source: ProgrammeSource, ladder: Rendition[], mediaDir: string, onProgress: (p: EncodeProgress) => void = () => {}, signal?: AbortSignal): Promise<EncodedProgramme> {
  const key = programmeKey(source, ladder);
  const dir = join(mediaDir, 'programmes', key);
  const manifest = join(dir, 'programme.json');
  if (existsSync(manifest)) return { ...(JSON.parse(await readFile(manifest, 'utf8')) as EncodedProgramme), dir };

  const loopSeconds = await loopSecondsOf(source);
  const work = `${dir}.partial`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const renditions: EncodedRendition[] = [];
  for (const [i, r] of ladder.entries()) {
    const rendition = await encodeRendition(
      source,
      r,
      loopSeconds,
      work,
      (ms) => onProgress({ rendition: r.id, fraction: (i + Math.min(1, ms / 1000 / loopSeconds)) / ladder.length }),
      signal,
    );
    renditions.push(rendition);
    onProgress({ rendition: r.id, fraction: (i + 1) / ladder.length });
  }
  const programme: EncodedProgramme = { key, dir, loopSeconds, renditions };
  await writeFile(join(work, 'programme.json'), JSON.stringify({ ...programme, dir: undefined }, null, 1));
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return programme;
}
