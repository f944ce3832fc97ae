// Reads typed attribute values, reporting values that do not parse (and never throwing).
import { dashIssue, type DashIssue } from '../issues.ts';
import { parseDuration } from '../duration.ts';
import { parseDateTime } from '../date-time.ts';
import { getAttr } from '../xml/dom.ts';
import type { XmlElement } from '../xml/types.ts';

export class AttrReader {
  constructor(readonly issues: DashIssue[]) {}

  private bad(code: 'DASH_BAD_DURATION' | 'DASH_BAD_DATETIME' | 'DASH_BAD_NUMBER', el: XmlElement, path: string, name: string, value: string, what: string): undefined {
    this.issues.push(dashIssue(code, `${path}@${name}="${value}" is not ${what}.`, { offset: el.offset, path }, { attribute: name, value }));
    return undefined;
  }

  string(el: XmlElement, name: string): string | undefined {
    return getAttr(el, name);
  }

  duration(el: XmlElement, path: string, name: string): number | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return undefined;
    return parseDuration(v) ?? this.bad('DASH_BAD_DURATION', el, path, name, v, 'a valid xs:duration');
  }

  dateTime(el: XmlElement, path: string, name: string): number | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return undefined;
    return parseDateTime(v) ?? this.bad('DASH_BAD_DATETIME', el, path, name, v, 'a valid xs:dateTime');
  }

  /** A non-negative integer (xs:unsignedInt / unsignedLong). */
  uint(el: XmlElement, path: string, name: string): number | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return undefined;
    const t = v.trim();
    return /^\d+$/.test(t) ? Number(t) : this.bad('DASH_BAD_NUMBER', el, path, name, v, 'a non-negative integer');
  }

  /** A positive integer (timescale). */
  positive(el: XmlElement, path: string, name: string): number | undefined {
    const v = this.uint(el, path, name);
    if (v === 0) return this.bad('DASH_BAD_NUMBER', el, path, name, '0', 'a positive integer');
    return v;
  }

  /** An integer that may be negative (S@r). */
  int(el: XmlElement, path: string, name: string): number | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return undefined;
    const t = v.trim();
    return /^-?\d+$/.test(t) ? Number(t) : this.bad('DASH_BAD_NUMBER', el, path, name, v, 'an integer');
  }

  /** A decimal number (availabilityTimeOffset), INF allowed. */
  decimal(el: XmlElement, path: string, name: string): number | undefined {
    const v = getAttr(el, name);
    if (v === undefined) return undefined;
    if (v.trim() === 'INF') return Infinity;
    const x = Number(v);
    return v.trim() !== '' && Number.isFinite(x) ? x : this.bad('DASH_BAD_NUMBER', el, path, name, v, 'a number');
  }
}
