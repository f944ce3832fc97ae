// Writes <Creative> elements in the element order of the chosen version's schema. VAST 2.0/3.0
// allow one of Linear / CompanionAds / NonLinearAds per <Creative>, so a model creative carrying
// several is written as several <Creative> elements with the same attributes.
import { decimal, hasResource, int, time, writeAdParameters, writeResources, writeTracking, writeUrls } from './build-parts.ts';
import type { VastLevel } from './build-version.ts';
import { writeLinear } from './build-linear.ts';
import type { VastCompanion, VastCompanionAds, VastCreative, VastNonLinear, VastNonLinearAds } from './model.ts';
import type { XmlAttrs, XmlWriter } from './xml-write.ts';

export function writeCreatives(w: XmlWriter, level: VastLevel, creatives: readonly VastCreative[], inline: boolean): void {
  for (const c of creatives) {
    if (level >= 40) writeCreative4(w, level, c, inline);
    else writeCreative23(w, level, c, inline);
  }
}

function writeCreative4(w: XmlWriter, level: VastLevel, c: VastCreative, inline: boolean): void {
  w.open('Creative', [
    ['id', c.id],
    ['sequence', int(c.sequence)],
    ['adId', c.adId],
    ['apiFramework', c.apiFramework],
  ]);
  if (c.companionAds) writeCompanionAds(w, level, c.companionAds, inline);
  if (inline && c.creativeExtensions.length > 0) {
    w.open('CreativeExtensions');
    for (const ext of c.creativeExtensions) w.rawLeaf('CreativeExtension', ext.xml, [['type', ext.type]]);
    w.close('CreativeExtensions');
  }
  if (c.linear) writeLinear(w, level, c.linear, inline);
  if (c.nonLinearAds) writeNonLinearAds(w, level, c.nonLinearAds, inline);
  if (inline) {
    // Required in every 4.x InLine creative; once in 4.0/4.1, any number in 4.2 (and last there).
    const ids = c.universalAdIds.length > 0 ? c.universalAdIds : [{ idRegistry: 'unknown', value: 'unknown' }];
    for (const u of level >= 42 ? ids : ids.slice(0, 1)) {
      w.leaf('UniversalAdId', u.value, [
        ['idRegistry', u.idRegistry],
        ['idValue', level === 40 ? u.value : undefined],
      ]);
    }
  }
  w.close('Creative');
}

function writeCreative23(w: XmlWriter, level: VastLevel, c: VastCreative, inline: boolean): void {
  const attrs: XmlAttrs = [
    ['id', c.id],
    ['sequence', int(c.sequence)],
    ['AdID', c.adId],
  ];
  if (c.linear) {
    w.open('Creative', attrs);
    writeLinear(w, level, c.linear, inline);
    w.close('Creative');
  }
  const companions = c.companionAds ? usableCompanions(level, c.companionAds.companions, inline) : [];
  if (c.companionAds && companions.length > 0) {
    w.open('Creative', attrs);
    writeCompanionAds(w, level, { ...c.companionAds, companions }, inline);
    w.close('Creative');
  }
  const nonLinears = c.nonLinearAds ? c.nonLinearAds.nonLinears.filter((n) => hasResource(n) || (level === 30 && !inline)) : [];
  if (c.nonLinearAds && (nonLinears.length > 0 || (!inline && c.nonLinearAds.trackingEvents.length > 0))) {
    w.open('Creative', attrs);
    writeNonLinearAds(w, level, { ...c.nonLinearAds, nonLinears }, inline);
    w.close('Creative');
  }
}

/** 2.0 and 3.0 InLine companions must carry exactly one resource (3.0 wrapper ones may carry none). */
function usableCompanions(level: VastLevel, companions: readonly VastCompanion[], inline: boolean): VastCompanion[] {
  return companions.filter((c) => hasResource(c) || (level === 30 && !inline));
}

function writeCompanionAds(w: XmlWriter, level: VastLevel, ads: VastCompanionAds, inline: boolean): void {
  // vast3_draft.xsd has `required` on InLine CompanionAds only; 2.0 has none.
  w.open('CompanionAds', [['required', level >= 40 || (level === 30 && inline) ? ads.required : undefined]]);
  for (const c of ads.companions) writeCompanion(w, level, c, inline);
  w.close('CompanionAds');
}

function writeCompanion(w: XmlWriter, level: VastLevel, c: VastCompanion, inline: boolean): void {
  w.open('Companion', [
    ['id', c.id],
    ['width', int(c.width) ?? 0],
    ['height', int(c.height) ?? 0],
    ['assetWidth', level >= 30 ? int(c.assetWidth) : undefined],
    ['assetHeight', level >= 30 ? int(c.assetHeight) : undefined],
    ['expandedWidth', int(c.expandedWidth)],
    ['expandedHeight', int(c.expandedHeight)],
    ['apiFramework', c.apiFramework],
    [level === 40 ? 'adSlotID' : 'adSlotId', level >= 30 ? c.adSlotId : undefined],
    ['pxratio', level >= 40 ? decimal(c.pxratio) : undefined],
    ['renderingMode', level >= 41 ? c.renderingMode : undefined],
  ]);
  writeResources(w, level, c);
  if (level >= 40) {
    writeAdParameters(w, level, c.adParameters);
    if (c.altText !== undefined) w.leaf('AltText', c.altText);
    if (c.clickThrough !== undefined) w.leaf('CompanionClickThrough', c.clickThrough);
    writeUrls(w, 'CompanionClickTracking', c.clickTracking, true, true);
    writeTracking(w, level, c.trackingEvents);
  } else {
    writeTracking(w, level, c.trackingEvents);
    if (c.clickThrough !== undefined) w.leaf('CompanionClickThrough', c.clickThrough);
    // vast3_draft.xsd has CompanionClickTracking in wrappers only; 2.0 has none.
    if (level === 30 && !inline) writeUrls(w, 'CompanionClickTracking', c.clickTracking, false);
    if (c.altText !== undefined) w.leaf('AltText', c.altText);
    writeAdParameters(w, level, c.adParameters);
  }
  w.close('Companion');
}

function writeNonLinearAds(w: XmlWriter, level: VastLevel, ads: VastNonLinearAds, inline: boolean): void {
  w.open('NonLinearAds');
  writeTracking(w, level, ads.trackingEvents);
  for (const n of ads.nonLinears) writeNonLinear(w, level, n, inline);
  w.close('NonLinearAds');
}

function writeNonLinear(w: XmlWriter, level: VastLevel, n: VastNonLinear, inline: boolean): void {
  const sized = level !== 40 && (inline || level < 40);
  const attrs: XmlAttrs = sized
    ? [
        ['id', n.id],
        ['width', int(n.width) ?? (inline || level === 20 ? 0 : undefined)],
        ['height', int(n.height) ?? (inline || level === 20 ? 0 : undefined)],
        ['expandedWidth', int(n.expandedWidth)],
        ['expandedHeight', int(n.expandedHeight)],
        ['scalable', n.scalable],
        ['maintainAspectRatio', n.maintainAspectRatio],
        ['minSuggestedDuration', time(n.minSuggestedDurationMs)],
        ['apiFramework', n.apiFramework],
      ]
    : [];
  w.open('NonLinear', attrs);
  if (level >= 40 && !inline) {
    // NonLinearAd_Base_type: at most one click tracker, nothing else.
    writeUrls(w, 'NonLinearClickTracking', n.clickTracking.slice(0, 1), true);
  } else if (level >= 40) {
    writeResources(w, level, n);
    writeAdParameters(w, level, n.adParameters);
    if (n.clickThrough !== undefined) w.leaf('NonLinearClickThrough', n.clickThrough);
    writeUrls(w, 'NonLinearClickTracking', n.clickTracking, true);
  } else if (level === 30 && !inline) {
    writeUrls(w, 'NonLinearClickTracking', n.clickTracking, false);
  } else {
    writeResources(w, level, n);
    if (level === 30) writeUrls(w, 'NonLinearClickTracking', n.clickTracking, false);
    if (n.clickThrough !== undefined) w.leaf('NonLinearClickThrough', n.clickThrough);
    writeAdParameters(w, level, n.adParameters);
  }
  w.close('NonLinear');
}
