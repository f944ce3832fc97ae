// SCTE 35 §9.6 splice_info_section(), to bytes: the encoder for cues we author. It computes
// section_length, splice_command_length, splice_command_type, descriptor_loop_length, every
// descriptor_length and CRC_32; a value too big for its field is a RangeError naming the field.
// A decoded canonical section re-encodes to the same bytes (passthrough should still re-emit `raw`).
import { BitWriter, crc32Mpeg2, toBase64 } from '@adsplice/bits';
import { commandType, encodeCommand } from './encode-command.ts';
import { encodeDescriptor } from './encode-descriptor.ts';
import { put } from './encode-fields.ts';
import type { SpliceInfoSectionInput } from './types.ts';

/** Largest section_length a private section may have (ISO/IEC 13818-1). */
const MAX_SECTION_LENGTH = 4093;

export function encodeSection(section: SpliceInfoSectionInput): Uint8Array {
  const w = new BitWriter(128);
  put(w, 8, section.tableId ?? 0xfc, 'tableId');
  w.flag(section.sectionSyntaxIndicator ?? false).flag(section.privateIndicator ?? false);
  put(w, 2, section.sapType ?? 3, 'sapType');
  w.bits(12, 0); // section_length, patched below
  put(w, 8, section.protocolVersion ?? 0, 'protocolVersion');
  const encrypted = section.encryptedPacket ?? false;
  w.flag(encrypted);
  put(w, 6, section.encryptionAlgorithm ?? 0, 'encryptionAlgorithm');
  put(w, 33, section.ptsAdjustment ?? 0, 'ptsAdjustment');
  put(w, 8, section.cwIndex ?? 0, 'cwIndex');
  put(w, 12, section.tier ?? 0xfff, 'tier');
  if (encrypted) {
    // SCTE 35 §11: the payload (splice_command_type through E_CRC_32) is ciphertext we pass through.
    if (!section.encryptedPayload) throw new RangeError('encryptedPayload is required when encryptedPacket is true');
    put(w, 12, section.spliceCommandLength, 'spliceCommandLength');
    w.bytes(section.encryptedPayload);
  } else {
    const command = section.spliceCommand;
    if (!command) throw new RangeError('spliceCommand is required');
    const body = encodeCommand(command);
    if (body.length >= 0xfff) throw new RangeError(`splice_command_length ${body.length} does not fit in 12 bits (0xFFF is reserved for legacy use)`);
    w.bits(12, body.length);
    w.u8(commandType(command));
    w.bytes(body);
    const descriptors = (section.descriptors ?? []).map((d, i) => encodeDescriptor(d, i));
    const loopLength = descriptors.reduce((n, d) => n + d.length, 0);
    if (loopLength > 0xffff) throw new RangeError(`descriptor_loop_length ${loopLength} does not fit in 16 bits`);
    w.u16(loopLength);
    for (const d of descriptors) w.bytes(d);
    if (section.alignmentStuffing) w.bytes(section.alignmentStuffing);
  }
  w.u32(0); // CRC_32, written below
  const bytes = w.finish();
  const sectionLength = bytes.length - 3;
  if (sectionLength > MAX_SECTION_LENGTH) throw new RangeError(`section_length ${sectionLength} exceeds ${MAX_SECTION_LENGTH}`);
  bytes[1] = (bytes[1]! & 0xf0) | (sectionLength >>> 8);
  bytes[2] = sectionLength & 0xff;
  const crc = crc32Mpeg2(bytes, 0, bytes.length - 4);
  bytes[bytes.length - 4] = crc >>> 24;
  bytes[bytes.length - 3] = (crc >>> 16) & 0xff;
  bytes[bytes.length - 2] = (crc >>> 8) & 0xff;
  bytes[bytes.length - 1] = crc & 0xff;
  return bytes;
}

/** {@link encodeSection} as standard padded base64 (the form HLS SCTE35= attributes carry). */
export function encodeBase64(section: SpliceInfoSectionInput): string {
  return toBase64(encodeSection(section));
}

