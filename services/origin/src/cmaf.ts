// Joins CMAF fragments (one a second, as encoded) into one live segment on a continuous timeline:
// keeps the first fragment's styp, drops sidx (its times would be stale), shifts every tfdt
// baseMediaDecodeTime by the loop offset and renumbers mfhd. ISO/IEC 14496-12 §8.8.
export class CmafError extends Error {}

function u32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

function setU32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}

function type(b: Uint8Array, off: number): string {
  return String.fromCharCode(b[off + 4]!, b[off + 5]!, b[off + 6]!, b[off + 7]!);
}

interface Box {
  type: string;
  start: number;
  size: number;
  header: number;
}

function* boxes(b: Uint8Array, start: number, end: number): Generator<Box> {
  let off = start;
  while (off < end) {
    if (off + 8 > end) throw new CmafError(`box header past the end at ${off}`);
    let size = u32(b, off);
    let header = 8;
    if (size === 1) {
      if (off + 16 > end) throw new CmafError(`largesize past the end at ${off}`);
      size = u32(b, off + 8) * 2 ** 32 + u32(b, off + 12);
      header = 16;
    } else if (size === 0) {
      size = end - off;
    }
    if (size < header || off + size > end) throw new CmafError(`box ${type(b, off)} at ${off} has a size (${size}) that passes its parent`);
    yield { type: type(b, off), start: off, size, header };
    off += size;
  }
}

/** Shifts the tfdt of every traf in a moof (in place) and sets its mfhd sequence number. */
function patchMoof(b: Uint8Array, moof: Box, offset: number, sequenceNumber: number): void {
  for (const child of boxes(b, moof.start + moof.header, moof.start + moof.size)) {
    if (child.type === 'mfhd') setU32(b, child.start + 12, sequenceNumber);
    if (child.type !== 'traf') continue;
    for (const inner of boxes(b, child.start + child.header, child.start + child.size)) {
      if (inner.type !== 'tfdt') continue;
      const p = inner.start + inner.header;
      const version = b[p]!;
      if (version === 1) {
        const value = u32(b, p + 4) * 2 ** 32 + u32(b, p + 8) + offset;
        if (!Number.isSafeInteger(value)) throw new CmafError('baseMediaDecodeTime beyond 2^53');
        setU32(b, p + 4, Math.floor(value / 2 ** 32));
        setU32(b, p + 8, value % 2 ** 32);
      } else {
        const value = u32(b, p + 4) + offset;
        if (value > 0xffffffff) throw new CmafError('version 0 tfdt cannot hold the shifted time; encode with 64-bit tfdt');
        setU32(b, p + 4, value);
      }
    }
  }
}

/**
 * One segment from consecutive fragments. `timeOffset` (track timescale) is added to every
 * baseMediaDecodeTime; fragments are numbered from `firstSequenceNumber`.
 */
export function joinFragments(fragments: readonly Uint8Array[], timeOffset: number, firstSequenceNumber: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let seq = firstSequenceNumber;
  fragments.forEach((fragment, i) => {
    const copy = fragment.slice();
    for (const box of boxes(copy, 0, copy.length)) {
      if (box.type === 'sidx') continue;
      if (box.type === 'styp' && i > 0) continue;
      if (box.type === 'moof') patchMoof(copy, box, timeOffset, seq++);
      parts.push(copy.subarray(box.start, box.start + box.size));
    }
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** baseMediaDecodeTime of each traf in a fragment, for tests and checks. */
export function decodeTimes(fragment: Uint8Array): number[] {
  const times: number[] = [];
  for (const box of boxes(fragment, 0, fragment.length)) {
    if (box.type !== 'moof') continue;
    for (const traf of boxes(fragment, box.start + box.header, box.start + box.size)) {
      if (traf.type !== 'traf') continue;
      for (const inner of boxes(fragment, traf.start + traf.header, traf.start + traf.size)) {
        if (inner.type !== 'tfdt') continue;
        const p = inner.start + inner.header;
        times.push(fragment[p] === 1 ? u32(fragment, p + 4) * 2 ** 32 + u32(fragment, p + 8) : u32(fragment, p + 4));
      }
    }
  }
  return times;
}

/** Top-level box types of a file, in order. */
export function boxTypes(data: Uint8Array): string[] {
  return [...boxes(data, 0, data.length)].map((b) => b.type);
}
