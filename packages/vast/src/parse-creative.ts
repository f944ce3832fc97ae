// <Creative> (vast_4.2.xsd Creative_Inline_type / Creative_Wrapper_type) with its Linear (parse-linear.ts),
// CompanionAds and NonLinearAds.
import type { VastCompanion, VastCompanionAds, VastCreative, VastNonLinear, VastNonLinearAds } from './model.ts';
import { parseLinear } from './parse-linear.ts';
import { parseAdParameters, readResources } from './parse-resources.ts';
import { optionalAttr, optionalText, put, readBool, readDecimal, readEnum, readExtensions, readIdUrls, readInt, readTimeAttr, readTrackingEvents, type Reader } from './read-values.ts';
import { attr, attrAnyCase, child, children, textOf, type XmlValue } from './xml-node.ts';

export function parseCreative(r: Reader, el: XmlValue, inline: boolean): VastCreative {
  const creative: VastCreative = { universalAdIds: [], creativeExtensions: readExtensions(child(el, 'CreativeExtensions'), 'CreativeExtension') };
  put(creative, 'id', optionalAttr(el, 'id'));
  put(creative, 'adId', attrAnyCase(el, 'adId')?.trim() || undefined);
  put(creative, 'sequence', readInt(r, el, 'sequence', 'Creative'));
  put(creative, 'apiFramework', optionalAttr(el, 'apiFramework'));
  for (const u of children(el, 'UniversalAdId')) {
    const idRegistry = optionalAttr(u, 'idRegistry');
    if (idRegistry === undefined) r.report('VAST_MISSING_ELEMENT', '<UniversalAdId> has no idRegistry; "unknown" is used.', { element: 'UniversalAdId', attribute: 'idRegistry' });
    // VAST 4.0 carried the value in an idValue attribute as well.
    creative.universalAdIds.push({ idRegistry: idRegistry ?? 'unknown', value: textOf(u) || (attr(u, 'idValue')?.trim() ?? '') });
  }
  const linear = child(el, 'Linear');
  if (linear !== undefined) creative.linear = parseLinear(r, linear, inline);
  const companions = child(el, 'CompanionAds');
  if (companions !== undefined) creative.companionAds = parseCompanionAds(r, companions);
  const nonLinears = child(el, 'NonLinearAds');
  if (nonLinears !== undefined) creative.nonLinearAds = parseNonLinearAds(r, nonLinears);
  return creative;
}

function parseCompanionAds(r: Reader, el: XmlValue): VastCompanionAds {
  const ads: VastCompanionAds = { companions: children(el, 'Companion').map((c) => parseCompanion(r, c)) };
  put(ads, 'required', readEnum(r, el, 'required', 'CompanionAds', ['all', 'any', 'none'] as const));
  return ads;
}

function parseCompanion(r: Reader, el: XmlValue): VastCompanion {
  const size = (name: 'width' | 'height'): number => {
    const n = readInt(r, el, name, 'Companion');
    if (n === undefined && attr(el, name) === undefined) r.report('VAST_MISSING_ELEMENT', `A <Companion> has no ${name}; 0 is used.`, { element: 'Companion', attribute: name });
    return n ?? 0;
  };
  const companion: VastCompanion = {
    ...readResources(r, el),
    width: size('width'),
    height: size('height'),
    clickTracking: readIdUrls(r, el, 'CompanionClickTracking'),
    trackingEvents: readTrackingEvents(r, child(el, 'TrackingEvents')),
  };
  put(companion, 'id', optionalAttr(el, 'id'));
  put(companion, 'assetWidth', readInt(r, el, 'assetWidth', 'Companion'));
  put(companion, 'assetHeight', readInt(r, el, 'assetHeight', 'Companion'));
  put(companion, 'expandedWidth', readInt(r, el, 'expandedWidth', 'Companion'));
  put(companion, 'expandedHeight', readInt(r, el, 'expandedHeight', 'Companion'));
  put(companion, 'apiFramework', optionalAttr(el, 'apiFramework'));
  put(companion, 'adSlotId', attrAnyCase(el, 'adSlotId')?.trim() || undefined);
  put(companion, 'pxratio', readDecimal(r, el, 'pxratio', 'Companion'));
  put(companion, 'renderingMode', readEnum(r, el, 'renderingMode', 'Companion', ['default', 'end-card', 'concurrent'] as const));
  put(companion, 'adParameters', parseAdParameters(r, child(el, 'AdParameters')));
  put(companion, 'altText', optionalText(child(el, 'AltText')));
  put(companion, 'clickThrough', optionalText(child(el, 'CompanionClickThrough')));
  return companion;
}

function parseNonLinearAds(r: Reader, el: XmlValue): VastNonLinearAds {
  return {
    trackingEvents: readTrackingEvents(r, child(el, 'TrackingEvents')),
    nonLinears: children(el, 'NonLinear').map((n) => parseNonLinear(r, n)),
  };
}

function parseNonLinear(r: Reader, el: XmlValue): VastNonLinear {
  const nonLinear: VastNonLinear = { ...readResources(r, el), clickTracking: readIdUrls(r, el, 'NonLinearClickTracking') };
  put(nonLinear, 'id', optionalAttr(el, 'id'));
  put(nonLinear, 'width', readInt(r, el, 'width', 'NonLinear'));
  put(nonLinear, 'height', readInt(r, el, 'height', 'NonLinear'));
  put(nonLinear, 'expandedWidth', readInt(r, el, 'expandedWidth', 'NonLinear'));
  put(nonLinear, 'expandedHeight', readInt(r, el, 'expandedHeight', 'NonLinear'));
  put(nonLinear, 'scalable', readBool(r, el, 'scalable', 'NonLinear'));
  put(nonLinear, 'maintainAspectRatio', readBool(r, el, 'maintainAspectRatio', 'NonLinear'));
  put(nonLinear, 'minSuggestedDurationMs', readTimeAttr(r, el, 'minSuggestedDuration', 'NonLinear'));
  put(nonLinear, 'apiFramework', optionalAttr(el, 'apiFramework'));
  put(nonLinear, 'adParameters', parseAdParameters(r, child(el, 'AdParameters')));
  put(nonLinear, 'clickThrough', optionalText(child(el, 'NonLinearClickThrough')));
  return nonLinear;
}
