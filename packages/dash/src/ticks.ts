// Exact conversions between timescale units and integer ms. Tick counts in live MPDs can exceed
// 2^53 / 1000 (S@t at 48 kHz since 1970, Event@presentationTime at 10 MHz), so the products are
// split (or done in BigInt) instead of multiplying floats.

/** round(ticks * 1000 / timescale), exact for any safe-integer ticks. */
export function ticksToMs(ticks: number, timescale: number): number {
  const q = Math.floor(ticks / timescale);
  const rem = ticks - q * timescale;
  return q * 1000 + Math.round((rem * 1000) / timescale);
}

/** round(ms * timescale / 1000), exact while the result is a safe integer. */
export function msToTicks(ms: number, timescale: number): number {
  const q = Math.floor(ms / 1000);
  const rem = ms - q * 1000;
  return q * timescale + Math.round((rem * timescale) / 1000);
}

/** round(ticks * 1000 / timescale) for tick counts of any size (as BigInt). */
export function bigTicksToMs(ticks: bigint, timescale: number): number {
  const ts = BigInt(timescale);
  const num = ticks * 1000n;
  const q = num / ts;
  const r = num % ts;
  // Round half away from zero (num and ts have the same sign unless ticks < 0).
  const adj = r * 2n >= ts ? 1n : r * 2n <= -ts ? -1n : 0n;
  return Number(q + adj);
}

/** round(ms * timescale / 1000) as BigInt. */
export function msToBigTicks(ms: number, timescale: number): bigint {
  const num = BigInt(Math.round(ms)) * BigInt(timescale);
  const q = num / 1000n;
  const r = num % 1000n;
  return q + (r * 2n >= 1000n ? 1n : r * 2n <= -1000n ? -1n : 0n);
}

/** Reads an unsigned integer attribute value as BigInt (undefined when not one). */
export function parseBigUint(text: string): bigint | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? BigInt(t) : undefined;
}
