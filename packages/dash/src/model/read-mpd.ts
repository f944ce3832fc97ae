// Reads the typed view of an MPD (ISO/IEC 23009-1 §5.3.1 MPD, §5.3.2 Period, §5.3.3
// AdaptationSet, §5.3.5 Representation) from the XML tree, with issues for values that do not
// parse. Period starts and durations are resolved as §5.3.2.1 says (see PeriodView).
import { dashIssue, type DashIssue } from '../issues.ts';
import { documentElement, element, getAttr, localName, textContent } from '../xml/dom.ts';
import type { XmlDocument, XmlElement } from '../xml/types.ts';
import { AttrReader } from './attr-reader.ts';
import { readEventStream, readInbandEventStream } from './read-event-stream.ts';
import { readSegmentBase, readSegmentList, readSegmentTemplate } from './read-segment-info.ts';
import type { AdaptationSetView, MpdView, PeriodView, RepresentationView, SegmentBaseView, SegmentListView, SegmentTemplateView } from './types.ts';

export interface ReadMpdResult {
  value: MpdView;
  issues: DashIssue[];
}

export const MPD_NAMESPACE = 'urn:mpeg:dash:schema:mpd:2011';

/** Per-name 1-based counters for element paths. */
class PathCounter {
  private counts = new Map<string, number>();
  next(parent: string, name: string): string {
    const n = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, n);
    return `${parent}/${name}[${n}]`;
  }
}

interface SegmentInfoViews {
  segmentTemplate?: SegmentTemplateView;
  segmentList?: SegmentListView;
  segmentBase?: SegmentBaseView;
}

function readSegmentInfoChild(c: XmlElement, name: string, path: string, r: AttrReader, into: SegmentInfoViews): boolean {
  if (name === 'SegmentTemplate') into.segmentTemplate ??= readSegmentTemplate(c, path, r);
  else if (name === 'SegmentList') into.segmentList ??= readSegmentList(c, path, r);
  else if (name === 'SegmentBase') into.segmentBase ??= readSegmentBase(c, path, r);
  else return false;
  return true;
}

function readRepresentation(el: XmlElement, path: string, index: number, parent: AdaptationSetView, r: AttrReader): RepresentationView {
  const view: RepresentationView = { el, path, index, baseUrls: [], inbandEventStreams: [] };
  const id = getAttr(el, 'id');
  if (id !== undefined) view.id = id;
  else r.issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', `${path} has no @id.`, { offset: el.offset, path }, { attribute: 'id' }));
  const bandwidth = r.uint(el, path, 'bandwidth');
  if (bandwidth !== undefined) view.bandwidth = bandwidth;
  else if (getAttr(el, 'bandwidth') === undefined) r.issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', `${path} has no @bandwidth.`, { offset: el.offset, path }, { attribute: 'bandwidth' }));
  const width = r.uint(el, path, 'width');
  if (width !== undefined) view.width = width;
  const height = r.uint(el, path, 'height');
  if (height !== undefined) view.height = height;
  for (const name of ['frameRate', 'audioSamplingRate'] as const) {
    const v = getAttr(el, name);
    if (v !== undefined) view[name] = v;
  }
  const mimeType = getAttr(el, 'mimeType') ?? parent.mimeType;
  if (mimeType !== undefined) view.mimeType = mimeType;
  const codecs = getAttr(el, 'codecs') ?? parent.codecs;
  if (codecs !== undefined) view.codecs = codecs;
  const paths = new PathCounter();
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const name = localName(c.name);
    if (name === 'BaseURL') view.baseUrls.push(textContent(c).trim());
    else if (name === 'InbandEventStream') view.inbandEventStreams.push(readInbandEventStream(c, paths.next(path, name), r));
    else readSegmentInfoChild(c, name, paths.next(path, name), r, view);
  }
  return view;
}

function readAdaptationSet(el: XmlElement, path: string, index: number, r: AttrReader): AdaptationSetView {
  const view: AdaptationSetView = { el, path, index, baseUrls: [], inbandEventStreams: [], representations: [] };
  for (const name of ['id', 'contentType', 'mimeType', 'codecs', 'lang'] as const) {
    const v = getAttr(el, name);
    if (v !== undefined) view[name] = v;
  }
  const paths = new PathCounter();
  const reps: [XmlElement, string][] = [];
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const name = localName(c.name);
    if (name === 'BaseURL') view.baseUrls.push(textContent(c).trim());
    else if (name === 'InbandEventStream') view.inbandEventStreams.push(readInbandEventStream(c, paths.next(path, name), r));
    else if (name === 'Representation') reps.push([c, paths.next(path, name)]);
    else readSegmentInfoChild(c, name, paths.next(path, name), r, view);
  }
  reps.forEach(([c, p], i) => view.representations.push(readRepresentation(c, p, i, view, r)));
  return view;
}

function readPeriod(el: XmlElement, path: string, index: number, r: AttrReader): PeriodView {
  const view: PeriodView = { el, path, index, baseUrls: [], eventStreams: [], adaptationSets: [] };
  const id = getAttr(el, 'id');
  if (id !== undefined) view.id = id;
  const start = r.duration(el, path, 'start');
  if (start !== undefined) view.startAttrMs = start;
  const duration = r.duration(el, path, 'duration');
  if (duration !== undefined) view.durationAttrMs = duration;
  const paths = new PathCounter();
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const name = localName(c.name);
    if (name === 'BaseURL') view.baseUrls.push(textContent(c).trim());
    else if (name === 'AdaptationSet') view.adaptationSets.push(readAdaptationSet(c, paths.next(path, name), view.adaptationSets.length, r));
    // EventStreams are read once Period starts are known (readPeriodEvents).
    else if (name !== 'EventStream') readSegmentInfoChild(c, name, paths.next(path, name), r, view);
  }
  return view;
}

/** Event streams are read after Period starts are known (their times are relative to them). */
function readPeriodEvents(view: PeriodView, r: AttrReader): void {
  const paths = new PathCounter();
  for (const c of view.el.children) {
    if (c.type !== 'element' || localName(c.name) !== 'EventStream') continue;
    view.eventStreams.push(readEventStream(c, paths.next(view.path, 'EventStream'), view.startMs, r));
  }
}

function resolvePeriodTimes(mpd: MpdView, r: AttrReader): void {
  const periods = mpd.periods;
  periods.forEach((p, i) => {
    const prev = periods[i - 1];
    if (p.startAttrMs !== undefined) p.startMs = p.startAttrMs;
    else if (prev?.startMs !== undefined && prev.durationAttrMs !== undefined) p.startMs = prev.startMs + prev.durationAttrMs;
    // The first Period starts at 0 (static, §5.3.2.1; dash.js and Shaka do the same for dynamic).
    else if (i === 0) p.startMs = 0;
    else r.issues.push(dashIssue('DASH_PERIOD_START_UNKNOWN', `${p.path} has no @start and the previous Period has no @duration.`, { offset: p.el.offset, path: p.path }));
  });
  periods.forEach((p, i) => {
    const next = periods[i + 1];
    if (p.durationAttrMs !== undefined) p.durationMs = p.durationAttrMs;
    else if (next?.startMs !== undefined && p.startMs !== undefined) p.durationMs = next.startMs - p.startMs;
    else if (!next && p.startMs !== undefined && mpd.mediaPresentationDurationMs !== undefined) p.durationMs = mpd.mediaPresentationDurationMs - p.startMs;
    const prev = periods[i - 1];
    if (prev?.startMs !== undefined && p.startMs !== undefined) {
      const prevEnd = prev.durationMs !== undefined ? prev.startMs + prev.durationMs : prev.startMs;
      // 1 ms of slack: starts and durations are rounded to the ms separately.
      if (p.startMs < prev.startMs || p.startMs + 1 < prevEnd) {
        r.issues.push(dashIssue('DASH_PERIOD_ORDER', `${p.path} starts at ${p.startMs} ms, before ${prev.path} ends (${prevEnd} ms).`, { offset: p.el.offset, path: p.path }));
      }
    }
    if (p.durationMs !== undefined && p.durationMs < 0) delete p.durationMs;
  });
}

function checkIds(mpd: MpdView, r: AttrReader): void {
  const seen = new Set<string>();
  for (const p of mpd.periods) {
    if (p.id !== undefined) {
      if (seen.has(p.id)) r.issues.push(dashIssue('DASH_DUPLICATE_ID', `Period id "${p.id}" is used twice.`, { offset: p.el.offset, path: p.path }, { id: p.id }));
      seen.add(p.id);
    }
    const reps = new Set<string>();
    for (const a of p.adaptationSets)
      for (const rep of a.representations) {
        if (rep.id === undefined) continue;
        if (reps.has(rep.id)) r.issues.push(dashIssue('DASH_DUPLICATE_ID', `Representation id "${rep.id}" is used twice in ${p.path}.`, { offset: rep.el.offset, path: rep.path }, { id: rep.id }));
        reps.add(rep.id);
      }
  }
}

/** The typed view of a parsed MPD, with the issues its attribute values raise. Never throws. */
export function readMpd(doc: XmlDocument): ReadMpdResult {
  const issues: DashIssue[] = [];
  const r = new AttrReader(issues);
  const root = documentElement(doc) ?? element('MPD');
  const rootName = localName(root.name);
  const isMpd = rootName === 'MPD';
  const path = `/${root.name}`;
  const mpd: MpdView = { el: root, path, isMpd, type: 'static', baseUrls: [], periods: [] };
  if (!isMpd) {
    // A fragment: a Period is read as a one-Period presentation, an EventStream as the only child of a Period at 0.
    if (rootName === 'Period') mpd.periods.push(readPeriod(root, `/${root.name}`, 0, r));
    else if (rootName === 'EventStream') {
      const period = element('Period', {}, [root]);
      const view = readPeriod(period, '', 0, r);
      mpd.periods.push(view);
    }
    resolvePeriodTimes(mpd, r);
    for (const p of mpd.periods) readPeriodEvents(p, r);
    if (rootName === 'EventStream') for (const s of mpd.periods[0]!.eventStreams) fixFragmentPaths(s, path);
    return { value: mpd, issues };
  }
  const type = getAttr(root, 'type');
  if (type === 'dynamic') mpd.type = 'dynamic';
  else if (type !== undefined && type !== 'static') issues.push(dashIssue('DASH_BAD_TYPE', `MPD@type="${type}" is neither static nor dynamic.`, { offset: root.offset, path }));
  for (const name of ['id', 'profiles'] as const) {
    const v = getAttr(root, name);
    if (v !== undefined) mpd[name] = v;
  }
  const times = [
    ['availabilityStartTime', 'availabilityStartTimeMs', 'dateTime'],
    ['availabilityEndTime', 'availabilityEndTimeMs', 'dateTime'],
    ['publishTime', 'publishTimeMs', 'dateTime'],
    ['mediaPresentationDuration', 'mediaPresentationDurationMs', 'duration'],
    ['minimumUpdatePeriod', 'minimumUpdatePeriodMs', 'duration'],
    ['minBufferTime', 'minBufferTimeMs', 'duration'],
    ['timeShiftBufferDepth', 'timeShiftBufferDepthMs', 'duration'],
    ['suggestedPresentationDelay', 'suggestedPresentationDelayMs', 'duration'],
    ['maxSegmentDuration', 'maxSegmentDurationMs', 'duration'],
  ] as const;
  for (const [attr, field, kind] of times) {
    const v = kind === 'dateTime' ? r.dateTime(root, path, attr) : r.duration(root, path, attr);
    if (v !== undefined) mpd[field] = v;
  }
  if (mpd.type === 'dynamic' && getAttr(root, 'availabilityStartTime') === undefined) {
    issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', 'A dynamic MPD has no @availabilityStartTime.', { offset: root.offset, path }, { attribute: 'availabilityStartTime' }));
  }
  const paths = new PathCounter();
  for (const c of root.children) {
    if (c.type !== 'element') continue;
    const name = localName(c.name);
    if (name === 'BaseURL') mpd.baseUrls.push(textContent(c).trim());
    else if (name === 'Period') mpd.periods.push(readPeriod(c, paths.next(path, 'Period'), mpd.periods.length, r));
  }
  resolvePeriodTimes(mpd, r);
  for (const p of mpd.periods) readPeriodEvents(p, r);
  checkIds(mpd, r);
  return { value: mpd, issues };
}

function fixFragmentPaths(stream: { path: string; events: { path: string }[] }, rootPath: string): void {
  const old = stream.path;
  stream.path = rootPath;
  for (const e of stream.events) e.path = rootPath + e.path.slice(old.length);
}
