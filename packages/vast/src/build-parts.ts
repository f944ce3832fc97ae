// Pieces every builder of creatives uses: xs:integer / xs:decimal / xs:time values, URL lists,
// tracking events (renamed or dropped per version), AdParameters and creative resources.
import { trackingEventFor, type VastLevel } from './build-version.ts';
import type { VastAdParameters, VastResources, VastTrackingEvent, VastUrl } from './model.ts';
import { formatOffset, formatVastTime } from './time.ts';
import type { XmlWriter } from './xml-write.ts';

/** A non-negative integer for an xs:integer attribute, or undefined. */
export function int(n: number | undefined): number | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : Math.max(0, Math.round(n));
}

/** An xs:decimal attribute (pxratio), or undefined. */
export function decimal(n: number | undefined): string | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : String(Number(n.toFixed(6)));
}

/** An xs:time attribute (`HH:MM:SS.mmm`), or undefined. */
export function time(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : formatVastTime(ms);
}

/** True when a companion, non-linear or icon has something to show. */
export function hasResource(r: VastResources): boolean {
  return r.staticResources.length > 0 || r.iframeResources.length > 0 || r.htmlResources.length > 0;
}

/** <TrackingEvents>, with the events the version knows (renamed between 3 and 4); offsets from VAST 3. */
export function writeTracking(w: XmlWriter, level: VastLevel, events: readonly VastTrackingEvent[]): void {
  const out: [string, VastTrackingEvent][] = [];
  for (const e of events) {
    const event = trackingEventFor(level, e.event);
    if (event !== undefined) out.push([event, e]);
  }
  if (out.length === 0) return;
  w.open('TrackingEvents');
  for (const [event, e] of out) {
    let offset: string | undefined;
    if (level >= 30 && e.offsetMs !== undefined) offset = time(e.offsetMs);
    else if (level >= 30 && e.offsetPercent !== undefined && Number.isFinite(e.offsetPercent)) offset = formatOffset({ percent: e.offsetPercent });
    w.leaf('Tracking', e.url, [
      ['event', event],
      ['offset', offset],
    ]);
  }
  w.close('TrackingEvents');
}

/** One `name` element per URL; `requiredId` writes id="" when the schema requires an id the model lacks. */
export function writeUrls(w: XmlWriter, name: string, urls: readonly VastUrl[], withId: boolean, requiredId = false): void {
  for (const u of urls) w.leaf(name, u.url, [['id', withId ? (u.id ?? (requiredId ? '' : undefined)) : undefined]]);
}

/** <AdParameters> (xmlEncoded from VAST 3). */
export function writeAdParameters(w: XmlWriter, level: VastLevel, p: VastAdParameters | undefined): void {
  if (p !== undefined) w.leaf('AdParameters', p.value, [['xmlEncoded', level >= 30 ? p.xmlEncoded : undefined]]);
}

/** Resources in 4.x order (all of them); in 2.0/3.0 the first one only (a choice). */
export function writeResources(w: XmlWriter, level: VastLevel, r: VastResources): void {
  if (level >= 40) {
    for (const html of r.htmlResources) w.leaf('HTMLResource', html);
    for (const url of r.iframeResources) w.leaf('IFrameResource', url);
    for (const s of r.staticResources) w.leaf('StaticResource', s.url, [['creativeType', s.creativeType]]);
    return;
  }
  const s = r.staticResources[0];
  if (s) w.leaf('StaticResource', s.url, [['creativeType', s.creativeType]]);
  else if (r.iframeResources[0] !== undefined) w.leaf('IFrameResource', r.iframeResources[0]);
  else if (r.htmlResources[0] !== undefined) w.leaf('HTMLResource', r.htmlResources[0]);
}
