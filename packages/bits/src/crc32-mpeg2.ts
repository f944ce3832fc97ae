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

/** CRC-32/MPEG-2 of `bytes[start, end)`. */
export function crc32Mpeg2(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = -1;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    crc ^= (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    crc = T3[(crc >>> 24) & 0xff]! ^ T2[(crc >>> 16) & 0xff]! ^ T1[(crc >>> 8) & 0xff]! ^ T0[crc & 0xff]!;
  }
  for (; i < end; i++) crc = (crc << 8) ^ T0[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  return crc >>> 0;
}
