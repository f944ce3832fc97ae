// <Linear> (vast_4.2.xsd Linear_Inline_type / Linear_Wrapper_type): Duration, MediaFiles (MediaFile, Mezzanine, InteractiveCreativeFile,
// ClosedCaptionFiles), TrackingEvents, VideoClicks, AdParameters and Icons.
import type { VastDelivery, VastIcon, VastLinear, VastMediaFile, VastMezzanine } from './model.ts';
import { parseAdParameters, readResources } from './parse-resources.ts';
import {
  optionalAttr,
  optionalText,
  put,
  readBool,
  readDecimal,
  readIdUrls,
  readInt,
  readOffsetAttr,
  readTimeAttr,
  readTrackingEvents,
  readUrl,
  readUrls,
  type Reader,
} from './read-values.ts';
import { parseVastTime } from './time.ts';
import { attr, child, children, textOf, type XmlValue } from './xml-node.ts';

export function parseLinear(r: Reader, el: XmlValue, inline: boolean): VastLinear {
  const mediaFilesEl = child(el, 'MediaFiles');
  const clicks = child(el, 'VideoClicks');
  const linear: VastLinear = {
    mediaFiles: [],
    mezzanine: [],
    interactiveCreativeFiles: [],
    closedCaptionFiles: [],
    trackingEvents: readTrackingEvents(r, child(el, 'TrackingEvents')),
    videoClicks: { clickTracking: readIdUrls(r, clicks, 'ClickTracking'), customClick: readIdUrls(r, clicks, 'CustomClick') },
    icons: children(child(el, 'Icons'), 'Icon').map((icon) => parseIcon(r, icon)),
  };
  const durationEl = child(el, 'Duration');
  if (durationEl !== undefined || inline) {
    const text = textOf(durationEl);
    const ms = parseVastTime(text);
    if (ms === undefined) {
      const fields = durationEl === undefined ? { element: 'Duration' } : { element: 'Duration', value: text };
      r.report('VAST_BAD_DURATION', durationEl === undefined ? 'The <Linear> has no <Duration>.' : `<Duration>${text}</Duration> is not HH:MM:SS[.mmm].`, fields);
    }
    put(linear, 'durationMs', ms);
  }
  put(linear, 'skipOffset', readOffsetAttr(r, el, attr(el, 'skipoffset') === undefined ? 'skipOffset' : 'skipoffset', 'Linear'));
  put(linear, 'adParameters', parseAdParameters(r, child(el, 'AdParameters')));
  const clickThrough = readIdUrls(r, clicks, 'ClickThrough')[0];
  put(linear.videoClicks, 'clickThrough', clickThrough);

  for (const m of children(mediaFilesEl, 'MediaFile')) {
    const file = parseMediaFile(r, m);
    if (file !== undefined) linear.mediaFiles.push(file);
  }
  for (const m of children(mediaFilesEl, 'Mezzanine')) {
    const file = parseMezzanine(r, m);
    if (file !== undefined) linear.mezzanine.push(file);
  }
  for (const f of children(mediaFilesEl, 'InteractiveCreativeFile')) {
    const url = readUrl(r, f, 'InteractiveCreativeFile');
    if (url === undefined) continue;
    const file: VastLinear['interactiveCreativeFiles'][number] = { url };
    put(file, 'type', optionalAttr(f, 'type'));
    put(file, 'apiFramework', optionalAttr(f, 'apiFramework'));
    put(file, 'variableDuration', readBool(r, f, 'variableDuration', 'InteractiveCreativeFile'));
    linear.interactiveCreativeFiles.push(file);
  }
  for (const f of children(child(mediaFilesEl, 'ClosedCaptionFiles'), 'ClosedCaptionFile')) {
    const url = readUrl(r, f, 'ClosedCaptionFile');
    if (url === undefined) continue;
    const file: VastLinear['closedCaptionFiles'][number] = { url };
    put(file, 'type', optionalAttr(f, 'type'));
    put(file, 'language', optionalAttr(f, 'language'));
    linear.closedCaptionFiles.push(file);
  }
  if (inline && linear.mediaFiles.length === 0 && linear.mezzanine.length === 0) {
    r.report('VAST_MISSING_MEDIAFILES', 'The <Linear> has no <MediaFile> with a URL: there is nothing to play.', { element: 'MediaFiles' });
  }
  return linear;
}

/** Reads the attributes MediaFile and Mezzanine share; reports what a usable file lacks. */
function fileBasics(r: Reader, el: XmlValue, element: string): { url: string; delivery: VastDelivery; type: string; width: number; height: number } | undefined {
  let url = textOf(el);
  const legacy = child(el, 'URL');
  if (url === '' && legacy !== undefined) {
    url = textOf(legacy);
    r.report('VAST_LEGACY_SYNTAX', `<${element}><URL> is VAST 1 syntax; its URL is read.`, { element });
  }
  if (url === '') {
    r.report('VAST_EMPTY_URL', `An empty <${element}> is left out.`, { element });
    return undefined;
  }
  const problems: string[] = [];
  const deliveryText = attr(el, 'delivery')?.trim();
  let delivery: VastDelivery = 'progressive';
  if (deliveryText === 'streaming' || deliveryText === 'progressive') delivery = deliveryText;
  else problems.push(deliveryText === undefined ? 'no delivery' : `delivery="${deliveryText}"`);
  const type = attr(el, 'type')?.trim() ?? '';
  if (type === '') problems.push('no type');
  const size = (name: 'width' | 'height'): number => {
    const v = attr(el, name)?.trim();
    const n = v === undefined ? NaN : Number(v);
    if (Number.isInteger(n) && n >= 0) return n;
    problems.push(v === undefined ? `no ${name}` : `${name}="${v}"`);
    return 0;
  };
  const width = size('width');
  const height = size('height');
  if (problems.length > 0) {
    r.report('VAST_MEDIAFILE_INVALID', `<${element}> ${url}: ${problems.join(', ')}.`, { element, value: url });
  }
  return { url, delivery, type, width, height };
}

function parseMediaFile(r: Reader, el: XmlValue): VastMediaFile | undefined {
  const file: VastMediaFile | undefined = fileBasics(r, el, 'MediaFile');
  if (file === undefined) return undefined;
  put(file, 'bitrate', readInt(r, el, 'bitrate', 'MediaFile'));
  put(file, 'minBitrate', readInt(r, el, 'minBitrate', 'MediaFile'));
  put(file, 'maxBitrate', readInt(r, el, 'maxBitrate', 'MediaFile'));
  put(file, 'codec', optionalAttr(el, 'codec'));
  put(file, 'id', optionalAttr(el, 'id'));
  put(file, 'scalable', readBool(r, el, 'scalable', 'MediaFile'));
  put(file, 'maintainAspectRatio', readBool(r, el, 'maintainAspectRatio', 'MediaFile'));
  put(file, 'apiFramework', optionalAttr(el, 'apiFramework'));
  put(file, 'fileSize', readInt(r, el, 'fileSize', 'MediaFile'));
  put(file, 'mediaType', optionalAttr(el, 'mediaType'));
  return file;
}

function parseMezzanine(r: Reader, el: XmlValue): VastMezzanine | undefined {
  // VAST 4.0's <Mezzanine> is a bare URL; its attributes came with 4.1.
  const bare = typeof el === 'string' || (attr(el, 'delivery') === undefined && attr(el, 'type') === undefined && attr(el, 'width') === undefined);
  if (bare) {
    const url = readUrl(r, el, 'Mezzanine');
    return url === undefined ? undefined : { url, delivery: 'progressive', type: '', width: 0, height: 0 };
  }
  const file: VastMezzanine | undefined = fileBasics(r, el, 'Mezzanine');
  if (file === undefined) return undefined;
  put(file, 'codec', optionalAttr(el, 'codec'));
  put(file, 'id', optionalAttr(el, 'id'));
  put(file, 'fileSize', readInt(r, el, 'fileSize', 'Mezzanine'));
  put(file, 'mediaType', optionalAttr(el, 'mediaType'));
  return file;
}

function parseIcon(r: Reader, el: XmlValue): VastIcon {
  const clicks = child(el, 'IconClicks');
  const icon: VastIcon = {
    ...readResources(r, el),
    clickTracking: readIdUrls(r, clicks, 'IconClickTracking'),
    viewTracking: readUrls(r, el, 'IconViewTracking'),
  };
  put(icon, 'program', optionalAttr(el, 'program'));
  put(icon, 'width', readInt(r, el, 'width', 'Icon'));
  put(icon, 'height', readInt(r, el, 'height', 'Icon'));
  put(icon, 'xPosition', optionalAttr(el, 'xPosition'));
  put(icon, 'yPosition', optionalAttr(el, 'yPosition'));
  put(icon, 'durationMs', readTimeAttr(r, el, 'duration', 'Icon'));
  put(icon, 'offsetMs', readTimeAttr(r, el, 'offset', 'Icon'));
  put(icon, 'apiFramework', optionalAttr(el, 'apiFramework'));
  put(icon, 'pxratio', readDecimal(r, el, 'pxratio', 'Icon'));
  put(icon, 'clickThrough', optionalText(child(clicks, 'IconClickThrough')));
  return icon;
}
