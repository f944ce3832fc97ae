// Inheritance of segment information (ISO/IEC 23009-1 §5.3.9.1): SegmentBase, SegmentList and
// SegmentTemplate may sit on the Period, the AdaptationSet and the Representation; the lowest
// level that has one decides the addressing mode, and each attribute or child (SegmentTimeline,
// Initialization, SegmentURLs) comes from the lowest level that carries it.
import type { AdaptationSetView, PeriodView, RepresentationView, SegmentBaseFields, SegmentListView, SegmentTemplateView } from './model/types.ts';

export type SegmentInfoKind = 'template' | 'list' | 'base' | 'none';

export interface SegmentInfo extends SegmentBaseFields {
  kind: SegmentInfoKind;
  media?: string;
  initialization?: string;
  index?: string;
  segmentUrls?: SegmentListView['segmentUrls'];
  /** The paths of the elements merged, outermost first (for messages). */
  paths: string[];
}

type Level = Pick<PeriodView, 'segmentTemplate' | 'segmentList' | 'segmentBase'>;

const FIELDS = [
  'timescale', 'presentationTimeOffset', 'availabilityTimeOffset', 'indexRange', 'initializationSourceUrl', 'initializationRange',
  'duration', 'startNumber', 'endNumber', 'timeline',
] as const;

export function segmentInfo(period: PeriodView, adaptationSet: AdaptationSetView, representation: RepresentationView): SegmentInfo {
  const levels: Level[] = [period, adaptationSet, representation];
  let kind: SegmentInfoKind = 'none';
  for (let i = levels.length - 1; i >= 0 && kind === 'none'; i--) {
    const l = levels[i]!;
    if (l.segmentTemplate) kind = 'template';
    else if (l.segmentList) kind = 'list';
    else if (l.segmentBase) kind = 'base';
  }
  const info: SegmentInfo = { kind, paths: [] };
  if (kind === 'none') return info;
  for (const l of levels) {
    const view = kind === 'template' ? l.segmentTemplate : kind === 'list' ? l.segmentList : l.segmentBase;
    if (!view) continue;
    info.paths.push(view.path);
    const target = info as unknown as Record<string, unknown>;
    const source = view as unknown as Record<string, unknown>;
    for (const f of FIELDS) if (source[f] !== undefined) target[f] = source[f];
    if (kind === 'template') {
      const t = view as SegmentTemplateView;
      if (t.media !== undefined) info.media = t.media;
      if (t.initialization !== undefined) info.initialization = t.initialization;
      if (t.index !== undefined) info.index = t.index;
    } else if (kind === 'list') {
      const urls = (view as SegmentListView).segmentUrls;
      if (urls.length > 0) info.segmentUrls = urls;
    }
  }
  return info;
}
