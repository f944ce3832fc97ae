// Base64 text → bytes for the decoder. Canonical base64 (digits only, then the '=' padding to a
// multiple of 4 characters or none of it; no white space; standard or URL-safe alphabet) is decoded here in one pass,
// four characters at a time, straight into the output: the text is first turned into bytes by
// TextEncoder.encodeInto (one native call; a charCodeAt a character costs several times more),
// then each four characters are one 32-bit load and four lookups in tables that hold each digit
// already shifted to its place in the 24 bits. Anything else goes the forgiving way: the
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

/**
 * Per byte lane of a 32-bit load of four characters (lane 0 the low byte): character code → its
 * digit shifted to where that character's six bits go in the 24 (18, 12, 6, 0), or 0xFF000000 for
 * a non-digit, so that bits above the 24 mark text that is not base64. On a little-endian machine
 * lane 0 holds the first character; on a big-endian one the last.
 */
const LANES = (() => {
  const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
  const shifted = [18, 12, 6, 0].map((shift) => {
    const t = new Int32Array(256).fill(0xff000000 | 0);
    for (let c = 0; c < 256; c++) if (DIGIT[c] !== 0xff) t[c] = DIGIT[c]! << shift;
    return t;
  });
  return (littleEndian ? shifted : shifted.reverse()) as [Int32Array, Int32Array, Int32Array, Int32Array];
})();
const [LANE0, LANE1, LANE2, LANE3] = LANES;

/** The text's characters as bytes: one native encodeInto instead of a charCodeAt per character. */
const encoder = new TextEncoder();
let ascii = new Uint8Array(512);
/** The same bytes, four at a time. */
let ascii32 = new Uint32Array(ascii.buffer);

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
  // Unpadded text of 4k + 1 characters is not base64 (atob refuses it too).
  if (n === 0 || (n & 3) === 1) return undefined;
  if (n > ascii.length) {
    ascii = new Uint8Array(Math.max((n + 3) & ~3, ascii.length * 2)); // a multiple of 4, for ascii32
    ascii32 = new Uint32Array(ascii.buffer);
  }
  // Only ASCII text encodes to exactly one byte a character.
  const { read, written } = encoder.encodeInto(text, ascii);
  if (read !== n || written !== n) return undefined;
  const a = ascii;
  const w32 = ascii32;
  // The digits of the last, partial group (2 or 3; 0 when there is none): before its padding, or
  // what is left over when there is none.
  const tail = (n & 3) !== 0 ? n & 3 : a[n - 1] !== 0x3d ? 0 : a[n - 2] !== 0x3d ? 3 : 2;
  const quads = (n >>> 2) - ((n & 3) === 0 && tail !== 0 ? 1 : 0);
  const out = allocate(quads * 3 + (tail === 0 ? 0 : tail - 1));
  // `digits` collects the tables' bits above the 24 for non-digits: one check after the loop, not one a character.
  let digits = 0;
  let crcQuads = 0;
  let crc = 0xffffffff;
  let q = 0;
  if (quads > 0) {
    // The first group holds section_length: 3 + section_length bytes are the section (table_id,
    // then 4 bits and section_length's 12), and the CRC runs over the whole groups inside it.
    const w = w32[0]!;
    const v = LANE0[w & 0xff]! | LANE1[(w >>> 8) & 0xff]! | LANE2[(w >>> 16) & 0xff]! | LANE3[w >>> 24]!;
    digits = v;
    out[0] = v >>> 16;
    out[1] = (v >>> 8) & 0xff;
    out[2] = v & 0xff;
    crcQuads = Math.min(quads, ((3 + (((v >>> 8) & 0x0f) << 8) + (v & 0xff)) / 3) | 0);
    if (crcQuads > 0) crc = crc32Mpeg2Next24(crc, v);
    q = 1;
  }
  // The groups of the section the CRC runs over, then any after them (stuffing, trailing bytes).
  for (let o = q * 3; q < crcQuads; q++, o += 3) {
    const w = w32[q]!;
    const v = LANE0[w & 0xff]! | LANE1[(w >>> 8) & 0xff]! | LANE2[(w >>> 16) & 0xff]! | LANE3[w >>> 24]!;
    digits |= v;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = v & 0xff;
    crc = crc32Mpeg2Next24(crc, v);
  }
  for (let o = q * 3; q < quads; q++, o += 3) {
    const w = w32[q]!;
    const v = LANE0[w & 0xff]! | LANE1[(w >>> 8) & 0xff]! | LANE2[(w >>> 16) & 0xff]! | LANE3[w >>> 24]!;
    digits |= v;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = v & 0xff;
  }
  const i = quads << 2;
  const o = quads * 3;
  if (tail !== 0) {
    // The last group: two or three digits (then the padding, if any); bits past the last byte are dropped.
    const d0 = DIGIT[a[i]!]!;
    const d1 = DIGIT[a[i + 1]!]!;
    const d2 = tail === 3 ? DIGIT[a[i + 2]!]! : 0;
    digits |= ((d0 | d1 | d2) >>> 6) << 24; // a non-digit's 0xFF sets bits above the 24; a digit's 0..63 none
    const v = (d0 << 18) | (d1 << 12) | (d2 << 6);
    out[o] = v >>> 16;
    if (tail === 3) out[o + 1] = (v >>> 8) & 0xff;
  }
  if ((digits & 0xff000000) !== 0) {
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
