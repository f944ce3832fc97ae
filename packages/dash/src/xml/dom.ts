// Small helpers over the XML tree. Edits never mutate: they return new nodes.
import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from './types.ts';

/** The name without its prefix: `scte35:Signal` → `Signal`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export function getAttr(el: XmlElement, name: string): string | undefined {
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.name === name) return a.value;
  }
  return undefined;
}

/** A copy of `el` with `name` set to `value` (kept in place if present, appended otherwise), or removed when `value` is undefined. */
export function withAttr(el: XmlElement, name: string, value: string | undefined): XmlElement {
  const index = el.attrs.findIndex((a) => a.name === name);
  let attrs: XmlAttr[];
  if (value === undefined) {
    if (index < 0) return el;
    attrs = el.attrs.filter((_, i) => i !== index);
  } else if (index < 0) {
    attrs = [...el.attrs, { name, value }];
  } else {
    attrs = el.attrs.map((a, i) => (i === index ? { name, value } : a));
  }
  return { ...el, attrs };
}

/** Like withAttr, but a new attribute is put at `index` (after the attribute named `index` when a string). */
export function withAttrAt(el: XmlElement, name: string, value: string, index: number | string): XmlElement {
  if (el.attrs.some((a) => a.name === name)) return withAttr(el, name, value);
  const at = typeof index === 'number' ? index : el.attrs.findIndex((a) => a.name === index) + 1;
  const attrs = [...el.attrs];
  attrs.splice(Math.max(0, Math.min(at, attrs.length)), 0, { name, value });
  return { ...el, attrs };
}

/** Sets several attributes at once (see withAttr). */
export function withAttrs(el: XmlElement, values: Record<string, string | undefined>): XmlElement {
  let out = el;
  for (const [name, value] of Object.entries(values)) out = withAttr(out, name, value);
  return out;
}

export function withChildren(el: XmlElement, children: XmlNode[]): XmlElement {
  return { ...el, children };
}

/** Child elements, optionally only those whose local name is `name`. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.type === 'element' && (name === undefined || c.name === name || localName(c.name) === name)) out.push(c);
  }
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.type === 'element' && (c.name === name || localName(c.name) === name)) return c;
  }
  return undefined;
}

/** The concatenated text and CDATA of an element's direct children. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) if (c.type === 'text' || c.type === 'cdata') out += c.text;
  return out;
}

/** The document element (the first element at the top level). */
export function documentElement(doc: XmlDocument): XmlElement | undefined {
  for (const c of doc.children) if (c.type === 'element') return c;
  return undefined;
}

/** Builds an element; attributes whose value is undefined are left out. */
export function element(name: string, attrs: Record<string, string | number | undefined> = {}, children: XmlNode[] = []): XmlElement {
  const list: XmlAttr[] = [];
  for (const [n, v] of Object.entries(attrs)) if (v !== undefined) list.push({ name: n, value: String(v) });
  return { type: 'element', name, attrs: list, children };
}

/** A deep copy without the parse offsets (for comparing trees). */
export function stripOffsets<T extends XmlNode | XmlDocument>(node: T): T {
  if ('type' in node && node.type !== 'element') return { ...node };
  if (!('type' in node)) return { children: node.children.map(stripOffsets) } as T;
  const el = node as XmlElement;
  return { type: 'element', name: el.name, attrs: el.attrs.map((a) => ({ ...a })), children: el.children.map(stripOffsets) } as T;
}
