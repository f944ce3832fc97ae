// Pairs ad signals into breaks (Avails): OUT … CONT … IN, or open; a break whose OUT slid out of the
// window (found from a CONT, or a DATERANGE that started before the first segment); an IN before the
// planned end (early return); a break ended by its planned duration when the dialect writes no IN
// (DATERANGE, Adobe EXT-X-CUE, auto-return splice_insert); an OUT while a break runs (HLS_OVERLAPPING_OUT).
import type { AdSignal, Avail } from '@adsplice/scte35/ad-signal';
import { readSignals, type SignalMeta } from './ad-signals.ts';
import { isAdLevelType } from './cue-meaning.ts';
import { precisionMs } from './decimal.ts';
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import type { MediaPlaylist } from './media-playlist.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { boundaryAfter, durationBetween, locateTime, msnAt, pdtAt } from './timeline.ts';

/** An IN this much (ms) before the planned end is an early return (return to network). */
export const EARLY_RETURN_MS = 500;

interface Running {
  avail: Avail;
  level: 'break' | 'ad';
  /** Boundary where the break starts (-1: before the window, Infinity: after it). */
  startPos: number;
  /** The first boundary of the window inside the break. */
  visiblePos: number;
  /** Elapsed time in the break at `visiblePos`, when known. */
  elapsedAtVisible?: number;
  /** Where the planned duration runs out, when the break ends by itself. */
  implicitEnd?: number;
  /** The OUT signal's dialect ends by duration (DATERANGE, Adobe) or auto-returns. */
  endsByItself: boolean;
  /** The planned duration / event id came from an SCTE-35 payload. */
  payloadDuration: boolean;
  payloadEventId: boolean;
}

class Pairing {
  readonly avails: Avail[] = [];
  readonly issues: HlsIssue[] = [];
  running: Running | undefined;
  /** Breaks announced for after the window (DATERANGE in advance). */
  readonly future: Running[] = [];
  lastClosed: { run: Running; pos: number | undefined } | undefined;

  constructor(
    readonly media: MediaPlaylist,
    readonly meta: Map<AdSignal, SignalMeta>,
  ) {}

  level(s: AdSignal): 'break' | 'ad' {
    return isAdLevelType(s.segmentationTypeId) ? 'ad' : 'break';
  }

  elapsedAt(run: Running, pos: number): number | undefined {
    if (run.startPos === Infinity) return undefined;
    const to = Math.min(pos, this.media.segments.length);
    return (run.elapsedAtVisible ?? 0) + durationBetween(this.media, run.visiblePos, to);
  }

  open(s: AdSignal, pos: number): Running {
    const m = this.meta.get(s)!;
    const avail: Avail = { open: true, startedBeforeWindow: false, earlyReturn: false, signals: [s] };
    const run: Running = { avail, level: this.level(s), startPos: pos, visiblePos: Math.max(0, pos), endsByItself: false, payloadDuration: false, payloadEventId: false };
    if (pos >= 0 && pos !== Infinity) avail.startSegment = msnAt(this.media, pos);
    if (s.timeMs !== undefined) avail.startTimeMs = s.timeMs;
    if (pos === -1) {
      avail.startedBeforeWindow = true;
      const first = pdtAt(this.media, 0);
      if (first !== undefined && s.timeMs !== undefined) run.elapsedAtVisible = first - s.timeMs;
    }
    this.absorb(run, s);
    run.endsByItself = s.dialect === 'daterange' || s.dialect === 'adobe-cue' || m.autoReturn === true;
    this.planImplicitEnd(run);
    this.avails.push(avail);
    this.running = run;
    return run;
  }

  /** Takes event id and planned duration from a signal of the running break (payload-backed values first). */
  absorb(run: Running, s: AdSignal): void {
    const a = run.avail;
    if (s.eventId !== undefined && (a.eventId === undefined || (s.scte35 !== undefined && !run.payloadEventId))) {
      a.eventId = s.eventId;
      run.payloadEventId = s.scte35 !== undefined;
    }
    if (s.durationMs === undefined) return;
    const fromPayload = s.scte35 !== undefined && this.meta.get(s)?.durationText === undefined;
    if (a.plannedDurationMs === undefined || (fromPayload && !run.payloadDuration)) {
      a.plannedDurationMs = s.durationMs;
      run.payloadDuration = fromPayload;
    }
  }

  planImplicitEnd(run: Running): void {
    const planned = run.avail.plannedDurationMs;
    delete run.implicitEnd;
    if (!run.endsByItself || planned === undefined || run.startPos === Infinity) return;
    const start = run.avail.startTimeMs;
    if (start !== undefined && pdtAt(this.media, 0) !== undefined) {
      const at = locateTime(this.media, start + planned);
      if (at.where === 'in') run.implicitEnd = at.pos;
      else if (at.where === 'before') run.implicitEnd = -1;
      return;
    }
    if (run.startPos >= 0) {
      const end = boundaryAfter(this.media, run.visiblePos, planned - (run.elapsedAtVisible ?? 0));
      if (end !== undefined) run.implicitEnd = end;
    }
  }

  close(run: Running, pos: number | undefined, byIn: boolean): void {
    const a = run.avail;
    a.open = false;
    if (pos === undefined || pos < 0) {
      a.elapsedMs = 0;
    } else {
      a.endSegment = msnAt(this.media, pos);
      const elapsed = this.elapsedAt(run, pos);
      if (elapsed !== undefined) a.elapsedMs = elapsed;
      if (byIn && a.plannedDurationMs !== undefined && elapsed !== undefined && !(a.startedBeforeWindow && run.elapsedAtVisible === undefined)) {
        a.earlyReturn = elapsed + EARLY_RETURN_MS < a.plannedDurationMs;
      }
    }
    this.running = undefined;
    this.lastClosed = { run, pos };
  }

  /** Closes the running break where its planned duration ran out, if that is at or before `pos`. */
  settle(pos: number): void {
    const run = this.running;
    if (run?.implicitEnd !== undefined && run.implicitEnd <= pos) this.close(run, run.implicitEnd < 0 ? undefined : run.implicitEnd, false);
  }

  onIn(s: AdSignal, pos: number): void {
    const run = this.running;
    if (pos === Infinity) {
      // Its break ends after the window: a break announced ahead (same id), else the running one.
      const ahead = this.future.find((f) => (s.id !== undefined && f.avail.signals[0]?.id === s.id) || (s.eventId !== undefined && f.avail.eventId === s.eventId));
      (ahead ?? run)?.avail.signals.push(s);
      return;
    }
    if (run) {
      if (run.level === 'break' && this.level(s) === 'ad') {
        run.avail.signals.push(s); // an ad ends inside the break
        return;
      }
      run.avail.signals.push(s);
      if (s.eventId !== undefined && run.avail.eventId !== undefined && s.eventId !== run.avail.eventId && s.scte35 !== undefined) {
        this.issues.push(hlsIssue('HLS_CUE_IN_EVENT_MISMATCH', s.line, `break end for event ${s.eventId} ends the break of event ${run.avail.eventId}`, { eventId: s.eventId, availEventId: run.avail.eventId }));
      }
      this.close(run, pos, true);
      return;
    }
    const last = this.lastClosed;
    if (last && last.pos === pos) {
      last.run.avail.signals.push(s); // a second dialect's IN for the break that just ended
      return;
    }
    if (pos > 0 && pos !== Infinity) this.issues.push(hlsIssue('HLS_CUE_IN_WITHOUT_OUT', s.line, 'break end without a running break'));
  }

  onOut(s: AdSignal, pos: number): void {
    const run = this.running;
    if (pos === Infinity) {
      this.future.push(this.open(s, pos)); // a break announced for after the window: listed, the running one goes on
      this.running = run;
      return;
    }
    if (run) {
      if (run.startPos === pos && (pos >= 0 || s.timeMs === run.avail.startTimeMs)) {
        this.companion(run, s);
        return;
      }
      const repeat = s.eventId !== undefined && s.eventId === run.avail.eventId;
      if (repeat || (run.level === 'break' && this.level(s) === 'ad')) {
        run.avail.signals.push(s);
        return;
      }
      this.issues.push(hlsIssue('HLS_OVERLAPPING_OUT', s.line, 'a break starts while another is running; the earlier one ends here', { mediaSequence: s.mediaSequence }));
      this.close(run, pos, false);
    }
    this.open(s, pos);
  }

  /** A second tag for the same OUT (EXT-OATCLS-SCTE35 + EXT-X-CUE-OUT, two dialects side by side). */
  companion(run: Running, s: AdSignal): void {
    const a = run.avail;
    a.signals.push(s);
    this.absorb(run, s);
    if (a.startTimeMs === undefined && s.timeMs !== undefined) a.startTimeMs = s.timeMs;
    const m = this.meta.get(s)!;
    if (m.autoReturn || s.dialect === 'daterange' || s.dialect === 'adobe-cue') run.endsByItself = true;
    // A duration written as text next to a payload that says otherwise.
    const text = m.durationText;
    const other = a.signals.find((o) => o !== s && o.kind === 'out' && o.durationMs !== undefined);
    if (s.durationMs !== undefined && other?.durationMs !== undefined && s.durationMs !== other.durationMs) {
      const textual = text !== undefined ? s : other;
      const textOf = this.meta.get(textual)?.durationText;
      const tolerance = textOf === undefined ? 1 : precisionMs(textOf);
      if (Math.abs(s.durationMs - other.durationMs) > tolerance) {
        const payload = textual === s ? other : s;
        this.issues.push(
          hlsIssue('HLS_CUE_CONFLICT', textual.line, `the break's duration is written as ${textual.durationMs} ms and ${payload.durationMs} ms`, {
            field: 'durationMs',
            tagValue: textual.durationMs,
            scte35Value: payload.durationMs,
          }),
        );
      }
    }
    this.planImplicitEnd(run);
  }

  onCont(s: AdSignal, pos: number): void {
    let run = this.running;
    if (!run) {
      run = this.open(s, pos);
      run.avail.startedBeforeWindow = true;
      delete run.avail.startSegment;
      delete run.avail.startTimeMs;
      if (s.elapsedMs !== undefined) {
        run.elapsedAtVisible = s.elapsedMs;
        const t = pdtAt(this.media, pos);
        if (t !== undefined) run.avail.startTimeMs = t - s.elapsedMs;
      }
      this.planImplicitEnd(run);
      if (pos > 0) this.issues.push(hlsIssue('HLS_CONT_WITHOUT_OUT', s.line, 'a break continues with no OUT before it in the window'));
      return;
    }
    run.avail.signals.push(s);
    this.absorb(run, s);
    if (s.elapsedMs === undefined) return;
    const expected = this.elapsedAt(run, pos);
    if (expected === undefined || (run.avail.startedBeforeWindow && run.elapsedAtVisible === undefined)) return;
    const text = this.meta.get(s)?.elapsedText ?? '';
    const tolerance = precisionMs(text) + Math.max(0, pos - run.visiblePos);
    if (Math.abs(expected - s.elapsedMs) > tolerance) {
      this.issues.push(hlsIssue('HLS_CUE_CONT_MISMATCH', s.line, `elapsed time ${text} s, but the segments since the break started add up to ${expected} ms`, { elapsedMs: s.elapsedMs, expectedMs: expected }));
    }
  }

  /** A cue beside the OUT (EXT-X-ASSET, a cue of the same event) belongs to the break. */
  onCmd(s: AdSignal, pos: number): void {
    const run = this.running;
    if (!run) return;
    const atStart = pos >= 0 ? pos === run.startPos : s.timeMs !== undefined && s.timeMs === run.avail.startTimeMs;
    if (atStart && (s.dialect === 'asset' || s.eventId === undefined || s.eventId === run.avail.eventId)) run.avail.signals.push(s);
  }

  finish(): void {
    const run = this.running;
    if (!run) return;
    if (run.implicitEnd !== undefined) {
      this.close(run, run.implicitEnd < 0 ? undefined : run.implicitEnd, false);
      return;
    }
    const n = this.media.segments.length;
    const elapsed = this.elapsedAt(run, n);
    if (elapsed !== undefined) run.avail.elapsedMs = elapsed;
  }
}

/** Pairs the ad signals of a media playlist into breaks. Issues include those of adSignals(). Never throws. */
export function avails(playlist: M3u8): Result<Avail[]> {
  const read = readSignals(playlist);
  const p = new Pairing(read.media, read.meta);
  const ordered = read.signals
    .map((s, i) => ({ s, i, pos: read.meta.get(s)!.position }))
    .sort((a, b) => a.pos - b.pos || a.i - b.i);
  let g = 0;
  while (g < ordered.length) {
    const pos = ordered[g]!.pos;
    let end = g;
    while (end < ordered.length && ordered[end]!.pos === pos) end++;
    const group = ordered.slice(g, end).map((o) => o.s);
    p.settle(pos);
    // At a boundary an IN ends the break before an OUT starts the next; after the window (DATERANGEs
    // announced ahead) an OUT comes first so that its IN finds it.
    if (pos === Infinity) for (const s of group) if (s.kind === 'out') p.onOut(s, pos);
    for (const s of group) if (s.kind === 'in') p.onIn(s, pos);
    p.settle(pos);
    if (pos !== Infinity) for (const s of group) if (s.kind === 'out') p.onOut(s, pos);
    for (const s of group) if (s.kind === 'cont') p.onCont(s, pos);
    for (const s of group) if (s.kind === 'cmd') p.onCmd(s, pos);
    g = end;
  }
  p.finish();
  return { value: p.avails, issues: [...read.issues, ...p.issues] };
}
