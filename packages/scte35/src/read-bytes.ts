// Reading helpers shared by the decoders. Bounds come from @adsplice/bits BitReader: `take`
// claims the next bytes of a (sub-)reader, which throws a RangeError when they are not there, and
// the decoders then read those bytes directly (one bounds check per structure, not per field).
// Reserved fields: SCTE 35 sets every reserved bit to 1; a decoder reads past them and says so
// when a sender did otherwise (many old encoders write zeros); the encoder writes ones.
import type { BitReader } from '@adsplice/bits';
import { SCTE35_ISSUES } from './issues.ts';
import type { Scte35Issue } from './types.ts';

/** The 'CUEI' identifier (0x43554549) of SCTE 35's own splice descriptors. */
export const CUEI = 0x43554549;

/** Claims the next `n` bytes of `r` and returns their offset in `r.bytes` (RangeError past the bound). */
export function take(r: BitReader, n: number): number {
  const p = r.bytePos;
  r.skip(n << 3);
  return p;
}

export function u16(b: Uint8Array, p: number): number {
  return (b[p]! << 8) | b[p + 1]!;
}

export function u32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

/** A view of `b[start, start + length)` (cheaper than subarray; shares the bytes). */
export function view(b: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset + start, length);
}

/** Warns when the bits of `value` selected by `mask` are not all ones. */
export function reserved(value: number, mask: number, issues: Scte35Issue[], where: string, byteOffset: number): void {
  // A literal, not pushIssue: merging a fields object costs several times more than the issue.
  if ((value & mask) !== mask) {
    issues.push({ code: 'SCTE35_RESERVED_BITS', severity: SCTE35_ISSUES.SCTE35_RESERVED_BITS.severity, message: `${where}: reserved bits are not all ones`, byteOffset, field: where });
  }
}
