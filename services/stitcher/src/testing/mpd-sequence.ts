// Checks two consecutive refreshes of a live multi-period MPD the way a player depends on them
// (pure, for tests): Periods keep their ids, starts and order, new Periods only come after the ones
// already known and old ones only leave from the front, Periods meet end to start, every timeline is
// continuous inside its Period and stays within it, and a segment listed twice keeps its time.
import { parseMpd, readMpd, segments, type MpdView } from '@adsplice/dash';

interface PeriodFacts {
  id: string;
  startMs: number;
  durationMs?: number;
  /** Per AdaptationSet (first Representation): `number → [startMs, durationMs]`. */
  tracks: Map<number, [number, number]>[];
}

function facts(text: string, nowMs: number): { view: MpdView; periods: PeriodFacts[] } {
  const view = readMpd(parseMpd(text).value).value;
  const periods = view.periods.map((p) => ({
    id: p.id ?? `#${p.index}`,
    startMs: p.startMs ?? NaN,
    ...(p.durationMs === undefined ? {} : { durationMs: p.durationMs }),
    tracks: p.adaptationSets.map((a) => {
      const rep = a.representations[0];
      const m = new Map<number, [number, number]>();
      if (rep) for (const s of segments(view, p, rep, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, nowMs }).value) m.set(s.number, [s.startMs, s.durationMs]);
      return m;
    }),
  }));
  return { view, periods };
}

/** Problems within one MPD: Periods that do not meet, timelines with holes or past their Period. */
export function checkMpd(text: string, nowMs: number): string[] {
  const out: string[] = [];
  const { periods } = facts(text, nowMs);
  periods.forEach((p, i) => {
    const next = periods[i + 1];
    if (next && p.durationMs !== undefined && Math.abs(p.startMs + p.durationMs - next.startMs) > 1) out.push(`Period ${p.id} ends at ${p.startMs + p.durationMs} but ${next.id} starts at ${next.startMs}`);
    if (next && next.startMs < p.startMs) out.push(`Period ${next.id} starts before ${p.id}`);
    p.tracks.forEach((m, a) => {
      const segs = [...m.entries()].sort((x, y) => x[0] - y[0]);
      if (segs.length === 0) out.push(`Period ${p.id} AdaptationSet ${a} has no segment`);
      for (let k = 1; k < segs.length; k++) {
        const [n0, [s0, d0]] = segs[k - 1]!;
        const [n1, [s1]] = segs[k]!;
        if (n1 !== n0 + 1 || Math.abs(s0 + d0 - s1) > 1) out.push(`Period ${p.id} AdaptationSet ${a}: segment ${n0} (${s0}+${d0}) then ${n1} at ${s1}`);
      }
      const first = segs[0]?.[1];
      // The first may straddle the Period's start (a split inside an audio segment keeps it in both halves).
      if (first && first[0] + first[1] <= p.startMs + 1) out.push(`Period ${p.id} AdaptationSet ${a}: a segment at ${first[0]}+${first[1]} before the Period's start ${p.startMs}`);
      const last = segs.at(-1)?.[1];
      // A segment may straddle the Period's end by less than its own duration (audio frames do not meet video boundaries).
      if (last && p.durationMs !== undefined && last[0] >= p.startMs + p.durationMs) out.push(`Period ${p.id} AdaptationSet ${a}: a segment at ${last[0]} after the Period's end`);
    });
  });
  return out;
}

/** Problems between a refresh and the next one. */
export function checkMpdSequence(prevText: string, nextText: string, prevNowMs: number, nextNowMs: number): string[] {
  const out = checkMpd(nextText, nextNowMs);
  const prev = facts(prevText, prevNowMs).periods;
  const next = facts(nextText, nextNowMs).periods;
  const prevIds = prev.map((p) => p.id);
  const nextIds = next.map((p) => p.id);
  const common = prevIds.filter((id) => nextIds.includes(id));
  // Left only from the front; came only at the back; kept their order.
  const gone = prevIds.filter((id) => !nextIds.includes(id));
  if (gone.some((id) => prevIds.indexOf(id) > prevIds.indexOf(common[0] ?? ''))) out.push(`Periods left from the middle: ${gone.join(', ')}`);
  const added = nextIds.filter((id) => !prevIds.includes(id));
  if (common.length > 0 && added.some((id) => nextIds.indexOf(id) < nextIds.indexOf(common.at(-1)!))) out.push(`Periods came before known ones: ${added.join(', ')} (${nextIds.join(', ')})`);
  if (common.join() !== nextIds.filter((id) => common.includes(id)).join()) out.push('Periods changed order');
  for (const id of common) {
    const a = prev.find((p) => p.id === id)!;
    const b = next.find((p) => p.id === id)!;
    if (a.startMs !== b.startMs) out.push(`Period ${id} moved from ${a.startMs} to ${b.startMs}`);
    if (a.tracks.length !== b.tracks.length) out.push(`Period ${id} changed its AdaptationSets`);
    a.tracks.forEach((m, i) => {
      for (const [n, [s, d]] of m) {
        const x = b.tracks[i]?.get(n);
        if (x && (x[0] !== s || x[1] !== d)) out.push(`Period ${id} AdaptationSet ${i} segment ${n} was ${s}+${d}, is ${x[0]}+${x[1]}`);
      }
    });
  }
  return out;
}
