// VAST wrapper resolution: a wrapper's trackers must fire along with those of the ad
// it leads to. mergeWrapper folds one wrapper into the ad its VASTAdTagURI returned. It is pure;
// fetching the chain is the caller's job. It associates: resolve bottom-up
// (mergeWrapper(a, mergeWrapper(b, inline))) or top-down (mergeWrapper(mergeWrapper(a, b), inline)).
//
// Ordering follows @dailymotion/vast-client so that both give the same lists:
// ad-level lists (impressions, errors, extensions) put the wrapper's first; creative-level lists
// (tracking events, click trackers) put the inner ad's first, then the wrapper's.
import type { VastAd, VastCompanion, VastCreative, VastIcon, VastViewableImpression } from './model.ts';

/** The inner ad with the wrapper's impressions, errors, tracking events and click trackers added. */
export function mergeWrapper(wrapperAd: VastAd, innerAd: VastAd): VastAd {
  const wrapperCreatives = wrapperAd.creatives;
  const linearTracking = wrapperCreatives.flatMap((c) => c.linear?.trackingEvents ?? []);
  const linearClicks = wrapperCreatives.flatMap((c) => c.linear?.videoClicks.clickTracking ?? []);
  const linearCustom = wrapperCreatives.flatMap((c) => c.linear?.videoClicks.customClick ?? []);
  const linearThrough = wrapperCreatives.map((c) => c.linear?.videoClicks.clickThrough).find((u) => u !== undefined);
  const linearIcons = wrapperCreatives.flatMap((c) => c.linear?.icons ?? []);
  const nonLinearTracking = wrapperCreatives.flatMap((c) => c.nonLinearAds?.trackingEvents ?? []);
  const nonLinearClicks = wrapperCreatives.flatMap((c) => c.nonLinearAds?.nonLinears.flatMap((n) => n.clickTracking) ?? []);
  // A wrapper companion without a resource only carries trackers for the inner ad's companions;
  // one with a resource is a companion in its own right and is kept as such.
  const wrapperCompanions = wrapperCreatives.flatMap((c) => c.companionAds?.companions ?? []);
  const trackerOnly = wrapperCompanions.filter((c) => !hasResource(c));
  const companionClicks = trackerOnly.flatMap((c) => c.clickTracking);
  const companionTracking = trackerOnly.flatMap((c) => c.trackingEvents);
  const displayable = wrapperCreatives
    .filter((c) => c.companionAds?.companions.some(hasResource))
    .map((c): VastCreative => ({ ...c, linear: undefined, nonLinearAds: undefined, companionAds: c.companionAds && { ...c.companionAds, companions: c.companionAds.companions.filter(hasResource) } }))
    .map(dropUndefined);

  const creatives = innerAd.creatives.map((c): VastCreative => {
    const out: VastCreative = { ...c };
    if (c.linear) {
      const clicks = c.linear.videoClicks;
      out.linear = {
        ...c.linear,
        trackingEvents: [...c.linear.trackingEvents, ...linearTracking],
        videoClicks: dropUndefined({
          clickThrough: clicks.clickThrough ?? linearThrough,
          clickTracking: [...clicks.clickTracking, ...linearClicks],
          customClick: [...clicks.customClick, ...linearCustom],
        }),
        icons: [...c.linear.icons, ...linearIcons.filter((i) => !c.linear?.icons.some((own) => sameIcon(own, i)))],
      };
    }
    if (c.nonLinearAds) {
      out.nonLinearAds = {
        trackingEvents: [...c.nonLinearAds.trackingEvents, ...nonLinearTracking],
        nonLinears: c.nonLinearAds.nonLinears.map((n) => ({ ...n, clickTracking: [...n.clickTracking, ...nonLinearClicks] })),
      };
    }
    if (c.companionAds) {
      out.companionAds = {
        ...c.companionAds,
        companions: c.companionAds.companions.map(
          (comp): VastCompanion => ({ ...comp, clickTracking: [...comp.clickTracking, ...companionClicks], trackingEvents: [...comp.trackingEvents, ...companionTracking] }),
        ),
      };
    }
    return out;
  });

  const merged: VastAd = {
    ...innerAd,
    impressions: [...wrapperAd.impressions, ...innerAd.impressions],
    errors: [...wrapperAd.errors, ...innerAd.errors],
    extensions: [...wrapperAd.extensions, ...innerAd.extensions],
    adVerifications: [...innerAd.adVerifications, ...wrapperAd.adVerifications],
    creatives: [...displayable, ...creatives],
  };
  // In a pod the wrapper holds the slot: its sequence wins.
  if (wrapperAd.sequence !== undefined) merged.sequence = wrapperAd.sequence;
  const viewable = mergeViewable(wrapperAd.viewableImpression, innerAd.viewableImpression);
  if (viewable) merged.viewableImpression = viewable;
  return merged;
}

function hasResource(c: VastCompanion): boolean {
  return c.staticResources.length > 0 || c.iframeResources.length > 0 || c.htmlResources.length > 0;
}

function sameIcon(a: VastIcon, b: VastIcon): boolean {
  return a.program !== undefined && a.program === b.program;
}

function mergeViewable(wrapper: VastViewableImpression | undefined, inner: VastViewableImpression | undefined): VastViewableImpression | undefined {
  if (!wrapper) return inner;
  if (!inner) return wrapper;
  return {
    ...inner,
    viewable: [...wrapper.viewable, ...inner.viewable],
    notViewable: [...wrapper.notViewable, ...inner.notViewable],
    viewUndetermined: [...wrapper.viewUndetermined, ...inner.viewUndetermined],
  };
}

/** Removes keys whose value is undefined, so that results compare equal to parsed models. */
function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}
