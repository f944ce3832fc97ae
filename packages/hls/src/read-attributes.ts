// Reads an attribute list into typed fields by a small table (attribute → field name and type),
// reporting grammar problems, quoting of the wrong kind, bad values and missing required attributes.
import type { Attribute } from './attribute-list.ts';
import { parseDateTime } from './date-time.ts';
import { parseDecimalFloat, parseDecimalInteger, parseDecimalMs } from './decimal.ts';
import { hlsIssue, type HlsIssue } from './issues.ts';
import type { M3u8Line } from './m3u8-line.ts';
import type { ByteRange } from './tag-types.ts';

export type AttrType =
  | 'int' // decimal-integer
  | 'float' // decimal-floating-point
  | 'ms' // decimal seconds → integer ms
  | 'signed-ms' // signed decimal seconds → integer ms
  | 'string' // quoted-string
  | 'string-or-none' // quoted-string, or the enumerated-string NONE (CLOSED-CAPTIONS)
  | 'enum' // enumerated-string
  | 'yesno' // YES/NO → boolean
  | 'hex' // hexadecimal-sequence, kept as text
  | 'resolution' // WxH
  | 'date' // quoted ISO 8601 → `key` (text) and `keyMs`
  | 'byterange' // quoted "n[@o]"
  | 'list' // quoted, comma-separated
  | 'tab-list'; // quoted, tab-separated

export type AttrSpec = Readonly<Record<string, readonly [key: string, type: AttrType]>>;

const QUOTED_TYPES: ReadonlySet<AttrType> = new Set(['string', 'date', 'byterange', 'list', 'tab-list']);

/** Turns the attribute list's grammar problems into issues with a line and column. */
export function attributeIssues(line: M3u8Line, lineNo: number, issues: HlsIssue[]): void {
  for (const p of line.attributes.problems) {
    issues.push(hlsIssue(p.code, lineNo, `#${line.name}: ${p.message}`, { column: line.valueOffset + p.offset + 1 }));
  }
}

/** "n[@o]" → ByteRange, undefined when malformed. */
export function parseByteRange(text: string): ByteRange | undefined {
  const at = text.indexOf('@');
  const length = parseDecimalInteger(at < 0 ? text : text.slice(0, at));
  if (length === undefined) return undefined;
  if (at < 0) return { length };
  const offset = parseDecimalInteger(text.slice(at + 1));
  return offset === undefined ? undefined : { length, offset };
}

function convert(a: Attribute, type: AttrType): unknown {
  const v = a.value;
  switch (type) {
    case 'int':
      return parseDecimalInteger(v);
    case 'float':
      return parseDecimalFloat(v);
    case 'ms':
      return parseDecimalMs(v);
    case 'signed-ms':
      return parseDecimalMs(v, true);
    case 'string':
    case 'string-or-none':
    case 'hex':
      return v;
    case 'enum':
      return v.length > 0 ? v : undefined;
    case 'yesno':
      return v === 'YES' ? true : v === 'NO' ? false : undefined;
    case 'resolution': {
      const x = v.indexOf('x');
      const width = parseDecimalInteger(v.slice(0, Math.max(0, x)));
      const height = parseDecimalInteger(v.slice(x + 1));
      return x > 0 && width !== undefined && height !== undefined ? { width, height } : undefined;
    }
    case 'date':
      return parseDateTime(v);
    case 'byterange':
      return parseByteRange(v);
    case 'list':
      return v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    case 'tab-list':
      return v.split('\t').filter((s) => s.length > 0);
  }
}

/**
 * Reads the attributes `spec` names into an object (absent or unreadable ones are left out),
 * pushing issues for the attribute-list grammar, quoting, values and `required` attributes.
 */
export function readAttributes(line: M3u8Line, lineNo: number, spec: AttrSpec, required: readonly string[], issues: HlsIssue[]): Record<string, unknown> {
  attributeIssues(line, lineNo, issues);
  const out: Record<string, unknown> = {};
  const list = line.attributes;
  for (const name of Object.keys(spec)) {
    const a = list.attribute(name);
    if (!a) continue;
    const [key, type] = spec[name]!;
    const wantsQuotes = QUOTED_TYPES.has(type) || (type === 'string-or-none' && a.value !== 'NONE');
    if (wantsQuotes && a.quote === '') {
      issues.push(hlsIssue('HLS_ATTRIBUTE_QUOTING', lineNo, `#${line.name}: ${name} should be a quoted-string`, { column: line.valueOffset + a.start + 1, attribute: name }));
    } else if (!wantsQuotes && a.quote === '"') {
      issues.push(hlsIssue('HLS_ATTRIBUTE_QUOTING', lineNo, `#${line.name}: ${name} should not be quoted`, { column: line.valueOffset + a.start + 1, attribute: name }));
    }
    const value = convert(a, type);
    if (value === undefined) {
      issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#${line.name}: ${name}=${a.value} is not a valid ${type}`, { column: line.valueOffset + a.start + 1, attribute: name }));
      continue;
    }
    if (type === 'date') {
      const d = value as { ms: number; zoned: boolean };
      if (!d.zoned) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#${line.name}: ${name} has no time zone; read as UTC`, { attribute: name }));
      out[key] = a.value;
      out[`${key}Ms`] = d.ms;
    } else {
      out[key] = value;
    }
  }
  for (const name of required) {
    if (!list.has(name)) issues.push(hlsIssue('HLS_MISSING_ATTRIBUTE', lineNo, `#${line.name} has no ${name}`, { attribute: name }));
  }
  return out;
}
