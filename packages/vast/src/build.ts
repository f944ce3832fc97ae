// buildVast: writes a VastDocument as the chosen VAST version, in its schema's element order,
// leaving out what that version lacks. Every text and attribute is escaped (see xml-write.ts).
import { writeCreatives } from './build-creative.ts';
import { int } from './build-parts.ts';
import { levelOf, type VastBuildVersion, type VastLevel } from './build-version.ts';
import type { VastAd, VastDocument, VastPricing, VastVerification } from './model.ts';
import { XmlWriter } from './xml-write.ts';

export const VAST_NAMESPACE = 'http://www.iab.com/VAST';

export interface BuildVastOptions {
  /** The VAST version to write (default '4.2'). '4.3' is written with the 4.2 schema's structure. */
  version?: VastBuildVersion;
}

/** Writes `doc` as a VAST document (with the XML declaration). */
export function buildVast(doc: VastDocument, options: BuildVastOptions = {}): string {
  const w = new XmlWriter();
  writeVast(w, doc, options.version ?? '4.2');
  return w.toString();
}

/** Writes the <VAST> element into `w` (used by buildVmap to embed a document). */
export function writeVast(w: XmlWriter, doc: VastDocument, version: VastBuildVersion): void {
  const level = levelOf(version);
  w.open('VAST', [
    ['version', version],
    ['xmlns', level >= 40 ? VAST_NAMESPACE : undefined],
  ]);
  if (doc.ads.length === 0) {
    // Root <Error> (VAST 3+) is for no-ad responses only: the 4.x schema allows Ads or Errors.
    if (level >= 30) for (const url of doc.errors) w.leaf('Error', url);
  } else {
    for (const ad of doc.ads) writeAd(w, level, ad);
  }
  w.close('VAST');
}

function writeAd(w: XmlWriter, level: VastLevel, ad: VastAd): void {
  w.open('Ad', [
    ['id', level === 20 ? (ad.id ?? '') : ad.id],
    ['sequence', level >= 30 ? int(ad.sequence) : undefined],
    ['conditionalAd', level >= 40 ? ad.conditionalAd : undefined],
    ['adType', level >= 41 ? ad.adType : undefined],
  ]);
  if (ad.kind === 'wrapper') writeWrapper(w, level, ad);
  else writeInline(w, level, ad);
  w.close('Ad');
}

function writeInline(w: XmlWriter, level: VastLevel, ad: VastAd): void {
  w.open('InLine');
  writeAdSystem(w, ad);
  if (level >= 40) {
    for (const url of ad.errors) w.leaf('Error', url);
    writeExtensions(w, level, ad);
    writeImpressions(w, ad, true);
    writePricing(w, ad.pricing);
    writeViewableImpression(w, ad);
    if (level >= 41) w.leaf('AdServingId', ad.adServingId ?? '');
    w.leaf('AdTitle', ad.adTitle ?? '');
    writeVerifications(w, level, ad.adVerifications);
    if (ad.advertiser !== undefined) w.leaf('Advertiser', ad.advertiser);
    for (const c of ad.categories) w.leaf('Category', c.value, [['authority', c.authority ?? '']]);
    writeCreativesElement(w, level, ad, true);
    if (ad.description !== undefined) w.leaf('Description', ad.description);
    if (level >= 41 && ad.expiresSeconds !== undefined) w.leaf('Expires', int(ad.expiresSeconds));
    if (ad.survey !== undefined) w.leaf('Survey', ad.survey);
  } else {
    w.leaf('AdTitle', ad.adTitle ?? '');
    if (ad.description !== undefined) w.leaf('Description', ad.description);
    if (level >= 30 && ad.advertiser !== undefined) w.leaf('Advertiser', ad.advertiser);
    if (level >= 30) writePricing(w, ad.pricing, true);
    if (ad.survey !== undefined) w.leaf('Survey', ad.survey);
    if (ad.errors[0] !== undefined) w.leaf('Error', ad.errors[0]);
    writeImpressions(w, ad, true);
    writeCreativesElement(w, level, ad, true);
    writeExtensions(w, level, ad);
  }
  w.close('InLine');
}

function writeWrapper(w: XmlWriter, level: VastLevel, ad: VastAd): void {
  const info = ad.wrapper;
  w.open(
    'Wrapper',
    level >= 40
      ? [
          ['followAdditionalWrappers', info?.followAdditionalWrappers],
          ['allowMultipleAds', info?.allowMultipleAds],
          ['fallbackOnNoAd', info?.fallbackOnNoAd],
        ]
      : [],
  );
  writeAdSystem(w, ad);
  if (level >= 40) {
    for (const url of ad.errors) w.leaf('Error', url);
    writeExtensions(w, level, ad);
    writeImpressions(w, ad, true);
    writePricing(w, ad.pricing);
    writeViewableImpression(w, ad);
    if (level >= 41) writeVerifications(w, level, ad.adVerifications);
    if (ad.creatives.length > 0) writeCreativesElement(w, level, ad, false);
    w.leaf('VASTAdTagURI', info?.vastAdTagUri ?? '');
  } else {
    w.leaf('VASTAdTagURI', info?.vastAdTagUri ?? '');
    if (ad.errors[0] !== undefined) w.leaf('Error', ad.errors[0]);
    writeImpressions(w, ad, false);
    writeCreativesElement(w, level, ad, false);
    writeExtensions(w, level, ad);
  }
  w.close('Wrapper');
}

function writeAdSystem(w: XmlWriter, ad: VastAd): void {
  w.leaf('AdSystem', ad.adSystem.name, [['version', ad.adSystem.version]]);
}

function writeImpressions(w: XmlWriter, ad: VastAd, withId: boolean): void {
  // At least one <Impression> is required; an empty one is valid (xs:anyURI) and parses back to none.
  if (ad.impressions.length === 0) w.leaf('Impression', '');
  for (const i of ad.impressions) w.leaf('Impression', i.url, [['id', withId ? i.id : undefined]]);
}

function writeCreativesElement(w: XmlWriter, level: VastLevel, ad: VastAd, inline: boolean): void {
  w.open('Creatives');
  writeCreatives(w, level, ad.creatives, inline);
  w.close('Creatives');
}

const PRICING_MODELS = new Set(['CPC', 'CPM', 'CPE', 'CPV', 'cpc', 'cpm', 'cpe', 'cpv']);

/** Pricing is written only when the schema accepts it: a known model, a 3-letter currency, a decimal. */
function writePricing(w: XmlWriter, p: VastPricing | undefined, lowerCaseModel = false): void {
  // vast3_draft.xsd lists the models in lower case only.
  const model = lowerCaseModel ? p?.model.toLowerCase() : p?.model;
  if (p === undefined || model === undefined || !PRICING_MODELS.has(model) || !/^[a-zA-Z]{3}$/.test(p.currency) || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(p.value)) return;
  w.leaf('Pricing', p.value, [
    ['model', model],
    ['currency', p.currency],
  ]);
}

function writeViewableImpression(w: XmlWriter, ad: VastAd): void {
  const v = ad.viewableImpression;
  if (v === undefined) return;
  w.open('ViewableImpression', [['id', v.id]]);
  for (const url of v.viewable) w.leaf('Viewable', url);
  for (const url of v.notViewable) w.leaf('NotViewable', url);
  for (const url of v.viewUndetermined) w.leaf('ViewUndetermined', url);
  w.close('ViewableImpression');
}

function writeVerifications(w: XmlWriter, level: VastLevel, verifications: readonly VastVerification[]): void {
  if (verifications.length === 0) return;
  w.open('AdVerifications');
  for (const v of verifications) {
    w.open('Verification', [['vendor', v.vendor]]);
    if (level === 40) {
      for (const js of v.javaScriptResources) w.leaf('JavaScriptResource', js.url, [['apiFramework', js.apiFramework]]);
    } else {
      for (const ex of v.executableResources) {
        w.leaf('ExecutableResource', ex.url, [
          ['apiFramework', ex.apiFramework],
          ['type', ex.type],
        ]);
      }
      for (const js of v.javaScriptResources) {
        w.leaf('JavaScriptResource', js.url, [
          ['apiFramework', js.apiFramework],
          ['browserOptional', js.browserOptional],
        ]);
      }
      if (v.trackingEvents.length > 0) {
        w.open('TrackingEvents');
        for (const t of v.trackingEvents) w.leaf('Tracking', t.url, [['event', t.event]]);
        w.close('TrackingEvents');
      }
      if (v.verificationParameters !== undefined) w.leaf('VerificationParameters', v.verificationParameters);
    }
    w.close('Verification');
  }
  w.close('AdVerifications');
}

/**
 * <Extensions>, raw. Before VAST 4.0 there is no <AdVerifications>: as IAB advises, the
 * verifications go into an <Extension type="AdVerifications"> (unless the ad already has one).
 */
function writeExtensions(w: XmlWriter, level: VastLevel, ad: VastAd): void {
  const extensions = [...ad.extensions];
  if (level < 40 && ad.adVerifications.length > 0 && !extensions.some((e) => e.type === 'AdVerifications')) {
    const inner = new XmlWriter({ declaration: false });
    writeVerifications(inner, 41, ad.adVerifications);
    extensions.push({ type: 'AdVerifications', xml: inner.toString().trim() });
  }
  if (extensions.length === 0) return;
  w.open('Extensions');
  for (const ext of extensions) w.rawLeaf('Extension', ext.xml, [['type', ext.type]]);
  w.close('Extensions');
}
