// A builder for Periods that carry their own segments, e.g. an ad pod transcoded into the
// channel's renditions: Period → AdaptationSet → SegmentTemplate (+ SegmentTimeline) → Representation.
import { formatDuration } from '../duration.ts';
import { element } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';

export interface TimelineSpec {
  /** S@t (first entry: defaults to 0). */
  t?: number;
  d: number;
  /** S@r, default 0. */
  r?: number;
}

export interface SegmentTemplateSpec {
  timescale: number;
  media: string;
  initialization?: string;
  startNumber?: number;
  presentationTimeOffset?: number;
  /** Either a timeline or a constant @duration (timescale units). */
  timeline?: TimelineSpec[];
  duration?: number;
}

export interface RepresentationSpec {
  id: string;
  bandwidth: number;
  codecs?: string;
  width?: number;
  height?: number;
  frameRate?: string;
  audioSamplingRate?: number;
  /** Extra attributes, in order. */
  attrs?: Record<string, string | number>;
}

export interface AdaptationSetSpec {
  id?: string;
  contentType?: 'video' | 'audio' | 'text' | string;
  mimeType: string;
  codecs?: string;
  lang?: string;
  segmentAlignment?: boolean;
  startWithSAP?: number;
  segmentTemplate: SegmentTemplateSpec;
  representations: RepresentationSpec[];
  /** Extra child elements placed before the SegmentTemplate (Role, AudioChannelConfiguration, …). */
  children?: XmlElement[];
}

export interface PeriodSpec {
  id: string;
  durationMs: number;
  /** Period@start (insertPeriods sets it). */
  startMs?: number;
  baseUrl?: string;
  adaptationSets: AdaptationSetSpec[];
  /** Extra child elements (EventStream, SupplementalProperty, …) placed before the AdaptationSets. */
  children?: XmlElement[];
}

function segmentTemplate(t: SegmentTemplateSpec): XmlElement {
  const children: XmlElement[] = [];
  if (t.timeline) {
    children.push(
      element(
        'SegmentTimeline',
        {},
        t.timeline.map((s) => element('S', { t: s.t, d: s.d, r: s.r || undefined })),
      ),
    );
  }
  return element(
    'SegmentTemplate',
    {
      timescale: t.timescale,
      presentationTimeOffset: t.presentationTimeOffset,
      duration: t.timeline ? undefined : t.duration,
      startNumber: t.startNumber,
      initialization: t.initialization,
      media: t.media,
    },
    children,
  );
}

export function buildPeriod(spec: PeriodSpec): XmlElement {
  const children: XmlElement[] = [];
  if (spec.baseUrl !== undefined) children.push(element('BaseURL', {}, [{ type: 'text', text: spec.baseUrl }]));
  children.push(...(spec.children ?? []));
  for (const a of spec.adaptationSets) {
    const reps = a.representations.map((r) =>
      element('Representation', { id: r.id, bandwidth: r.bandwidth, codecs: r.codecs, width: r.width, height: r.height, frameRate: r.frameRate, audioSamplingRate: r.audioSamplingRate, ...r.attrs }),
    );
    children.push(
      element(
        'AdaptationSet',
        {
          id: a.id,
          contentType: a.contentType,
          mimeType: a.mimeType,
          codecs: a.codecs,
          lang: a.lang,
          segmentAlignment: a.segmentAlignment === undefined ? 'true' : String(a.segmentAlignment),
          startWithSAP: a.startWithSAP ?? 1,
        },
        [...(a.children ?? []), segmentTemplate(a.segmentTemplate), ...reps],
      ),
    );
  }
  return element('Period', { id: spec.id, start: spec.startMs === undefined ? undefined : formatDuration(spec.startMs), duration: formatDuration(spec.durationMs) }, children);
}
