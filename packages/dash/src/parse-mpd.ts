// parseMpd: text → Mpd, never throwing. Issues come from the XML layer (well-formedness,
// namespaces), the document element (MPD or not) and the typed view (durations, dates, numbers).
import { dashIssue, type DashIssue } from './issues.ts';
import type { Mpd } from './mpd.ts';
import { MPD_NAMESPACE, readMpd } from './model/read-mpd.ts';
import { documentElement, getAttr, localName } from './xml/dom.ts';
import { parseXml } from './xml/parse-xml.ts';

export interface ParseMpdResult {
  value: Mpd;
  issues: DashIssue[];
}

export function parseMpd(text: string): ParseMpdResult {
  const { value, issues } = parseXml(typeof text === 'string' ? text : String(text));
  const root = documentElement(value);
  if (root === undefined) {
    if (!issues.some((i) => i.code === 'DASH_EMPTY')) issues.push(dashIssue('DASH_MISSING_MPD', 'The document has no MPD element.', { offset: 0 }));
    return { value, issues };
  }
  const name = localName(root.name);
  if (name !== 'MPD') {
    issues.push(dashIssue('DASH_MISSING_MPD', `The document element is <${root.name}>, not <MPD>.`, { offset: root.offset, path: `/${root.name}` }, { element: root.name }));
  } else {
    const colon = root.name.indexOf(':');
    const nsAttr = colon < 0 ? 'xmlns' : `xmlns:${root.name.slice(0, colon)}`;
    const ns = getAttr(root, nsAttr);
    if (ns !== MPD_NAMESPACE) {
      issues.push(dashIssue('DASH_MPD_NAMESPACE', ns === undefined ? `<${root.name}> has no ${nsAttr}="${MPD_NAMESPACE}".` : `<${root.name}> is in namespace "${ns}", not "${MPD_NAMESPACE}".`, { offset: root.offset, path: `/${root.name}` }, { namespace: ns }));
    }
  }
  issues.push(...readMpd(value).issues);
  return { value, issues };
}
