// @adsplice/vast: a pure VAST 2.0–4.3 and VMAP 1.0 library: model, tolerant parser, schema-valid
// builder, wrapper merging, media file selection and macro substitution. No I/O.
export type * from './model.ts';
export { parseVast, type VastParseResult } from './parse.ts';
export { buildVast, VAST_NAMESPACE, type BuildVastOptions } from './build.ts';
export { VAST_BUILD_VERSIONS, type VastBuildVersion } from './build-version.ts';
export { mergeWrapper } from './merge-wrapper.ts';
export { adsForWrapper } from './wrapper-ads.ts';
export { selectMediaFile, type MediaFileCriteria } from './select-media-file.ts';
export { replaceMacros, cacheBusting, percentEncode, VAST_MACROS, type VastMacroName, type VastMacroValue, type VastMacroValues } from './macros.ts';
export { VAST_ISSUES, vastIssue, type VastIssue, type VastIssueCode } from './issues.ts';
export { parseVastTime, formatVastTime, parseOffset, formatOffset, offsetToMs } from './time.ts';
export {
  parseVmap,
  buildVmap,
  parseTimeOffset,
  formatTimeOffset,
  VMAP_NAMESPACE,
  type VmapDocument,
  type VmapAdBreak,
  type VmapAdBreakInput,
  type VmapAdSource,
  type VmapTrackingEvent,
  type VmapTimeOffset,
  type VmapParseResult,
  type BuildVmapOptions,
} from './vmap.ts';
export { escapeXmlText, escapeXmlAttr } from './xml-write.ts';
