// Writers for SCTE-35 EventStreams (SCTE 214-1 §6.7): one Event per cue, in either scheme:
// - 'xml'      urn:scte:scte35:2013:xml   — the cue as a clear-XML scte35:SpliceInfoSection;
// - 'xml+bin'  urn:scte:scte35:2014:xml+bin — <scte35:Signal><scte35:Binary>base64</…></…>.
// The scte35 prefix is declared on the EventStream so that it is valid wherever it is put.
// Binary passthrough: a cue's `base64` (or its section's `raw` bytes) is written as received;
// the encoder is only used for sections without raw bytes.
import { decode, encodeBase64, toXml } from '@adsplice/scte35';
import type { SpliceInfoSection } from '@adsplice/scte35';
import { toBase64 } from '@adsplice/bits';
import { classifyCue } from '../ads/classify-cue.ts';
import { SCTE35_NAMESPACE } from '../ads/decode-event.ts';
import { SCTE35_SCHEMES } from '../model/read-event-stream.ts';
import { msToBigTicks } from '../ticks.ts';
import { documentElement, element } from '../xml/dom.ts';
import { parseXml } from '../xml/parse-xml.ts';
import type { XmlElement } from '../xml/types.ts';

export interface Scte35Cue {
  /** The decoded cue (needed for the 'xml' scheme unless `base64` is given). */
  section?: SpliceInfoSection;
  /** The cue as base64, written as is for 'xml+bin'. */
  base64?: string;
  /** Event@presentationTime in the stream's timescale (wins over presentationTimeMs). */
  presentationTime?: number | bigint;
  /** Time after the Period start, ms (converted with the timescale; the stream's presentationTimeOffset is added). */
  presentationTimeMs?: number;
  /** Event@duration from ms; default: the cue's break_duration / segmentation_duration for an OUT. */
  durationMs?: number;
  /** Event@id (dash.js drops repeated ids, so give each cue its own). */
  id?: string | number;
}

export interface EventStreamOptions {
  scheme: 'xml' | 'xml+bin';
  /** EventStream@timescale, default 90000. */
  timescale?: number;
  presentationTimeOffset?: number | bigint;
  value?: string;
  /** Namespace prefix for the SCTE-35 elements, default 'scte35'. */
  prefix?: string;
}

function sectionOf(cue: Scte35Cue): SpliceInfoSection | undefined {
  if (cue.section) return cue.section;
  return cue.base64 !== undefined ? decode(cue.base64).value : undefined;
}

function base64Of(cue: Scte35Cue): string {
  if (cue.base64 !== undefined) return cue.base64.trim();
  const s = cue.section;
  if (!s) return '';
  return s.raw && s.raw.length > 0 ? toBase64(s.raw) : encodeBase64(s);
}

function payload(cue: Scte35Cue, options: EventStreamOptions, prefix: string): XmlElement[] {
  if (options.scheme === 'xml+bin') {
    const binary = element(`${prefix}:Binary`, {}, [{ type: 'text', text: base64Of(cue) }]);
    return [element(`${prefix}:Signal`, {}, [binary])];
  }
  const section = sectionOf(cue);
  if (!section) return [];
  // The EventStream declares the prefix.
  const parsed = documentElement(parseXml(toXml(section, { prefix, declareNamespace: false })).value);
  return parsed ? [parsed] : [];
}

export function buildScte35Event(cue: Scte35Cue, options: EventStreamOptions): XmlElement {
  const timescale = options.timescale ?? 90_000;
  const prefix = options.prefix ?? 'scte35';
  const pto = BigInt(options.presentationTimeOffset ?? 0);
  let pt: bigint | undefined;
  if (cue.presentationTime !== undefined) pt = BigInt(cue.presentationTime);
  else if (cue.presentationTimeMs !== undefined) pt = msToBigTicks(cue.presentationTimeMs, timescale) + pto;
  let duration: bigint | undefined;
  if (cue.durationMs !== undefined) duration = msToBigTicks(cue.durationMs, timescale);
  else {
    const section = sectionOf(cue);
    const out = section ? classifyCue(section).find((m) => m.kind === 'out') : undefined;
    if (out?.durationTicks !== undefined) duration = (BigInt(out.durationTicks) * BigInt(timescale) + 45_000n) / 90_000n;
  }
  return element(
    'Event',
    {
      presentationTime: pt === undefined ? undefined : String(pt),
      duration: duration === undefined ? undefined : String(duration),
      id: cue.id === undefined ? undefined : String(cue.id),
    },
    payload(cue, options, prefix),
  );
}

/** An EventStream element carrying the cues (add it with addEventStream). */
export function buildScte35EventStream(cues: Scte35Cue[], options: EventStreamOptions): XmlElement {
  const prefix = options.prefix ?? 'scte35';
  return element(
    'EventStream',
    {
      schemeIdUri: options.scheme === 'xml' ? SCTE35_SCHEMES.xml : SCTE35_SCHEMES.xmlBin,
      value: options.value,
      timescale: options.timescale ?? 90_000,
      presentationTimeOffset: options.presentationTimeOffset === undefined ? undefined : String(options.presentationTimeOffset),
      [`xmlns:${prefix}`]: SCTE35_NAMESPACE,
    },
    cues.map((c) => buildScte35Event(c, options)),
  );
}
