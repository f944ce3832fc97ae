// The splice descriptors of SCTE 35 §10, to bytes (splice_descriptor_tag through the last field).
import { BitWriter } from '@adsplice/bits';
import { flag, put, text } from './encode-fields.ts';
import { SUB_SEGMENT_TYPES } from './names.ts';
import { CUEI } from './read-bytes.ts';
import { upidBytes } from './upid.ts';
import type { SegmentationDescriptorInput, SpliceDescriptorInput } from './types.ts';

const TAGS = {
  avail_descriptor: 0x00,
  dtmf_descriptor: 0x01,
  segmentation_descriptor: 0x02,
  time_descriptor: 0x03,
  audio_descriptor: 0x04,
} as const;

// SCTE 35 §10.3.3 segmentation_descriptor()
function writeSegmentation(w: BitWriter, d: SegmentationDescriptorInput): void {
  const f = 'segmentation_descriptor';
  put(w, 32, d.segmentationEventId, `${f}.segmentationEventId`);
  flag(w, d.segmentationEventCancelIndicator, `${f}.segmentationEventCancelIndicator`);
  w.flag(d.segmentationEventIdComplianceIndicator ?? true).ones(6);
  if (d.segmentationEventCancelIndicator) return;
  const program = d.programSegmentationFlag ?? d.components === undefined;
  if (program !== (d.components === undefined)) throw new RangeError(`${f}.programSegmentationFlag is ${program} but components are ${d.components ? 'given' : 'missing'}`);
  const hasDuration = d.segmentationDurationFlag ?? d.segmentationDuration !== undefined;
  if (hasDuration !== (d.segmentationDuration !== undefined)) throw new RangeError(`${f}.segmentationDurationFlag is ${hasDuration} but segmentationDuration is ${hasDuration ? 'missing' : 'given'}`);
  const restricted =
    d.deliveryNotRestrictedFlag === undefined
      ? d.webDeliveryAllowedFlag !== undefined || d.noRegionalBlackoutFlag !== undefined || d.archiveAllowedFlag !== undefined || d.deviceRestrictions !== undefined
      : !d.deliveryNotRestrictedFlag;
  w.flag(program).flag(hasDuration).flag(!restricted);
  if (restricted) {
    w.flag(d.webDeliveryAllowedFlag ?? true).flag(d.noRegionalBlackoutFlag ?? true).flag(d.archiveAllowedFlag ?? true);
    put(w, 2, d.deviceRestrictions ?? 3, `${f}.deviceRestrictions`);
  } else {
    w.ones(5);
  }
  if (!program) {
    const components = d.components!;
    put(w, 8, components.length, `${f}.components.length`);
    components.forEach((c, i) => {
      put(w, 8, c.componentTag, `${f}.components[${i}].componentTag`);
      w.ones(7);
      put(w, 33, c.ptsOffset, `${f}.components[${i}].ptsOffset`);
    });
  }
  if (hasDuration) put(w, 40, d.segmentationDuration, `${f}.segmentationDuration`);
  if (d.segmentationUpid) {
    const bytes = upidBytes(d.segmentationUpid);
    w.u8(d.segmentationUpid.segmentationUpidType).u8(bytes.length).bytes(bytes);
  } else {
    w.u8(0).u8(0);
  }
  const typeId = d.segmentationTypeId;
  put(w, 8, typeId, `${f}.segmentationTypeId`);
  put(w, 8, d.segmentNum ?? 0, `${f}.segmentNum`);
  put(w, 8, d.segmentsExpected ?? 0, `${f}.segmentsExpected`);
  if (d.subSegmentNum !== undefined || d.subSegmentsExpected !== undefined) {
    if (!SUB_SEGMENT_TYPES.has(typeId!)) throw new RangeError(`${f}: segmentation_type_id 0x${typeId!.toString(16)} does not carry subSegmentNum/subSegmentsExpected`);
    put(w, 8, d.subSegmentNum ?? 0, `${f}.subSegmentNum`);
    put(w, 8, d.subSegmentsExpected ?? 0, `${f}.subSegmentsExpected`);
  }
}

function writeBody(w: BitWriter, d: SpliceDescriptorInput): void {
  switch (d.type) {
    case 'avail_descriptor': // SCTE 35 §10.3.1
      put(w, 32, d.providerAvailId, 'avail_descriptor.providerAvailId');
      break;
    case 'dtmf_descriptor': // SCTE 35 §10.3.2
      put(w, 8, d.preroll, 'DTMF_descriptor.preroll');
      put(w, 3, d.dtmfChars.length, 'DTMF_descriptor.dtmfChars.length');
      w.ones(5);
      text(w, d.dtmfChars, 'DTMF_descriptor.dtmfChars');
      break;
    case 'segmentation_descriptor':
      writeSegmentation(w, d);
      break;
    case 'time_descriptor': // SCTE 35 §10.3.4
      put(w, 48, d.taiSeconds, 'time_descriptor.taiSeconds');
      put(w, 32, d.taiNs, 'time_descriptor.taiNs');
      put(w, 16, d.utcOffset, 'time_descriptor.utcOffset');
      break;
    case 'audio_descriptor': // SCTE 35 §10.3.5
      put(w, 4, d.audioComponents.length, 'audio_descriptor.audioComponents.length');
      w.ones(4);
      d.audioComponents.forEach((c, i) => {
        const f = `audio_descriptor.audioComponents[${i}]`;
        put(w, 8, c.componentTag, `${f}.componentTag`);
        text(w, c.isoCode, `${f}.isoCode`, 3);
        put(w, 3, c.bitStreamMode, `${f}.bitStreamMode`);
        put(w, 4, c.numChannels, `${f}.numChannels`);
        flag(w, c.fullSrvcAudio, `${f}.fullSrvcAudio`);
      });
      break;
    case 'unknown_descriptor':
      w.bytes(d.privateBytes);
      break;
    default:
      throw new RangeError(`descriptor type ${JSON.stringify((d as { type: unknown }).type)} is not a splice descriptor`);
  }
}

/** SCTE 35 §10.2 splice_descriptor(): tag, computed descriptor_length, identifier and body. */
export function encodeDescriptor(d: SpliceDescriptorInput, index: number): Uint8Array {
  const f = `descriptors[${index}]`;
  const w = new BitWriter(64);
  if (d.type === 'unknown_descriptor') {
    put(w, 8, d.spliceDescriptorTag, `${f}.spliceDescriptorTag`);
    w.u8(0); // descriptor_length, patched below
    put(w, 32, d.identifier, `${f}.identifier`);
  } else {
    const tag = TAGS[d.type];
    if (d.spliceDescriptorTag !== undefined && d.spliceDescriptorTag !== tag) throw new RangeError(`${f}: a ${d.type} has splice_descriptor_tag ${tag}, not ${d.spliceDescriptorTag}`);
    if (d.identifier !== undefined && d.identifier !== CUEI) throw new RangeError(`${f}: a ${d.type} has the CUEI identifier; use an unknown_descriptor for private ones`);
    w.u8(tag).u8(0).u32(CUEI);
  }
  writeBody(w, d);
  const bytes = w.finish();
  const length = bytes.length - 2;
  if (length > 0xff) throw new RangeError(`descriptors[${index}]: descriptor_length ${length} does not fit in 8 bits`);
  bytes[1] = length;
  return bytes;
}
