// EventStream / Event (ISO/IEC 23009-1 §5.10.2) and InbandEventStream (§5.10.3).
// An event's time on the presentation timeline is
//   Period start + (Event@presentationTime − EventStream@presentationTimeOffset) / @timescale,
// computed in BigInt because live packagers write 17-digit presentation times.
import { dashIssue } from '../issues.ts';
import { bigTicksToMs, parseBigUint } from '../ticks.ts';
import { getAttr, localName } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';
import type { AttrReader } from './attr-reader.ts';
import type { EventStreamView, EventView, InbandEventStreamView } from './types.ts';

export const SCTE35_SCHEMES = {
  xml: 'urn:scte:scte35:2013:xml',
  xmlBin: 'urn:scte:scte35:2014:xml+bin',
  bin: 'urn:scte:scte35:2013:bin',
} as const;

export function isScte35Scheme(uri: string): boolean {
  const u = uri.trim();
  return u === SCTE35_SCHEMES.xml || u === SCTE35_SCHEMES.xmlBin || u === SCTE35_SCHEMES.bin;
}

function bigAttr(el: XmlElement, path: string, name: string, r: AttrReader): bigint | undefined {
  const v = getAttr(el, name);
  if (v === undefined) return undefined;
  const big = parseBigUint(v);
  if (big === undefined) r.issues.push(dashIssue('DASH_BAD_NUMBER', `${path}@${name}="${v}" is not a non-negative integer.`, { offset: el.offset, path }, { attribute: name, value: v }));
  return big;
}

export function readEventStream(el: XmlElement, path: string, periodStartMs: number | undefined, r: AttrReader): EventStreamView {
  const schemeIdUri = getAttr(el, 'schemeIdUri') ?? '';
  if (getAttr(el, 'schemeIdUri') === undefined) {
    r.issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', `${path} has no @schemeIdUri.`, { offset: el.offset, path }, { attribute: 'schemeIdUri' }));
  }
  const timescale = r.positive(el, path, 'timescale') ?? 1;
  const ptoBig = bigAttr(el, path, 'presentationTimeOffset', r) ?? 0n;
  const view: EventStreamView = { el, path, schemeIdUri, timescale, presentationTimeOffset: Number(ptoBig), events: [] };
  const value = getAttr(el, 'value');
  if (value !== undefined) view.value = value;
  let index = 0;
  for (const c of el.children) {
    if (c.type !== 'element' || localName(c.name) !== 'Event') continue;
    index++;
    const ePath = `${path}/Event[${index}]`;
    const ptBig = bigAttr(c, ePath, 'presentationTime', r) ?? 0n;
    const event: EventView = { el: c, path: ePath, presentationTime: Number(ptBig) };
    const duration = r.uint(c, ePath, 'duration');
    if (duration !== undefined) {
      event.duration = duration;
      event.durationMs = bigTicksToMs(BigInt(duration), timescale);
    }
    for (const name of ['id', 'messageData', 'contentEncoding'] as const) {
      const v = getAttr(c, name);
      if (v !== undefined) event[name] = v;
    }
    if (periodStartMs !== undefined) event.presentationTimeMs = periodStartMs + bigTicksToMs(ptBig - ptoBig, timescale);
    view.events.push(event);
  }
  return view;
}

export function readInbandEventStream(el: XmlElement, path: string, r: AttrReader): InbandEventStreamView {
  const schemeIdUri = getAttr(el, 'schemeIdUri') ?? '';
  if (getAttr(el, 'schemeIdUri') === undefined) {
    r.issues.push(dashIssue('DASH_MISSING_ATTRIBUTE', `${path} has no @schemeIdUri.`, { offset: el.offset, path }, { attribute: 'schemeIdUri' }));
  }
  const view: InbandEventStreamView = { el, path, schemeIdUri, scte35: isScte35Scheme(schemeIdUri) };
  const value = getAttr(el, 'value');
  if (value !== undefined) view.value = value;
  return view;
}
