// Field writers for the encoder: each checks its value fits and names the field when it does not.
import type { BitWriter } from '@adsplice/bits';

/** Writes `value` in `n` bits (n <= 53), or throws a RangeError naming `field`. */
export function put(w: BitWriter, n: number, value: number | undefined, field: string): void {
  if (value === undefined) throw new RangeError(`${field} is required`);
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** n) {
    throw new RangeError(`${field}: ${value} does not fit in ${n} unsigned bits`);
  }
  w.bigBits(n, value);
}

/** Writes a flag (undefined is an error). */
export function flag(w: BitWriter, value: boolean | undefined, field: string): void {
  if (value === undefined) throw new RangeError(`${field} is required`);
  w.flag(value);
}

/** Writes Latin-1 text of exactly `length` characters when given. */
export function text(w: BitWriter, value: string, field: string, length?: number): void {
  if (length !== undefined && value.length !== length) throw new RangeError(`${field}: "${value}" must be ${length} characters`);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`${field}: "${value}" has a character outside Latin-1`);
    w.u8(c);
  }
}
