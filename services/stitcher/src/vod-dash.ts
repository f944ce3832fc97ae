// The personalised MPD of a VOD DASH session (pure): the origin's static MPD with each break's
// Periods inserted at its position — the content Period split there (presentationTimeOffset and
// startNumber of the second half moved to the split, by packages/dash's splitPeriod), one Period
// per ad (CMAF SegmentTemplate + SegmentTimeline, as the live path writes them), every later
// Period's start and MPD@mediaPresentationDuration grown by the ads' duration.
import { getAttr, insertPeriods, isScte35Scheme, localName, printMpd, type Mpd } from '@adsplice/dash';
import { absoluteBaseUrls, availPeriods, periodElement, type DashRenderUrls } from './dash-planner.ts';
import type { DashOriginView } from './dash-view.ts';
import type { AvailRecord } from './model.ts';

export interface VodDashOptions {
  urls: DashRenderUrls;
  /** The origin MPD's URL: content segments resolve against it (each Period gets an absolute BaseURL). */
  originUrl: string;
  /** CDN: content base URLs under `sourceBase` move under `prefix`. */
  contentPrefix?: { prefix: string; sourceBase: string };
  /** Keep the content's SCTE-35 EventStreams. */
  passthrough: boolean;
}

export interface VodDashResult {
  text: string;
  /** Problems packages/dash reported while inserting (a break it could not place is left out). */
  issues: { code: string; message: string; availId: string }[];
}

/** The origin's Periods each with an absolute BaseURL (the session MPD is served from the stitcher), without Location; the content's SCTE-35 EventStreams only with passthrough. */
export function vodPeriods(mpd: Mpd, opts: Pick<VodDashOptions, 'originUrl' | 'contentPrefix' | 'passthrough'>): Mpd {
  return absoluteBaseUrls(mpd, opts, (x) => opts.passthrough || x.type !== 'element' || localName(x.name) !== 'EventStream' || !isScte35Scheme(getAttr(x, 'schemeIdUri') ?? ''));
}

export function renderVodMpd(origin: DashOriginView, records: readonly AvailRecord[], opts: VodDashOptions): VodDashResult {
  let mpd = vodPeriods(origin.mpd, opts);
  const issues: VodDashResult['issues'] = [];
  // Last first: an insertion moves only what follows it, so the earlier positions stay where they were.
  const breaks = records.filter((r) => r.mode === 'ads' && r.vod).sort((a, b) => b.vod!.sessionStartMs - a.vod!.sessionStartMs);
  for (const r of breaks) {
    const rec: AvailRecord = { ...r, startPresentationMs: r.vod!.positionMs };
    const periods = availPeriods(rec).map((p) => periodElement(origin, rec, p, opts.urls, []));
    if (periods.length === 0) continue;
    const res = insertPeriods(mpd, r.vod!.positionMs, periods, { mode: 'insert' });
    const fatal = res.issues.find((i) => i.severity === 'fatal');
    if (fatal) issues.push({ code: fatal.code, message: fatal.message, availId: r.key });
    else mpd = res.value;
  }
  return { text: printMpd(mpd), issues };
}
