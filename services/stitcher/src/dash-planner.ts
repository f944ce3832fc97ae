// The personalised MPD of one DASH session (pure): the origin MPD (one Period or several) with
// each avail's content replaced by Periods of its own — one per ad, slate Periods for the rest (one
// per loop of the slate, whose media times restart), and the content resuming in a Period that
// starts where the avail ends, with the presentationTimeOffset of the media time there:
//
//   content … | ad Period `avail-K-ad-0` | … | `avail-K-slate-0` | … | content `avail-K-content` …
//
// Every start comes from the session's avail record (the avail's start on the presentation timeline
// and its duration, or the end the origin showed), so Period ids and starts do not move across
// refreshes, and Periods leave the MPD only when their media has left the origin's window.
import { childElements, documentElement, element, formatDuration, getAttr, localName, printMpd, readMpd, resolveUrl, splitPeriod, withAttrs, withChildren, type Mpd, type MpdView, type XmlElement, type XmlNode } from '@adsplice/dash';
import type { AvailRecord } from './model.ts';
import { completeAdEndMs } from './planner.ts';
import type { DashOriginView } from './dash-view.ts';

export type DashTrack = { kind: 'video'; variant: number } | { kind: 'audio' };

export interface DashRenderUrls {
  /** `media` (with `$Number$`, counted from 0) and `initialization` of one track of an ad. */
  ad(record: AvailRecord, item: number, track: DashTrack): { media: string; initialization: string };
  /** The same for the slate. */
  slate(record: AvailRecord, track: DashTrack): { media: string; initialization: string };
  /** The same for a bumper (plan item `item`). */
  bumper(record: AvailRecord, item: number, track: DashTrack): { media: string; initialization: string };
}

export interface DashRenderOptions {
  urls: DashRenderUrls;
  /** The origin MPD's URL: content segments resolve against it (each content Period gets an absolute BaseURL). */
  originUrl: string;
  /** CDN: content base URLs under `sourceBase` move under `prefix`. */
  contentPrefix?: { prefix: string; sourceBase: string };
  /** Keep the SCTE-35 EventStreams: the replaced content's go onto the avail's first Period. */
  passthrough: boolean;
  /** The session's MPD URL, written as MPD.Location (players refresh the session, not a new one). */
  location?: string;
}

export interface DashRenderResult {
  text: string;
  /** Records whose end (on the presentation timeline) this MPD revealed: persist them. */
  ended: AvailRecord[];
}

const SLACK_MS = 1;
const SCTE35 = /^urn:scte:scte35:/;

/** Where an ads avail's Periods end: the end the origin showed, else its planned duration. */
export function availEndMs(r: AvailRecord): number {
  if (r.endPresentationMs === undefined) return r.startPresentationMs! + r.plannedDurationMs;
  return r.startPresentationMs! + completeAdEndMs(r, r.endPresentationMs - r.startPresentationMs!);
}

interface PlannedPeriod {
  id: string;
  startMs: number;
  durationMs: number;
  item: number;
  kind: 'ad' | 'slate' | 'bumper';
  segmentsMs: number[];
}

/**
 * The Periods an avail plays, in the plan's order: bumpers and ads, slate for a planned stretch
 * before something else (a partial fill's lead, the time before an end bumper), then slate loops
 * to the avail's end; everything cut there.
 */
export function availPeriods(r: AvailRecord): PlannedPeriod[] {
  const start = r.startPresentationMs!;
  const end = availEndMs(r);
  const out: PlannedPeriod[] = [];
  let t = start;
  const slate = r.slate;
  const loopMs = slate ? slate.segmentsMs.reduce((a, b) => a + b, 0) : 0;
  const slateItem = r.items.findIndex((x) => x.kind === 'slate');
  let n = 0;
  const slateUntil = (untilMs: number) => {
    for (; slate && loopMs > 0 && t < untilMs - SLACK_MS; n++) {
      out.push({ id: `avail-${r.key}-slate-${n}`, startMs: t, durationMs: Math.min(loopMs, untilMs - t), item: slateItem, kind: 'slate', segmentsMs: slate.segmentsMs });
      t += Math.min(loopMs, untilMs - t);
    }
  };
  r.items.forEach((item, i) => {
    if (t >= end - SLACK_MS) return;
    if (item.kind === 'slate') {
      // The last item's slate runs on below (to the avail's real end).
      if (i < r.items.length - 1) slateUntil(Math.min(end, t + item.durationMs));
      return;
    }
    out.push({ id: `avail-${r.key}-${item.kind}-${i}`, startMs: t, durationMs: Math.min(item.durationMs, end - t), item: i, kind: item.kind, segmentsMs: item.segmentsMs });
    t += item.durationMs;
  });
  slateUntil(end);
  return out;
}

function timeline(segmentsMs: number[], durationMs: number): XmlElement {
  const entries: { t: number; d: number; r: number }[] = [];
  let t = 0;
  for (const d of segmentsMs) {
    if (t >= durationMs - SLACK_MS) break;
    const last = entries.at(-1);
    if (last && last.d === d) last.r++;
    else entries.push({ t, d, r: 0 });
    t += d;
  }
  return element(
    'SegmentTimeline',
    {},
    entries.map((e, i) => element('S', { t: i === 0 ? e.t : undefined, d: e.d, r: e.r || undefined })),
  );
}

function template(urls: { media: string; initialization: string }, segmentsMs: number[], durationMs: number): XmlElement {
  return element('SegmentTemplate', { timescale: 1000, presentationTimeOffset: 0, startNumber: 0, initialization: urls.initialization, media: urls.media }, [timeline(segmentsMs, durationMs)]);
}

export function periodElement(origin: DashOriginView, r: AvailRecord, p: PlannedPeriod, urls: DashRenderUrls, events: XmlElement[]): XmlElement {
  const track = (t: DashTrack) => (p.kind === 'ad' ? urls.ad(r, p.item, t) : p.kind === 'bumper' ? urls.bumper(r, p.item, t) : urls.slate(r, t));
  const children: XmlNode[] = [...events];
  children.push(
    element(
      'AdaptationSet',
      { id: '1', contentType: 'video', mimeType: 'video/mp4', segmentAlignment: 'true', startWithSAP: 1 },
      origin.video.map((v, variant) =>
        element('Representation', { id: v.id, bandwidth: v.bandwidth, width: v.width, height: v.height, codecs: v.codecs, frameRate: v.frameRate }, [template(track({ kind: 'video', variant }), p.segmentsMs, p.durationMs)]),
      ),
    ),
  );
  const a = origin.audio;
  if (a) {
    children.push(
      element('AdaptationSet', { id: '2', contentType: 'audio', mimeType: 'audio/mp4', segmentAlignment: 'true', startWithSAP: 1, lang: a.lang }, [
        element('Representation', { id: a.id, bandwidth: a.bandwidth, codecs: a.codecs ?? 'mp4a.40.2', audioSamplingRate: a.audioSamplingRate ?? '48000' }, [
          element('AudioChannelConfiguration', { schemeIdUri: 'urn:mpeg:dash:23003:3:audio_channel_configuration:2011', value: 2 }),
          template(track({ kind: 'audio' }), p.segmentsMs, p.durationMs),
        ]),
      ]),
    );
  }
  return element('Period', { id: p.id, start: formatDuration(p.startMs), duration: formatDuration(p.durationMs) }, children);
}

function periodsOf(mpd: Mpd): { view: MpdView; root: XmlElement } {
  return { view: readMpd(mpd).value, root: documentElement(mpd)! };
}

function replaceRoot(mpd: Mpd, root: XmlElement): Mpd {
  const old = documentElement(mpd)!;
  return { children: mpd.children.map((c) => (c === old ? root : c)) };
}

/**
 * The origin's Periods each with an absolute BaseURL (the session MPD is served from elsewhere) and
 * its own @start (one left out later would no longer give the next Period its start); the MPD's own
 * BaseURL and Location are dropped, and `keep` chooses each Period's other children.
 */
export function absoluteBaseUrls(mpd: Mpd, opts: Pick<DashRenderOptions, 'originUrl' | 'contentPrefix'>, keep: (child: XmlNode) => boolean = () => true): Mpd {
  const { view, root } = periodsOf(mpd);
  const mpdBase = view.baseUrls[0];
  let index = 0;
  const children: XmlNode[] = [];
  for (const c of root.children) {
    if (c.type === 'element' && (localName(c.name) === 'BaseURL' || localName(c.name) === 'Location')) continue;
    if (c.type === 'element' && localName(c.name) === 'Period') {
      const pv = view.periods[index++]!;
      let base = [mpdBase, pv.baseUrls[0]].reduce<string>((b, level) => (level === undefined ? b : resolveUrl(b, level)), opts.originUrl);
      // The directory, as a BaseURL is usually written (relative segment URLs resolve the same).
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) base = new URL('.', base).href;
      const cdn = opts.contentPrefix;
      if (cdn && base.startsWith(cdn.sourceBase)) base = cdn.prefix.replace(/\/?$/, '/') + base.slice(cdn.sourceBase.length);
      const rest = c.children.filter((x) => !(x.type === 'element' && localName(x.name) === 'BaseURL') && keep(x));
      const started = getAttr(c, 'start') === undefined && pv.startMs !== undefined ? withAttrs(c, { start: formatDuration(pv.startMs) }) : c;
      children.push(withChildren(started, [element('BaseURL', {}, [{ type: 'text', text: base }]), ...rest]));
      continue;
    }
    children.push(c);
  }
  return replaceRoot(mpd, withChildren(root, children));
}

const isScte35Stream = (c: XmlNode): c is XmlElement => c.type === 'element' && localName(c.name) === 'EventStream' && SCTE35.test(getAttr(c, 'schemeIdUri') ?? '');

/** The records that reveal their end in this MPD (the origin's break closed, by an IN or its planned duration). */
export function revealedEnds(origin: DashOriginView, records: readonly AvailRecord[]): AvailRecord[] {
  const out: AvailRecord[] = [];
  for (const r of records) {
    if (r.startPresentationMs === undefined || r.endPresentationMs !== undefined) continue;
    const a = origin.avails.find((x) => x.startPresentationTimeMs !== undefined && Math.abs(x.startPresentationTimeMs - r.startPresentationMs!) <= SLACK_MS);
    if (a?.endPresentationTimeMs !== undefined) out.push({ ...r, endPresentationMs: a.endPresentationTimeMs });
  }
  return out;
}

/** Where an avail's Periods go in a content layout, and the cues (passthrough) its first Period carries. */
interface Slot {
  key: string;
  events: XmlElement[];
}

/** The content part of a session MPD: the origin's Periods split around the avails, a slot where each avail's Periods go. */
interface Layout {
  root: XmlElement;
  slots: Map<XmlElement, Slot>;
}

type Interval = { key: string; startMs: number; endMs: number };

/**
 * The content layout is the same for every session whose avails start and end at the same times (most
 * of them: the ads differ, not the breaks), so it is made once per origin MPD and set of avail times.
 */
const layouts = new WeakMap<DashOriginView, Map<string, Layout>>();

function contentLayout(origin: DashOriginView, shown: Interval[], opts: Pick<DashRenderOptions, 'originUrl' | 'contentPrefix' | 'passthrough'>): Layout {
  const cacheKey = [opts.passthrough, opts.originUrl, opts.contentPrefix?.prefix, opts.contentPrefix?.sourceBase, ...shown.map((i) => `${i.key}:${i.startMs}:${i.endMs}`)].join('|');
  let byKey = layouts.get(origin);
  if (!byKey) layouts.set(origin, (byKey = new Map()));
  let hit = byKey.get(cacheKey);
  if (!hit) {
    if (byKey.size >= 64) byKey.clear();
    hit = makeLayout(origin, shown, opts);
    byKey.set(cacheKey, hit);
  }
  return hit;
}

function makeLayout(origin: DashOriginView, shown: Interval[], opts: Pick<DashRenderOptions, 'originUrl' | 'contentPrefix' | 'passthrough'>): Layout {
  const contentEndMs = origin.segments.reduce((m, s) => Math.max(m, s.startMs + s.durationMs), 0);
  const windowStartMs = origin.segments[0]?.startMs ?? 0;
  const slots = new Map<XmlElement, Slot>();

  // The origin's Periods, each with an absolute BaseURL (the session MPD is served from elsewhere).
  let mpd = absoluteBaseUrls(origin.mpd, opts);

  // Each ads avail: split the content at its start and end, drop what is between, leave a slot for its Periods.
  for (const r of shown) {
    const { startMs, endMs } = r;
    const splitAt = (atMs: number, id: string) => {
      const { view } = periodsOf(mpd);
      const p = view.periods.find((x) => x.startMs !== undefined && x.startMs < atMs - SLACK_MS && (x.durationMs === undefined || atMs < x.startMs + x.durationMs - SLACK_MS) && !slots.has(x.el));
      if (!p) return;
      const res = splitPeriod(mpd, p, atMs, { id });
      if (!res.issues.some((i) => i.severity === 'fatal')) mpd = res.value;
    };
    if (endMs <= windowStartMs) {
      splitAt(endMs, `avail-${r.key}-content`);
      continue;
    }
    splitAt(startMs, `avail-${r.key}-replaced`);
    if (endMs < contentEndMs - SLACK_MS) splitAt(endMs, `avail-${r.key}-content`);
    const { view, root } = periodsOf(mpd);
    const removed = new Set(view.periods.filter((p) => !slots.has(p.el) && p.startMs !== undefined && p.startMs >= startMs - SLACK_MS && p.startMs < endMs - SLACK_MS).map((p) => p.el));
    // The replaced content's cues go onto the first ad Period, which starts where that content did.
    const atStart = view.periods.find((p) => removed.has(p.el) && Math.abs((p.startMs ?? -1) - startMs) <= SLACK_MS);
    const events = opts.passthrough && atStart ? atStart.el.children.filter(isScte35Stream) : [];
    // A placeholder Period (with the avail's start, so the Period before it reads its end) marks the slot.
    const slot = element('Period', { id: `avail-${r.key}-slot`, start: formatDuration(startMs) });
    slots.set(slot, { key: r.key, events });
    const periods = [slot];
    const children: XmlNode[] = [];
    let placed = false;
    for (const c of root.children) {
      if (c.type === 'element' && removed.has(c)) continue;
      if (!placed && c.type === 'element' && localName(c.name) === 'Period' && !slots.has(c)) {
        const pv = view.periods.find((p) => p.el === c);
        if (pv?.startMs !== undefined && pv.startMs >= endMs - SLACK_MS) {
          children.push(...periods);
          placed = true;
        }
      }
      if (!placed && c.type === 'element' && localName(c.name) === 'UTCTiming') {
        children.push(...periods);
        placed = true;
      }
      children.push(c);
    }
    if (!placed) children.push(...periods);
    mpd = replaceRoot(mpd, withChildren(root, children));
  }

  // Leave out the content Periods that have slid out of the window (no segment left); without
  // passthrough, the content's SCTE-35 EventStreams.
  const { view, root } = periodsOf(mpd);
  const drop = new Set<XmlElement>();
  for (const p of view.periods) {
    if (slots.has(p.el)) continue;
    const start = p.startMs ?? 0;
    const end = p.durationMs === undefined ? Infinity : start + p.durationMs;
    if (!origin.segments.some((s) => s.startMs + s.durationMs > start + SLACK_MS && s.startMs < end - SLACK_MS)) drop.add(p.el);
  }
  const children: XmlNode[] = [];
  for (const c of root.children) {
    if (c.type === 'element' && drop.has(c)) continue;
    if (!opts.passthrough && c.type === 'element' && localName(c.name) === 'Period' && !slots.has(c)) {
      children.push(withChildren(c, c.children.filter((x) => !isScte35Stream(x))));
      continue;
    }
    children.push(c);
  }
  return { root: withChildren(root, children), slots };
}

export function renderSessionMpd(origin: DashOriginView, records: readonly AvailRecord[], opts: DashRenderOptions): DashRenderResult {
  const ended = revealedEnds(origin, records);
  const byKey = new Map(records.map((r) => [r.key, r]));
  for (const e of ended) byKey.set(e.key, e);
  const ads = [...byKey.values()].filter((r) => r.mode === 'ads' && r.startPresentationMs !== undefined).sort((a, b) => a.startPresentationMs! - b.startPresentationMs!);
  const windowStartMs = origin.segments[0]?.startMs ?? 0;
  // Of the avails that have slid out, only the latest still names a Period: the content after it.
  const gone = ads.filter((r) => availEndMs(r) <= windowStartMs);
  const shown = [...gone.slice(-1), ...ads.filter((r) => availEndMs(r) > windowStartMs)];
  const layout = contentLayout(origin, shown.map((r) => ({ key: r.key, startMs: r.startPresentationMs!, endMs: availEndMs(r) })), opts);

  // This session's Periods in the slots (those that ended before the window left out), and MPD.Location.
  const children: XmlNode[] = [];
  let located = false;
  for (const c of layout.root.children) {
    if (!located && opts.location !== undefined && c.type === 'element' && localName(c.name) === 'Period') {
      children.push(element('Location', {}, [{ type: 'text', text: opts.location }]));
      located = true;
    }
    const slot = c.type === 'element' ? layout.slots.get(c) : undefined;
    if (!slot) {
      children.push(c);
      continue;
    }
    const r = byKey.get(slot.key)!;
    availPeriods(r).forEach((p, i) => {
      if (p.startMs + p.durationMs > windowStartMs + SLACK_MS) children.push(periodElement(origin, r, p, opts.urls, i === 0 ? slot.events : []));
    });
  }
  const doc = documentElement(origin.mpd)!;
  return { text: printMpd({ children: origin.mpd.children.map((c) => (c === doc ? withChildren(layout.root, children) : c)) }), ended };
}

/** Period ids in order (for tests and checks). */
export function periodIds(mpd: Mpd): string[] {
  return childElements(documentElement(mpd)!, 'Period').map((p) => getAttr(p, 'id') ?? '');
}
