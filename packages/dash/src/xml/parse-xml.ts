// A small, forgiving, non-validating XML 1.0 parser (W3C XML 1.0 §2–§4) written for MPDs:
// it keeps every node and attribute in order with its prefix, records where each element sits
// in the text, checks namespace prefixes are bound, never throws, and recovers from broken
// markup (closing what is open, skipping stray end tags) with an issue saying where.
// White-space-only text between tags is dropped (MPDs have no mixed content).
import { dashIssue, type DashIssue } from '../issues.ts';
import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from './types.ts';
import { decodeEntities } from './entities.ts';

export interface ParseXmlResult {
  value: XmlDocument;
  issues: DashIssue[];
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;

/** Deeper elements are kept flat (their content goes to the level above), so nothing that walks the tree recursively can overflow the stack. MPDs nest about 10 deep. */
export const MAX_XML_DEPTH = 256;

/** Well-formedness issues reported at most (a broken document can otherwise yield one per tag). */
const MAX_MALFORMED_ISSUES = 100;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Name characters we accept (a superset of XML's NameChar, minus delimiters); NaN (past the end) is not one. */
function isNameChar(c: number): boolean {
  return !Number.isNaN(c) && !(isSpace(c) || c === GT || c === SLASH || c === EQ || c === LT || c === DQUOTE || c === SQUOTE);
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

export function parseXml(text: string): ParseXmlResult {
  const issues: DashIssue[] = [];
  const doc: XmlDocument = { children: [] };
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (isBlank(text, i, n)) {
    issues.push(dashIssue('DASH_EMPTY', 'The input is empty: no XML document.', { offset: 0 }));
    return { value: doc, issues };
  }

  const stack: XmlElement[] = [];
  /** Namespace scopes: prefixes declared by each open element (undefined when none). */
  const scopes: (string[] | undefined)[] = [];
  const bound = new Map<string, number>([['xml', 1], ['xmlns', 1]]);
  const reportedPrefixes = new Set<string>();
  let rootSeen = false;
  let depthReported = false;
  let container: XmlNode[] = doc.children;

  let malformedCount = 0;
  const malformed = (message: string, offset: number): void => {
    malformedCount++;
    if (malformedCount < MAX_MALFORMED_ISSUES) issues.push(dashIssue('DASH_XML_MALFORMED', message, { offset }));
    else if (malformedCount === MAX_MALFORMED_ISSUES) issues.push(dashIssue('DASH_XML_MALFORMED', `${message} (further well-formedness problems are not reported)`, { offset }));
  };

  let badReferences = 0;
  const badReference = (issue: DashIssue): void => {
    if (++badReferences <= MAX_MALFORMED_ISSUES) issues.push(issue);
  };

  const checkPrefix = (name: string, offset: number, isAttr: boolean): void => {
    const colon = name.indexOf(':');
    if (colon <= 0) return;
    const prefix = name.slice(0, colon);
    if (isAttr && prefix === 'xmlns') return;
    if (bound.has(prefix) || reportedPrefixes.has(prefix)) return;
    reportedPrefixes.add(prefix);
    issues.push(dashIssue('DASH_XML_UNBOUND_PREFIX', `Namespace prefix "${prefix}" (in <${name}>) is not declared.`, { offset }, { prefix }));
  };

  const unbind = (declared: string[] | undefined): void => {
    if (!declared) return;
    for (const p of declared) {
      const count = (bound.get(p) ?? 1) - 1;
      if (count <= 0) bound.delete(p);
      else bound.set(p, count);
    }
  };

  const pushText = (start: number, end: number): void => {
    if (isBlank(text, start, end)) return;
    if (stack.length === 0) {
      malformed('Text outside the document element.', start);
    }
    const raw = text.slice(start, end);
    const decoded = raw.indexOf('&') < 0 ? raw : decodeEntities(raw, start, badReference);
    container.push({ type: 'text', text: decoded });
  };

  const closeTop = (end: number): void => {
    const el = stack.pop()!;
    el.end = end;
    unbind(scopes.pop());
    container = stack.length === 0 ? doc.children : stack[stack.length - 1]!.children;
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      pushText(i, n);
      break;
    }
    if (lt > i) pushText(i, lt);
    i = lt;
    const c = text.charCodeAt(i + 1);

    if (c === SLASH) {
      // End tag (XML §3.1 ETag).
      const gt = text.indexOf('>', i + 2);
      const stop = gt < 0 ? n : gt;
      const name = text.slice(i + 2, stop).trim();
      const next = gt < 0 ? n : gt + 1;
      if (gt < 0) malformed(`Unterminated end tag </${name}.`, i);
      let depth = stack.length - 1;
      while (depth >= 0 && stack[depth]!.name !== name) depth--;
      if (depth < 0) {
        malformed(`End tag </${name}> matches no open element.`, i);
      } else {
        while (stack.length - 1 > depth) {
          malformed(`<${stack[stack.length - 1]!.name}> is not closed before </${name}>.`, stack[stack.length - 1]!.offset ?? i);
          closeTop(i);
        }
        closeTop(next);
      }
      i = next;
      continue;
    }

    if (c === BANG) {
      if (text.startsWith('<!--', i)) {
        // Comment (XML §2.5).
        const close = text.indexOf('-->', i + 4);
        if (close < 0) malformed('Unterminated comment.', i);
        const body = text.slice(i + 4, close < 0 ? n : close);
        container.push({ type: 'comment', text: body });
        i = close < 0 ? n : close + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        // CDATA section (XML §2.7).
        const close = text.indexOf(']]>', i + 9);
        if (close < 0) malformed('Unterminated CDATA section.', i);
        if (stack.length === 0) malformed('CDATA outside the document element.', i);
        container.push({ type: 'cdata', text: text.slice(i + 9, close < 0 ? n : close) });
        i = close < 0 ? n : close + 3;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', i)) {
        // Document type declaration (XML §2.8): kept as written; an internal subset is skipped over.
        let j = i + 9;
        let depth = 0;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 91) depth++;
          else if (d === 93) depth--;
          else if (d === GT && depth <= 0) break;
          j++;
        }
        if (j >= n) malformed('Unterminated DOCTYPE.', i);
        if (rootSeen) malformed('DOCTYPE after the document element.', i);
        container.push({ type: 'doctype', text: text.slice(i + 9, j).trim() });
        i = j < n ? j + 1 : n;
        continue;
      }
      malformed('Markup declaration "<!" that is not a comment, CDATA or DOCTYPE.', i);
      const gt = text.indexOf('>', i);
      i = gt < 0 ? n : gt + 1;
      continue;
    }

    if (c === QUESTION) {
      // Processing instruction (XML §2.6), including the XML declaration.
      const close = text.indexOf('?>', i + 2);
      if (close < 0) malformed('Unterminated processing instruction.', i);
      const body = text.slice(i + 2, close < 0 ? n : close);
      let k = 0;
      while (k < body.length && !isSpace(body.charCodeAt(k))) k++;
      const target = body.slice(0, k);
      if (target.toLowerCase() === 'xml' && (i > (text.charCodeAt(0) === 0xfeff ? 1 : 0))) malformed('The XML declaration is not at the start of the document.', i);
      container.push({ type: 'pi', target, data: body.slice(k).trim() });
      i = close < 0 ? n : close + 2;
      continue;
    }

    if (!isNameStart(c)) {
      malformed('A "<" that does not start a tag (escape it as &lt;).', i);
      // Keep it as text up to the next "<".
      const next = text.indexOf('<', i + 1);
      const end = next < 0 ? n : next;
      if (stack.length > 0) container.push({ type: 'text', text: text.slice(i, end) });
      i = end;
      continue;
    }

    // Start tag or empty-element tag (XML §3.1 STag, EmptyElemTag).
    const start = i;
    let j = i + 1;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    const attrs: XmlAttr[] = [];
    let declared: string[] | undefined;
    let selfClosing = false;
    let closed = false;
    while (j < n) {
      let ch = text.charCodeAt(j);
      if (isSpace(ch)) {
        j++;
        continue;
      }
      if (ch === GT) {
        j++;
        closed = true;
        break;
      }
      if (ch === SLASH) {
        if (text.charCodeAt(j + 1) === GT) {
          j += 2;
          selfClosing = true;
          closed = true;
          break;
        }
        malformed(`Stray "/" in <${name}>.`, j);
        j++;
        continue;
      }
      if (ch === LT) {
        malformed(`<${name}> is not terminated before the next "<".`, j);
        closed = true;
        break;
      }
      // Attribute (XML §3.1 Attribute).
      const nameStart = j;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      if (j === nameStart) {
        malformed(`Unexpected character in <${name}>.`, j);
        j++;
        continue;
      }
      const attrName = text.slice(nameStart, j);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      let value = '';
      if (text.charCodeAt(j) !== EQ) {
        malformed(`Attribute ${attrName} of <${name}> has no value.`, nameStart);
      } else {
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        ch = text.charCodeAt(j);
        if (ch === DQUOTE || ch === SQUOTE) {
          const close = text.indexOf(ch === DQUOTE ? '"' : "'", j + 1);
          const stop = close < 0 ? n : close;
          if (close < 0) malformed(`Unterminated value of attribute ${attrName}.`, j);
          let raw = text.slice(j + 1, stop);
          if (raw.indexOf('<') >= 0) malformed(`"<" inside the value of attribute ${attrName}.`, j);
          // XML §3.3.3 attribute-value normalisation: literal white space characters become
          // spaces (character references to them are kept, so this comes before decoding).
          if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
          value = raw.indexOf('&') >= 0 ? decodeEntities(raw, j + 1, badReference) : raw;
          j = close < 0 ? n : close + 1;
        } else {
          malformed(`Value of attribute ${attrName} is not quoted.`, j);
          const vStart = j;
          while (j < n && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== GT && !text.startsWith('/>', j)) j++;
          value = text.slice(vStart, j);
        }
      }
      let dup = false;
      for (let a = 0; a < attrs.length; a++) if (attrs[a]!.name === attrName) dup = true;
      if (dup) {
        issues.push(dashIssue('DASH_XML_DUPLICATE_ATTRIBUTE', `<${name}> repeats attribute ${attrName}.`, { offset: nameStart }, { attribute: attrName }));
        continue;
      }
      attrs.push({ name: attrName, value });
      if (attrName.startsWith('xmlns:')) (declared ??= []).push(attrName.slice(6));
    }
    if (!closed) malformed(`Unterminated start tag <${name}>.`, start);

    if (stack.length === 0) {
      if (rootSeen) malformed(`A second document element <${name}>.`, start);
      rootSeen = true;
    }
    if (declared) for (const p of declared) bound.set(p, (bound.get(p) ?? 0) + 1);
    checkPrefix(name, start, false);
    for (let a = 0; a < attrs.length; a++) checkPrefix(attrs[a]!.name, start, true);

    const el: XmlElement = { type: 'element', name, attrs, children: [], offset: start };
    container.push(el);
    const tooDeep = stack.length >= MAX_XML_DEPTH;
    if (tooDeep && !selfClosing && !depthReported) {
      depthReported = true;
      malformed(`Elements nest deeper than ${MAX_XML_DEPTH} levels; deeper content is kept one level up.`, start);
    }
    if (selfClosing || !closed || tooDeep) {
      el.end = j;
      unbind(declared);
    } else {
      stack.push(el);
      scopes.push(declared);
      container = el.children;
    }
    i = j;
  }

  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    malformed(`<${top.name}> is not closed at the end of the input.`, top.offset ?? n);
    closeTop(n);
  }
  if (!rootSeen) malformed('No document element.', 0);
  return { value: doc, issues };
}
