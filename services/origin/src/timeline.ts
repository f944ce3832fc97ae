// The live window of a VOD-to-live channel, computed from the wall clock alone.
//
// The channel plays an encoded programme of `loopSeconds` one-second chunks in a loop from its
// epoch. Segments are runs of chunks between boundaries: a regular grid of `segmentSeconds` inside
// each loop, each loop point, and every break start and end (so a break starts on its scheduled
// second even off the grid: the segment before it ends early). Every number here — media
// sequence, discontinuity sequence, chunk index — follows from (epoch, programme, breaks, now), so
// any number of origin instances serve identical playlists with no shared state but the schedule.
//
// Times are integer seconds since the channel epoch (the chunk clock), or integer ms where named.

export interface TimelineConfig {
  /** Channel epoch, ms since 1970, a whole second. */
  epochMs: number;
  /** Length of the encoded programme, whole seconds (one chunk a second). */
  loopSeconds: number;
  /** Regular segment length, whole seconds. */
  segmentSeconds: number;
  /** Length of the live window, whole seconds. */
  windowSeconds: number;
}

/** A break on the channel's timeline (from SpliceInsert / ReturnToNetwork / cue_point actions). */
export interface TimelineBreak {
  spliceEventId: number;
  /** Seconds since the epoch of the first second of the break. */
  startSec: number;
  /** Seconds since the epoch of the first second after the break; undefined while open-ended. */
  endSec?: number;
  /** Planned duration as signalled (break_duration), 90 kHz ticks; undefined for open-ended breaks. */
  plannedDurationTicks?: number;
  /** Opaque to the timeline: whatever the marker writers need (cue bytes, action name…). */
  ref?: unknown;
}

export interface BreakPosition {
  brk: TimelineBreak;
  /** Seconds since the break started at this segment's start (0 on the first segment). */
  elapsedSec: number;
}

export interface TimelineSegment {
  /** Media sequence number. */
  msn: number;
  /** Discontinuity sequence number of this segment. */
  dsn: number;
  /** A loop point is at this segment's start (EXT-X-DISCONTINUITY before it). */
  discontinuity: boolean;
  /** Seconds since the epoch. */
  startSec: number;
  durationSec: number;
  /** Which pass through the programme, and the first chunk of the segment in it. */
  loopIndex: number;
  chunkStart: number;
  /** Wall-clock start (PDT), ms since 1970. */
  startMs: number;
  /** The break this segment is inside of, if any. */
  inBreak?: BreakPosition;
  /** Breaks that end at this segment's start (CUE-IN here). */
  endsBreaks: TimelineBreak[];
}

export interface LiveWindow {
  segments: TimelineSegment[];
  /** EXT-X-MEDIA-SEQUENCE: msn of the first segment. */
  mediaSequence: number;
  /** EXT-X-DISCONTINUITY-SEQUENCE: discontinuities before the first segment that slid out. */
  discontinuitySequence: number;
  /** Seconds since the epoch of the live edge (end of the last complete segment). */
  liveEdgeSec: number;
}

/** Timeline of one channel: boundary arithmetic over the grid, the loop and the breaks. */
export class Timeline {
  readonly config: TimelineConfig;
  private readonly breaks: TimelineBreak[];
  /** Sorted unique break boundaries that are not grid or loop points. */
  private readonly extraPoints: number[];
  private readonly gridPerLoop: number;

  constructor(config: TimelineConfig, breaks: readonly TimelineBreak[]) {
    for (const key of ['loopSeconds', 'segmentSeconds', 'windowSeconds'] as const) {
      if (!Number.isInteger(config[key]) || config[key] <= 0) throw new RangeError(`${key} must be a positive whole number of seconds`);
    }
    if (!Number.isInteger(config.epochMs / 1000)) throw new RangeError('epochMs must be a whole second');
    this.config = config;
    this.breaks = [...breaks].sort((a, b) => a.startSec - b.startSec);
    this.gridPerLoop = Math.ceil(config.loopSeconds / config.segmentSeconds);
    const points = new Set<number>();
    for (const b of this.breaks) {
      for (const p of [b.startSec, b.endSec]) if (p !== undefined && p > 0 && !this.isGridPoint(p)) points.add(p);
    }
    this.extraPoints = [...points].sort((a, b) => a - b);
  }

  private isGridPoint(sec: number): boolean {
    const offset = sec % this.config.loopSeconds;
    return offset % this.config.segmentSeconds === 0;
  }

  /** Number of extra points strictly before `sec`. */
  private extraBefore(sec: number): number {
    let lo = 0;
    let hi = this.extraPoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.extraPoints[mid]! < sec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Media sequence number of the segment starting at boundary `sec` (boundaries before it). */
  msnAt(sec: number): number {
    const { loopSeconds, segmentSeconds } = this.config;
    const loop = Math.floor(sec / loopSeconds);
    const offset = sec - loop * loopSeconds;
    return loop * this.gridPerLoop + Math.ceil(offset / segmentSeconds) + this.extraBefore(sec);
  }

  /** The start (seconds since the epoch) of the segment with media sequence number `msn`. */
  startOfMsn(msn: number): number {
    if (!Number.isInteger(msn) || msn < 0) throw new RangeError('msn must be a whole number');
    // msnAt(sec) counts the boundaries before sec; the segment starts at the largest sec where that
    // count is still msn. Segments last 1..segmentSeconds, so it lies in [msn, msn * segmentSeconds].
    let lo = msn;
    let hi = Math.max(msn, msn * this.config.segmentSeconds);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.msnAt(mid) <= msn) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first boundary strictly after `sec`. */
  nextBoundary(sec: number): number {
    const { loopSeconds, segmentSeconds } = this.config;
    const loop = Math.floor(sec / loopSeconds);
    const offset = sec - loop * loopSeconds;
    const grid = Math.min(loop * loopSeconds + (Math.floor(offset / segmentSeconds) + 1) * segmentSeconds, (loop + 1) * loopSeconds);
    const i = this.extraBefore(sec + 1);
    const extra = this.extraPoints[i];
    return extra !== undefined && extra < grid ? extra : grid;
  }

  /** The last boundary at or before `sec`. */
  boundaryAtOrBefore(sec: number): number {
    const { loopSeconds, segmentSeconds } = this.config;
    const loop = Math.floor(sec / loopSeconds);
    const offset = sec - loop * loopSeconds;
    const grid = loop * loopSeconds + Math.floor(offset / segmentSeconds) * segmentSeconds;
    const i = this.extraBefore(sec + 1) - 1;
    const extra = i >= 0 ? this.extraPoints[i]! : -1;
    return Math.max(grid, extra);
  }

  /** The segment that starts at boundary `startSec`. */
  segmentAt(startSec: number): TimelineSegment {
    const { loopSeconds, epochMs } = this.config;
    const end = this.nextBoundary(startSec);
    const loopIndex = Math.floor(startSec / loopSeconds);
    const segment: TimelineSegment = {
      msn: this.msnAt(startSec),
      dsn: loopIndex,
      discontinuity: startSec > 0 && startSec % loopSeconds === 0,
      startSec,
      durationSec: end - startSec,
      loopIndex,
      chunkStart: startSec - loopIndex * loopSeconds,
      startMs: epochMs + startSec * 1000,
      endsBreaks: [],
    };
    for (const b of this.breaks) {
      if (b.startSec > startSec) break;
      if (b.startSec <= startSec && (b.endSec === undefined || startSec < b.endSec)) segment.inBreak = { brk: b, elapsedSec: startSec - b.startSec };
    }
    for (const b of this.breaks) if (b.endSec === startSec) segment.endsBreaks.push(b);
    return segment;
  }

  /** The latest break start or end at or before `sec` (0 when none): where a "new Period on ads" starts. */
  breakPointAtOrBefore(sec: number): number {
    let best = 0;
    for (const b of this.breaks) {
      if (b.startSec <= sec && b.startSec > best) best = b.startSec;
      if (b.endSec !== undefined && b.endSec <= sec && b.endSec > best) best = b.endSec;
    }
    return best;
  }

  /** Seconds since the epoch of a wall-clock time, floored. */
  secAt(nowMs: number): number {
    return Math.floor((nowMs - this.config.epochMs) / 1000);
  }

  /** The live window at `nowMs`: complete segments whose end is within the last windowSeconds. */
  window(nowMs: number): LiveWindow {
    const now = this.secAt(nowMs);
    if (now <= 0) return { segments: [], mediaSequence: 0, discontinuitySequence: 0, liveEdgeSec: 0 };
    const edge = this.boundaryAtOrBefore(now);
    const from = Math.max(0, edge - this.config.windowSeconds);
    const segments: TimelineSegment[] = [];
    for (let s = this.boundaryAtOrBefore(from) < from ? this.nextBoundary(from) : from; s < edge; s = this.nextBoundary(s)) {
      segments.push(this.segmentAt(s));
    }
    const first = segments[0];
    return {
      segments,
      mediaSequence: first?.msn ?? this.msnAt(edge),
      discontinuitySequence: first ? first.dsn - (first.discontinuity ? 1 : 0) : Math.floor(edge / this.config.loopSeconds),
      liveEdgeSec: edge,
    };
  }
}
