// xs:dateTime (XML Schema Part 2 §3.2.7) ⇄ ms since the epoch. A value without a zone is UTC
// (ISO/IEC 23009-1 §5.3.1.2 asks for UTC; Date.parse would read it as local time).

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || Number(mi) > 59 || Number(s) > 60) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, hour, Number(mi), Number(s));
  if (frac) {
    ms += Number((frac + '000').slice(0, 3));
    if (frac.length > 3 && frac.charCodeAt(3) >= 53) ms += 1;
  }
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

/** ms since the epoch → `2023-05-24T12:48:37.731Z` (`…:37Z` when whole seconds). */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}
