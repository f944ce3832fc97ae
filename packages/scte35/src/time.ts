// Time helpers for the edges: SCTE-35 counts in 90 kHz ticks, PTS values wrap at 2^33.
// Planning code keeps integer ticks or integer milliseconds; seconds are for display only.

export const TICKS_PER_SECOND = 90_000;
export const TICKS_PER_MS = 90;
/** PTS (and pts_adjustment) are 33-bit: arithmetic on them is modulo 2^33. */
export const PTS_MODULUS = 2 ** 33;

/** 90 kHz ticks → integer milliseconds (rounded half up). */
export function ticksToMs(ticks: number): number {
  return Math.round(ticks / TICKS_PER_MS);
}

/** Milliseconds → integer 90 kHz ticks (rounded half up). */
export function msToTicks(ms: number): number {
  return Math.round(ms * TICKS_PER_MS);
}

/** 90 kHz ticks → seconds (a float: for display and for formats that speak seconds). */
export function ticksToSeconds(ticks: number): number {
  return ticks / TICKS_PER_SECOND;
}

/** Seconds → integer 90 kHz ticks (rounded half up). */
export function secondsToTicks(seconds: number): number {
  return Math.round(seconds * TICKS_PER_SECOND);
}

/** `a + b` on the 33-bit PTS clock (e.g. pts_time + pts_adjustment), in 0 .. 2^33-1. */
export function ptsAdd(a: number, b: number): number {
  const sum = (a + b) % PTS_MODULUS;
  return sum < 0 ? sum + PTS_MODULUS : sum;
}

/**
 * `a - b` on the 33-bit PTS clock, as the shortest signed distance: in (-2^32, 2^32].
 * `ptsDiff(5, 2 ** 33 - 5) === 10` (a wrapped across zero ten ticks after b).
 */
export function ptsDiff(a: number, b: number): number {
  let d = (a - b) % PTS_MODULUS;
  if (d < 0) d += PTS_MODULUS;
  return d > PTS_MODULUS / 2 ? d - PTS_MODULUS : d;
}
