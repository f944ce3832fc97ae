// <Ad>, <InLine> (vast_4.2.xsd Inline_type) and <Wrapper> (Wrapper_type), every version.
import type { VastAd, VastPricing, VastVerification, VastViewableImpression, VastWrapperInfo } from './model.ts';
import { parseCreative } from './parse-creative.ts';
import {
  firstChild,
  optionalAttr,
  optionalText,
  put,
  readBool,
  readEnum,
  readExtensions,
  readIdUrls,
  readInt,
  readIntText,
  readUrls,
  stopNodeText,
  type Reader,
} from './read-values.ts';
import { attr, child, children, textOf, type XmlValue } from './xml-node.ts';
import { readXml } from './xml-read.ts';

const AD_TYPES = ['video', 'audio', 'hybrid'] as const;

/** Reads one <Ad>; undefined (and VAST_AD_EMPTY) when it has neither InLine nor Wrapper. */
export function parseAd(r: Reader, adEl: XmlValue, adIndex: number): VastAd | undefined {
  const id = optionalAttr(adEl, 'id');
  r.where = id === undefined ? { adIndex } : { adIndex, adId: id };
  const inline = firstChild(adEl, 'InLine', 'Inline');
  const wrapper = inline === undefined ? child(adEl, 'Wrapper') : undefined;
  const body = inline ?? wrapper;
  if (body === undefined) {
    r.report('VAST_AD_EMPTY', 'The <Ad> has neither <InLine> nor <Wrapper>; it is left out.', { element: 'Ad' });
    return undefined;
  }
  const adSystemEl = child(body, 'AdSystem');
  const ad: VastAd = {
    kind: inline !== undefined ? 'inline' : 'wrapper',
    adSystem: { name: textOf(adSystemEl) },
    categories: [],
    impressions: readIdUrls(r, body, 'Impression', false),
    errors: readUrls(r, body, 'Error'),
    adVerifications: children(child(body, 'AdVerifications'), 'Verification').map((v) => parseVerification(r, v)),
    extensions: readExtensions(child(body, 'Extensions'), 'Extension'),
    creatives: [],
  };
  put(ad, 'id', id);
  put(ad, 'sequence', readInt(r, adEl, 'sequence', 'Ad'));
  put(ad, 'adType', readEnum(r, adEl, 'adType', 'Ad', AD_TYPES));
  put(ad, 'conditionalAd', readBool(r, adEl, 'conditionalAd', 'Ad'));
  put(ad.adSystem, 'version', optionalAttr(adSystemEl, 'version'));
  if (ad.adSystem.name === '') r.report('VAST_MISSING_ELEMENT', 'The ad has no <AdSystem>.', { element: 'AdSystem' });
  put(ad, 'adServingId', optionalText(child(body, 'AdServingId')));
  put(ad, 'adTitle', optionalText(child(body, 'AdTitle')));
  if (inline !== undefined && ad.adTitle === undefined) r.report('VAST_MISSING_ELEMENT', 'The InLine ad has no <AdTitle>.', { element: 'AdTitle' });
  put(ad, 'description', optionalText(child(body, 'Description')));
  put(ad, 'advertiser', optionalText(child(body, 'Advertiser')));
  for (const c of children(body, 'Category')) {
    const category: VastAd['categories'][number] = { value: textOf(c) };
    put(category, 'authority', optionalAttr(c, 'authority'));
    ad.categories.push(category);
  }
  put(ad, 'pricing', parsePricing(child(body, 'Pricing')));
  put(ad, 'survey', optionalText(child(body, 'Survey')));
  put(ad, 'expiresSeconds', readIntText(r, child(body, 'Expires'), 'Expires'));
  put(ad, 'viewableImpression', parseViewableImpression(r, child(body, 'ViewableImpression')));
  if (ad.impressions.length === 0) r.report('VAST_MISSING_IMPRESSION', 'The ad has no <Impression> URL: nobody can count it.', { element: 'Impression' });
  for (const ext of ad.extensions) {
    // IAB's advice before VAST 4.1: carry verification scripts in <Extension type="AdVerifications">.
    if (ext.type === 'AdVerifications') ad.adVerifications.push(...verificationsFromExtension(r, ext.xml));
  }
  if (wrapper !== undefined) ad.wrapper = parseWrapperInfo(r, wrapper);

  const creativesEl = children(child(body, 'Creatives'), 'Creative');
  creativesEl.forEach((c, creativeIndex) => {
    r.where = { ...r.where, creativeIndex };
    ad.creatives.push(parseCreative(r, c, inline !== undefined));
  });
  r.where = id === undefined ? { adIndex } : { adIndex, adId: id };
  if (inline !== undefined && ad.creatives.length === 0) r.report('VAST_NO_CREATIVES', 'The InLine ad has no <Creative>: there is nothing to play.', { element: 'Creatives' });
  return ad;
}

function parseWrapperInfo(r: Reader, el: XmlValue): VastWrapperInfo {
  let uri = textOf(child(el, 'VASTAdTagURI'));
  const legacy = child(el, 'VASTAdTagURL');
  if (uri === '' && legacy !== undefined) {
    uri = textOf(child(legacy, 'URL')) || textOf(legacy);
    r.report('VAST_LEGACY_SYNTAX', '<VASTAdTagURL><URL> is VAST 1 syntax; its URL is read as the VASTAdTagURI.', { element: 'VASTAdTagURL' });
  }
  if (uri === '') r.report('VAST_MISSING_ADTAGURI', 'The <Wrapper> has no <VASTAdTagURI>: the chain cannot be followed.', { element: 'VASTAdTagURI' });
  const info: VastWrapperInfo = { vastAdTagUri: uri };
  put(info, 'followAdditionalWrappers', readBool(r, el, 'followAdditionalWrappers', 'Wrapper'));
  put(info, 'allowMultipleAds', readBool(r, el, 'allowMultipleAds', 'Wrapper'));
  put(info, 'fallbackOnNoAd', readBool(r, el, 'fallbackOnNoAd', 'Wrapper'));
  return info;
}

function parsePricing(el: XmlValue | undefined): VastPricing | undefined {
  if (el === undefined) return undefined;
  return { model: attr(el, 'model')?.trim() ?? '', currency: attr(el, 'currency')?.trim() ?? '', value: textOf(el) };
}

function parseViewableImpression(r: Reader, el: XmlValue | undefined): VastViewableImpression | undefined {
  if (el === undefined) return undefined;
  const v: VastViewableImpression = {
    viewable: readUrls(r, el, 'Viewable'),
    notViewable: readUrls(r, el, 'NotViewable'),
    viewUndetermined: readUrls(r, el, 'ViewUndetermined'),
  };
  put(v, 'id', optionalAttr(el, 'id'));
  return v;
}

/** <Verification> (vast_4.2.xsd Verification_type). */
export function parseVerification(r: Reader, el: XmlValue): VastVerification {
  const v: VastVerification = { javaScriptResources: [], executableResources: [], trackingEvents: [] };
  put(v, 'vendor', optionalAttr(el, 'vendor'));
  for (const js of children(el, 'JavaScriptResource')) {
    const url = textOf(js);
    if (url === '') continue;
    const res: VastVerification['javaScriptResources'][number] = { url };
    put(res, 'apiFramework', optionalAttr(js, 'apiFramework'));
    put(res, 'browserOptional', readBool(r, js, 'browserOptional', 'JavaScriptResource'));
    v.javaScriptResources.push(res);
  }
  for (const ex of children(el, 'ExecutableResource')) {
    const url = textOf(ex);
    if (url === '') continue;
    const res: VastVerification['executableResources'][number] = { url };
    put(res, 'apiFramework', optionalAttr(ex, 'apiFramework'));
    put(res, 'type', optionalAttr(ex, 'type'));
    v.executableResources.push(res);
  }
  for (const t of children(child(el, 'TrackingEvents'), 'Tracking')) {
    const event = optionalAttr(t, 'event');
    const url = textOf(t);
    if (event !== undefined && url !== '') v.trackingEvents.push({ event, url });
  }
  const params = child(el, 'VerificationParameters');
  if (params !== undefined) v.verificationParameters = stopNodeText(params);
  return v;
}

function verificationsFromExtension(r: Reader, xml: string): VastVerification[] {
  const read = readXml(`<AdVerificationsExtension>${xml}</AdVerificationsExtension>`, STOP_NODES);
  if (!read.ok) return [];
  return children(child(read.root, 'AdVerifications'), 'Verification').map((v) => parseVerification(r, v));
}

/** Elements kept as raw XML (or raw text) by the XML reader. */
export const STOP_NODES = ['*.Extension', '*.CreativeExtension', '*.HTMLResource', '*.AdParameters', '*.VerificationParameters'] as const;
