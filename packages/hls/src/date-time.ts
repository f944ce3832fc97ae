// ISO 8601 / RFC 3339 date-times as used by EXT-X-PROGRAM-DATE-TIME and EXT-X-DATERANGE, read
// without the host's time zone (a date-time without an offset is read as UTC and flagged).

export interface DateTimeRead {
  ms: number;
  /** False when the text has no `Z` or `±hh:mm`: it was read as UTC. */
  zoned: boolean;
}

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
  }
  return v;
}

/** `YYYY-MM-DDThh:mm:ss[.fff…][Z|±hh[:mm]]` (also `t`/space for `T`, seconds optional) → ms since the epoch. */
export function parseDateTime(text: string): DateTimeRead | undefined {
  const s = text.trim();
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || s[4] !== '-' || s[7] !== '-') return undefined;
  const t = s[10];
  if (t !== 'T' && t !== 't' && t !== ' ') return undefined;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || s[13] !== ':') return undefined;
  let i = 16;
  let second = 0;
  let ms = 0;
  if (s[i] === ':') {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 60) return undefined;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      i++;
      let place = 100;
      let frac = 0;
      const from = i;
      while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) {
        if (place >= 1) frac += (s.charCodeAt(i) - 0x30) * place;
        else if (place === 0.1 && s.charCodeAt(i) >= 0x35) frac += 1; // round half up at the 4th decimal
        place /= 10;
        i++;
      }
      if (i === from) return undefined;
      ms = frac;
    }
  }
  let offsetMin = 0;
  let zoned = true;
  if (i === s.length) zoned = false;
  else if (s[i] === 'Z' || s[i] === 'z') i++;
  else if (s[i] === '+' || s[i] === '-') {
    const sign = s[i] === '-' ? -1 : 1;
    const oh = digits(s, i + 1, 2);
    if (oh < 0) return undefined;
    i += 3;
    let om = 0;
    if (s[i] === ':') {
      om = digits(s, i + 1, 2);
      i += 3;
    } else if (i < s.length) {
      om = digits(s, i, 2);
      i += 2;
    }
    if (om < 0) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  if (i !== s.length) return undefined;
  const value = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  return Number.isFinite(value) ? { ms: value, zoned } : undefined;
}

/** ms since the epoch → `2020-05-03T00:01:08.040Z`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString();
}
