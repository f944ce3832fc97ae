// @adsplice/scte35: ANSI/SCTE 35 2023r1 splice_info_section decode/encode, every command and
// descriptor, and the XML forms. Decoding never throws; problems come back as issues.
export * from './types.ts';
export type { AdSignal, AdSignalDialect, AdSignalKind, Avail, ManifestIssue } from './ad-signal.ts';
export { decode, decodeBase64, decodeHex, decodeSection } from './decode.ts';
export { encodeBase64, encodeSection } from './encode.ts';
export { fromXml, sectionsFromXml, SCTE35_XML_NAMESPACE, toXml, toXmlBin, utcSpliceTimeToDateTime, type ToXmlOptions } from './xml.ts';
export { sectionFromJson, sectionToJson } from './json.ts';
export { hasFatal, SCTE35_ISSUES, type IssueInfo } from './issues.ts';
export {
  DEVICE_RESTRICTIONS_NAMES,
  ENCRYPTION_ALGORITHM_NAMES,
  SAP_TYPE_NAMES,
  SEGMENTATION_TYPE,
  SEGMENTATION_TYPE_NAMES,
  SPLICE_COMMAND_NAMES,
  SPLICE_DESCRIPTOR_NAMES,
  SUB_SEGMENT_TYPES,
  UPID_TYPE,
  UPID_TYPE_NAMES,
  segmentationTypeName,
  spliceCommandName,
  upidTypeName,
} from './names.ts';
export { msToTicks, PTS_MODULUS, ptsAdd, ptsDiff, secondsToTicks, TICKS_PER_MS, TICKS_PER_SECOND, ticksToMs, ticksToSeconds } from './time.ts';
export { CUEI } from './read-bytes.ts';
export { decodeUpid, upidBytes, upidBytesFromValue } from './upid.ts';
export { formatEidr, formatIsan, formatUuid, parseEidr, parseIsan, parseUuid } from './upid-format.ts';
