// Form validation, pure: each validator returns field → message for what the API would refuse,
// so that forms say what is wrong before sending (the API's own error is still shown when it refuses).
export type Errors = Record<string, string>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

export function validateToken(text: string): Errors {
  const t = text.trim();
  if (t === '') return { token: 'Paste an API token (adsplice start prints the admin token on its first start).' };
  if (t.length < 16) return { token: 'A token is at least 16 characters.' };
  return {};
}

function int(value: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export interface ScheduleForm {
  channelId: string;
  /** ISO 8601, or the value of an <input type="datetime-local"> (local time). */
  start: string;
  durationSeconds: string;
}

export function validateSchedule(f: ScheduleForm, nowMs: number): Errors {
  const e: Errors = {};
  if (!ID.test(f.channelId)) e.channelId = 'Choose a channel.';
  const ms = Date.parse(f.start);
  if (f.start.trim() === '' || Number.isNaN(ms)) e.start = 'Give the start as a date and time.';
  else if (ms % 1000 !== 0) e.start = 'Breaks start on a whole second.';
  else if (ms <= nowMs) e.start = 'The start is in the past.';
  if (int(f.durationSeconds, 1, 3600) === undefined) e.durationSeconds = 'Duration: whole seconds from 1 to 3600.';
  return e;
}

export interface RecurrenceForm {
  channelId: string;
  everyMinutes: string;
  from: string;
  to: string;
  durationSeconds: string;
}

export function validateRecurrence(f: RecurrenceForm): Errors {
  const e: Errors = {};
  if (!ID.test(f.channelId)) e.channelId = 'Choose a channel.';
  const every = int(f.everyMinutes, 1, 1440);
  if (every === undefined) e.everyMinutes = 'Every: whole minutes from 1 to 1440.';
  if (!HHMM.test(f.from)) e.from = 'From: HH:MM (UTC).';
  if (!HHMM.test(f.to)) e.to = 'To: HH:MM (UTC).';
  const duration = int(f.durationSeconds, 1, 3600);
  if (duration === undefined) e.durationSeconds = 'Duration: whole seconds from 1 to 3600.';
  else if (every !== undefined && duration >= every * 60) e.durationSeconds = 'A break must be shorter than the interval.';
  return e;
}

export interface CampaignForm {
  advertiserId: string;
  name: string;
  priority: string;
  weight: string;
  startAt: string;
  endAt: string;
  targeting: string;
}

export function validateCampaign(f: CampaignForm): Errors {
  const e: Errors = {};
  if (f.advertiserId.trim() === '') e.advertiserId = 'Choose an advertiser.';
  if (f.name.trim() === '' || f.name.length > 200) e.name = 'Name: 1 to 200 characters.';
  if (int(f.priority, 1, 5) === undefined) e.priority = 'Priority: 1 (sponsorship) to 5 (house).';
  if (int(f.weight, 1, 1000) === undefined) e.weight = 'Weight: 1 to 1000.';
  const start = f.startAt.trim() === '' ? undefined : Date.parse(f.startAt);
  const end = f.endAt.trim() === '' ? undefined : Date.parse(f.endAt);
  if (start !== undefined && Number.isNaN(start)) e.startAt = 'Start: a date and time, or empty for now.';
  if (end !== undefined && Number.isNaN(end)) e.endAt = 'End: a date and time, or empty for no end.';
  else if (start !== undefined && end !== undefined && !(end > start)) e.endAt = 'The end must be after the start.';
  const t = parseTargeting(f.targeting);
  if (t.error) e.targeting = t.error;
  return e;
}

export interface AdForm {
  campaignId: string;
  title: string;
  creativeId: string;
  weight: string;
  clickThrough: string;
}

export function validateAd(f: AdForm): Errors {
  const e: Errors = {};
  if (f.campaignId.trim() === '') e.campaignId = 'Choose a campaign.';
  if (f.title.trim() === '' || f.title.length > 200) e.title = 'Title: 1 to 200 characters.';
  if (f.creativeId.trim() === '') e.creativeId = 'Choose or upload a creative.';
  if (int(f.weight, 1, 1000) === undefined) e.weight = 'Weight: 1 to 1000.';
  if (f.clickThrough.trim() !== '' && !/^https?:\/\/[^\s]+$/.test(f.clickThrough.trim())) e.clickThrough = 'Click-through: an http(s) URL, or empty.';
  return e;
}

export interface ExperimentForm {
  name: string;
  variants: { name: string; weight: string; campaignIds: string }[];
}

export function validateExperiment(f: ExperimentForm): Errors {
  const e: Errors = {};
  if (f.name.trim() === '') e.name = 'Name the experiment.';
  if (f.variants.length < 2) e.variants = 'An experiment needs at least two variants.';
  const names = new Set<string>();
  f.variants.forEach((v, i) => {
    if (v.name.trim() === '') e[`variants.${i}.name`] = `Variant ${i + 1}: a name.`;
    else if (names.has(v.name.trim())) e[`variants.${i}.name`] = `Variant ${i + 1}: "${v.name}" is used twice.`;
    names.add(v.name.trim());
    if (int(v.weight, 1, 1000) === undefined) e[`variants.${i}.weight`] = `Variant ${i + 1}: weight 1 to 1000.`;
  });
  return e;
}

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | { key: string; in?: (string | number)[]; min?: number; max?: number; prefix?: string; exists?: boolean }
  | { daypart: { days?: string[]; from: string; to: string } };

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Checks a targeting rule's shape (docs/ads.md) with the path of the first problem; empty text = everyone. */
export function parseTargeting(text: string): { value: Rule | null; error?: string } {
  if (text.trim() === '' || text.trim() === 'null') return { value: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { value: null, error: `Targeting is not JSON: ${(err as Error).message}` };
  }
  let nodes = 0;
  const check = (r: unknown, path: string, depth: number): string | undefined => {
    if (++nodes > 500) return 'Targeting: at most 500 rules.';
    if (depth > 8) return `Targeting ${path}: at most 8 levels.`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return `Targeting ${path}: a rule is an object.`;
    const o = r as Record<string, unknown>;
    if ('all' in o || 'any' in o) {
      const list = o.all ?? o.any;
      if (!Array.isArray(list) || list.length === 0) return `Targeting ${path}: "${'all' in o ? 'all' : 'any'}" takes a non-empty list.`;
      for (let i = 0; i < list.length; i++) {
        const bad = check(list[i], `${path}.${'all' in o ? 'all' : 'any'}[${i}]`, depth + 1);
        if (bad) return bad;
      }
      return undefined;
    }
    if ('not' in o) return check(o.not, `${path}.not`, depth + 1);
    if ('daypart' in o) {
      const d = o.daypart as Record<string, unknown> | null;
      if (!d || typeof d.from !== 'string' || !HHMM.test(d.from) || typeof d.to !== 'string' || !HHMM.test(d.to)) return `Targeting ${path}.daypart: from and to as HH:MM.`;
      if (d.days !== undefined && (!Array.isArray(d.days) || d.days.some((x) => !DAYS.includes(String(x))))) return `Targeting ${path}.daypart.days: ${DAYS.join(', ')}.`;
      return undefined;
    }
    if (typeof o.key === 'string' && o.key !== '') {
      if (Array.isArray(o.in)) return o.in.length === 0 ? `Targeting ${path}: "in" needs at least one value.` : undefined;
      if ('min' in o || 'max' in o) {
        if ((o.min !== undefined && typeof o.min !== 'number') || (o.max !== undefined && typeof o.max !== 'number')) return `Targeting ${path}: min and max are numbers.`;
        if (typeof o.min === 'number' && typeof o.max === 'number' && o.min > o.max) return `Targeting ${path}: min is above max.`;
        return undefined;
      }
      if (typeof o.prefix === 'string' || typeof o.exists === 'boolean') return undefined;
      return `Targeting ${path}: a key rule needs "in", "min"/"max", "prefix" or "exists".`;
    }
    return `Targeting ${path}: expected all, any, not, key or daypart.`;
  };
  const error = check(json, '$', 1);
  return error ? { value: null, error } : { value: json as Rule };
}
