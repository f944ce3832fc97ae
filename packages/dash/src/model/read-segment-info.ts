// SegmentBase, SegmentList, SegmentTemplate and SegmentTimeline (ISO/IEC 23009-1 §5.3.9).
import { dashIssue } from '../issues.ts';
import { childElements, firstChild, getAttr, localName } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';
import type { AttrReader } from './attr-reader.ts';
import type { SegmentBaseFields, SegmentBaseView, SegmentListView, SegmentTemplateView, TimelineEntry } from './types.ts';

/** §5.3.9.6 SegmentTimeline: one entry per S. */
export function readTimeline(el: XmlElement, path: string, r: AttrReader): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let index = 0;
  for (const s of el.children) {
    if (s.type !== 'element' || localName(s.name) !== 'S') continue;
    index++;
    const sPath = `${path}/S[${index}]`;
    const d = r.uint(s, sPath, 'd');
    if (d === undefined || d === 0) {
      if (getAttr(s, 'd') === undefined) r.issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', `${sPath} has no @d.`, { offset: s.offset, path: sPath }, { attribute: 'd' }));
      else if (d === 0) r.issues.push(dashIssue('DASH_SEGMENT_TIMELINE', `${sPath}@d is 0.`, { offset: s.offset, path: sPath }));
      continue;
    }
    const entry: TimelineEntry = { d, r: 0 };
    const t = r.uint(s, sPath, 't');
    if (t !== undefined) entry.t = t;
    const rep = r.int(s, sPath, 'r');
    if (rep !== undefined) {
      if (rep < -1) r.issues.push(dashIssue('DASH_BAD_NUMBER', `${sPath}@r="${rep}" is below -1.`, { offset: s.offset, path: sPath }, { attribute: 'r' }));
      else entry.r = rep;
    }
    const n = r.uint(s, sPath, 'n');
    if (n !== undefined) entry.n = n;
    out.push(entry);
  }
  return out;
}

function readFields(el: XmlElement, path: string, r: AttrReader, target: SegmentBaseFields): void {
  const timescale = r.positive(el, path, 'timescale');
  if (timescale !== undefined) target.timescale = timescale;
  const pto = r.uint(el, path, 'presentationTimeOffset');
  if (pto !== undefined) target.presentationTimeOffset = pto;
  const ato = r.decimal(el, path, 'availabilityTimeOffset');
  if (ato !== undefined) target.availabilityTimeOffset = ato;
  const indexRange = getAttr(el, 'indexRange');
  if (indexRange !== undefined) target.indexRange = indexRange;
  const init = firstChild(el, 'Initialization');
  if (init) {
    const src = getAttr(init, 'sourceURL');
    if (src !== undefined) target.initializationSourceUrl = src;
    const range = getAttr(init, 'range');
    if (range !== undefined) target.initializationRange = range;
  }
  if (el.name === 'SegmentBase') return;
  const duration = r.uint(el, path, 'duration');
  if (duration !== undefined) target.duration = duration;
  const startNumber = r.uint(el, path, 'startNumber');
  if (startNumber !== undefined) target.startNumber = startNumber;
  const endNumber = r.uint(el, path, 'endNumber');
  if (endNumber !== undefined) target.endNumber = endNumber;
  const timeline = firstChild(el, 'SegmentTimeline');
  if (timeline) target.timeline = readTimeline(timeline, `${path}/SegmentTimeline`, r);
}

export function readSegmentBase(el: XmlElement, path: string, r: AttrReader): SegmentBaseView {
  const view: SegmentBaseView = { el, path };
  readFields(el, path, r, view);
  return view;
}

export function readSegmentList(el: XmlElement, path: string, r: AttrReader): SegmentListView {
  const view: SegmentListView = { el, path, segmentUrls: [] };
  readFields(el, path, r, view);
  for (const u of childElements(el, 'SegmentURL')) {
    const entry: { media?: string; mediaRange?: string } = {};
    const media = getAttr(u, 'media');
    if (media !== undefined) entry.media = media;
    const mediaRange = getAttr(u, 'mediaRange');
    if (mediaRange !== undefined) entry.mediaRange = mediaRange;
    view.segmentUrls.push(entry);
  }
  return view;
}

export function readSegmentTemplate(el: XmlElement, path: string, r: AttrReader): SegmentTemplateView {
  const view: SegmentTemplateView = { el, path };
  readFields(el, path, r, view);
  for (const name of ['media', 'initialization', 'index', 'bitstreamSwitching'] as const) {
    const v = getAttr(el, name);
    if (v !== undefined) view[name] = v;
  }
  return view;
}
