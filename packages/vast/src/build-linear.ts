// Writes <Linear> (vast_4.2.xsd Linear_Inline_type / Linear_Wrapper_type): Icons, TrackingEvents, AdParameters, Duration, MediaFiles,
// VideoClicks, in the order and with the attributes of the chosen version's schema.
import { decimal, hasResource, int, time, writeAdParameters, writeResources, writeTracking, writeUrls } from './build-parts.ts';
import type { VastLevel } from './build-version.ts';
import type { VastIcon, VastLinear } from './model.ts';
import { formatOffset, formatVastTime } from './time.ts';
import type { XmlWriter } from './xml-write.ts';

export function writeLinear(w: XmlWriter, level: VastLevel, l: VastLinear, inline: boolean): void {
  const skipOffset = level >= 30 && inline && l.skipOffset ? formatOffset(l.skipOffset) : level >= 40 && l.skipOffset ? formatOffset(l.skipOffset) : undefined;
  w.open('Linear', [['skipoffset', skipOffset]]);
  if (level >= 30) writeIcons(w, level, l.icons);
  if (inline) {
    if (level >= 40) {
      writeTracking(w, level, l.trackingEvents);
      writeAdParameters(w, level, l.adParameters);
      w.leaf('Duration', formatVastTime(l.durationMs ?? 0));
      writeMediaFiles(w, level, l);
    } else {
      w.leaf('Duration', formatVastTime(l.durationMs ?? 0));
      writeTracking(w, level, l.trackingEvents);
      writeAdParameters(w, level, l.adParameters);
    }
  } else {
    writeTracking(w, level, l.trackingEvents);
  }
  writeVideoClicks(w, level, l, inline);
  if (inline && level < 40) writeMediaFiles(w, level, l);
  w.close('Linear');
}

function writeVideoClicks(w: XmlWriter, level: VastLevel, l: VastLinear, inline: boolean): void {
  const { clickThrough, clickTracking, customClick } = l.videoClicks;
  // Wrappers: only 4.2 allows a ClickThrough; 2.0 allows neither ClickThrough nor CustomClick.
  const through = inline || level >= 42 ? clickThrough : undefined;
  const custom = inline || level >= 30 ? customClick : [];
  if (through === undefined && clickTracking.length === 0 && custom.length === 0) return;
  w.open('VideoClicks');
  const writeThrough = (): void => {
    if (through) w.leaf('ClickThrough', through.url, [['id', through.id]]);
  };
  if (level < 40 && inline) {
    writeThrough();
    writeUrls(w, 'ClickTracking', clickTracking, true);
    writeUrls(w, 'CustomClick', custom, true);
  } else if (level >= 42) {
    writeUrls(w, 'ClickTracking', clickTracking, true);
    writeThrough();
    writeUrls(w, 'CustomClick', custom, true);
  } else {
    writeUrls(w, 'ClickTracking', clickTracking, true);
    writeUrls(w, 'CustomClick', custom, true);
    writeThrough();
  }
  w.close('VideoClicks');
}

function writeMediaFiles(w: XmlWriter, level: VastLevel, l: VastLinear): void {
  if (level < 40 && l.mediaFiles.length === 0) return;
  w.open('MediaFiles');
  if (level >= 41 && l.closedCaptionFiles.length > 0) {
    w.open('ClosedCaptionFiles');
    for (const f of l.closedCaptionFiles) {
      w.leaf('ClosedCaptionFile', f.url, [
        ['type', f.type],
        ['language', f.language],
      ]);
    }
    w.close('ClosedCaptionFiles');
  }
  for (const m of l.mediaFiles) {
    w.leaf('MediaFile', m.url, [
      ['id', m.id],
      ['delivery', m.delivery],
      ['type', m.type],
      ['width', int(m.width) ?? 0],
      ['height', int(m.height) ?? 0],
      ['codec', level >= 30 ? m.codec : undefined],
      ['bitrate', int(m.bitrate)],
      ['minBitrate', level >= 30 ? int(m.minBitrate) : undefined],
      ['maxBitrate', level >= 30 ? int(m.maxBitrate) : undefined],
      ['scalable', m.scalable],
      ['maintainAspectRatio', m.maintainAspectRatio],
      ['fileSize', level >= 41 ? int(m.fileSize) : undefined],
      ['mediaType', level >= 41 ? m.mediaType : undefined],
      ['apiFramework', m.apiFramework],
    ]);
  }
  if (level === 40) {
    const first = l.mezzanine[0];
    if (first) w.leaf('Mezzanine', first.url);
  } else if (level >= 41) {
    for (const m of l.mezzanine) {
      w.leaf('Mezzanine', m.url, [
        ['id', m.id],
        ['delivery', m.delivery],
        ['type', m.type],
        ['width', int(m.width) ?? 0],
        ['height', int(m.height) ?? 0],
        ['codec', m.codec],
        ['fileSize', int(m.fileSize)],
        ['mediaType', m.mediaType],
      ]);
    }
  }
  if (level >= 40) {
    for (const f of l.interactiveCreativeFiles) {
      w.leaf('InteractiveCreativeFile', f.url, [
        ['type', f.type],
        ['apiFramework', f.apiFramework],
        ['variableDuration', level >= 41 ? f.variableDuration : undefined],
      ]);
    }
  }
  w.close('MediaFiles');
}

const X_POSITION = /^(\d*|left|right)$/;
const Y_POSITION = /^(\d*|top|bottom)$/;

function writeIcons(w: XmlWriter, level: VastLevel, icons: readonly VastIcon[]): void {
  // 3.0 requires program, size, position and exactly one resource; 4.0/4.1 allow one Icon.
  let usable = level === 30 ? icons.filter((i) => i.program !== undefined && i.width !== undefined && i.height !== undefined && i.xPosition !== undefined && i.yPosition !== undefined && hasResource(i)) : [...icons];
  if (level === 40 || level === 41) usable = usable.slice(0, 1);
  if (usable.length === 0) return;
  w.open('Icons');
  for (const icon of usable) {
    w.open('Icon', [
      ['program', icon.program],
      ['width', int(icon.width)],
      ['height', int(icon.height)],
      ['xPosition', icon.xPosition !== undefined && X_POSITION.test(icon.xPosition) ? icon.xPosition : undefined],
      ['yPosition', icon.yPosition !== undefined && Y_POSITION.test(icon.yPosition) ? icon.yPosition : undefined],
      ['duration', time(icon.durationMs)],
      ['offset', time(icon.offsetMs)],
      ['apiFramework', icon.apiFramework],
      ['pxratio', level >= 40 ? decimal(icon.pxratio) : undefined],
    ]);
    writeResources(w, level, icon);
    if (icon.clickThrough !== undefined || icon.clickTracking.length > 0) {
      w.open('IconClicks');
      if (level === 30) {
        writeUrls(w, 'IconClickTracking', icon.clickTracking, false);
        if (icon.clickThrough !== undefined) w.leaf('IconClickThrough', icon.clickThrough);
      } else {
        if (icon.clickThrough !== undefined) w.leaf('IconClickThrough', icon.clickThrough);
        writeUrls(w, 'IconClickTracking', icon.clickTracking, true);
      }
      w.close('IconClicks');
    }
    for (const url of icon.viewTracking) w.leaf('IconViewTracking', url);
    w.close('Icon');
  }
  w.close('Icons');
}
