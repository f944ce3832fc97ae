// The registry of every issue code this package emits: its severity and a one-line meaning.
// Codes are stable and never reused; docs/errors/scte35.md documents each one (a test checks).
import type { KnownScte35IssueCode, Scte35Issue } from './types.ts';

export interface IssueInfo {
  /** 'fatal': the section is incomplete or not to be trusted as decoded; 'warning': decoded fully, but unusual. */
  severity: 'fatal' | 'warning';
  description: string;
}

export const SCTE35_ISSUES = {
  SCTE35_EMPTY: { severity: 'fatal', description: 'The input holds no bytes (or only white space).' },
  SCTE35_NOT_BASE64_OR_HEX: { severity: 'fatal', description: 'The text is neither base64 nor hex.' },
  SCTE35_TRUNCATED: { severity: 'fatal', description: 'The bytes end before the section does (section_length or a structure inside needs more).' },
  SCTE35_TABLE_ID: { severity: 'fatal', description: 'table_id is not 0xFC, so this is not a splice_info_section.' },
  SCTE35_SECTION_SYNTAX_INDICATOR: { severity: 'warning', description: 'section_syntax_indicator is 1; SCTE 35 requires 0.' },
  SCTE35_PRIVATE_INDICATOR: { severity: 'warning', description: 'private_indicator is 1; SCTE 35 requires 0.' },
  SCTE35_SECTION_LENGTH_MISMATCH: { severity: 'fatal', description: "section_length is shorter than the section's own content." },
  SCTE35_TRAILING_BYTES: { severity: 'warning', description: 'Bytes follow the end of the section given by section_length; they were ignored.' },
  SCTE35_TRAILING_STUFFING: { severity: 'warning', description: '0xFF stuffing follows the section (a transport-stream packet payload); it was ignored.' },
  SCTE35_PROTOCOL_VERSION: { severity: 'fatal', description: 'protocol_version is not 0; the section may be structured differently.' },
  SCTE35_CRC_MISMATCH: { severity: 'fatal', description: 'CRC_32 does not match the section bytes (crcValid is false); fields are still decoded.' },
  SCTE35_ENCRYPTED: { severity: 'warning', description: 'The section is encrypted: the header is decoded, the command and descriptors are kept as encryptedPayload.' },
  SCTE35_COMMAND_LENGTH_MISMATCH: { severity: 'warning', description: 'splice_command_length is longer than the command; the extra bytes were skipped.' },
  SCTE35_COMMAND_OVERRUN: { severity: 'fatal', description: 'The command needs more bytes than splice_command_length (or the section) gives; it was not decoded.' },
  SCTE35_COMMAND_LENGTH_LEGACY: { severity: 'warning', description: "splice_command_length is the legacy 0xFFF; the command's length was found by parsing it." },
  SCTE35_COMMAND_LENGTH_UNKNOWN: { severity: 'fatal', description: 'splice_command_length is 0xFFF and the command cannot be parsed to find its end; decoding stopped.' },
  SCTE35_UNKNOWN_COMMAND: { severity: 'warning', description: 'splice_command_type is reserved; the command is kept raw.' },
  SCTE35_UNKNOWN_DESCRIPTOR: { severity: 'warning', description: "A descriptor with the CUEI identifier has a reserved tag; it is kept raw." },
  SCTE35_DESCRIPTOR_OVERRUN: { severity: 'fatal', description: 'A descriptor needs more bytes than its descriptor_length; it is kept raw.' },
  SCTE35_DESCRIPTOR_LENGTH_MISMATCH: { severity: 'warning', description: 'descriptor_length is longer than the descriptor; the extra bytes were skipped.' },
  SCTE35_DESCRIPTOR_LOOP_OVERRUN: { severity: 'fatal', description: 'A descriptor (or the loop) passes the end of descriptor_loop_length (or of the section).' },
  SCTE35_SUB_SEGMENT_MISSING: { severity: 'warning', description: 'The segmentation type carries sub_segment_num/sub_segments_expected but the descriptor ends before them (pre-2016 encoder).' },
  SCTE35_UPID_LENGTH_MISMATCH: { severity: 'warning', description: "segmentation_upid_length does not fit the UPID type's structure; the UPID is rendered as hex." },
  SCTE35_RESERVED_BITS: { severity: 'warning', description: 'Reserved bits are not all ones.' },
  SCTE35_XML_INVALID: { severity: 'fatal', description: 'The XML is not well-formed.' },
  SCTE35_XML_NO_SECTION: { severity: 'fatal', description: 'No SpliceInfoSection or Signal element was found in the XML.' },
  SCTE35_XML_MISSING_FIELD: { severity: 'fatal', description: 'A required XML element or attribute is missing.' },
  SCTE35_XML_BAD_VALUE: { severity: 'fatal', description: 'An XML attribute or text is not a valid value for its field (not a number, out of range, bad hex).' },
  SCTE35_XML_UNREPRESENTABLE: { severity: 'warning', description: 'Part of the section has no SCTE 35 XML form (encrypted payload, reserved command, stuffing) and was left out; use the xml+bin form.' },
} as const satisfies Record<KnownScte35IssueCode, IssueInfo>;

/** Adds an issue with the registry's severity. */
export function pushIssue(
  issues: Scte35Issue[],
  code: KnownScte35IssueCode,
  message: string,
  byteOffset?: number,
  fields?: Record<string, unknown>,
): void {
  const severity = SCTE35_ISSUES[code].severity;
  if (byteOffset === undefined) issues.push(fields ? { code, severity, message, ...fields } : { code, severity, message });
  else issues.push(fields ? { code, severity, message, byteOffset, ...fields } : { code, severity, message, byteOffset });
}

/** Whether any issue is fatal. */
export function hasFatal(issues: readonly Scte35Issue[]): boolean {
  for (const i of issues) if (i.severity === 'fatal') return true;
  return false;
}
