// SCTE 35 §9.6 splice_info_section(), from bytes or text. Never throws: what is wrong becomes an
// issue, and whatever decoded before a problem is returned.
import { BitReader, crc32Mpeg2, fromHex } from '@adsplice/bits';
import { base64Bytes, type CrcPrefix } from './text-bytes.ts';
import { isSelfDelimiting, readSpliceCommand } from './decode-command.ts';
import { readSpliceDescriptor } from './decode-descriptor.ts';
import { pushIssue, SCTE35_ISSUES } from './issues.ts';
import { take, u16, u32, view } from './read-bytes.ts';
import type { Scte35Issue, Scte35Result, SpliceCommand, SpliceDescriptor, SpliceInfoSection } from './types.ts';

/** Bytes from table_id through splice_command_type: the part every section has before its command. */
const HEADER_BYTES = 14;
const TWO_32 = 4294967296;

function trailing(bytes: Uint8Array, from: number, issues: Scte35Issue[]): void {
  // A TS packet payload carries up to ~180 bytes of 0xFF stuffing: ANDed four bytes at a time.
  const n = bytes.length;
  let i = from;
  for (; i + 4 <= n; i += 4) if ((bytes[i]! & bytes[i + 1]! & bytes[i + 2]! & bytes[i + 3]!) !== 0xff) break;
  while (i < n && bytes[i] === 0xff) i++;
  const stuffing = i === n;
  const trailingBytes = n - from;
  // Literals, not pushIssue: cheaper on a path TS packet payloads take (see reserved()).
  if (stuffing) issues.push({ code: 'SCTE35_TRAILING_STUFFING', severity: SCTE35_ISSUES.SCTE35_TRAILING_STUFFING.severity, message: '0xFF stuffing after the section was ignored', byteOffset: from, trailingBytes });
  else issues.push({ code: 'SCTE35_TRAILING_BYTES', severity: SCTE35_ISSUES.SCTE35_TRAILING_BYTES.severity, message: 'bytes after the end of the section (section_length) were ignored', byteOffset: from, trailingBytes });
}

// SCTE 35 §9.6 splice_info_section()
export function decodeSection(bytes: Uint8Array): Scte35Result<SpliceInfoSection | undefined> {
  return decodeSectionAfter(bytes, 0, 0xffffffff);
}

/** decodeSection, with the CRC_32 already run over `bytes[0, crcEnd)` and come to `crcSoFar` (see {@link CrcPrefix}). */
function decodeSectionAfter(bytes: Uint8Array, crcEnd: number, crcSoFar: number): Scte35Result<SpliceInfoSection | undefined> {
  const issues: Scte35Issue[] = [];
  const n = bytes.length;
  if (n === 0) {
    pushIssue(issues, 'SCTE35_EMPTY', 'no bytes to decode');
    return { value: undefined, issues };
  }
  if (n < 3) {
    pushIssue(issues, 'SCTE35_TRUNCATED', 'too few bytes for a section header', n, { length: n });
    return { value: undefined, issues };
  }
  const tableId = bytes[0]!;
  const b1 = bytes[1]!;
  const sectionLength = ((b1 & 0x0f) << 8) | bytes[2]!;
  const total = 3 + sectionLength;
  const truncated = n < total;
  if (tableId !== 0xfc) pushIssue(issues, 'SCTE35_TABLE_ID', 'table_id is not 0xFC', 0, { tableId });
  if (b1 & 0x80) pushIssue(issues, 'SCTE35_SECTION_SYNTAX_INDICATOR', 'section_syntax_indicator is 1', 1);
  if (b1 & 0x40) pushIssue(issues, 'SCTE35_PRIVATE_INDICATOR', 'private_indicator is 1', 1);
  if (truncated) pushIssue(issues, 'SCTE35_TRUNCATED', 'the bytes end before section_length does', n, { sectionLength, length: n });
  else if (n > total) trailing(bytes, total, issues);
  if ((truncated ? n : total - 4) < HEADER_BYTES) {
    if (!truncated) pushIssue(issues, 'SCTE35_SECTION_LENGTH_MISMATCH', 'section_length cannot hold a section header and CRC_32', 1, { sectionLength });
    return { value: undefined, issues };
  }
  // The body runs to the CRC_32; a truncated section has no CRC, so it runs to the last byte given.
  const bodyEnd = truncated ? n : total - 4;
  const b4 = bytes[4]!;
  const protocolVersion = bytes[3]!;
  const encryptedPacket = (b4 & 0x80) !== 0;
  const encryptionAlgorithm = (b4 >>> 1) & 0x3f;
  const cwIndex = bytes[9]!;
  const tier = (bytes[10]! << 4) | (bytes[11]! >>> 4);
  const spliceCommandLength = ((bytes[11]! & 0x0f) << 8) | bytes[12]!;
  const spliceCommandType = bytes[13]!;
  let crc32 = 0;
  let crcValid = false;
  if (!truncated) {
    crc32 = u32(bytes, total - 4);
    crcValid = crc32Mpeg2(bytes, crcEnd, total, crcSoFar) === 0;
    if (!crcValid) {
      const computedCrc32 = crc32Mpeg2(bytes, 0, total - 4);
      issues.push({ code: 'SCTE35_CRC_MISMATCH', severity: SCTE35_ISSUES.SCTE35_CRC_MISMATCH.severity, message: 'CRC_32 does not match the section', byteOffset: total - 4, crc32, computedCrc32 });
    }
  }
  if (protocolVersion !== 0) pushIssue(issues, 'SCTE35_PROTOCOL_VERSION', 'protocol_version is not 0', 3, { protocolVersion });
  const raw = n === total || truncated ? bytes : view(bytes, 0, total);
  if (encryptedPacket) {
    // SCTE 35 §11: splice_command_type through E_CRC_32 are ciphertext.
    pushIssue(issues, 'SCTE35_ENCRYPTED', 'the section is encrypted; its command and descriptors are kept as encryptedPayload', HEADER_BYTES - 1, { encryptionAlgorithm, cwIndex });
    const section = header(bytes);
    section.descriptors = [];
    section.encryptedPayload = view(bytes, HEADER_BYTES - 1, bodyEnd - HEADER_BYTES + 1);
    return finish(section, crc32, crcValid, raw, issues);
  }
  const body: Body = { descriptors: [] };
  const r = new BitReader(bytes, HEADER_BYTES, bodyEnd);
  try {
    readBody(r, spliceCommandLength, spliceCommandType, body, issues, truncated);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    if (!truncated) {
      if (n > total) pushIssue(issues, 'SCTE35_SECTION_LENGTH_MISMATCH', "the section's content runs past section_length", r.bytePos, { sectionLength });
      else pushIssue(issues, 'SCTE35_TRUNCATED', "the section's content runs past its end", r.bytePos, { sectionLength });
    }
  }
  // The fields are set in the order of the syntax, so a printed section reads like the standard.
  const { spliceCommand, descriptorLoopLength, descriptors } = body;
  if (spliceCommand !== undefined && descriptorLoopLength !== undefined && body.alignmentStuffing === undefined) {
    // The usual shape, in one literal (the same fields as header() and finish() give, in the same
    // order): V8 then makes the object with all its fields at once, not growing it field by field.
    const section: SpliceInfoSection = {
      tableId,
      sectionSyntaxIndicator: (b1 & 0x80) !== 0,
      privateIndicator: (b1 & 0x40) !== 0,
      sapType: (b1 >>> 4) & 0x03,
      sectionLength,
      protocolVersion,
      encryptedPacket,
      encryptionAlgorithm,
      ptsAdjustment: (b4 & 1) * TWO_32 + u32(bytes, 5), // 33 bits: hi * 2 ** 32 + lo
      cwIndex,
      tier,
      spliceCommandLength,
      spliceCommandType,
      spliceCommand,
      descriptorLoopLength,
      descriptors,
      crc32,
      crcValid,
      raw,
    };
    return { value: section, issues };
  }
  const section = header(bytes);
  if (spliceCommand) section.spliceCommand = spliceCommand;
  if (descriptorLoopLength !== undefined) section.descriptorLoopLength = descriptorLoopLength;
  section.descriptors = descriptors;
  if (body.alignmentStuffing) section.alignmentStuffing = body.alignmentStuffing;
  return finish(section, crc32, crcValid, raw, issues);
}

/** The fields of splice_info_section() from table_id through splice_command_type (the bytes hold at least HEADER_BYTES). */
function header(bytes: Uint8Array): SpliceInfoSection {
  const b1 = bytes[1]!;
  const b4 = bytes[4]!;
  return {
    tableId: bytes[0]!,
    sectionSyntaxIndicator: (b1 & 0x80) !== 0,
    privateIndicator: (b1 & 0x40) !== 0,
    sapType: (b1 >>> 4) & 0x03,
    sectionLength: ((b1 & 0x0f) << 8) | bytes[2]!,
    protocolVersion: bytes[3]!,
    encryptedPacket: (b4 & 0x80) !== 0,
    encryptionAlgorithm: (b4 >>> 1) & 0x3f,
    ptsAdjustment: (b4 & 1) * TWO_32 + u32(bytes, 5), // 33 bits: hi * 2 ** 32 + lo
    cwIndex: bytes[9]!,
    tier: (bytes[10]! << 4) | (bytes[11]! >>> 4),
    spliceCommandLength: ((bytes[11]! & 0x0f) << 8) | bytes[12]!,
    spliceCommandType: bytes[13]!,
  } as SpliceInfoSection;
}

function finish(section: SpliceInfoSection, crc32: number, crcValid: boolean, raw: Uint8Array, issues: Scte35Issue[]): Scte35Result<SpliceInfoSection> {
  section.crc32 = crc32;
  section.crcValid = crcValid;
  section.raw = raw;
  return { value: section, issues };
}

/** What the body of an unencrypted section holds, gathered before it is set on the section in syntax order. */
interface Body {
  spliceCommand?: SpliceCommand;
  descriptorLoopLength?: number;
  descriptors: SpliceDescriptor[];
  alignmentStuffing?: Uint8Array;
}

/** In a truncated section an overrun is the truncation (already reported): stop without a second issue. */
function stopIfTruncated(truncated: boolean): void {
  if (truncated) throw new RangeError('truncated');
}

function readBody(r: BitReader, spliceCommandLength: number, spliceCommandType: number, body: Body, issues: Scte35Issue[], truncated: boolean): void {
  const commandStart = r.bytePos;
  if (spliceCommandLength === 0xfff) {
    // Legacy senders put 0xFFF ("unknown"): parse the command to find where it ends.
    if (!isSelfDelimiting(spliceCommandType)) {
      pushIssue(issues, 'SCTE35_COMMAND_LENGTH_UNKNOWN', 'splice_command_length is 0xFFF and this command type cannot be parsed to find its end', commandStart - 3, { spliceCommandType });
      return;
    }
    const cr = new BitReader(r.bytes, commandStart, commandStart + r.bytesLeft);
    body.spliceCommand = readSpliceCommand(spliceCommandType, cr, issues);
    const parsed = cr.bytePos - commandStart;
    issues.push({
      code: 'SCTE35_COMMAND_LENGTH_LEGACY',
      severity: SCTE35_ISSUES.SCTE35_COMMAND_LENGTH_LEGACY.severity,
      message: 'splice_command_length is the legacy 0xFFF; the length was found by parsing the command',
      byteOffset: commandStart - 3,
      parsedLength: parsed,
    });
    r.skip(parsed << 3);
  } else {
    if (spliceCommandLength > r.bytesLeft) {
      stopIfTruncated(truncated);
      pushIssue(issues, 'SCTE35_COMMAND_OVERRUN', 'splice_command_length passes the end of the section', commandStart - 3, { spliceCommandLength, available: r.bytesLeft });
      return;
    }
    const cr = r.sub(spliceCommandLength);
    try {
      body.spliceCommand = readSpliceCommand(spliceCommandType, cr, issues);
      if (cr.bytesLeft > 0) {
        pushIssue(issues, 'SCTE35_COMMAND_LENGTH_MISMATCH', 'splice_command_length is longer than the command; the rest was skipped', cr.bytePos, {
          spliceCommandLength,
          parsedLength: spliceCommandLength - cr.bytesLeft,
        });
      }
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      pushIssue(issues, 'SCTE35_COMMAND_OVERRUN', 'the command needs more bytes than splice_command_length; it was not decoded', commandStart, { spliceCommandLength });
    }
  }
  const bytes = r.bytes;
  const loopAt = take(r, 2);
  let descriptorLoopLength = u16(bytes, loopAt);
  body.descriptorLoopLength = descriptorLoopLength;
  if (descriptorLoopLength > r.bytesLeft) {
    // In a truncated section this is the truncation (already reported): decode the descriptors that are there.
    if (!truncated) pushIssue(issues, 'SCTE35_DESCRIPTOR_LOOP_OVERRUN', 'descriptor_loop_length passes the end of the section', loopAt, { descriptorLoopLength, available: r.bytesLeft });
    descriptorLoopLength = r.bytesLeft;
  }
  const loop = r.sub(descriptorLoopLength);
  while (loop.bytesLeft > 0) {
    if (loop.bytesLeft < 2) {
      stopIfTruncated(truncated);
      pushIssue(issues, 'SCTE35_DESCRIPTOR_LOOP_OVERRUN', 'a descriptor header passes the end of the descriptor loop', loop.bytePos);
      break;
    }
    const at = take(loop, 2);
    const tag = bytes[at]!;
    const length = bytes[at + 1]!;
    if (length > loop.bytesLeft) {
      stopIfTruncated(truncated);
      pushIssue(issues, 'SCTE35_DESCRIPTOR_LOOP_OVERRUN', 'descriptor_length passes the end of the descriptor loop', at, { spliceDescriptorTag: tag, descriptorLength: length, available: loop.bytesLeft });
      break;
    }
    const desc = readSpliceDescriptor(tag, length, loop.sub(length), issues);
    // The first one by a literal: a push onto [] makes room for 16.
    if (desc) {
      if (body.descriptors.length === 0) body.descriptors = [desc];
      else body.descriptors.push(desc);
    }
  }
  if (truncated) return;
  const stuffing = r.bytesLeft;
  if (stuffing > 0) body.alignmentStuffing = view(bytes, take(r, stuffing), stuffing);
}

/** Where base64Bytes says how far it ran the CRC: one object for every call (decoding is synchronous), not one a call. */
const prefix: CrcPrefix = { end: 0, crc: 0xffffffff };

/** Decodes a section given as base64 (standard or URL-safe, padding optional). */
export function decodeBase64(text: string): Scte35Result<SpliceInfoSection | undefined> {
  prefix.end = 0; // base64Bytes sets it only when it runs the CRC
  prefix.crc = 0xffffffff;
  const bytes = base64Bytes(text, prefix);
  if (!bytes) return notText('base64');
  if (bytes.length === 0) return empty();
  return decodeSectionAfter(bytes, prefix.end, prefix.crc);
}

/** Decodes a section given as hex (0x prefix optional, either case, white space ignored). */
export function decodeHex(text: string): Scte35Result<SpliceInfoSection | undefined> {
  const bytes = fromHex(text);
  if (!bytes) return notText('hex');
  if (bytes.length === 0) return empty();
  return decodeSection(bytes);
}

const HEX_TEXT = /^\s*(?:0[xX])?[0-9a-fA-F\s]+$/;

/**
 * Decodes a section given as base64 or hex, telling them apart: a 0x prefix, or only hex digits
 * (a base64 splice_info_section starts with "/D", which is not hex), means hex.
 */
export function decode(text: string): Scte35Result<SpliceInfoSection | undefined> {
  const c = text.charCodeAt(0);
  // A base64 section starts with '/' (0xFC); anything that could be hex or white space goes the long way.
  if (c !== 0x2f && HEX_TEXT.test(text)) {
    const hex = fromHex(text);
    if (hex) return hex.length === 0 ? empty() : decodeSection(hex);
  }
  prefix.end = 0; // base64Bytes sets it only when it runs the CRC
  prefix.crc = 0xffffffff;
  const bytes = base64Bytes(text, prefix);
  if (bytes) return bytes.length === 0 ? empty() : decodeSectionAfter(bytes, prefix.end, prefix.crc);
  return notText('base64 or hex');
}

function empty(): Scte35Result<undefined> {
  const issues: Scte35Issue[] = [];
  pushIssue(issues, 'SCTE35_EMPTY', 'the text holds no bytes');
  return { value: undefined, issues };
}

function notText(what: string): Scte35Result<undefined> {
  const issues: Scte35Issue[] = [];
  pushIssue(issues, 'SCTE35_NOT_BASE64_OR_HEX', `the text is not ${what}`);
  return { value: undefined, issues };
}
