// Just enough MPEG-TS (ISO/IEC 13818-1) to read the first PTS of a chunk's video: the origin
// signals each break's splice_time as the PTS of its first segment.
const PACKET = 188;

/** The first PTS (90 kHz, 33 bits) of the first PES carrying one, on the first video PID in the PMT; undefined if none. */
export function firstVideoPts(ts: Uint8Array): number | undefined {
  let pmtPid = -1;
  let videoPid = -1;
  for (let off = 0; off + PACKET <= ts.length; off += PACKET) {
    if (ts[off] !== 0x47) return undefined;
    const pusi = (ts[off + 1]! & 0x40) !== 0;
    const pid = ((ts[off + 1]! & 0x1f) << 8) | ts[off + 2]!;
    const afc = (ts[off + 3]! >> 4) & 0x3;
    let p = off + 4;
    if (afc === 2 || afc === 0) continue;
    if (afc === 3) p += 1 + ts[p]!;
    if (p >= off + PACKET) continue;
    if (pid === 0 && pusi) {
      // PAT: pointer field, then program loop; take the first program's PMT PID.
      p += 1 + ts[p]!;
      const sectionLength = ((ts[p + 1]! & 0x0f) << 8) | ts[p + 2]!;
      for (let q = p + 8; q + 4 <= p + 3 + sectionLength - 4; q += 4) {
        const program = (ts[q]! << 8) | ts[q + 1]!;
        if (program !== 0) {
          pmtPid = ((ts[q + 2]! & 0x1f) << 8) | ts[q + 3]!;
          break;
        }
      }
    } else if (pid === pmtPid && pusi && videoPid < 0) {
      p += 1 + ts[p]!;
      const sectionLength = ((ts[p + 1]! & 0x0f) << 8) | ts[p + 2]!;
      const programInfoLength = ((ts[p + 10]! & 0x0f) << 8) | ts[p + 11]!;
      const end = p + 3 + sectionLength - 4;
      for (let q = p + 12 + programInfoLength; q + 5 <= end; ) {
        const streamType = ts[q]!;
        const esPid = ((ts[q + 1]! & 0x1f) << 8) | ts[q + 2]!;
        const esInfoLength = ((ts[q + 3]! & 0x0f) << 8) | ts[q + 4]!;
        // 0x1B H.264, 0x24 HEVC, 0x02 MPEG-2 video
        if (streamType === 0x1b || streamType === 0x24 || streamType === 0x02) {
          videoPid = esPid;
          break;
        }
        q += 5 + esInfoLength;
      }
    } else if (pid === videoPid && pusi) {
      if (ts[p] !== 0 || ts[p + 1] !== 0 || ts[p + 2] !== 1) continue;
      const ptsDtsFlags = (ts[p + 7]! >> 6) & 0x3;
      if (ptsDtsFlags < 2) continue;
      const b = p + 9;
      // PTS[32..30] in bits 3..1 of the first byte, then 15 + 15 bits with marker bits.
      const hi = (ts[b]! >> 3) & 0x1;
      const lo = (((ts[b]! >> 1) & 0x3) * 2 ** 30) + (ts[b + 1]! << 22) + ((ts[b + 2]! >> 1) << 15) + (ts[b + 3]! << 7) + (ts[b + 4]! >> 1);
      // A 33-bit PTS is hi * 2 ** 32 + lo.
      return hi * 2 ** 32 + lo;
    }
  }
  return undefined;
}
