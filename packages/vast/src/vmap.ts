// IAB VMAP 1.0.1: the ad breaks of a programme (where, what kind, and the VAST or tag for each).
// parseVmap reads any namespace prefix; buildVmap writes the `vmap:` prefix bound to the
// namespace of the VMAP 1.0 specification.
import { writeVast } from './build.ts';
import type { VastBuildVersion } from './build-version.ts';
import { vastIssue, type VastIssue } from './issues.ts';
import type { VastDocument, VastExtension } from './model.ts';
import { parseVast } from './parse.ts';
import { optionalAttr, put, Reader, readBool, readExtensions } from './read-values.ts';
import { formatVastTime, parseVastTime } from './time.ts';
import { attr, child, children, rawTextOf, textOf, type XmlValue } from './xml-node.ts';
import { readXml } from './xml-read.ts';
import { XmlWriter } from './xml-write.ts';

export const VMAP_NAMESPACE = 'http://www.iab.net/videosuite/vmap';

/** "start", "end", a time in ms from the content's start, "n%" of the content, or "#n" (n-th break position). */
export type VmapTimeOffset = 'start' | 'end' | number | `${number}%` | `#${number}`;

export interface VmapDocument {
  version: string;
  adBreaks: VmapAdBreak[];
}

export interface VmapAdBreak {
  timeOffset: VmapTimeOffset;
  /** "linear", "nonlinear", "display", or a comma-separated list of them. */
  breakType: string;
  breakId?: string;
  repeatAfterMs?: number;
  adSource?: VmapAdSource;
  /** breakStart, breakEnd, error. */
  trackingEvents: VmapTrackingEvent[];
  extensions: VastExtension[];
}

export interface VmapTrackingEvent {
  event: string;
  url: string;
}

export interface VmapAdSource {
  id?: string;
  allowMultipleAds?: boolean;
  followRedirects?: boolean;
  /** The VAST document inside <VASTAdData>. */
  vastAdData?: VastDocument;
  adTagUri?: string;
  /** templateType of <AdTagURI> or <CustomAdData> ("vast3", "vast2", "proprietary", …). */
  templateType?: string;
  customAdData?: string;
}

/** What buildVmap takes: a VmapDocument, where VAST data may also be given as XML text. */
export interface VmapAdBreakInput extends Omit<VmapAdBreak, 'adSource' | 'trackingEvents' | 'extensions' | 'breakType'> {
  breakType?: string;
  adSource?: Omit<VmapAdSource, 'vastAdData'> & { vastAdData?: VastDocument | string };
  trackingEvents?: VmapTrackingEvent[];
  extensions?: VastExtension[];
}

export interface VmapParseResult {
  value: VmapDocument | undefined;
  issues: VastIssue[];
}

const STOP_NODES = ['*.VASTAdData', '*.Extension', '*.CustomAdData'] as const;

/** Parses a VMAP 1.0 document; the VAST inside each <VASTAdData> is parsed with parseVast. */
export function parseVmap(xml: string): VmapParseResult {
  const read = readXml(xml, STOP_NODES);
  if (!read.ok) return { value: undefined, issues: [vastIssue('VMAP_XML_MALFORMED', `Not a well-formed XML document: ${read.reason}.`)] };
  if (read.rootName !== 'VMAP') {
    return { value: undefined, issues: [vastIssue('VMAP_NOT_VMAP', `The root element is <${read.rootName}>, not <vmap:VMAP>.`, { element: read.rootName })] };
  }
  const version = attr(read.root, 'version')?.trim() ?? '';
  if (!/^1(\.\d+)*$/.test(version)) {
    return { value: undefined, issues: [vastIssue('VMAP_UNSUPPORTED_VERSION', `VMAP version "${version}" is not supported (1.0 is).`, { element: 'VMAP', attribute: 'version', value: version })] };
  }
  const r = new Reader();
  const doc: VmapDocument = { version, adBreaks: [] };
  children(read.root, 'AdBreak').forEach((el, adBreakIndex) => {
    r.where = { adBreakIndex };
    const adBreak = parseAdBreak(r, el);
    if (adBreak) doc.adBreaks.push(adBreak);
  });
  return { value: doc, issues: r.issues };
}

function parseAdBreak(r: Reader, el: XmlValue): VmapAdBreak | undefined {
  const offsetText = attr(el, 'timeOffset')?.trim() ?? '';
  const timeOffset = parseTimeOffset(offsetText);
  if (timeOffset === undefined) {
    r.report('VMAP_BAD_TIME_OFFSET', `<AdBreak timeOffset="${offsetText}"> cannot be read; the break is left out.`, { element: 'AdBreak', attribute: 'timeOffset', value: offsetText });
    return undefined;
  }
  let breakType = optionalAttr(el, 'breakType');
  if (breakType === undefined) {
    r.report('VMAP_MISSING_BREAK_TYPE', 'The <AdBreak> has no breakType; "linear" is assumed.', { element: 'AdBreak', attribute: 'breakType' });
    breakType = 'linear';
  }
  const adBreak: VmapAdBreak = {
    timeOffset,
    breakType,
    trackingEvents: [],
    extensions: readExtensions(child(el, 'Extensions'), 'Extension'),
  };
  put(adBreak, 'breakId', optionalAttr(el, 'breakId'));
  const repeat = optionalAttr(el, 'repeatAfter');
  put(adBreak, 'repeatAfterMs', repeat === undefined ? undefined : parseVastTime(repeat));
  for (const t of children(child(el, 'TrackingEvents'), 'Tracking')) {
    const event = optionalAttr(t, 'event');
    const url = textOf(t);
    if (event !== undefined && url !== '') adBreak.trackingEvents.push({ event, url });
  }
  const sourceEl = child(el, 'AdSource');
  if (sourceEl !== undefined) put(adBreak, 'adSource', parseAdSource(r, sourceEl));
  return adBreak;
}

function parseAdSource(r: Reader, el: XmlValue): VmapAdSource | undefined {
  const source: VmapAdSource = {};
  put(source, 'id', optionalAttr(el, 'id'));
  put(source, 'allowMultipleAds', readBool(r, el, 'allowMultipleAds', 'AdSource'));
  put(source, 'followRedirects', readBool(r, el, 'followRedirects', 'AdSource'));
  const vastData = child(el, 'VASTAdData');
  const tag = child(el, 'AdTagURI');
  const custom = child(el, 'CustomAdData');
  if (vastData !== undefined) {
    let raw = rawTextOf(vastData).trim();
    if (raw.startsWith('<![CDATA[') && raw.endsWith(']]>')) raw = raw.slice(9, -3);
    const parsed = parseVast(raw);
    const problems = parsed.issues.filter((i) => i.code !== 'VAST_NO_ADS');
    if (problems.length > 0) r.report('VMAP_VAST_DATA', `The VAST document in <VASTAdData> has ${problems.length} issue(s).`, { element: 'VASTAdData', vastIssues: problems });
    put(source, 'vastAdData', parsed.value);
  } else if (tag !== undefined && textOf(tag) !== '') {
    source.adTagUri = textOf(tag);
    put(source, 'templateType', optionalAttr(tag, 'templateType'));
  } else if (custom !== undefined) {
    source.customAdData = rawTextOf(custom).trim();
    put(source, 'templateType', optionalAttr(custom, 'templateType'));
  } else {
    r.report('VMAP_BAD_AD_SOURCE', 'The <AdSource> has no VASTAdData, AdTagURI or CustomAdData.', { element: 'AdSource' });
    return undefined;
  }
  return source;
}

/** "start" | "end" | "HH:MM:SS[.mmm]" | "n%" | "#n" → VmapTimeOffset. */
export function parseTimeOffset(text: string): VmapTimeOffset | undefined {
  if (text === 'start' || text === 'end') return text;
  if (/^\d{1,3}(\.\d+)?%$/.test(text)) return `${Number(text.slice(0, -1))}%`;
  if (/^#\d+$/.test(text)) return `#${Number(text.slice(1))}`;
  return parseVastTime(text);
}

export function formatTimeOffset(offset: VmapTimeOffset): string {
  return typeof offset === 'number' ? formatVastTime(offset) : offset;
}

export interface BuildVmapOptions {
  /** The VAST version of the documents given as VastDocument (default '4.2'). */
  vastVersion?: VastBuildVersion;
}

const VMAP_EVENTS = new Set(['breakStart', 'breakEnd', 'error']);

/**
 * Writes a VMAP 1.0 document. VAST given as a VastDocument is written with buildVast's rules;
 * VAST given as text is copied (its XML declaration dropped) when it is a well-formed fragment,
 * and escaped as text otherwise, so that it can never break the VMAP around it.
 */
export function buildVmap(input: { adBreaks: readonly VmapAdBreakInput[] }, options: BuildVmapOptions = {}): string {
  const w = new XmlWriter();
  w.open('vmap:VMAP', [
    ['xmlns:vmap', VMAP_NAMESPACE],
    ['version', '1.0'],
  ]);
  for (const b of input.adBreaks) {
    w.open('vmap:AdBreak', [
      ['timeOffset', formatTimeOffset(b.timeOffset)],
      ['breakType', b.breakType ?? 'linear'],
      ['breakId', b.breakId],
      ['repeatAfter', b.repeatAfterMs === undefined ? undefined : formatVastTime(b.repeatAfterMs)],
    ]);
    if (b.adSource) writeAdSource(w, b.adSource, options.vastVersion ?? '4.2');
    const events = (b.trackingEvents ?? []).filter((t) => VMAP_EVENTS.has(t.event));
    if (events.length > 0) {
      w.open('vmap:TrackingEvents');
      for (const t of events) w.leaf('vmap:Tracking', t.url, [['event', t.event]]);
      w.close('vmap:TrackingEvents');
    }
    if (b.extensions && b.extensions.length > 0) {
      w.open('vmap:Extensions');
      for (const ext of b.extensions) w.rawLeaf('vmap:Extension', ext.xml, [['type', ext.type ?? '']]);
      w.close('vmap:Extensions');
    }
    w.close('vmap:AdBreak');
  }
  w.close('vmap:VMAP');
  return w.toString();
}

function writeAdSource(w: XmlWriter, s: NonNullable<VmapAdBreakInput['adSource']>, vastVersion: VastBuildVersion): void {
  w.open('vmap:AdSource', [
    ['id', s.id !== undefined && /^\d+$/.test(s.id) ? s.id : undefined],
    ['allowMultipleAds', s.allowMultipleAds],
    ['followRedirects', s.followRedirects],
  ]);
  if (s.vastAdData !== undefined) {
    w.open('vmap:VASTAdData');
    if (typeof s.vastAdData === 'string') {
      const xml = s.vastAdData.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '').trim();
      w.rawContent(xml);
    } else {
      writeVast(w, s.vastAdData, vastVersion);
    }
    w.close('vmap:VASTAdData');
  } else if (s.adTagUri !== undefined) {
    w.leaf('vmap:AdTagURI', s.adTagUri, [['templateType', s.templateType ?? 'vast3']]);
  } else if (s.customAdData !== undefined) {
    w.rawLeaf('vmap:CustomAdData', s.customAdData, [['templateType', s.templateType ?? 'proprietary']]);
  }
  w.close('vmap:AdSource');
}
