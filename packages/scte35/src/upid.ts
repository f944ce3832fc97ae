// SCTE 35 §10.3.3.1 segmentation_upid() and Table 22 (segmentation_upid_type), both ways.
import { pushIssue } from './issues.ts';
import { UPID_TYPE_NAME_BY_TYPE, upidTypeName } from './names.ts';
import { u32, view } from './read-bytes.ts';
import type { Scte35Issue, Scte35Result, SegmentationUpid, SegmentationUpidInput } from './types.ts';
import {
  formatEidr,
  formatIsan,
  formatUuid,
  hexValue,
  hexValue8,
  isPrintableAscii,
  latin1,
  latin1Bytes,
  parseEidr,
  parseHexValue,
  parseIsan,
  parseUuid,
} from './upid-format.ts';

/** Table 22 lengths for the fixed-length types. */
const FIXED_LENGTH: Readonly<Record<number, number>> = {
  0x00: 0,
  0x02: 8,
  0x03: 12,
  0x04: 32,
  0x05: 8,
  0x06: 12,
  0x07: 12,
  0x08: 8,
  0x0a: 12,
  0x10: 16,
};

/** FIXED_LENGTH as a lookup table (-1: no fixed length), for the decoder: a typed-array load, not a sparse-object lookup. */
const FIXED_LENGTH_BY_TYPE = (() => {
  const t = new Int16Array(256).fill(-1);
  for (const [type, length] of Object.entries(FIXED_LENGTH)) t[Number(type)] = length;
  return t;
})();

/** Types whose value Table 22 defines as characters: rendered as Latin-1 text. */
const TEXT_TYPES: ReadonlySet<number> = new Set([0x02, 0x03, 0x07, 0x09, 0x0e, 0x0f, 0x11]);

/** Whether a UPID type's value is text (so `value` is the text, not "0x…" hex). */
export function isTextUpid(type: number, raw: Uint8Array): boolean {
  if (TEXT_TYPES.has(type)) return true;
  // User Defined (deprecated) has no format: text when it reads as text and cannot be taken for hex.
  return type === 0x01 && isPrintableAscii(raw) && !(raw.length >= 2 && raw[0] === 0x30 && (raw[1]! | 0x20) === 0x78);
}

/**
 * SCTE 35 §10.3.3.1 segmentation_upid(): the UPID of `type` in `bytes[start, start + length)`
 * (already bounded by segmentation_upid_length); `start` is also the offset used in issues.
 */
export function readUpid(type: number, bytes: Uint8Array, start: number, length: number, issues: Scte35Issue[]): SegmentationUpid {
  const raw = view(bytes, start, length);
  const upid: SegmentationUpid = {
    segmentationUpidType: type,
    segmentationUpidTypeName: UPID_TYPE_NAME_BY_TYPE[type] ?? 'Reserved',
    segmentationUpidLength: length,
    raw,
    value: '',
  };
  const fixed = FIXED_LENGTH_BY_TYPE[type] ?? -1; // decodeUpid may be given any number
  if (fixed !== -1 && fixed !== length) {
    pushIssue(issues, 'SCTE35_UPID_LENGTH_MISMATCH', "the UPID's length is not the one Table 22 gives its type; it is rendered as hex", start, {
      segmentationUpidType: type,
      segmentationUpidLength: length,
      expectedLength: fixed,
    });
    upid.value = hexValue(raw);
    return upid;
  }
  switch (type) {
    case 0x00:
      break;
    case 0x05:
    case 0x06:
      upid.value = formatIsan(raw);
      break;
    case 0x08: // TI: 8 bytes, "0x" + 16 hex digits
      upid.value = hexValue8(bytes, start);
      break;
    case 0x0a:
      upid.value = formatEidr(raw);
      break;
    case 0x10:
      upid.value = formatUuid(raw);
      break;
    case 0x0b: // ATSC A/57B content_identifier(): TSID 16, reserved 2, end_of_day 5, unique_for 9, content_id
      if (length < 4) {
        pushIssue(issues, 'SCTE35_UPID_LENGTH_MISMATCH', 'an ATSC Content Identifier UPID needs at least 4 bytes; it is rendered as hex', start, { segmentationUpidType: type, segmentationUpidLength: length });
      } else {
        const c = bytes[start + 2]!;
        upid.tsid = (bytes[start]! << 8) | bytes[start + 1]!;
        upid.endOfDay = (c >>> 1) & 0x1f;
        upid.uniqueFor = ((c & 1) << 8) | bytes[start + 3]!;
        upid.contentId = view(bytes, start + 4, length - 4);
        if ((c & 0xc0) !== 0xc0) pushIssue(issues, 'SCTE35_RESERVED_BITS', 'ATSC content_identifier: reserved bits are not all ones', start + 2, { field: 'ATSC content_identifier' });
      }
      upid.value = hexValue(raw);
      break;
    case 0x0c: // SCTE 35 §10.3.3.3 MPU(): format_identifier 32, private_data
      if (length < 4) {
        pushIssue(issues, 'SCTE35_UPID_LENGTH_MISMATCH', 'an MPU UPID needs at least 4 bytes (format_identifier); it is rendered as hex', start, { segmentationUpidType: type, segmentationUpidLength: length });
      } else {
        upid.formatIdentifier = u32(bytes, start);
        upid.privateData = view(bytes, start + 4, length - 4);
      }
      upid.value = hexValue(raw);
      break;
    case 0x0d: // SCTE 35 §10.3.3.4 MID(): a sequence of (type 8, length 8, segmentation_upid())
      upid.upids = readMid(bytes, start, length, issues);
      upid.value = hexValue(raw);
      break;
    default:
      upid.value = isTextUpid(type, raw) ? latin1(bytes, start, start + length) : hexValue(raw);
  }
  return upid;
}

function readMid(bytes: Uint8Array, start: number, length: number, issues: Scte35Issue[]): SegmentationUpid[] {
  const out: SegmentationUpid[] = [];
  const end = start + length;
  let i = start;
  while (i < end) {
    if (i + 2 > end || i + 2 + bytes[i + 1]! > end) {
      pushIssue(issues, 'SCTE35_UPID_LENGTH_MISMATCH', 'MID: a contained UPID passes the end of the MID', i, { segmentationUpidType: 0x0d });
      break;
    }
    const len = bytes[i + 1]!;
    out.push(readUpid(bytes[i]!, bytes, i + 2, len, issues));
    i += 2 + len;
  }
  return out;
}

/** Decodes a UPID of `type` from its bytes (`raw` keeps them; issues say what does not fit Table 22). */
export function decodeUpid(type: number, raw: Uint8Array): Scte35Result<SegmentationUpid> {
  const issues: Scte35Issue[] = [];
  return { value: readUpid(type, raw, 0, raw.length, issues), issues };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new RangeError(what);
  return value;
}

/** The bytes of a UPID to encode (see {@link SegmentationUpidInput} for where they come from). */
export function upidBytes(upid: SegmentationUpidInput): Uint8Array {
  const type = upid.segmentationUpidType;
  if (!Number.isInteger(type) || type < 0 || type > 0xff) throw new RangeError(`segmentationUpidType: ${type} does not fit in 8 bits`);
  let bytes: Uint8Array;
  if (upid.raw) bytes = upid.raw;
  else if (type === 0x0d && upid.upids) bytes = midBytes(upid.upids);
  else if (type === 0x0c && upid.formatIdentifier !== undefined) bytes = mpuBytes(upid.formatIdentifier, upid.privateData ?? new Uint8Array(0));
  else if (type === 0x0b && upid.tsid !== undefined) bytes = atscBytes(upid);
  else if (type === 0x00 && (upid.value === undefined || upid.value === '')) bytes = new Uint8Array(0);
  else bytes = need(upid.value === undefined ? undefined : upidBytesFromValue(type, upid.value), `segmentationUpid (type ${type}): value ${JSON.stringify(upid.value)} is not a valid ${upidTypeName(type)} rendering`);
  if (bytes.length > 0xff) throw new RangeError(`segmentationUpid: ${bytes.length} bytes do not fit segmentation_upid_length (max 255)`);
  return bytes;
}

/** Parses a `value` rendering back to bytes for its type; undefined if it is not one. */
export function upidBytesFromValue(type: number, value: string): Uint8Array | undefined {
  if (TEXT_TYPES.has(type)) return latin1Bytes(value);
  switch (type) {
    case 0x05:
    case 0x06:
      return parseIsan(value) ?? parseHexValue(value);
    case 0x0a:
      return parseEidr(value) ?? parseHexValue(value);
    case 0x10:
      return parseUuid(value) ?? parseHexValue(value);
    case 0x01:
      return /^0x/i.test(value) ? parseHexValue(value) : latin1Bytes(value);
    default:
      return /^0x/i.test(value) || value === '' ? parseHexValue(value) : undefined;
  }
}

function midBytes(upids: SegmentationUpidInput[]): Uint8Array {
  const parts = upids.map((u) => upidBytes(u));
  const out = new Uint8Array(parts.reduce((n, p) => n + 2 + p.length, 0));
  let o = 0;
  upids.forEach((u, k) => {
    const p = parts[k]!;
    out[o] = u.segmentationUpidType;
    out[o + 1] = p.length;
    out.set(p, o + 2);
    o += 2 + p.length;
  });
  return out;
}

function mpuBytes(formatIdentifier: number, privateData: Uint8Array): Uint8Array {
  if (!Number.isInteger(formatIdentifier) || formatIdentifier < 0 || formatIdentifier > 0xffffffff) {
    throw new RangeError(`formatIdentifier: ${formatIdentifier} does not fit in 32 bits`);
  }
  const out = new Uint8Array(4 + privateData.length);
  out[0] = formatIdentifier >>> 24;
  out[1] = (formatIdentifier >>> 16) & 0xff;
  out[2] = (formatIdentifier >>> 8) & 0xff;
  out[3] = formatIdentifier & 0xff;
  out.set(privateData, 4);
  return out;
}

function atscBytes(u: SegmentationUpidInput): Uint8Array {
  const tsid = u.tsid ?? 0;
  const endOfDay = u.endOfDay ?? 0;
  const uniqueFor = u.uniqueFor ?? 0;
  if (!Number.isInteger(tsid) || tsid < 0 || tsid > 0xffff) throw new RangeError(`tsid: ${tsid} does not fit in 16 bits`);
  if (!Number.isInteger(endOfDay) || endOfDay < 0 || endOfDay > 0x1f) throw new RangeError(`endOfDay: ${endOfDay} does not fit in 5 bits`);
  if (!Number.isInteger(uniqueFor) || uniqueFor < 0 || uniqueFor > 0x1ff) throw new RangeError(`uniqueFor: ${uniqueFor} does not fit in 9 bits`);
  const content = u.contentId ?? new Uint8Array(0);
  const out = new Uint8Array(4 + content.length);
  out[0] = tsid >>> 8;
  out[1] = tsid & 0xff;
  out[2] = 0xc0 | (endOfDay << 1) | (uniqueFor >>> 8);
  out[3] = uniqueFor & 0xff;
  out.set(content, 4);
  return out;
}
