// VAST 4.x <Wrapper> attributes (allowMultipleAds, followAdditionalWrappers): which ads of the response a wrapper's VASTAdTagURI
// returned may stand in for the wrapper. The caller fetches; this decides.
import type { VastAd, VastDocument } from './model.ts';

/**
 * The ads of `response` to merge with `wrapperAd` (see mergeWrapper):
 * - allowMultipleAds true: every ad (pods and stand-alone ads); otherwise only the first
 *   stand-alone ad (one without a sequence). The default is false.
 * - followAdditionalWrappers false: wrapper ads are rejected (the default is true).
 */
export function adsForWrapper(wrapperAd: VastAd, response: VastDocument): VastAd[] {
  const info = wrapperAd.wrapper;
  let ads = info?.allowMultipleAds === true ? response.ads : response.ads.filter((a) => a.sequence === undefined).slice(0, 1);
  if (info?.followAdditionalWrappers === false) ads = ads.filter((a) => a.kind !== 'wrapper');
  return ads;
}
