/**
 * MSB-first bit reader over a byte view. Honours the view's `byteOffset`, and every read is
 * bounded by the view (or by a narrower `limit` set with {@link BitReader.sub}): a read past the
 * end throws a RangeError, which decoders catch at their top level and turn into an issue.
 */
export class BitReader {
  readonly bytes: Uint8Array;
  /** Absolute bit position, counted from `bytes[0]`. */
  private pos: number;
  /** Bit position the reader may not pass. */
  private readonly endBit: number;

  constructor(bytes: Uint8Array, byteStart = 0, byteEnd = bytes.length) {
    if (byteStart < 0 || byteEnd > bytes.length || byteStart > byteEnd) {
      throw new RangeError(`BitReader bounds [${byteStart}, ${byteEnd}) outside 0..${bytes.length}`);
    }
    this.bytes = bytes;
    this.pos = byteStart * 8;
    this.endBit = byteEnd * 8;
  }

  /** Current position in bytes (floored). */
  get bytePos(): number {
    return this.pos >>> 3;
  }

  /** Current position in bits. */
  get bitPos(): number {
    return this.pos;
  }

  /** Bits left before the bound. */
  get bitsLeft(): number {
    return this.endBit - this.pos;
  }

  /** Whole bytes left before the bound (from a byte-aligned position). */
  get bytesLeft(): number {
    return (this.endBit - this.pos) >>> 3;
  }

  get byteAligned(): boolean {
    return (this.pos & 7) === 0;
  }

  private need(n: number): void {
    if (this.pos + n > this.endBit) {
      throw new RangeError(`read of ${n} bits at bit ${this.pos} passes the end at bit ${this.endBit}`);
    }
  }

  /** Reads `n` bits (0..32) as an unsigned number. */
  bits(n: number): number {
    if (n < 0 || n > 32) throw new RangeError(`bits(${n}): 0..32 bits at a time`);
    this.need(n);
    let value = 0;
    let left = n;
    while (left > 0) {
      const byte = this.bytes[this.pos >>> 3]!;
      const bitInByte = this.pos & 7;
      const take = Math.min(8 - bitInByte, left);
      const chunk = (byte >>> (8 - bitInByte - take)) & ((1 << take) - 1);
      // Multiplication instead of << keeps 32-bit values unsigned.
      value = value * (1 << take) + chunk;
      this.pos += take;
      left -= take;
    }
    return value;
  }

  /** Reads one bit as a boolean. */
  flag(): boolean {
    return this.bits(1) === 1;
  }

  /** Reads `n` bits (0..53) as an unsigned number; 33-bit PTS values are `hi * 2 ** 32 + lo`. */
  bigBits(n: number): number {
    if (n < 0 || n > 53) throw new RangeError(`bigBits(${n}): 0..53 bits at a time`);
    if (n <= 32) return this.bits(n);
    const hi = this.bits(n - 32);
    return hi * 2 ** 32 + this.bits(32);
  }

  u8(): number {
    return this.bits(8);
  }

  u16(): number {
    return this.bits(16);
  }

  u32(): number {
    return this.bits(32);
  }

  /** Skips `n` bits. */
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** Returns a copy of the next `n` bytes; the reader must be byte aligned. */
  bytesCopy(n: number): Uint8Array {
    return this.bytesView(n).slice();
  }

  /** Returns a view of the next `n` bytes without copying; the reader must be byte aligned. */
  bytesView(n: number): Uint8Array {
    if (!this.byteAligned) throw new RangeError(`byte read at unaligned bit ${this.pos}`);
    this.need(n * 8);
    const start = this.pos >>> 3;
    this.pos += n * 8;
    return this.bytes.subarray(start, start + n);
  }

  /**
   * A reader over the next `n` bytes, bounded to them; this reader moves past them.
   * Used for length-prefixed structures so an inner overrun cannot read the outer data.
   */
  sub(n: number): BitReader {
    if (!this.byteAligned) throw new RangeError(`sub-reader at unaligned bit ${this.pos}`);
    this.need(n * 8);
    const start = this.pos >>> 3;
    this.pos += n * 8;
    return new BitReader(this.bytes, start, start + n);
  }
}
