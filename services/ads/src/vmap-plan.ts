// Where a VOD programme's ad breaks go, from GET /ads/vmap's parameters: a pre-roll, mid-rolls at
// given positions (seconds or percentages) or every N seconds, and a post-roll; each with its
// break duration. Pure. The parameters it reads are removed from what becomes targeting.
import type { VmapTimeOffset } from '@adsplice/vast';
import { AdsError } from './errors.ts';

export interface PlannedBreak {
  breakId: string;
  timeOffset: VmapTimeOffset;
  durationMs: number;
}

export interface VmapPlan {
  breaks: PlannedBreak[];
  /** Answer with an AdTagURI per break (decided when the player reaches it) instead of VAST inside. */
  adTags: boolean;
  /** The request's other parameters (targeting, session, …), passed on to each break's decision. */
  rest: Record<string, unknown>;
}

export const VMAP_PARAMETERS = ['contentduration', 'content_duration', 'preroll', 'prerollduration', 'midrolls', 'midrollevery', 'midrollduration', 'postroll', 'postrollduration', 'breakduration', 'adtags', 'duration'] as const;
const MAX_BREAKS = 50;
const DEFAULTS = { preroll: 30, midroll: 60, postroll: 30 };

function invalid(parameter: string, message: string): AdsError {
  return new AdsError('ADS_INVALID_REQUEST', `${parameter}: ${message}`, { parameter });
}

function seconds(name: string, raw: string | undefined, def: number): number {
  if (raw === undefined || raw === '') return def;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw invalid(name, `"${raw.slice(0, 40)}" is not a non-negative number of seconds`);
  return Number(raw);
}

function flag(name: string, raw: string | undefined, def: boolean): boolean {
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw invalid(name, `"${raw.slice(0, 20)}" is not true/false`);
}

export function parseVmapPlan(query: Record<string, unknown>): VmapPlan {
  const own: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    const key = k.toLowerCase();
    const value = Array.isArray(v) ? v[0] : v;
    if ((VMAP_PARAMETERS as readonly string[]).includes(key)) {
      if (typeof value === 'string') own[key === 'content_duration' ? 'contentduration' : key] ??= value.trim();
    } else rest[k] = v;
  }
  const all = seconds('breakDuration', own.breakduration, NaN);
  const content = own.contentduration !== undefined && own.contentduration !== '' ? seconds('contentDuration', own.contentduration, 0) : undefined;
  const dur = (name: string, raw: string | undefined, def: number): number => Math.round(seconds(name, raw, Number.isNaN(all) ? def : all) * 1000);
  const breaks: PlannedBreak[] = [];
  if (flag('preroll', own.preroll, true)) breaks.push({ breakId: 'preroll', timeOffset: 'start', durationMs: dur('prerollDuration', own.prerollduration, DEFAULTS.preroll) });

  const midMs = dur('midrollDuration', own.midrollduration, DEFAULTS.midroll);
  const positions: VmapTimeOffset[] = [];
  if (own.midrolls) {
    for (const p of own.midrolls.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const pct = /^(\d{1,2}(\.\d+)?)%$/.exec(p);
      if (pct) {
        const n = Number(pct[1]);
        if (n <= 0) throw invalid('midrolls', `${p} is not inside the programme`);
        positions.push(`${n}%`);
        continue;
      }
      const s = seconds('midrolls', p, 0);
      if (s <= 0 || (content !== undefined && s >= content)) throw invalid('midrolls', `${p} s is not inside the programme${content !== undefined ? ` (0–${content} s)` : ''}`);
      positions.push(Math.round(s * 1000));
    }
  }
  if (own.midrollevery) {
    const every = seconds('midrollEvery', own.midrollevery, 0);
    if (every <= 0) throw invalid('midrollEvery', 'must be above 0');
    if (content === undefined) throw invalid('contentDuration', 'is needed with midrollEvery');
    for (let s = every; s < content && positions.length <= MAX_BREAKS; s += every) positions.push(Math.round(s * 1000));
  }
  if (positions.length > MAX_BREAKS) throw invalid('midrolls', `at most ${MAX_BREAKS} mid-rolls`);
  const at = (o: VmapTimeOffset): number => (typeof o === 'number' ? o : content !== undefined ? (Number(String(o).slice(0, -1)) / 100) * content * 1000 : Number(String(o).slice(0, -1)) * 1e9);
  const unique = [...new Map(positions.map((p) => [String(p), p])).values()].sort((a, b) => at(a) - at(b));
  unique.forEach((p, i) => breaks.push({ breakId: `midroll-${i + 1}`, timeOffset: p, durationMs: midMs }));

  if (flag('postroll', own.postroll, true)) breaks.push({ breakId: 'postroll', timeOffset: 'end', durationMs: dur('postrollDuration', own.postrollduration, DEFAULTS.postroll) });
  return { breaks, adTags: flag('adTags', own.adtags, false), rest };
}
