// addEventStream: puts an EventStream into a Period at the place the MPD schema wants it
// (ISO/IEC 23009-1 Annex: after BaseURL, SegmentBase/List/Template, AssetIdentifier and any
// EventStreams already there; before ServiceDescription, ContentProtection, AdaptationSet, …).
// A namespace declaration on the EventStream that the MPD element already makes is dropped.
import { dashIssue, type DashIssue } from '../issues.ts';
import type { Mpd } from '../mpd.ts';
import { describePeriod, findPeriod, type PeriodRef } from '../locate.ts';
import { readMpd } from '../model/read-mpd.ts';
import { localName, withChildren } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';
import { replacePeriods, type EditResult } from './split-period.ts';

const BEFORE = new Set(['BaseURL', 'SegmentBase', 'SegmentList', 'SegmentTemplate', 'AssetIdentifier', 'EventStream']);

export function addEventStream(mpd: Mpd, period: PeriodRef, eventStream: XmlElement): EditResult {
  const issues: DashIssue[] = [];
  const view = readMpd(mpd).value;
  const p = view.isMpd ? findPeriod(view, period) : undefined;
  if (!p) {
    issues.push(dashIssue('DASH_PERIOD_NOT_FOUND', `No Period with ${describePeriod(period)} in an MPD.`, { path: view.path }));
    return { value: mpd, issues };
  }
  // A namespace declaration the MPD element already makes (same prefix, same URI) is not repeated.
  const rootDecls = new Map(view.el.attrs.filter((a) => a.name.startsWith('xmlns:')).map((a) => [a.name, a.value]));
  const stream = { ...eventStream, attrs: eventStream.attrs.filter((a) => !(a.name.startsWith('xmlns:') && rootDecls.get(a.name) === a.value)) };
  const children = [...p.el.children];
  let at = 0;
  children.forEach((c, i) => {
    if (c.type === 'element' && BEFORE.has(localName(c.name))) at = i + 1;
  });
  children.splice(at, 0, stream);
  return { value: replacePeriods(mpd, view, p.index, p.index, [withChildren(p.el, children)]), issues };
}
