// Reads the SCTE-35 payload of a DASH Event (SCTE 214-1 §6.7 / SCTE 214-3):
// - urn:scte:scte35:2013:xml   — a clear-XML scte35:SpliceInfoSection (SCTE 35 §11) in the Event;
// - urn:scte:scte35:2014:xml+bin — scte35:Signal/scte35:Binary holding the section in base64
//   (white space around the base64 is ignored);
// - urn:scte:scte35:2013:bin   — base64 in Event@messageData or the Event's text (seen in the wild).
import { decode, fromXml } from '@adsplice/scte35';
import type { Scte35Issue } from '@adsplice/scte35/ad-signal';
import type { SpliceInfoSection } from '@adsplice/scte35';
import { SCTE35_SCHEMES } from '../model/read-event-stream.ts';
import { localName, textContent } from '../xml/dom.ts';
import { printNode } from '../xml/print-xml.ts';
import type { XmlElement } from '../xml/types.ts';

export const SCTE35_NAMESPACE = 'http://www.scte.org/schemas/35/2016';

export interface DecodedEvent {
  section?: SpliceInfoSection;
  /** The base64 text as carried (binary schemes). */
  text?: string;
  /** Why there is no section (no payload found), when that is the reason. */
  missing?: string;
  issues: Scte35Issue[];
}

function findDescendant(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (localName(c.name) === name) return c;
    const deeper = findDescendant(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** xmlns declarations in scope at `ancestors` (outermost first), later ones winning. */
function inScopeNamespaces(ancestors: XmlElement[]): Map<string, string> {
  const ns = new Map<string, string>();
  for (const a of ancestors) for (const attr of a.attrs) if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) ns.set(attr.name, attr.value);
  return ns;
}

/** The SpliceInfoSection element as a standalone XML document: the namespace of its prefix is declared on it. */
function standaloneXml(section: XmlElement, ancestors: XmlElement[]): string {
  const colon = section.name.indexOf(':');
  const decl = colon < 0 ? 'xmlns' : `xmlns:${section.name.slice(0, colon)}`;
  if (section.attrs.some((a) => a.name === decl)) return printNode(section, { indent: 0 });
  const inScope = inScopeNamespaces(ancestors).get(decl);
  // An unbound prefix (reported by the parser) is read as the SCTE-35 namespace.
  const uri = inScope ?? (colon < 0 ? undefined : SCTE35_NAMESPACE);
  const el = uri === undefined ? section : { ...section, attrs: [{ name: decl, value: uri }, ...section.attrs] };
  return printNode(el, { indent: 0 });
}

/** Decodes one Event of an SCTE-35 EventStream. `ancestors` are MPD, Period, EventStream (for namespaces). */
export function decodeEvent(event: XmlElement, schemeIdUri: string, ancestors: XmlElement[]): DecodedEvent {
  const scheme = schemeIdUri.trim();
  if (scheme === SCTE35_SCHEMES.xml) {
    const section = findDescendant(event, 'SpliceInfoSection');
    if (!section) return { missing: 'no scte35:SpliceInfoSection in the Event', issues: [] };
    const { value, issues } = fromXml(standaloneXml(section, [...ancestors, event]));
    return value ? { section: value, issues } : { issues };
  }
  let text: string | undefined;
  if (scheme === SCTE35_SCHEMES.xmlBin) {
    const binary = findDescendant(event, 'Binary');
    if (!binary) return { missing: 'no scte35:Signal/scte35:Binary in the Event', issues: [] };
    text = textContent(binary).trim();
  } else {
    const messageData = event.attrs.find((a) => a.name === 'messageData')?.value;
    text = (messageData ?? textContent(event)).trim();
  }
  if (text === '') return { text, missing: 'the Event carries no base64 payload', issues: [] };
  const { value, issues } = decode(text);
  return value ? { section: value, text, issues } : { text, issues };
}
