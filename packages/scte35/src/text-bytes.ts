// Base64 text → bytes for the decoder. Canonical base64 (length a multiple of 4, '=' padding
// only at the end, no white space; standard or URL-safe alphabet) is decoded here in one pass,
// four characters at a time, straight into the output: the text is first turned into bytes by
// TextEncoder.encodeInto (one native call; a charCodeAt a character costs several times more). Anything else goes the forgiving way: the
// platform's atob (padding optional, ASCII white space ignored), then, for text it rejects (the
// URL-safe alphabet), @adsplice/bits fromBase64. The bytes are views into 8 KiB slabs, as Node's
// Buffer pool does: a typed array over 64 bytes otherwise needs its own off-heap allocation, which
// costs more than decoding the cue. A view keeps its slab alive and `bytes.buffer` is the slab, so
// use `byteOffset`/`length` (or copy) when handing the underlying buffer on.
import { crc32Mpeg2Next24, fromBase64 } from '@adsplice/bits';

const SLAB_SIZE = 8192;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

function allocate(length: number): Uint8Array {
  if (length > SLAB_SIZE >>> 2) return new Uint8Array(length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab, slabUsed, length);
  slabUsed += (length + 7) & ~7;
  return out;
}

/** Character code (0..255) → its 6-bit value; 0xFF for anything that is not a base64 digit. */
const DIGIT = (() => {
  const t = new Uint8Array(256).fill(0xff);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  t[0x2d] = 62; // '-' (URL-safe)
  t[0x5f] = 63; // '_' (URL-safe)
  return t;
})();

/** The text's characters as bytes: one native encodeInto instead of a charCodeAt per character. */
const encoder = new TextEncoder();
let ascii = new Uint8Array(512);

/**
 * Where a decoder of section text has already run the section's CRC_32: over `bytes[0, end)`, with
 * `crc` the CRC-32/MPEG-2 so far (end 0: not started). Never past the end of the section.
 */
export interface CrcPrefix {
  end: number;
  crc: number;
}

/**
 * Canonical base64 → bytes in one pass; undefined when the text is not canonical (the caller then
 * takes the forgiving path, which gives the same bytes for every text this accepts). While the
 * bytes are in registers it also runs the CRC-32 over every whole group of three bytes inside the
 * section (its section_length is in the first group) and records how far in `prefix`.
 */
function canonicalBase64(text: string, prefix: CrcPrefix): Uint8Array | undefined {
  const n = text.length;
  if (n === 0 || (n & 3) !== 0) return undefined;
  if (n > ascii.length) ascii = new Uint8Array(Math.max(n, ascii.length * 2));
  // Only ASCII text encodes to exactly one byte a character.
  const { read, written } = encoder.encodeInto(text, ascii);
  if (read !== n || written !== n) return undefined;
  const a = ascii;
  const pads = a[n - 1] !== 0x3d ? 0 : a[n - 2] !== 0x3d ? 1 : 2;
  const quads = (n >>> 2) - (pads === 0 ? 0 : 1);
  const out = allocate(quads * 3 + (pads === 0 ? 0 : 3 - pads));
  // `digits` collects the table's 0xFF for non-digits: one check after the loop, not one a character.
  let digits = 0;
  let o = 0;
  let i = 0;
  let crcQuads = 0;
  let crc = 0xffffffff;
  for (let q = 0; q < quads; q++, i += 4, o += 3) {
    const d0 = DIGIT[a[i]!]!;
    const d1 = DIGIT[a[i + 1]!]!;
    const d2 = DIGIT[a[i + 2]!]!;
    const d3 = DIGIT[a[i + 3]!]!;
    digits |= d0 | d1 | d2 | d3;
    const v = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = v & 0xff;
    // 3 + section_length bytes are the section: table_id, then 4 bits and section_length's 12.
    if (q === 0) crcQuads = Math.min(quads, ((3 + (((v >>> 8) & 0x0f) << 8) + (v & 0xff)) / 3) | 0);
    if (q < crcQuads) crc = crc32Mpeg2Next24(crc, v);
  }
  if (pads !== 0) {
    // The last quad: two or three digits, then the padding (bits past the last byte are dropped).
    const d0 = DIGIT[a[i]!]!;
    const d1 = DIGIT[a[i + 1]!]!;
    const d2 = pads === 1 ? DIGIT[a[i + 2]!]! : 0;
    digits |= d0 | d1 | d2;
    const v = (d0 << 18) | (d1 << 12) | (d2 << 6);
    out[o] = v >>> 16;
    if (pads === 1) out[o + 1] = (v >>> 8) & 0xff;
  }
  if (digits > 63) {
    if (out.buffer === slab) slabUsed = out.byteOffset; // give the slab space back
    return undefined;
  }
  prefix.end = crcQuads * 3;
  prefix.crc = crc;
  return out;
}

/**
 * Base64 (standard or URL-safe, padding optional, white space ignored) → bytes; undefined if not
 * base64. `prefix` says how much of the section's CRC_32 was run on the way (maybe none).
 */
export function base64Bytes(text: string, prefix: CrcPrefix): Uint8Array | undefined {
  const canonical = canonicalBase64(text, prefix);
  if (canonical) return canonical;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return fromBase64(text);
  }
  const n = binary.length;
  const out = allocate(n);
  for (let i = 0; i < n; i++) out[i] = binary.charCodeAt(i);
  return out;
}
