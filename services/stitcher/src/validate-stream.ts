// Watches a live HLS stream over its refreshes and reports every violation a player would trip on:
// media or discontinuity sequence going wrong, a segment changing under the same sequence number,
// durations over the target, unpaired ad markers, unreachable segments. (`adsplice validate <url>`.)
import { avails, checkSequence, isMultivariant, mediaPlaylist, multivariantPlaylist, parseM3u8, type M3u8 } from '@adsplice/hls';
import type { HttpClient } from './ports.ts';
import { fetchHttpClient } from './adapters/fetch-http-client.ts';

export interface StreamViolation {
  code: string;
  playlist: string;
  message: string;
  atMs: number;
}

export interface StreamReport {
  url: string;
  playlists: string[];
  refreshes: number;
  segmentsChecked: number;
  violations: StreamViolation[];
}

export interface ValidateOptions {
  durationSec: number;
  http?: HttpClient;
  /** Refresh interval; default half the target duration. */
  intervalMs?: number;
  /** GET each new segment (default true). */
  checkSegments?: boolean;
  timeoutMs?: number;
}

interface Watch {
  url: string;
  prev?: M3u8;
  seen: Map<number, { uri: string; durationMs: number }>;
}

export async function validateStream(url: string, opts: ValidateOptions): Promise<StreamReport> {
  const http = opts.http ?? fetchHttpClient;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = Date.now();
  const report: StreamReport = { url, playlists: [], refreshes: 0, segmentsChecked: 0, violations: [] };
  const violation = (code: string, playlist: string, message: string) => report.violations.push({ code, playlist, message, atMs: Date.now() - started });

  const first = await http.get(url, { timeoutMs });
  if (first.status !== 200) {
    violation('PLAYLIST_UNREACHABLE', url, `${url} answered ${first.status}`);
    return report;
  }
  const top = parseM3u8(first.text).value;
  const watches: Watch[] = isMultivariant(top) ? multivariantPlaylist(top).value.variants.map((v) => ({ url: new URL(v.uri, url).href, seen: new Map() })) : [{ url, seen: new Map() }];
  report.playlists = watches.map((w) => w.url);
  const checkedSegments = new Set<string>();
  let intervalMs = opts.intervalMs ?? 1000;

  async function refresh(w: Watch): Promise<void> {
    let text: string;
    try {
      const res = await http.get(w.url, { timeoutMs });
      if (res.status !== 200) return void violation('PLAYLIST_UNREACHABLE', w.url, `answered ${res.status}`);
      text = res.text;
    } catch (err) {
      return void violation('PLAYLIST_UNREACHABLE', w.url, (err as Error).message);
    }
    report.refreshes++;
    const pl = parseM3u8(text).value;
    const media = mediaPlaylist(pl).value;
    if (opts.intervalMs === undefined && media.targetDurationMs) intervalMs = Math.max(250, media.targetDurationMs / 2);
    if (w.prev) for (const issue of checkSequence(w.prev, pl)) violation(issue.code, w.url, issue.message);
    w.prev = pl;
    const target = media.targetDurationMs ?? Infinity;
    for (const s of media.segments) {
      // RFC 8216 §4.3.3.1: each EXTINF, rounded to the nearest integer, is at most the target duration.
      if (Math.round(s.durationMs / 1000) * 1000 > target) violation('SEGMENT_OVER_TARGET_DURATION', w.url, `segment ${s.mediaSequence} lasts ${s.durationMs} ms, over the target ${target} ms`);
      const abs = new URL(s.uri, w.url).href;
      const before = w.seen.get(s.mediaSequence);
      if (before && (before.uri !== abs || before.durationMs !== s.durationMs)) violation('SEGMENT_CHANGED', w.url, `segment ${s.mediaSequence} was ${before.uri} (${before.durationMs} ms), now ${abs} (${s.durationMs} ms)`);
      w.seen.set(s.mediaSequence, { uri: abs, durationMs: s.durationMs });
      if (opts.checkSegments !== false && !checkedSegments.has(abs)) {
        checkedSegments.add(abs);
        report.segmentsChecked++;
        try {
          const res = await http.get(abs, { timeoutMs });
          if (res.status !== 200) violation('SEGMENT_UNREACHABLE', w.url, `${abs} answered ${res.status}`);
        } catch (err) {
          violation('SEGMENT_UNREACHABLE', w.url, `${abs}: ${(err as Error).message}`);
        }
      }
    }
    const found = avails(pl);
    for (const i of found.issues) if (['HLS_CUE_IN_WITHOUT_OUT', 'HLS_CONT_WITHOUT_OUT', 'HLS_OVERLAPPING_OUT', 'HLS_CUE_CONT_MISMATCH'].includes(i.code)) violation(`MARKERS_${i.code.slice(4)}`, w.url, i.message);
    // A closed break must have been opened in view, unless it started before the window.
    for (const a of found.value) if (!a.open && a.startSegment === undefined && !a.startedBeforeWindow) violation('MARKERS_UNPAIRED', w.url, `a break ends at ${a.endSegment} without a start`);
  }

  await new Promise<void>((resolve) => {
    const tick = async () => {
      await Promise.all(watches.map(refresh));
      if (Date.now() - started + intervalMs > opts.durationSec * 1000) return resolve();
      setTimeout(() => void tick(), intervalMs);
    };
    void tick();
  });
  return report;
}
