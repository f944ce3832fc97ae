// Prints the XML tree. Output is canonical rather than byte-identical: double-quoted attributes,
// `<a/>` for empty elements, references only where XML needs them, and (by default) one element
// per line indented by two spaces. Text and CDATA are printed exactly as held, so a text-only
// element (BaseURL, Binary) keeps its content, leading/trailing white space included.
import type { XmlDocument, XmlElement, XmlNode } from './types.ts';

export interface PrintXmlOptions {
  /** Spaces per nesting level; 0 prints everything on one line. Default 2. */
  indent?: number;
}

const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;

export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function openTag(el: XmlElement): string {
  let s = '<' + el.name;
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    s += ' ' + a.name + '="' + escapeAttr(a.value) + '"';
  }
  return s;
}

function leaf(node: XmlNode): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.text);
    case 'cdata':
      return '<![CDATA[' + node.text + ']]>';
    case 'comment':
      return '<!--' + node.text + '-->';
    case 'pi':
      return '<?' + node.target + (node.data ? ' ' + node.data : '') + '?>';
    case 'doctype':
      return '<!DOCTYPE ' + node.text + '>';
    case 'element':
      return printInline(node);
  }
}

/** An element and its subtree on one line, with nothing added between nodes. */
function printInline(el: XmlElement): string {
  if (el.children.length === 0) return openTag(el) + '/>';
  let s = openTag(el) + '>';
  for (const c of el.children) s += leaf(c);
  return s + '</' + el.name + '>';
}

function printPretty(el: XmlElement, pad: string, step: string): string {
  const children = el.children;
  if (children.length === 0) return pad + openTag(el) + '/>';
  // Elements holding text (or mixed content) are printed inline so their text is unchanged.
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!.type;
    if (t === 'text' || t === 'cdata') return pad + printInline(el);
  }
  let s = pad + openTag(el) + '>';
  const inner = pad + step;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    s += '\n' + (c.type === 'element' ? printPretty(c, inner, step) : inner + leaf(c));
  }
  return s + '\n' + pad + '</' + el.name + '>';
}

export function printNode(node: XmlNode, options: PrintXmlOptions = {}): string {
  const indent = options.indent ?? 2;
  if (node.type !== 'element') return leaf(node);
  return indent > 0 ? printPretty(node, '', ' '.repeat(indent)) : printInline(node);
}

export function printXml(doc: XmlDocument, options: PrintXmlOptions = {}): string {
  const indent = options.indent ?? 2;
  const step = ' '.repeat(indent);
  let s = '';
  let prev: XmlNode | undefined;
  // Top-level nodes go one a line; text there (only in broken documents) is printed exactly, with nothing added around it.
  for (const c of doc.children) {
    if (indent > 0 && prev && prev.type !== 'text' && c.type !== 'text') s += '\n';
    s += c.type === 'element' ? (indent > 0 ? printPretty(c, '', step) : printInline(c)) : leaf(c);
    prev = c;
  }
  if (indent > 0 && prev && prev.type !== 'text') s += '\n';
  return s;
}
