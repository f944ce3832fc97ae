// xs:duration (XML Schema Part 2 §3.2.6) as used by MPD attributes, in integer milliseconds.
// Seconds are read from their decimal digits (no floating point): PT6.708333333S → 6708 ms,
// rounded half up at the millisecond. Years and months count as 365 and 30 days (as dash.js and
// Shaka do); DASH MPDs use at most days.

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d*))?S)?)?$/;

const MS_PER = { year: 365 * 86_400_000, month: 30 * 86_400_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** Integer ms for an xs:duration, or undefined when the text is not one (or is negative). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || m[1] === '-') return undefined;
  const [, , y, mo, d, h, mi, s, frac] = m;
  // "P" and "PT" alone are not durations.
  if (y === undefined && mo === undefined && d === undefined && h === undefined && mi === undefined && s === undefined) return undefined;
  if (text.includes('T') && h === undefined && mi === undefined && s === undefined) return undefined;
  let ms = 0;
  if (y) ms += Number(y) * MS_PER.year;
  if (mo) ms += Number(mo) * MS_PER.month;
  if (d) ms += Number(d) * MS_PER.day;
  if (h) ms += Number(h) * MS_PER.hour;
  if (mi) ms += Number(mi) * MS_PER.minute;
  if (s) ms += Number(s) * MS_PER.second;
  if (frac) {
    const digits = (frac + '000').slice(0, 3);
    ms += Number(digits);
    if (frac.length > 3 && frac.charCodeAt(3) >= 53 /* '5' */) ms += 1;
  }
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Prints integer ms as an xs:duration: 3723500 → PT1H2M3.5S, 0 → PT0S. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`formatDuration: ${ms} is not a non-negative number of ms`);
  const total = Math.round(ms);
  const h = Math.floor(total / MS_PER.hour);
  const mi = Math.floor((total % MS_PER.hour) / MS_PER.minute);
  const sMs = total % MS_PER.minute;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (mi) out += `${mi}M`;
  if (sMs || (!h && !mi)) {
    const whole = Math.floor(sMs / 1000);
    const frac = sMs % 1000;
    out += frac ? `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}S` : `${whole}S`;
  }
  return out;
}
