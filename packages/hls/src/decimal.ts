// Decimal seconds as written in playlists ("6.006", "3.066667", "30") ⇄ integer milliseconds,
// by string arithmetic: no floating-point error creeps in when durations are added up.

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Reads decimal seconds (`30`, `6.006`, `.5`, `-2.5` when `signed`) as integer milliseconds, rounding
 * half away from zero past the third decimal. Undefined when the text is not such a number.
 */
export function parseDecimalMs(text: string, signed = false): number | undefined {
  const s = text.trim();
  let i = 0;
  let negative = false;
  if (signed && (s.charCodeAt(0) === 0x2d || s.charCodeAt(0) === 0x2b)) {
    negative = s.charCodeAt(0) === 0x2d;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) {
    whole = whole * 10 + (s.charCodeAt(i) - 0x30);
    i++;
    digits++;
  }
  let frac = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < s.length && s.charCodeAt(i) === 0x2e) {
    i++;
    while (i < s.length && isDigit(s.charCodeAt(i))) {
      const d = s.charCodeAt(i) - 0x30;
      if (fracDigits < 3) frac = frac * 10 + d;
      else if (fracDigits === 3) roundUp = d >= 5;
      fracDigits++;
      i++;
    }
  }
  if (i !== s.length || digits + fracDigits === 0) return undefined;
  for (let k = Math.min(fracDigits, 3); k < 3; k++) frac *= 10;
  const ms = whole * 1000 + frac + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(ms)) return undefined;
  return negative && ms !== 0 ? -ms : ms;
}

/** How many decimals a number is written with ("20.020" → 3, "21" → 0). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.trim().length - dot - 1;
}

/** The error a value written with this text may carry, in ms (half its last decimal, at least 1 ms). */
export function precisionMs(text: string): number {
  const places = decimalPlaces(text);
  return places >= 3 ? 1 : Math.max(1, 0.5 * 10 ** (3 - places));
}

/** Reads a decimal-integer (RFC 8216 §4.2), undefined when it is not one or not a safe integer. */
export function parseDecimalInteger(text: string): number | undefined {
  const s = text.trim();
  if (s.length === 0) return undefined;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    v = v * 10 + (c - 0x30);
  }
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Reads a decimal-floating-point or signed one (FRAME-RATE, SCORE), undefined when it is not one. */
export function parseDecimalFloat(text: string, signed = false): number | undefined {
  const s = text.trim();
  let i = 0;
  if (signed && (s[0] === '-' || s[0] === '+')) i = 1;
  let digits = 0;
  for (; i < s.length && isDigit(s.charCodeAt(i)); i++) digits++;
  if (s[i] === '.') {
    for (i++; i < s.length && isDigit(s.charCodeAt(i)); i++) digits++;
  }
  return i === s.length && digits > 0 ? Number(s) : undefined;
}

/** Integer ms as decimal seconds with no trailing zeros: 30000 → "30", 20020 → "20.02", 634 → "0.634". */
export function formatSeconds(ms: number): string {
  const neg = ms < 0;
  const abs = Math.round(Math.abs(ms));
  const whole = Math.floor(abs / 1000);
  const frac = abs % 1000;
  let s = String(whole);
  if (frac !== 0) s += '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
  return neg ? '-' + s : s;
}

/** Integer ms as decimal seconds with exactly three decimals: 20020 → "20.020". */
export function formatSecondsFixed(ms: number): string {
  const neg = ms < 0;
  const abs = Math.round(Math.abs(ms));
  const s = `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  return neg ? '-' + s : s;
}
