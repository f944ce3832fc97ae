// Reading the SCTE 35 XML forms out of any XML text (the element itself, an Event, an EventStream
// or a whole MPD): SpliceInfoSection elements (urn:scte:scte35:2013:xml) and Signal/Binary elements
// (urn:scte:scte35:2014:xml+bin), with any namespace prefix or none.
import { XMLValidator } from 'fast-xml-parser';
import { pushIssue } from './issues.ts';
import type { Scte35Issue, Scte35Result, SpliceInfoSection } from './types.ts';
import { sectionFromElement } from './xml-element.ts';

/** A comment or CDATA section (skipped), or the start of a SpliceInfoSection/Signal element. */
const START = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<((?:[A-Za-z_][\w.-]*:)?(?:SpliceInfoSection|Signal))(?=[\s/>])/g;

/** The end of the start tag beginning at `from` ('>' outside quotes), or -1. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Each SpliceInfoSection/Signal element's text in document order (nested ones belong to their Signal). */
function* elements(xml: string): Generator<{ fragment?: string; problem?: string }> {
  const re = new RegExp(START.source, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const qname = m[1];
    if (qname === undefined) continue;
    const open = tagEnd(xml, m.index);
    if (open < 0) {
      yield { problem: `the <${qname}> start tag is not closed` };
      return;
    }
    let end = open + 1;
    if (xml[open - 1] !== '/') {
      const close = new RegExp(`</${qname.replace(/\./g, '\\.')}\\s*>`, 'g');
      close.lastIndex = open;
      const c = close.exec(xml);
      if (!c) {
        yield { problem: `<${qname}> has no closing tag` };
        return;
      }
      end = c.index + c[0].length;
    }
    yield { fragment: xml.slice(m.index, end) };
    re.lastIndex = end;
  }
}

function fromElement(e: { fragment?: string; problem?: string }, issues: Scte35Issue[]): SpliceInfoSection | undefined {
  if (e.fragment === undefined) {
    pushIssue(issues, 'SCTE35_XML_INVALID', e.problem ?? 'malformed element');
    return undefined;
  }
  const valid = XMLValidator.validate(e.fragment);
  if (valid !== true) {
    pushIssue(issues, 'SCTE35_XML_INVALID', `not well-formed XML: ${valid.err.msg}`, undefined, { line: valid.err.line, column: valid.err.col });
    return undefined;
  }
  return sectionFromElement(e.fragment, issues);
}

/**
 * Every SpliceInfoSection and Signal element in an XML text (a whole MPD, an EventStream, an
 * Event or the element itself), in document order; none is an empty list, not an issue. Each issue
 * carries `sectionIndex`: the index of the element it belongs to (elements that failed count too).
 * Elements inside comments and CDATA are not cues and are skipped.
 */
export function sectionsFromXml(xml: string): Scte35Result<SpliceInfoSection[]> {
  const sections: SpliceInfoSection[] = [];
  const issues: Scte35Issue[] = [];
  let index = 0;
  for (const e of elements(xml)) {
    const own: Scte35Issue[] = [];
    const section = fromElement(e, own);
    if (section) sections.push(section);
    for (const i of own) issues.push({ ...i, sectionIndex: index });
    index++;
  }
  return { value: sections, issues };
}

/**
 * The section of an XML text holding a SpliceInfoSection (urn:scte:scte35:2013:xml) or a
 * Signal/Binary (urn:scte:scte35:2014:xml+bin) element; the first one when there are several.
 */
export function fromXml(xml: string): Scte35Result<SpliceInfoSection | undefined> {
  const issues: Scte35Issue[] = [];
  for (const e of elements(xml)) return { value: fromElement(e, issues), issues };
  pushIssue(issues, 'SCTE35_XML_NO_SECTION', 'no SpliceInfoSection or Signal element found');
  return { value: undefined, issues };
}
