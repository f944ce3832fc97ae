// parseVast: one pass of fast-xml-parser, then a tolerant walk that keeps what it can use and
// reports the rest as issues (errors as data). It never throws.
import { vastIssue, type VastIssue } from './issues.ts';
import type { VastDocument } from './model.ts';
import { parseAd, STOP_NODES } from './parse-ad.ts';
import { Reader, readUrls } from './read-values.ts';
import { attr, children } from './xml-node.ts';
import { readXml } from './xml-read.ts';

export interface VastParseResult {
  /** Undefined when a fatal issue makes the document unusable. */
  value: VastDocument | undefined;
  issues: VastIssue[];
}

const SUPPORTED_MAJOR_VERSIONS = new Set([2, 3, 4]);

/** Parses a VAST 2.0–4.3 document. Wrappers are returned as such (see mergeWrapper). */
export function parseVast(xml: string): VastParseResult {
  const read = readXml(xml, STOP_NODES);
  if (!read.ok) return fatal(vastIssue('VAST_XML_MALFORMED', `Not a well-formed XML document: ${read.reason}.`));
  if (read.rootName === 'VideoAdServingTemplate') {
    return fatal(vastIssue('VAST_UNSUPPORTED_VERSION', 'VAST 1.0 (<VideoAdServingTemplate>) is not supported.', { element: 'VideoAdServingTemplate' }));
  }
  if (read.rootName !== 'VAST') return fatal(vastIssue('VAST_NOT_VAST', `The root element is <${read.rootName}>, not <VAST>.`, { element: read.rootName }));

  const r = new Reader();
  const root = read.root;
  let version = attr(root, 'version')?.trim();
  if (version === undefined || version === '') {
    r.report('VAST_MISSING_VERSION', '<VAST> has no version attribute; it is read as VAST 4.', { element: 'VAST', attribute: 'version' });
    version = '';
  } else {
    const major = /^(\d+)(\.\d+)*$/.exec(version)?.[1];
    if (major === undefined || !SUPPORTED_MAJOR_VERSIONS.has(Number(major))) {
      return fatal(vastIssue('VAST_UNSUPPORTED_VERSION', `VAST version "${version}" is not supported (2.0 to 4.3 are).`, { element: 'VAST', attribute: 'version', value: version }));
    }
  }
  const doc: VastDocument = { version, ads: [], errors: readUrls(r, root, 'Error') };
  children(root, 'Ad').forEach((adEl, adIndex) => {
    const ad = parseAd(r, adEl, adIndex);
    if (ad !== undefined) doc.ads.push(ad);
  });
  r.where = {};
  if (doc.ads.length === 0) r.report('VAST_NO_ADS', doc.errors.length > 0 ? 'No ads: a no-ad response (its Error URLs are in errors).' : 'No ads: a no-ad response.');
  return { value: doc, issues: r.issues };
}

function fatal(issue: VastIssue): VastParseResult {
  return { value: undefined, issues: [issue] };
}
