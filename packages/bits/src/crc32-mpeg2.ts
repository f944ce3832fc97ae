// CRC-32/MPEG-2 (ISO/IEC 13818-1 Annex A): poly 0x04C11DB7, init 0xFFFFFFFF, no reflection,
// no final XOR. SCTE 35 §9.6 uses it for splice_info_section's CRC_32; a whole section
// including its CRC_32 field checks to 0.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32/MPEG-2 of `bytes[start, end)`. */
export function crc32Mpeg2(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) {
    crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  }
  return crc >>> 0;
}
