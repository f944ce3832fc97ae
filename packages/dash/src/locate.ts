// Finding Periods and Representations by view, index or id.
import type { Mpd } from './mpd.ts';
import { readMpd } from './model/read-mpd.ts';
import type { AdaptationSetView, MpdView, PeriodView, RepresentationView } from './model/types.ts';

/** A Period by its view (from readMpd), its 0-based index, or its id. */
export type PeriodRef = PeriodView | number | string;
/** A Representation by its view or its id. */
export type RepresentationRef = RepresentationView | string;

export function isMpdView(x: Mpd | MpdView): x is MpdView {
  return 'periods' in x && 'el' in x;
}

export function asView(mpd: Mpd | MpdView): MpdView {
  return isMpdView(mpd) ? mpd : readMpd(mpd).value;
}

export function findPeriod(view: MpdView, ref: PeriodRef): PeriodView | undefined {
  if (typeof ref === 'number') return view.periods[ref];
  if (typeof ref === 'string') return view.periods.find((p) => p.id === ref);
  return view.periods.find((p) => p.el === ref.el) ?? view.periods[ref.index];
}

export function findRepresentation(period: PeriodView, ref: RepresentationRef): { adaptationSet: AdaptationSetView; representation: RepresentationView } | undefined {
  for (const adaptationSet of period.adaptationSets) {
    for (const representation of adaptationSet.representations) {
      if (typeof ref === 'string' ? representation.id === ref : representation.el === ref.el) return { adaptationSet, representation };
    }
  }
  return undefined;
}

export function describePeriod(ref: PeriodRef): string {
  return typeof ref === 'number' ? `index ${ref}` : typeof ref === 'string' ? `id "${ref}"` : ref.path;
}
