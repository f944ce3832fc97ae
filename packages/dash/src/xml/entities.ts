// XML §4.1 character and entity references: the five predefined entities and &#N; / &#xH;.
// Anything else is kept as literal text with a DASH_XML_BAD_REFERENCE issue.
import { dashIssue, type DashIssue } from '../issues.ts';

function named(ref: string): string | undefined {
  switch (ref) {
    case 'lt': return '<';
    case 'gt': return '>';
    case 'amp': return '&';
    case 'quot': return '"';
    case 'apos': return "'";
    default: return undefined;
  }
}

function validCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes references in `raw` (which starts at `offset` in the document). */
export function decodeEntities(raw: string, offset: number, report: (issue: DashIssue) => void): string {
  let out = '';
  let last = 0;
  let amp = raw.indexOf('&');
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    const ref = semi > amp && semi - amp <= 12 ? raw.slice(amp + 1, semi) : undefined;
    let decoded: string | undefined;
    if (ref !== undefined) {
      if (ref.charCodeAt(0) === 35 /* # */) {
        const hex = ref.charCodeAt(1) === 120; /* x */
        const digits = ref.slice(hex ? 2 : 1);
        if (digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
          const cp = parseInt(digits, hex ? 16 : 10);
          if (validCodePoint(cp)) decoded = String.fromCodePoint(cp);
        }
      } else {
        decoded = named(ref);
      }
    }
    if (decoded === undefined) {
      report(dashIssue('DASH_XML_BAD_REFERENCE', `"&" does not start a valid reference${ref !== undefined ? ` (&${ref};)` : ''}; kept as text.`, { offset: offset + amp }));
      amp = raw.indexOf('&', amp + 1);
      continue;
    }
    out += raw.slice(last, amp) + decoded;
    last = semi + 1;
    amp = raw.indexOf('&', last);
  }
  return last === 0 ? raw : out + raw.slice(last);
}
