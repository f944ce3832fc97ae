// MediaTailor's avail suppression (pure): which avails a session does not fill, judged against the
// live edge when the session started. BEHIND_LIVE_EDGE with value V: no avail that starts on or
// before (start − V) is filled (V = 0: a break already running when the viewer joins plays the
// content). AFTER_LIVE_EDGE with value V: no avail that starts on or before (start + V) is filled
// (a viewer's first V have no ads); with the PARTIAL_AVAIL fill policy an avail running across
// that point is filled from it on, slate covering the part before it.
import { StitcherError } from './errors.ts';

export type AvailSuppressionMode = 'OFF' | 'BEHIND_LIVE_EDGE' | 'AFTER_LIVE_EDGE';
export type FillPolicy = 'FULL_AVAIL_ONLY' | 'PARTIAL_AVAIL';

export interface AvailSuppression {
  mode: AvailSuppressionMode;
  /** HH:MM:SS, as MediaTailor writes it. */
  value: string;
  fillPolicy: FillPolicy;
}

/** The value in milliseconds; throws STITCH_CONFIG_INVALID for anything but HH:MM:SS. */
export function suppressionValueMs(value: string): number {
  const m = /^(\d{2}):([0-5]\d):([0-5]\d)$/.exec(value);
  if (!m) throw new StitcherError('STITCH_CONFIG_INVALID', `availSuppression.value must be HH:MM:SS, not "${value}"`, { field: 'availSuppression.value' });
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

export type SuppressionOutcome =
  | { kind: 'fill' }
  | { kind: 'suppress' }
  /** Fill the avail after its first `leadMs` (slate before). */
  | { kind: 'partial'; leadMs: number };

/**
 * What suppression does to an avail from `availStartMs` lasting `durationMs`, for a session whose
 * live edge was `sessionStartMs` when it started. `leadMs` is rounded up to whole seconds (the slate's grid).
 */
export function suppressionOf(s: AvailSuppression | undefined, sessionStartMs: number, availStartMs: number, durationMs: number): SuppressionOutcome {
  if (!s || s.mode === 'OFF') return { kind: 'fill' };
  const v = suppressionValueMs(s.value);
  const boundary = s.mode === 'BEHIND_LIVE_EDGE' ? sessionStartMs - v : sessionStartMs + v;
  if (availStartMs > boundary) return { kind: 'fill' };
  if (s.mode === 'AFTER_LIVE_EDGE' && s.fillPolicy === 'PARTIAL_AVAIL' && availStartMs + durationMs > boundary) {
    const leadMs = Math.ceil((boundary - availStartMs) / 1000) * 1000;
    if (leadMs < durationMs) return { kind: 'partial', leadMs };
  }
  return { kind: 'suppress' };
}
