// CRC-32/MPEG-2 (ISO/IEC 13818-1 Annex A): poly 0x04C11DB7, init 0xFFFFFFFF, no reflection,
// no final XOR. SCTE 35 §9.6 uses it for splice_info_section's CRC_32; a whole section
// including its CRC_32 field checks to 0. Slicing-by-4: four table lookups per 4 bytes.
const TABLES = (() => {
  const t = Array.from({ length: 4 }, () => new Int32Array(256));
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[0]![i] = c;
  }
  for (let i = 0; i < 256; i++) {
    for (let s = 1; s < 4; s++) t[s]![i] = (t[s - 1]![i]! << 8) ^ t[0]![(t[s - 1]![i]! >>> 24) & 0xff]!;
  }
  return t;
})();
const [T0, T1, T2, T3] = TABLES as [Int32Array, Int32Array, Int32Array, Int32Array];

/**
 * CRC-32/MPEG-2 of `bytes[start, end)`. `crc` continues a CRC already run over the bytes before
 * `start` (its value as returned so far); by default the CRC starts afresh.
 */
export function crc32Mpeg2(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0xffffffff): number {
  crc |= 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    crc ^= (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    crc = T3[(crc >>> 24) & 0xff]! ^ T2[(crc >>> 16) & 0xff]! ^ T1[(crc >>> 8) & 0xff]! ^ T0[crc & 0xff]!;
  }
  for (; i < end; i++) crc = (crc << 8) ^ T0[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  return crc >>> 0;
}

/**
 * Runs the CRC-32/MPEG-2 `crc` on over three more bytes, given as one 24-bit big-endian number
 * (slicing-by-3: three table lookups, no byte loads). For a decoder that produces bytes three at a
 * time (base64) and checks the CRC as it goes. Returns the CRC as {@link crc32Mpeg2} does.
 */
export function crc32Mpeg2Next24(crc: number, next24: number): number {
  const x = crc ^ (next24 << 8);
  return ((x << 24) ^ T2[x >>> 24]! ^ T1[(x >>> 16) & 0xff]! ^ T0[(x >>> 8) & 0xff]!) >>> 0;
}
