// The personalised media playlist of one session and rendition (pure): the origin's window with
// each avail's content replaced by the session's ads and slate, EXT-X-DISCONTINUITY at every
// boundary, PDT carried on, and EXT-X-MEDIA-SEQUENCE / EXT-X-DISCONTINUITY-SEQUENCE computed from
// the session's avail records so that every refresh is consistent with the one before:
//
//   content segment m:        msn = m + Σ(R−C),  dsn = dsnOrigin(m) + ΣX      over ended avails before m
//   replacement j of avail B: msn = S + Σ(R−C) + j, dsn = dsnBefore(S) + ΣX + discontinuities up to j
//
// where an ended avail replaced C content segments by R segments and added X discontinuities.
import { formatDateTime, formatSeconds, formatSecondsFixed } from '@adsplice/hls';
import type { AvailRecord } from './model.ts';
import type { OriginSegment, OriginView } from './origin-view.ts';

export interface Replacement {
  kind: 'ad' | 'slate' | 'bumper';
  /** Index into record.items (-1 for slate beyond the plan). */
  item: number;
  /** Ad: segment index in the creative; slate: segment index in the slate run. */
  seg: number;
  /** Slate: which file of the slate loop. */
  fileIndex: number;
  startMs: number;
  durationMs: number;
  discontinuity: boolean;
}

export interface RenderUrls {
  ad(record: AvailRecord, item: number, seg: number): string;
  bumper(record: AvailRecord, item: number, seg: number): string;
  slate(record: AvailRecord, fileIndex: number): string;
}

export interface RenderOptions {
  urls: RenderUrls;
  /** Carry the origin's ad markers onto the ad segments that replace their content. */
  passthrough?: boolean;
}

export interface RenderResult {
  text: string;
  /** Records whose end this window revealed (persist them: later refreshes need the facts). */
  ended: AvailRecord[];
}

/**
 * An avail's segments: its items in order (bumpers, ads, slate for the planned remainder), then
 * more slate until `limitMs` (a break that runs over its plan); cut there when the avail has ended.
 * The slate is one run across both parts: its loop goes on where it was, a discontinuity at each
 * loop start and wherever slate follows something else.
 */
export function replacements(record: AvailRecord, limitMs: number, ended: boolean): Replacement[] {
  const out: Replacement[] = [];
  let t = 0;
  const slate = record.slate;
  const n = slate?.segmentsMs.length ?? 0;
  let k = 0;
  let slateItem = -1;
  /** Slate until `untilMs`; `exact`: the last segment is shortened to end there (before an end bumper). */
  const slateUntil = (untilMs: number, exact: boolean) => {
    if (!slate || n === 0 || slate.segmentsMs.every((d) => d <= 0)) return;
    while (t < untilMs) {
      const d = exact ? Math.min(slate.segmentsMs[k % n]!, untilMs - t) : slate.segmentsMs[k % n]!;
      const after = out.at(-1)?.kind !== 'slate';
      out.push({ kind: 'slate', item: slateItem, seg: k, fileIndex: k % n, startMs: t, durationMs: d, discontinuity: k % n === 0 || after });
      t += d;
      k++;
    }
  };
  record.items.forEach((item, i) => {
    if (item.kind === 'slate') {
      slateItem = i;
      // Before an end bumper the slate stops at the plan; otherwise it runs on (below).
      if (i < record.items.length - 1) slateUntil(t + item.durationMs, true);
      return;
    }
    item.segmentsMs.forEach((d, s) => {
      out.push({ kind: item.kind, item: i, seg: s, fileIndex: s, startMs: t, durationMs: d, discontinuity: s === 0 });
      t += d;
    });
  });
  slateUntil(limitMs, false);
  if (!ended) return out;
  const cut: Replacement[] = [];
  for (const r of out) {
    if (r.startMs >= limitMs) break;
    cut.push(r.startMs + r.durationMs > limitMs ? { ...r, durationMs: limitMs - r.startMs } : r);
  }
  return cut;
}

interface Closed {
  record: AvailRecord;
  endMsn: number;
  msnShift: number;
  dsnShift: number;
}

function countDiscontinuities(rs: Replacement[]): number {
  let n = 0;
  for (const r of rs) if (r.discontinuity) n++;
  return n;
}

/**
 * Where an avail that the origin ended after `endMs` hands back to the content when its ad
 * overrun policy is COMPLETE_AD: at the end of the ad playing at `endMs` (bumpers and slate are
 * cut as ever). `endMs` itself when nothing plays across it, or under CUT_CURRENT.
 */
export function completeAdEndMs(record: AvailRecord, endMs: number): number {
  if (!record.completeAd) return endMs;
  let t = 0;
  for (const item of record.items) {
    const d = item.kind === 'slate' ? item.durationMs : item.segmentsMs.reduce((a, x) => a + x, 0);
    if (item.kind === 'ad' && t < endMs && endMs < t + d) return t + d;
    t += d;
  }
  return endMs;
}

/**
 * The end of a record's avail as this window shows it: the first content segment after it (with
 * COMPLETE_AD, the first one at or after the end of the ad that runs across the origin's end; for a
 * live pre-roll, the first one at or after the end of its plan; undefined until the window shows
 * it; never past the start of a break).
 */
function findEnd(view: OriginView, inBreak: Set<number>, breakStarts: Set<number>, rec: AvailRecord): AvailRecord['end'] {
  const segs = view.segments;
  const offsetOf = (i: number): number => {
    const s = segs[i]!;
    if (s.pdtMs !== undefined && rec.startPdtMs !== undefined) return s.pdtMs - rec.startPdtMs;
    const first = segs.findIndex((x) => x.msn === rec.startMsn);
    return first >= 0 ? segs.slice(first, i).reduce((a, x) => a + x.durationMs, 0) : rec.plannedDurationMs;
  };
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.msn <= rec.startMsn) continue;
    // A live pre-roll is no break of the origin's: it ends where its plan does.
    if (!rec.preRoll && inBreak.has(s.msn) && !breakStarts.has(s.msn)) continue;
    const needMs = rec.preRoll ? rec.plannedDurationMs : completeAdEndMs(rec, offsetOf(i));
    let k = i;
    while (k < segs.length && offsetOf(k) < needMs && !breakStarts.has(segs[k]!.msn)) k++;
    if (k === segs.length) return undefined;
    const e = segs[k]!;
    return { msn: e.msn, dsn: e.dsn, durationMs: offsetOf(k) };
  }
  return undefined;
}

/** Offset of a content segment from its avail's start: by PDT, else by the durations since the start. */
function offsetIn(view: OriginView, rec: AvailRecord, index: number): number {
  const s = view.segments[index]!;
  if (s.pdtMs !== undefined && rec.startPdtMs !== undefined) return s.pdtMs - rec.startPdtMs;
  const start = view.segments.findIndex((x) => x.msn === rec.startMsn);
  if (start < 0 || start > index) return (s.msn - rec.startMsn) * view.segmentMs;
  let t = 0;
  for (let i = start; i < index; i++) t += view.segments[i]!.durationMs;
  return t;
}

export function renderSessionPlaylist(view: OriginView, records: readonly AvailRecord[], opts: RenderOptions): RenderResult {
  const segs = view.segments;
  const firstMsn = segs[0]?.msn ?? 0;
  const lastMsn = firstMsn + segs.length - 1;
  const inBreak = new Set<number>();
  const breakStarts = new Set<number>();
  for (const a of view.avails) {
    const from = a.startSegment ?? (a.startedBeforeWindow ? firstMsn : undefined);
    if (from === undefined) continue;
    if (a.startSegment !== undefined) breakStarts.add(a.startSegment);
    const to = a.endSegment ?? lastMsn + 1;
    for (let m = from; m < to; m++) inBreak.add(m);
  }

  // Ends revealed now, then the shifts of every ended ads avail.
  const ended: AvailRecord[] = [];
  const recs = [...records].sort((a, b) => a.startMsn - b.startMsn).map((r) => {
    if (r.end || r.startMsn > lastMsn) return r;
    const end = findEnd(view, inBreak, breakStarts, r);
    if (!end) return r;
    const withEnd = { ...r, end };
    ended.push(withEnd);
    return withEnd;
  });
  const closed: Closed[] = [];
  for (const r of recs) {
    if (r.mode !== 'ads' || !r.end) continue;
    const reps = replacements(r, r.end.durationMs, true);
    const contentCount = r.end.msn - r.startMsn;
    const originTags = r.end.dsn - r.dsnBefore;
    closed.push({ record: r, endMsn: r.end.msn, msnShift: reps.length - contentCount, dsnShift: countDiscontinuities(reps) + 1 - originTags });
  }
  const shiftsBefore = (msn: number) => {
    let m = 0;
    let d = 0;
    for (const c of closed) {
      if (c.endMsn <= msn) {
        m += c.msnShift;
        d += c.dsnShift;
      }
    }
    return { m, d };
  };

  const body: string[] = [];
  let headMsn: number | undefined;
  let headDsn = 0;
  const active = recs.filter((r) => r.mode === 'ads');
  for (let i = 0; i < segs.length; ) {
    const s = segs[i]!;
    const rec = active.find((r) => r.startMsn <= s.msn && (r.end === undefined || s.msn < r.end.msn));
    if (!rec) {
      const { m, d } = shiftsBefore(s.msn);
      const afterAvail = active.some((r) => r.end?.msn === s.msn);
      const disc = s.discontinuity || afterAvail;
      if (headMsn === undefined) {
        headMsn = s.msn + m;
        headDsn = s.dsn + d - (disc ? 1 : 0);
      }
      if (disc) body.push('#EXT-X-DISCONTINUITY');
      if (afterAvail && !s.ownPdt && s.pdtMs !== undefined) body.push(`#EXT-X-PROGRAM-DATE-TIME:${formatDateTime(s.pdtMs)}`);
      for (const l of s.lines) body.push(l);
      i++;
      continue;
    }
    // The avail's content segments in this window, replaced.
    let j = i;
    while (j < segs.length && (rec.end === undefined || segs[j]!.msn < rec.end.msn)) j++;
    const firstOffset = offsetIn(view, rec, i);
    const lastOffset = offsetIn(view, rec, j - 1) + segs[j - 1]!.durationMs;
    const limit = rec.end ? rec.end.durationMs : lastOffset;
    const reps = replacements(rec, limit, rec.end !== undefined);
    const { m, d } = shiftsBefore(rec.startMsn);
    let dsn = rec.dsnBefore + d;
    const marks = opts.passthrough && !rec.preRoll ? passthroughMarkers(segs.slice(i, j), rec, (k) => offsetIn(view, rec, i + k)) : undefined;
    reps.forEach((r, k) => {
      if (r.discontinuity) dsn++;
      const end = r.startMs + r.durationMs;
      if (end <= firstOffset || end > limit) return;
      if (headMsn === undefined) {
        headMsn = rec.startMsn + m + k;
        headDsn = dsn - (r.discontinuity ? 1 : 0);
      }
      if (r.discontinuity) body.push('#EXT-X-DISCONTINUITY');
      if (rec.startPdtMs !== undefined) body.push(`#EXT-X-PROGRAM-DATE-TIME:${formatDateTime(rec.startPdtMs + r.startMs)}`);
      if (marks) body.push(...(r.startMs === 0 ? marks.opening : marks.cont(r.startMs)));
      body.push(`#EXTINF:${formatSecondsFixed(r.durationMs)},`);
      body.push(r.kind === 'ad' ? opts.urls.ad(rec, r.item, r.seg) : r.kind === 'bumper' ? opts.urls.bumper(rec, r.item, r.seg) : opts.urls.slate(rec, r.fileIndex));
    });
    i = j;
  }
  const head = [
    '#EXTM3U',
    `#EXT-X-VERSION:${Math.max(3, view.version)}`,
    `#EXT-X-TARGETDURATION:${view.targetDurationS}`,
    `#EXT-X-MEDIA-SEQUENCE:${headMsn ?? view.media.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${headMsn === undefined ? view.media.discontinuitySequence : headDsn}`,
  ];
  if (view.independentSegments) head.push('#EXT-X-INDEPENDENT-SEGMENTS');
  if (view.endList) body.push('#EXT-X-ENDLIST');
  return { text: `${head.join('\n')}\n${body.join('\n')}\n`, ended };
}

/**
 * The origin's markers for the stitched segments of an avail (ad marker passthrough). The stitched
 * segments do not line up with the content's, so the opening markers (CUE-OUT, DATERANGE, OATCLS …)
 * go on the first stitched segment and every later one gets a CUE-OUT-CONT whose elapsed time is
 * that segment's own start in the break (the origin's CONT tag as the template: its SCTE35 and
 * Duration are kept). A player or validator that checks ElapsedTime against the segments sees them add up.
 */
export function passthroughMarkers(segs: readonly OriginSegment[], rec: AvailRecord, offsetOf: (k: number) => number): { opening: string[]; cont(elapsedMs: number): string[] } {
  const firstIndex = segs.findIndex((_, k) => offsetOf(k) === 0);
  const template = segs.flatMap((x) => x.markers).find((m) => m.startsWith('#EXT-X-CUE-OUT-CONT:'));
  const planned = formatSeconds(rec.plannedDurationMs);
  const cont = (elapsedMs: number): string[] => {
    const elapsed = formatSecondsFixed(elapsedMs);
    // In the origin's own number style (Elemental writes "2.000", others "2").
    if (template?.includes('ElapsedTime=')) return [template.replace(/ElapsedTime=([^,]*)/, (_, v: string) => `ElapsedTime=${v.includes('.') ? elapsed : formatSeconds(elapsedMs)}`)];
    if (template && /^#EXT-X-CUE-OUT-CONT:[\d.]+\/[\d.]+$/.test(template)) return [template.replace(/:[\d.]+\//, `:${formatSeconds(elapsedMs)}/`)];
    return [`#EXT-X-CUE-OUT-CONT:ElapsedTime=${elapsed},Duration=${planned}`];
  };
  // The origin's segment that opened the avail may have left its window while the first stitched
  // segment is still in ours: the markers it had when the avail was decided, else a CONT at 0 s.
  const shown = firstIndex < 0 ? rec.openingMarkers : segs[firstIndex]!.markers.filter((m) => !m.startsWith('#EXT-X-CUE-OUT-CONT'));
  return { opening: shown?.length ? shown : cont(0), cont };
}

export interface GuidedOptions {
  /** The asset list URL of an avail. */
  assetList(record: AvailRecord): string;
  passthrough?: boolean;
}

/**
 * How far before the splice point an interstitial starts. In muxed TS the segment before a break
 * ends its audio and its video at slightly different times (by up to an AAC frame plus the video's
 * reorder delay); hls.js places the interstitial at the later end but its buffer stops at the
 * earlier one, and would wait there for ever. Starting the interstitial 100 ms early puts it inside
 * what the player has buffered. The resume offset aims 100 ms past the break's end, and X-SNAP="IN"
 * puts it back on the segment boundary there (aiming at the boundary itself, the same A/V offset
 * would make hls.js resume on the break's last content segment).
 */
export const INTERSTITIAL_LEAD_MS = 100;

/**
 * The media playlist of a session in guided mode (HLS Interstitials): the origin's window as it is —
 * same media and discontinuity sequence, the content kept for players without interstitials — with
 * one EXT-X-DATERANGE CLASS="com.apple.hls.interstitial" per filled avail, pointing at its asset
 * list. The tag stays while any of the avail is in the window (a player drops an interstitial whose
 * tag disappears, even one it is playing): before the avail's first segment, or at the top once that
 * segment has left the window.
 */
export function renderGuidedPlaylist(view: OriginView, records: readonly AvailRecord[], opts: GuidedOptions): string {
  const first = view.segments[0];
  const windowStartMs = first?.pdtMs;
  const tags = new Map<number, string[]>();
  for (const r of records) {
    if (r.mode !== 'ads' || r.startPdtMs === undefined || !first) continue;
    if (windowStartMs !== undefined && r.startPdtMs + r.plannedDurationMs <= windowStartMs) continue;
    const at = r.startMsn >= first.msn ? r.startMsn : first.msn;
    const d = formatSeconds(r.plannedDurationMs + INTERSTITIAL_LEAD_MS);
    const resume = formatSeconds(r.plannedDurationMs + 2 * INTERSTITIAL_LEAD_MS);
    const tag = `#EXT-X-DATERANGE:ID="${r.key}",CLASS="com.apple.hls.interstitial",START-DATE="${formatDateTime(r.startPdtMs - INTERSTITIAL_LEAD_MS)}",DURATION=${d},X-ASSET-LIST="${opts.assetList(r)}",X-RESUME-OFFSET=${resume},X-RESTRICT="SKIP,JUMP",X-SNAP="IN"`;
    tags.set(at, [...(tags.get(at) ?? []), tag]);
  }
  const head = [
    '#EXTM3U',
    `#EXT-X-VERSION:${Math.max(3, view.version)}`,
    `#EXT-X-TARGETDURATION:${view.targetDurationS}`,
    `#EXT-X-MEDIA-SEQUENCE:${view.media.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${view.media.discontinuitySequence}`,
  ];
  if (view.independentSegments) head.push('#EXT-X-INDEPENDENT-SEGMENTS');
  const body: string[] = [];
  for (const s of view.segments) {
    if (s.discontinuity) body.push('#EXT-X-DISCONTINUITY');
    for (const tag of tags.get(s.msn) ?? []) body.push(tag);
    for (const l of s.lines) body.push(l);
  }
  if (view.endList) body.push('#EXT-X-ENDLIST');
  return `${head.join('\n')}\n${body.join('\n')}\n`;
}

/** One avail's assets for an HLS Interstitials asset list: each item of its plan (bumpers, ads, slate) in order. */
export function interstitialAssets(record: AvailRecord, uri: (item: number) => string): { ASSETS: { URI: string; DURATION: number }[] } {
  return { ASSETS: record.items.map((it, i) => ({ URI: uri(i), DURATION: it.durationMs / 1000 })) };
}

/** The VOD media playlist of one plan item: its segments (slate: the loop, cut to the item's duration). */
export function assetMediaPlaylist(record: AvailRecord, item: number, segmentUrl: (seg: number, fileIndex: number) => string): string {
  const it = record.items[item]!;
  const segs: { durationMs: number; seg: number; file: number }[] = [];
  if (it.kind === 'slate') {
    const n = it.segmentsMs.length;
    for (let t = 0, k = 0; t < it.durationMs && n > 0; k++) {
      const d = Math.min(it.segmentsMs[k % n]!, it.durationMs - t);
      segs.push({ durationMs: d, seg: k, file: k % n });
      t += d;
    }
  } else it.segmentsMs.forEach((d, k) => segs.push({ durationMs: d, seg: k, file: k }));
  const target = Math.max(1, ...segs.map((s) => Math.ceil(s.durationMs / 1000)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  for (const s of segs) {
    // Slate files repeat: each loop of the slate is a new run for the decoder.
    if (it.kind === 'slate' && s.seg > 0 && s.file === 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${formatSecondsFixed(s.durationMs)},`, segmentUrl(s.seg, s.file));
  }
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
