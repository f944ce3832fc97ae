// Targeting rules as data, validated once and compiled once into closures: the request path only
// calls the compiled predicate (no parsing, no lookups beyond a Map get per key).
//
//   { all: [rule, …] }  { any: [rule, …] }  { not: rule }
//   { key: "genre", in: ["news", "sport"] }          value is one of (case-insensitive)
//   { key: "age", min: 18, max: 34 }                  numeric range, inclusive (either end optional)
//   { key: "contentId", prefix: "ep-" }               value starts with (case-insensitive)
//   { key: "userId", exists: true }                   the request carries the key (or not)
//   { daypart: { days: ["mon", …], from: "06:00", to: "09:30" } }   in the channel's time zone;
//                                                      from > to wraps midnight (22:00–02:00)

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type TargetingRule =
  | { all: TargetingRule[] }
  | { any: TargetingRule[] }
  | { not: TargetingRule }
  | { key: string; in: (string | number)[] }
  | { key: string; min?: number; max?: number }
  | { key: string; prefix: string }
  | { key: string; exists: boolean }
  | { daypart: { days?: Weekday[]; from: string; to: string } };

/** Wall-clock time in the channel's time zone. */
export interface LocalTime {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** 0..1439 */
  minuteOfDay: number;
}

export interface TargetingInput {
  /** Request values: keys and values lower-cased. */
  values: ReadonlyMap<string, string>;
  local: LocalTime;
}

export type Predicate = (input: TargetingInput) => boolean;

export class TargetingError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`targeting${path}: ${message}`);
    this.name = 'TargetingError';
  }
}

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const MAX_DEPTH = 8;
const MAX_NODES = 500;
const MAX_LIST = 10_000;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function only(node: Record<string, unknown>, allowed: string[], path: string): void {
  for (const k of Object.keys(node)) if (!allowed.includes(k)) throw new TargetingError(path, `unexpected property "${k}" (allowed here: ${allowed.join(', ')})`);
}

function finite(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TargetingError(path, 'must be a finite number');
  return x;
}

/** Checks a rule's shape (throws TargetingError naming the path) and returns it normalised. */
export function validateRule(rule: unknown): TargetingRule {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): TargetingRule => {
    if (++nodes > MAX_NODES) throw new TargetingError(path, `a rule may have at most ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw new TargetingError(path, `rules nest at most ${MAX_DEPTH} deep`);
    if (!isObject(node)) throw new TargetingError(path, 'must be an object');
    if ('all' in node || 'any' in node) {
      const op = 'all' in node ? 'all' : 'any';
      only(node, [op], path);
      const list = node[op];
      if (!Array.isArray(list) || list.length === 0) throw new TargetingError(`${path}.${op}`, 'must be a non-empty list of rules');
      const rules = list.map((r, i) => walk(r, `${path}.${op}[${i}]`, depth + 1));
      return op === 'all' ? { all: rules } : { any: rules };
    }
    if ('not' in node) {
      only(node, ['not'], path);
      return { not: walk(node.not, `${path}.not`, depth + 1) };
    }
    if ('daypart' in node) {
      only(node, ['daypart'], path);
      const d = node.daypart;
      if (!isObject(d)) throw new TargetingError(`${path}.daypart`, 'must be an object {days?, from, to}');
      only(d, ['days', 'from', 'to'], `${path}.daypart`);
      for (const f of ['from', 'to'] as const) {
        if (typeof d[f] !== 'string' || !HHMM.test(d[f])) throw new TargetingError(`${path}.daypart.${f}`, 'must be "HH:MM" (00:00–24:00)');
      }
      if (d.from === d.to) throw new TargetingError(`${path}.daypart`, 'from and to must differ');
      const out: { days?: Weekday[]; from: string; to: string } = { from: d.from as string, to: d.to as string };
      if (d.days !== undefined) {
        if (!Array.isArray(d.days) || d.days.length === 0 || !d.days.every((x) => WEEKDAYS.includes(x as Weekday))) {
          throw new TargetingError(`${path}.daypart.days`, `must be a non-empty list of ${WEEKDAYS.join(', ')}`);
        }
        out.days = [...new Set(d.days as Weekday[])];
      }
      return { daypart: out };
    }
    if (!('key' in node)) throw new TargetingError(path, 'must have one of all, any, not, daypart or key');
    if (typeof node.key !== 'string' || !KEY.test(node.key)) throw new TargetingError(`${path}.key`, 'must be 1–64 characters: letters, digits, _ . : -');
    const key = node.key;
    if ('in' in node) {
      only(node, ['key', 'in'], path);
      const list = node.in;
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST) throw new TargetingError(`${path}.in`, `must be a list of 1–${MAX_LIST} values`);
      list.forEach((v, i) => {
        if (!(typeof v === 'string' && v.length <= 512) && !(typeof v === 'number' && Number.isFinite(v))) throw new TargetingError(`${path}.in[${i}]`, 'must be a string (≤ 512 characters) or a number');
      });
      return { key, in: list as (string | number)[] };
    }
    if ('prefix' in node) {
      only(node, ['key', 'prefix'], path);
      if (typeof node.prefix !== 'string' || node.prefix.length === 0 || node.prefix.length > 512) throw new TargetingError(`${path}.prefix`, 'must be a non-empty string');
      return { key, prefix: node.prefix };
    }
    if ('exists' in node) {
      only(node, ['key', 'exists'], path);
      if (typeof node.exists !== 'boolean') throw new TargetingError(`${path}.exists`, 'must be true or false');
      return { key, exists: node.exists };
    }
    if ('min' in node || 'max' in node) {
      only(node, ['key', 'min', 'max'], path);
      const out: { key: string; min?: number; max?: number } = { key };
      if (node.min !== undefined) out.min = finite(node.min, `${path}.min`);
      if (node.max !== undefined) out.max = finite(node.max, `${path}.max`);
      if (out.min !== undefined && out.max !== undefined && out.min > out.max) throw new TargetingError(path, 'min must not be above max');
      return out;
    }
    throw new TargetingError(path, 'a key rule needs one of in, min/max, prefix, exists');
  };
  return walk(rule, '', 0);
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Compiles a validated rule into a predicate. */
export function compileRule(rule: TargetingRule): Predicate {
  if ('all' in rule) {
    const parts = rule.all.map(compileRule);
    if (parts.length === 1) return parts[0]!;
    return (x) => {
      for (const p of parts) if (!p(x)) return false;
      return true;
    };
  }
  if ('any' in rule) {
    const parts = rule.any.map(compileRule);
    return (x) => {
      for (const p of parts) if (p(x)) return true;
      return false;
    };
  }
  if ('not' in rule) {
    const inner = compileRule(rule.not);
    return (x) => !inner(x);
  }
  if ('daypart' in rule) {
    const from = minutes(rule.daypart.from);
    const to = minutes(rule.daypart.to);
    const days = rule.daypart.days ? new Set(rule.daypart.days.map((d) => WEEKDAYS.indexOf(d))) : undefined;
    if (from < to) return ({ local }) => local.minuteOfDay >= from && local.minuteOfDay < to && (!days || days.has(local.weekday));
    // Wraps midnight: the slot belongs to the day it starts on.
    return ({ local }) => {
      if (local.minuteOfDay >= from) return !days || days.has(local.weekday);
      if (local.minuteOfDay < to) return !days || days.has((local.weekday + 6) % 7);
      return false;
    };
  }
  const key = rule.key.toLowerCase();
  if ('in' in rule) {
    const set = new Set(rule.in.map((v) => String(v).toLowerCase()));
    if (set.size === 1) {
      const only1 = [...set][0];
      return ({ values }) => values.get(key) === only1;
    }
    return ({ values }) => {
      const v = values.get(key);
      return v !== undefined && set.has(v);
    };
  }
  if ('prefix' in rule) {
    const prefix = rule.prefix.toLowerCase();
    return ({ values }) => values.get(key)?.startsWith(prefix) ?? false;
  }
  if ('exists' in rule) {
    const want = rule.exists;
    return ({ values }) => values.has(key) === want;
  }
  const min = rule.min ?? -Infinity;
  const max = rule.max ?? Infinity;
  return ({ values }) => {
    const v = values.get(key);
    if (v === undefined || v === '') return false;
    const n = Number(v);
    return n >= min && n <= max;
  };
}

/**
 * The channels a rule limits a campaign to, when it requires `channel` ∈ list at its top level
 * (alone or as one part of an `all`): the decision index then only looks at the campaign for those
 * channels. undefined when the rule does not limit channels that way.
 */
export function channelsOf(rule: TargetingRule | null): Set<string> | undefined {
  if (rule === null) return undefined;
  const parts = 'all' in rule ? rule.all : [rule];
  let result: Set<string> | undefined;
  for (const p of parts) {
    if ('key' in p && 'in' in p && p.key.toLowerCase() === 'channel') {
      const set = new Set(p.in.map((v) => String(v).toLowerCase()));
      result = result ? new Set([...result].filter((c) => set.has(c))) : set;
    }
  }
  return result;
}

/** The request keys a rule reads (lower-cased), and whether it reads the time of day. */
export function keysOf(rule: TargetingRule | null, into: { keys: Set<string>; daypart: boolean } = { keys: new Set(), daypart: false }): { keys: Set<string>; daypart: boolean } {
  if (rule === null) return into;
  if ('all' in rule) for (const r of rule.all) keysOf(r, into);
  else if ('any' in rule) for (const r of rule.any) keysOf(r, into);
  else if ('not' in rule) keysOf(rule.not, into);
  else if ('daypart' in rule) into.daypart = true;
  else into.keys.add(rule.key.toLowerCase());
  return into;
}
