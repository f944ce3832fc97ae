// Wall-clock time in an IANA time zone (day-parting, daily caps), memoised per zone and minute so
// that the request path pays for Intl only once a minute. Pure: the caller passes `nowMs`.
import type { LocalTime } from './targeting.ts';

export interface ZonedTime extends LocalTime {
  /** The local date, "2026-11-22". */
  day: string;
  /** How much of the local day has passed, 0..1. */
  dayFraction: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** true when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class LocalClocks {
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  private readonly memo = new Map<string, { minuteStartMs: number; time: ZonedTime }>();

  /** Local time in `tz` at `nowMs` (an unknown zone reads as UTC). */
  at(tz: string, nowMs: number): ZonedTime {
    const minuteStartMs = Math.floor(nowMs / 60_000) * 60_000;
    const m = this.memo.get(tz);
    let base: ZonedTime;
    if (m && m.minuteStartMs === minuteStartMs) base = m.time;
    else {
      base = this.compute(tz, minuteStartMs);
      this.memo.set(tz, { minuteStartMs, time: base });
    }
    const fraction = Math.min(1, (base.minuteOfDay + (nowMs - minuteStartMs) / 60_000) / 1440);
    return { weekday: base.weekday, minuteOfDay: base.minuteOfDay, day: base.day, dayFraction: fraction };
  }

  private compute(tz: string, ms: number): ZonedTime {
    let f = this.formats.get(tz);
    if (!f) {
      const zone = isTimeZone(tz) ? tz : 'UTC';
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      this.formats.set(tz, f);
    }
    const parts: Record<string, string> = {};
    for (const p of f.formatToParts(ms)) parts[p.type] = p.value;
    const minuteOfDay = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
    return { weekday: WEEKDAY_INDEX[parts.weekday ?? 'Mon'] ?? 0, minuteOfDay, day: `${parts.year}-${parts.month}-${parts.day}`, dayFraction: minuteOfDay / 1440 };
  }
}
