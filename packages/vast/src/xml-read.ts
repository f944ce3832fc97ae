// One fast-xml-parser pass over a document, tuned for ad responses: every element is an array
// (no "one child vs many" surprises), attributes under '@', values kept as trimmed strings, namespace
// prefixes dropped, and the listed stop nodes (Extensions, embedded VAST in VMAP) kept as raw XML.
// Entities: only the five XML ones and numeric character references are decoded; DOCTYPE-declared
// entities are not expanded (no entity-expansion attacks), CDATA is taken literally.
import { XMLParser } from 'fast-xml-parser';
import type { XmlValue } from './xml-node.ts';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;

/** Decodes the XML predefined entities and character references; anything else stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string) => {
    const named = NAMED[ref];
    if (named !== undefined) return named;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

const entityDecoder = {
  setExternalEntities: (): void => {},
  addInputEntities: (): void => {},
  reset: (): void => {},
  setXmlVersion: (): void => {},
  decode: decodeXmlEntities,
};

const parsers = new Map<string, XMLParser>();

function parserFor(stopNodes: readonly string[]): XMLParser {
  const key = stopNodes.join('|');
  let parser = parsers.get(key);
  if (!parser) {
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      attributesGroupName: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      removeNSPrefix: true,
      processEntities: true,
      entityDecoder,
      stopNodes: [...stopNodes],
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
      jPath: false,
    });
    parsers.set(key, parser);
  }
  return parser;
}

export type XmlRead = { ok: true; rootName: string; root: XmlValue } | { ok: false; reason: string };

/**
 * Parses `xml` and returns its single root element. Fails (never throws) when the text is not
 * XML, has no or several root elements, or ends before its root element is closed (truncated).
 */
export function readXml(xml: string, stopNodes: readonly string[]): XmlRead {
  if (typeof xml !== 'string') return { ok: false, reason: 'the input is not a string' };
  let tree: Record<string, unknown>;
  try {
    tree = parserFor(stopNodes).parse(xml) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const roots = Object.keys(tree).filter((k) => !k.startsWith('?') && k !== '#text');
  if (roots.length === 0) return { ok: false, reason: 'no root element' };
  const rootName = roots[0] ?? '';
  const values = tree[rootName];
  if (roots.length > 1 || !Array.isArray(values) || values.length !== 1) return { ok: false, reason: 'several root elements' };
  if (!closesRoot(xml, rootName, values[0] as XmlValue)) return { ok: false, reason: `the text ends before </${rootName}> (truncated?)` };
  return { ok: true, rootName, root: values[0] as XmlValue };
}

/** True when the document, after trailing comments, PIs and white space, ends by closing its root. */
function closesRoot(xml: string, rootName: string, root: XmlValue): boolean {
  let end = xml.length;
  for (;;) {
    while (end > 0 && /\s/.test(xml[end - 1] ?? '')) end--;
    if (xml.startsWith('-->', end - 3)) {
      const open = xml.lastIndexOf('<!--', end - 3);
      if (open < 0) return false;
      end = open;
    } else if (xml.startsWith('?>', end - 2)) {
      const open = xml.lastIndexOf('<?', end - 2);
      if (open < 0) return false;
      end = open;
    } else break;
  }
  if (xml[end - 1] !== '>') return false;
  const lastOpen = xml.lastIndexOf('<', end - 1);
  if (lastOpen < 0) return false;
  const tag = xml.slice(lastOpen + 1, end - 1);
  const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
  if (tag.startsWith('/')) return localName(tag.slice(1).trim()) === rootName;
  // A self-closing root (`<VAST version="4.2"/>`): the last tag is the root's own start tag and
  // the root has no children.
  if (!tag.endsWith('/')) return false;
  const childless = typeof root === 'string' || Object.keys(root).every((k) => k === '@' || k === '#text');
  return childless && localName(/^[^\s/]+/.exec(tag)?.[0] ?? '') === rootName;
}
