/** MSB-first bit writer into a growable buffer. */
export class BitWriter {
  private buf: Uint8Array;
  private pos = 0; // bits written

  constructor(initialBytes = 64) {
    this.buf = new Uint8Array(Math.max(1, initialBytes));
  }

  /** Bits written so far. */
  get bitLength(): number {
    return this.pos;
  }

  /** Bytes written so far (a partial last byte counts). */
  get byteLength(): number {
    return (this.pos + 7) >>> 3;
  }

  get byteAligned(): boolean {
    return (this.pos & 7) === 0;
  }

  private ensure(extraBits: number): void {
    const needBytes = (this.pos + extraBits + 7) >>> 3;
    if (needBytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needBytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf);
    this.buf = next;
  }

  /** Writes the low `n` bits (0..32) of `value`, which must fit in them. */
  bits(n: number, value: number): this {
    if (n < 0 || n > 32) throw new RangeError(`bits(${n}): 0..32 bits at a time`);
    if (!Number.isInteger(value) || value < 0 || (n < 32 ? value >= 2 ** n : value > 0xffffffff)) {
      throw new RangeError(`value ${value} does not fit in ${n} unsigned bits`);
    }
    this.ensure(n);
    let left = n;
    while (left > 0) {
      const bitInByte = this.pos & 7;
      const take = Math.min(8 - bitInByte, left);
      const chunk = Math.floor(value / 2 ** (left - take)) & ((1 << take) - 1);
      const idx = this.pos >>> 3;
      this.buf[idx] = this.buf[idx]! | (chunk << (8 - bitInByte - take));
      this.pos += take;
      left -= take;
    }
    return this;
  }

  /** Writes one bit. */
  flag(value: boolean): this {
    return this.bits(1, value ? 1 : 0);
  }

  /** Writes `n` bits (0..53) of an unsigned integer. */
  bigBits(n: number, value: number): this {
    if (n < 0 || n > 53) throw new RangeError(`bigBits(${n}): 0..53 bits at a time`);
    if (n <= 32) return this.bits(n, value);
    if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** n) {
      throw new RangeError(`value ${value} does not fit in ${n} unsigned bits`);
    }
    this.bits(n - 32, Math.floor(value / 2 ** 32));
    return this.bits(32, value % 2 ** 32);
  }

  u8(value: number): this {
    return this.bits(8, value);
  }

  u16(value: number): this {
    return this.bits(16, value);
  }

  u32(value: number): this {
    return this.bits(32, value);
  }

  /** Writes `n` bits set to one (reserved fields). */
  ones(n: number): this {
    for (let left = n; left > 0; left -= Math.min(32, left)) {
      const k = Math.min(32, left);
      this.bits(k, k === 32 ? 0xffffffff : 2 ** k - 1);
    }
    return this;
  }

  /** Appends bytes; the writer must be byte aligned. */
  bytes(data: Uint8Array): this {
    if (!this.byteAligned) throw new RangeError(`byte write at unaligned bit ${this.pos}`);
    this.ensure(data.length * 8);
    this.buf.set(data, this.pos >>> 3);
    this.pos += data.length * 8;
    return this;
  }

  /** Overwrites a 16-bit big-endian value at a byte offset already written (length back-patching). */
  patchU16(byteOffset: number, value: number): this {
    if (byteOffset < 0 || byteOffset + 2 > this.byteLength) throw new RangeError(`patch at ${byteOffset} outside written bytes`);
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`value ${value} does not fit in 16 bits`);
    this.buf[byteOffset] = value >>> 8;
    this.buf[byteOffset + 1] = value & 0xff;
    return this;
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.byteLength);
  }
}
