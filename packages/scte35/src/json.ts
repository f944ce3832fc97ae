// The JSON form of a decoded section: the same object, with byte fields as "0x…" hex strings,
// so that `sectionFromJson(JSON.parse(JSON.stringify(sectionToJson(s))))` gives `s` back.
import { fromHex, toHex } from '@adsplice/bits';
import type { SpliceInfoSection } from './types.ts';

/** Fields that hold bytes (Uint8Array) anywhere in a section. */
const BYTE_FIELDS = new Set(['raw', 'privateBytes', 'alignmentStuffing', 'encryptedPayload', 'privateData', 'contentId']);

function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return `0x${toHex(value)}`;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

function fromJsonValue(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && BYTE_FIELDS.has(key) && typeof value === 'string') {
    const bytes = fromHex(value);
    if (!bytes) throw new TypeError(`${key}: expected hex bytes, got "${value}"`);
    return bytes;
  }
  if (Array.isArray(value)) return value.map((v) => fromJsonValue(v, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromJsonValue(v, k);
    return out;
  }
  return value;
}

/** A JSON-ready copy of a section: bytes become "0x…" hex strings. */
export function sectionToJson(section: SpliceInfoSection): Record<string, unknown> {
  return toJsonValue(section) as Record<string, unknown>;
}

/**
 * The section described by a JSON value (the form {@link sectionToJson} prints; derived fields
 * may be left out for encoding). Throws a TypeError when it is not an object or a byte field is not hex.
 */
export function sectionFromJson(json: unknown): SpliceInfoSection {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('expected a JSON object describing a splice_info_section');
  return fromJsonValue(json, undefined) as SpliceInfoSection;
}
