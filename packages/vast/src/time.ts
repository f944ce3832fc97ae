// VAST times: `HH:MM:SS` or `HH:MM:SS.mmm` (Duration is an xs:time; offsets follow the XSDs' pattern
// `\d{2}:[0-5]\d:[0-5]\d(\.\d\d\d)?|n%`), and `n%` offsets.
// Everything is integer milliseconds; no floating seconds are added up.
import type { VastOffset } from './model.ts';

const TIME = /^(\d{1,3}):([0-5]?\d):([0-5]?\d)(?:\.(\d+))?$/;
const PERCENT = /^(\d{1,3}(?:\.\d+)?)\s*%$/;

/** "00:01:30.123" → 90123; undefined when the text is not a VAST time. */
export function parseVastTime(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  const [, h = '0', min = '0', s = '0', frac] = m;
  let ms = 0;
  if (frac !== undefined) ms = frac.length <= 3 ? Number(frac.padEnd(3, '0')) : Math.round(Number(`0.${frac}`) * 1000);
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + ms;
}

/** 90123 → "00:01:30.123" (always with milliseconds, hours on at least two digits). */
export function formatVastTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const milli = total % 1000;
  const seconds = Math.floor(total / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.${pad(milli, 3)}`;
}

/** "00:00:05" → { ms: 5000 }, "25%" → { percent: 25 }; undefined when neither. */
export function parseOffset(text: string): VastOffset | undefined {
  const trimmed = text.trim();
  const p = PERCENT.exec(trimmed);
  if (p) return { percent: Number(p[1]) };
  const ms = parseVastTime(trimmed);
  return ms === undefined ? undefined : { ms };
}

/** { ms: 5000 } → "00:00:05.000", { percent: 12.5 } → "12.5%". */
export function formatOffset(offset: VastOffset): string {
  if ('percent' in offset) return `${Number(Math.min(100, Math.max(0, offset.percent)).toFixed(3))}%`;
  return formatVastTime(offset.ms);
}

/** Resolves an offset against a creative's duration: { percent: 25 } of 30000 ms → 7500. */
export function offsetToMs(offset: VastOffset, durationMs: number): number {
  return 'percent' in offset ? Math.round((durationMs * offset.percent) / 100) : offset.ms;
}
