// Shared by creatives, icons, companions and non-linear ads: <AdParameters> and the creative
// resources (StaticResource, IFrameResource, HTMLResource) (vast_4.2.xsd CreativeResource_type).
import type { VastAdParameters, VastResources } from './model.ts';
import { put, readBool, readUrl, readUrls, stopNodeText, type Reader } from './read-values.ts';
import { attr, children, type XmlValue } from './xml-node.ts';

export function parseAdParameters(r: Reader, el: XmlValue | undefined): VastAdParameters | undefined {
  if (el === undefined) return undefined;
  const params: VastAdParameters = { value: stopNodeText(el) };
  put(params, 'xmlEncoded', readBool(r, el, 'xmlEncoded', 'AdParameters'));
  return params;
}

export function readResources(r: Reader, el: XmlValue): VastResources {
  const resources: VastResources = { staticResources: [], iframeResources: readUrls(r, el, 'IFrameResource'), htmlResources: [] };
  for (const s of children(el, 'StaticResource')) {
    const url = readUrl(r, s, 'StaticResource');
    if (url !== undefined) resources.staticResources.push({ creativeType: attr(s, 'creativeType')?.trim() ?? '', url });
  }
  for (const h of children(el, 'HTMLResource')) {
    const html = stopNodeText(h);
    if (html !== '') resources.htmlResources.push(html);
    else r.report('VAST_EMPTY_URL', 'An empty <HTMLResource> is left out.', { element: 'HTMLResource' });
  }
  return resources;
}
