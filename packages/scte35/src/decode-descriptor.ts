// The splice descriptors of SCTE 35 §10, from bytes. Each descriptor is read from a reader bounded
// to its descriptor_length, so one that lies about its length cannot read its neighbours.
import type { BitReader } from '@adsplice/bits';
import { pushIssue, SCTE35_ISSUES } from './issues.ts';
import { SEGMENTATION_TYPE_NAME_BY_ID, SUB_SEGMENT_TYPES } from './names.ts';
import { CUEI, reserved, take, u16, u32, view } from './read-bytes.ts';
import { readUpid } from './upid.ts';
import { latin1 } from './upid-format.ts';
import type {
  AudioDescriptor,
  AvailDescriptor,
  DtmfDescriptor,
  Scte35Issue,
  SegmentationDescriptor,
  SpliceDescriptor,
  TimeDescriptor,
  UnknownDescriptor,
} from './types.ts';

const TWO_32 = 4294967296;

// SCTE 35 §10.3.1 avail_descriptor()
function readAvail(d: BitReader, length: number): AvailDescriptor {
  return { type: 'avail_descriptor', spliceDescriptorTag: 0x00, descriptorLength: length, identifier: CUEI, providerAvailId: u32(d.bytes, take(d, 4)) };
}

// SCTE 35 §10.3.2 DTMF_descriptor()
function readDtmf(d: BitReader, length: number, issues: Scte35Issue[]): DtmfDescriptor {
  const b = d.bytes;
  const p = take(d, 2);
  const dtmfCount = b[p + 1]! >>> 5;
  reserved(b[p + 1]!, 0x1f, issues, 'DTMF_descriptor', p + 1);
  const q = take(d, dtmfCount);
  return { type: 'dtmf_descriptor', spliceDescriptorTag: 0x01, descriptorLength: length, identifier: CUEI, preroll: b[p]!, dtmfChars: latin1(b, q, q + dtmfCount) };
}

/** SUB_SEGMENT_TYPES as a lookup table (a typed-array load is cheaper than Set.has on the hot path). */
const CARRIES_SUB_SEGMENTS = (() => {
  const t = new Uint8Array(256);
  for (const id of SUB_SEGMENT_TYPES) t[id] = 1;
  return t;
})();

// SCTE 35 §10.3.3 segmentation_descriptor()
// The fields are in the order of the syntax, so a printed descriptor reads like the standard. The
// usual shapes (program segmentation, delivery restricted or not, with or without a duration) are
// each made by one object literal: V8 makes an object with all its fields at once several times
// faster than it grows one a field at a time.
function readSegmentation(d: BitReader, length: number, issues: Scte35Issue[]): SegmentationDescriptor {
  const b = d.bytes;
  const type = 'segmentation_descriptor';
  let p = take(d, 5);
  const f = b[p + 4]!;
  reserved(f, 0x3f, issues, 'segmentation_descriptor', p + 4);
  const segmentationEventId = u32(b, p);
  const segmentationEventIdComplianceIndicator = (f & 0x40) !== 0;
  if (f & 0x80) {
    return { type, spliceDescriptorTag: 0x02, descriptorLength: length, identifier: CUEI, segmentationEventId, segmentationEventCancelIndicator: true, segmentationEventIdComplianceIndicator };
  }
  p = take(d, 1);
  const g = b[p]!;
  const programSegmentationFlag = (g & 0x80) !== 0;
  const segmentationDurationFlag = (g & 0x40) !== 0;
  const deliveryNotRestrictedFlag = (g & 0x20) !== 0;
  if (deliveryNotRestrictedFlag) reserved(g, 0x1f, issues, 'segmentation_descriptor', p);
  // Read only when delivery is restricted (otherwise they are reserved bits).
  const webDeliveryAllowedFlag = (g & 0x10) !== 0;
  const noRegionalBlackoutFlag = (g & 0x08) !== 0;
  const archiveAllowedFlag = (g & 0x04) !== 0;
  const deviceRestrictions = g & 0x03;
  let components: { componentTag: number; ptsOffset: number }[] | undefined;
  if (!programSegmentationFlag) {
    const componentCount = b[take(d, 1)]!;
    components = [];
    for (let i = 0; i < componentCount; i++) {
      const q = take(d, 6);
      reserved(b[q + 1]!, 0xfe, issues, 'segmentation_descriptor', q + 1);
      components.push({ componentTag: b[q]!, ptsOffset: (b[q + 1]! & 1) * TWO_32 + u32(b, q + 2) });
    }
  }
  let segmentationDuration = 0;
  if (segmentationDurationFlag) {
    p = take(d, 5);
    segmentationDuration = b[p]! * TWO_32 + u32(b, p + 1); // 40 bits
  }
  p = take(d, 2);
  const upidType = b[p]!;
  const upidLength = b[p + 1]!;
  const segmentationUpid = readUpid(upidType, b, take(d, upidLength), upidLength, issues);
  p = take(d, 3);
  const segmentationTypeId = b[p]!;
  const segmentationTypeName = SEGMENTATION_TYPE_NAME_BY_ID[segmentationTypeId]!;
  const segmentNum = b[p + 1]!;
  const segmentsExpected = b[p + 2]!;
  const descriptorLength = length;
  const identifier = CUEI;
  const segmentationEventCancelIndicator = false;
  let desc: SegmentationDescriptor;
  if (components) {
    desc = { type, spliceDescriptorTag: 0x02, descriptorLength, identifier, segmentationEventId, segmentationEventCancelIndicator, segmentationEventIdComplianceIndicator,
      programSegmentationFlag, segmentationDurationFlag, deliveryNotRestrictedFlag };
    if (!deliveryNotRestrictedFlag) {
      desc.webDeliveryAllowedFlag = webDeliveryAllowedFlag;
      desc.noRegionalBlackoutFlag = noRegionalBlackoutFlag;
      desc.archiveAllowedFlag = archiveAllowedFlag;
      desc.deviceRestrictions = deviceRestrictions;
    }
    desc.components = components;
    if (segmentationDurationFlag) desc.segmentationDuration = segmentationDuration;
    desc.segmentationUpid = segmentationUpid;
    desc.segmentationTypeId = segmentationTypeId;
    desc.segmentationTypeName = segmentationTypeName;
    desc.segmentNum = segmentNum;
    desc.segmentsExpected = segmentsExpected;
  } else if (deliveryNotRestrictedFlag) {
    desc = segmentationDurationFlag
      ? { type, spliceDescriptorTag: 0x02, descriptorLength, identifier, segmentationEventId, segmentationEventCancelIndicator, segmentationEventIdComplianceIndicator,
          programSegmentationFlag, segmentationDurationFlag, deliveryNotRestrictedFlag,
          segmentationDuration, segmentationUpid, segmentationTypeId, segmentationTypeName, segmentNum, segmentsExpected }
      : { type, spliceDescriptorTag: 0x02, descriptorLength, identifier, segmentationEventId, segmentationEventCancelIndicator, segmentationEventIdComplianceIndicator,
          programSegmentationFlag, segmentationDurationFlag, deliveryNotRestrictedFlag,
          segmentationUpid, segmentationTypeId, segmentationTypeName, segmentNum, segmentsExpected };
  } else {
    desc = segmentationDurationFlag
      ? { type, spliceDescriptorTag: 0x02, descriptorLength, identifier, segmentationEventId, segmentationEventCancelIndicator, segmentationEventIdComplianceIndicator,
          programSegmentationFlag, segmentationDurationFlag, deliveryNotRestrictedFlag, webDeliveryAllowedFlag, noRegionalBlackoutFlag, archiveAllowedFlag, deviceRestrictions,
          segmentationDuration, segmentationUpid, segmentationTypeId, segmentationTypeName, segmentNum, segmentsExpected }
      : { type, spliceDescriptorTag: 0x02, descriptorLength, identifier, segmentationEventId, segmentationEventCancelIndicator, segmentationEventIdComplianceIndicator,
          programSegmentationFlag, segmentationDurationFlag, deliveryNotRestrictedFlag, webDeliveryAllowedFlag, noRegionalBlackoutFlag, archiveAllowedFlag, deviceRestrictions,
          segmentationUpid, segmentationTypeId, segmentationTypeName, segmentNum, segmentsExpected };
  }
  if (CARRIES_SUB_SEGMENTS[segmentationTypeId] === 1) {
    if (d.bytesLeft >= 2) {
      p = take(d, 2);
      desc.subSegmentNum = b[p]!;
      desc.subSegmentsExpected = b[p + 1]!;
    } else {
      issues.push({
        code: 'SCTE35_SUB_SEGMENT_MISSING',
        severity: SCTE35_ISSUES.SCTE35_SUB_SEGMENT_MISSING.severity,
        message: 'the segmentation type carries sub_segment_num and sub_segments_expected; the descriptor ends before them',
        byteOffset: d.bytePos,
        segmentationTypeId,
      });
    }
  }
  return desc;
}

// SCTE 35 §10.3.4 time_descriptor()
function readTime(d: BitReader, length: number): TimeDescriptor {
  const b = d.bytes;
  const p = take(d, 12);
  return { type: 'time_descriptor', spliceDescriptorTag: 0x03, descriptorLength: length, identifier: CUEI, taiSeconds: u16(b, p) * TWO_32 + u32(b, p + 2), taiNs: u32(b, p + 6), utcOffset: u16(b, p + 10) };
}

// SCTE 35 §10.3.5 audio_descriptor()
function readAudio(d: BitReader, length: number, issues: Scte35Issue[]): AudioDescriptor {
  const b = d.bytes;
  const p = take(d, 1);
  const audioCount = b[p]! >>> 4;
  reserved(b[p]!, 0x0f, issues, 'audio_descriptor', p);
  const audioComponents: AudioDescriptor['audioComponents'] = [];
  for (let i = 0; i < audioCount; i++) {
    const q = take(d, 5);
    const m = b[q + 4]!;
    audioComponents.push({ componentTag: b[q]!, isoCode: latin1(b, q + 1, q + 4), bitStreamMode: m >>> 5, numChannels: (m >>> 1) & 0x0f, fullSrvcAudio: (m & 1) !== 0 });
  }
  return { type: 'audio_descriptor', spliceDescriptorTag: 0x04, descriptorLength: length, identifier: CUEI, audioComponents };
}

function unknown(tag: number, length: number, identifier: number, bytes: Uint8Array, start: number, end: number): UnknownDescriptor {
  return { type: 'unknown_descriptor', spliceDescriptorTag: tag, descriptorLength: length, identifier, privateBytes: view(bytes, start, end - start) };
}

/**
 * SCTE 35 §10.2 splice_descriptor(): decodes one descriptor from `d`, a reader bounded to its
 * `length` bytes after descriptor_length. Returns undefined when the descriptor is too short to
 * hold its identifier. Non-CUEI and reserved-tag descriptors are kept raw; so is a CUEI descriptor
 * that needs more bytes than it has (with an issue).
 */
export function readSpliceDescriptor(tag: number, length: number, d: BitReader, issues: Scte35Issue[]): SpliceDescriptor | undefined {
  const start = d.bytePos;
  const end = start + length;
  if (length < 4) {
    pushIssue(issues, 'SCTE35_DESCRIPTOR_OVERRUN', 'descriptor_length cannot hold the 4-byte identifier; the descriptor was skipped', start - 2, { spliceDescriptorTag: tag, descriptorLength: length });
    return undefined;
  }
  const identifier = u32(d.bytes, take(d, 4));
  if (identifier !== CUEI || tag > 0x04) {
    if (identifier === CUEI) pushIssue(issues, 'SCTE35_UNKNOWN_DESCRIPTOR', 'a descriptor with the CUEI identifier has a reserved tag; it is kept raw', start - 2, { spliceDescriptorTag: tag });
    return unknown(tag, length, identifier, d.bytes, start + 4, end);
  }
  let desc: SpliceDescriptor;
  try {
    switch (tag) {
      case 0x00:
        desc = readAvail(d, length);
        break;
      case 0x01:
        desc = readDtmf(d, length, issues);
        break;
      case 0x02:
        desc = readSegmentation(d, length, issues);
        break;
      case 0x03:
        desc = readTime(d, length);
        break;
      default:
        desc = readAudio(d, length, issues);
    }
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    pushIssue(issues, 'SCTE35_DESCRIPTOR_OVERRUN', 'the descriptor needs more bytes than descriptor_length; it is kept raw', start - 2, { spliceDescriptorTag: tag, descriptorLength: length });
    return unknown(tag, length, identifier, d.bytes, start + 4, end);
  }
  if (d.bytesLeft > 0) {
    pushIssue(issues, 'SCTE35_DESCRIPTOR_LENGTH_MISMATCH', 'descriptor_length is longer than the descriptor; the extra bytes were skipped', d.bytePos, {
      spliceDescriptorTag: tag,
      descriptorLength: length,
      extraBytes: d.bytesLeft,
    });
  }
  return desc;
}
