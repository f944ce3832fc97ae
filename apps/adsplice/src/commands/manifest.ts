// `adsplice manifest inspect|print`: what a manifest's ad breaks are, whatever the marker dialect.
import { readFile } from 'node:fs/promises';
import { avails as hlsAvails, isMultivariant, parseM3u8, printM3u8 } from '@adsplice/hls';
import { formatDuration, parseMpd, printMpd, scanAds } from '@adsplice/dash';
import type { Avail } from '@adsplice/scte35/ad-signal';

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  /** Wall clock for dynamic MPDs. */
  nowMs: number;
}

export interface InspectedAvail {
  startSegment: number | null;
  startTime: string | null;
  plannedDurationMs: number | null;
  elapsedMs: number | null;
  endSegment: number | null;
  eventId: number | null;
  open: boolean;
}

export interface Inspection {
  format: 'hls' | 'dash';
  kind: 'multivariant' | 'media' | 'mpd';
  avails: InspectedAvail[];
  issues: { code: string; severity: string; message: string; line?: number; offset?: number }[];
}

/** Reads a file path or an http(s) URL (bounded in time and size). */
export async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GET ${source}: HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > 50 * 1024 * 1024) throw new Error(`${source} is larger than 50 MiB`);
    return text;
  }
  return readFile(source, 'utf8');
}

/** HLS when the text starts (after a BOM, blank lines or comments) like a playlist, DASH when it is XML. */
export function detectFormat(text: string): 'hls' | 'dash' {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') ? 'dash' : 'hls';
}

function iso(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

function shape(a: Avail): InspectedAvail {
  // A wall-clock start (HLS PDT, dynamic MPD) is an ISO 8601 date-time; a presentation time only
  // (static MPD) is an ISO 8601 duration from the start of the presentation.
  const startTime = a.startTimeMs !== undefined ? iso(a.startTimeMs) : a.startPresentationTimeMs !== undefined ? formatDuration(a.startPresentationTimeMs) : null;
  return {
    startSegment: a.startSegment ?? null,
    startTime,
    plannedDurationMs: a.plannedDurationMs ?? null,
    elapsedMs: a.elapsedMs ?? null,
    endSegment: a.endSegment ?? null,
    eventId: a.eventId ?? null,
    open: a.open,
  };
}

export function inspect(text: string, nowMs: number): Inspection {
  if (detectFormat(text) === 'hls') {
    const parsed = parseM3u8(text);
    const multivariant = isMultivariant(parsed.value);
    const found = multivariant ? { value: [], issues: [] } : hlsAvails(parsed.value);
    return {
      format: 'hls',
      kind: multivariant ? 'multivariant' : 'media',
      avails: found.value.map(shape),
      issues: [...parsed.issues, ...found.issues],
    };
  }
  const parsed = parseMpd(text);
  const scan = scanAds(parsed.value, { nowMs });
  return { format: 'dash', kind: 'mpd', avails: scan.value.avails.map(shape), issues: [...parsed.issues, ...scan.issues] };
}

/** The source's text, or undefined after saying why it cannot be read. */
async function readOrSay(source: string, io: Io): Promise<string | undefined> {
  try {
    return await readSource(source);
  } catch (err) {
    io.err.write(`adsplice: cannot read ${source}: ${(err as Error).message}\n`);
    return undefined;
  }
}

export async function manifestInspect(source: string, io: Io): Promise<number> {
  const text = await readOrSay(source, io);
  if (text === undefined) return 1;
  const result = inspect(text, io.nowMs);
  io.out.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.issues.some((i) => i.severity === 'fatal') ? 1 : 0;
}

export async function manifestPrint(source: string, io: Io): Promise<number> {
  const text = await readOrSay(source, io);
  if (text === undefined) return 1;
  if (detectFormat(text) === 'hls') {
    const parsed = parseM3u8(text);
    io.out.write(printM3u8(parsed.value));
    return 0;
  }
  const parsed = parseMpd(text);
  io.out.write(printMpd(parsed.value));
  return parsed.issues.some((i) => i.severity === 'fatal') ? 1 : 0;
}
