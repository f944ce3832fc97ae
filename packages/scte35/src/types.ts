// The decoded form of an SCTE-35 splice_info_section (ANSI/SCTE 35 2023r1 §9).
// Field names are the spec's in camelCase; every time is an integer count of 90 kHz ticks
// (33-bit PTS values are `hi * 2 ** 32 + lo`, exact in a JS number).

/** An issue found while decoding: errors as data, never an exception. */
export interface Scte35Issue {
  code: Scte35IssueCode;
  severity: 'fatal' | 'warning';
  message: string;
  /** Byte offset in the section where the problem was seen, when known. */
  byteOffset?: number;
  [field: string]: unknown;
}

/** Every code the package emits; `issues.ts` holds each one's severity and description. */
export type KnownScte35IssueCode =
  | 'SCTE35_EMPTY'
  | 'SCTE35_NOT_BASE64_OR_HEX'
  | 'SCTE35_TRUNCATED'
  | 'SCTE35_TABLE_ID'
  | 'SCTE35_SECTION_SYNTAX_INDICATOR'
  | 'SCTE35_PRIVATE_INDICATOR'
  | 'SCTE35_SECTION_LENGTH_MISMATCH'
  | 'SCTE35_TRAILING_BYTES'
  | 'SCTE35_TRAILING_STUFFING'
  | 'SCTE35_PROTOCOL_VERSION'
  | 'SCTE35_CRC_MISMATCH'
  | 'SCTE35_ENCRYPTED'
  | 'SCTE35_COMMAND_LENGTH_MISMATCH'
  | 'SCTE35_COMMAND_OVERRUN'
  | 'SCTE35_COMMAND_LENGTH_LEGACY'
  | 'SCTE35_COMMAND_LENGTH_UNKNOWN'
  | 'SCTE35_UNKNOWN_COMMAND'
  | 'SCTE35_UNKNOWN_DESCRIPTOR'
  | 'SCTE35_DESCRIPTOR_OVERRUN'
  | 'SCTE35_DESCRIPTOR_LENGTH_MISMATCH'
  | 'SCTE35_DESCRIPTOR_LOOP_OVERRUN'
  | 'SCTE35_SUB_SEGMENT_MISSING'
  | 'SCTE35_UPID_LENGTH_MISMATCH'
  | 'SCTE35_RESERVED_BITS'
  | 'SCTE35_XML_INVALID'
  | 'SCTE35_XML_NO_SECTION'
  | 'SCTE35_XML_MISSING_FIELD'
  | 'SCTE35_XML_BAD_VALUE'
  | 'SCTE35_XML_UNREPRESENTABLE';

export type Scte35IssueCode = KnownScte35IssueCode | (string & {});

export interface Scte35Result<T> {
  value: T;
  issues: Scte35Issue[];
}

/** SCTE 35 §9.8.1 splice_time() */
export interface SpliceTime {
  timeSpecifiedFlag: boolean;
  /** 33-bit PTS in 90 kHz ticks; present when timeSpecifiedFlag. */
  ptsTime?: number;
}

/** SCTE 35 §9.8.2 break_duration() */
export interface BreakDuration {
  autoReturn: boolean;
  /** 33-bit duration in 90 kHz ticks. */
  duration: number;
}

/** SCTE 35 §9.7.1 splice_null() */
export interface SpliceNull {
  type: 'splice_null';
}

/** One event of SCTE 35 §9.7.2 splice_schedule() */
export interface SpliceScheduleEvent {
  spliceEventId: number;
  spliceEventCancelIndicator: boolean;
  /** SCTE 35 2023: the bit after the cancel indicator (reserved before). */
  eventIdComplianceFlag?: boolean;
  outOfNetworkIndicator?: boolean;
  programSpliceFlag?: boolean;
  durationFlag?: boolean;
  /** Seconds since 1980-01-06T00:00:00Z (GPS epoch), program mode. */
  utcSpliceTime?: number;
  components?: { componentTag: number; utcSpliceTime: number }[];
  breakDuration?: BreakDuration;
  uniqueProgramId?: number;
  availNum?: number;
  availsExpected?: number;
}

/** SCTE 35 §9.7.2 splice_schedule() */
export interface SpliceSchedule {
  type: 'splice_schedule';
  events: SpliceScheduleEvent[];
}

/** SCTE 35 §9.7.3 splice_insert() */
export interface SpliceInsert {
  type: 'splice_insert';
  spliceEventId: number;
  spliceEventCancelIndicator: boolean;
  /** SCTE 35 2023 event_id_compliance_flag (reserved, 1, in older editions). */
  eventIdComplianceFlag?: boolean;
  outOfNetworkIndicator?: boolean;
  programSpliceFlag?: boolean;
  durationFlag?: boolean;
  spliceImmediateFlag?: boolean;
  /** Program mode and not immediate. */
  spliceTime?: SpliceTime;
  /** Component mode: one entry a component; spliceTime absent when immediate. */
  components?: { componentTag: number; spliceTime?: SpliceTime }[];
  breakDuration?: BreakDuration;
  uniqueProgramId?: number;
  availNum?: number;
  availsExpected?: number;
}

/** SCTE 35 §9.7.4 time_signal() */
export interface TimeSignal {
  type: 'time_signal';
  spliceTime: SpliceTime;
}

/** SCTE 35 §9.7.5 bandwidth_reservation() */
export interface BandwidthReservation {
  type: 'bandwidth_reservation';
}

/** SCTE 35 §9.7.6 private_command() */
export interface PrivateCommand {
  type: 'private_command';
  identifier: number;
  privateBytes: Uint8Array;
}

/** A command type the spec reserves: kept raw. */
export interface UnknownCommand {
  type: 'unknown';
  spliceCommandType: number;
  raw: Uint8Array;
}

export type SpliceCommand =
  | SpliceNull
  | SpliceSchedule
  | SpliceInsert
  | TimeSignal
  | BandwidthReservation
  | PrivateCommand
  | UnknownCommand;

export const SPLICE_COMMAND_TYPES = {
  splice_null: 0x00,
  splice_schedule: 0x04,
  splice_insert: 0x05,
  time_signal: 0x06,
  bandwidth_reservation: 0x07,
  private_command: 0xff,
} as const;

/** Fields every splice_descriptor() has (SCTE 35 §10.2). */
interface DescriptorBase {
  spliceDescriptorTag: number;
  descriptorLength: number;
  /** 0x43554549 ('CUEI') for SCTE-35's own descriptors. */
  identifier: number;
}

/** SCTE 35 §10.3.1 avail_descriptor() */
export interface AvailDescriptor extends DescriptorBase {
  type: 'avail_descriptor';
  providerAvailId: number;
}

/** SCTE 35 §10.3.2 DTMF_descriptor() */
export interface DtmfDescriptor extends DescriptorBase {
  type: 'dtmf_descriptor';
  /** Tenths of a second. */
  preroll: number;
  dtmfChars: string;
}

/** A segmentation_upid() (SCTE 35 §10.3.3.1, Table 22). */
export interface SegmentationUpid {
  segmentationUpidType: number;
  /** Name from Table 22, e.g. 'Ad-ID', 'TI', 'MID'. */
  segmentationUpidTypeName: string;
  segmentationUpidLength: number;
  /** The bytes as sent. */
  raw: Uint8Array;
  /** A readable rendering: ASCII for text UPIDs, hex for binary ones, canonical forms where the spec has one (UUID, EIDR, ISAN). */
  value: string;
  /** MID (0x0D): the nested UPIDs. */
  upids?: SegmentationUpid[];
  /** MPU (0x0C): format_identifier and private data. */
  formatIdentifier?: number;
  privateData?: Uint8Array;
  /** ATSC Content Identifier (0x0B). */
  tsid?: number;
  endOfDay?: number;
  uniqueFor?: number;
  contentId?: Uint8Array;
}

/** SCTE 35 §10.3.3 segmentation_descriptor() */
export interface SegmentationDescriptor extends DescriptorBase {
  type: 'segmentation_descriptor';
  segmentationEventId: number;
  segmentationEventCancelIndicator: boolean;
  /** SCTE 35 2023 segmentation_event_id_compliance_indicator (reserved, 1, in older editions). */
  segmentationEventIdComplianceIndicator?: boolean;
  programSegmentationFlag?: boolean;
  segmentationDurationFlag?: boolean;
  deliveryNotRestrictedFlag?: boolean;
  webDeliveryAllowedFlag?: boolean;
  noRegionalBlackoutFlag?: boolean;
  archiveAllowedFlag?: boolean;
  deviceRestrictions?: number;
  components?: { componentTag: number; ptsOffset: number }[];
  /** 40-bit duration in 90 kHz ticks. */
  segmentationDuration?: number;
  segmentationUpid?: SegmentationUpid;
  segmentationTypeId?: number;
  /** Name from Table 23, e.g. 'Provider Placement Opportunity Start'. */
  segmentationTypeName?: string;
  segmentNum?: number;
  segmentsExpected?: number;
  /** Present for the types that carry them (0x30, 0x32, 0x34, 0x36, 0x38, 0x3A, 0x44, 0x46) when the descriptor has room. */
  subSegmentNum?: number;
  subSegmentsExpected?: number;
}

/** SCTE 35 §10.3.4 time_descriptor() */
export interface TimeDescriptor extends DescriptorBase {
  type: 'time_descriptor';
  /** 48-bit TAI seconds. */
  taiSeconds: number;
  taiNs: number;
  utcOffset: number;
}

/** SCTE 35 §10.3.5 audio_descriptor() */
export interface AudioDescriptor extends DescriptorBase {
  type: 'audio_descriptor';
  audioComponents: {
    componentTag: number;
    /** ISO 639-2 language code, 3 characters. */
    isoCode: string;
    bitStreamMode: number;
    numChannels: number;
    fullSrvcAudio: boolean;
  }[];
}

/** A descriptor with an unknown tag or a private identifier: kept raw. */
export interface UnknownDescriptor extends DescriptorBase {
  type: 'unknown_descriptor';
  /** The bytes after the identifier. */
  privateBytes: Uint8Array;
}

export type SpliceDescriptor =
  | AvailDescriptor
  | DtmfDescriptor
  | SegmentationDescriptor
  | TimeDescriptor
  | AudioDescriptor
  | UnknownDescriptor;

/** SCTE 35 §9.6 splice_info_section() */
export interface SpliceInfoSection {
  tableId: number;
  sectionSyntaxIndicator: boolean;
  privateIndicator: boolean;
  sapType: number;
  sectionLength: number;
  protocolVersion: number;
  encryptedPacket: boolean;
  encryptionAlgorithm: number;
  /** 33-bit, 90 kHz ticks. */
  ptsAdjustment: number;
  cwIndex: number;
  tier: number;
  /** As sent; 0xFFF is the legacy 'unknown length' value. */
  spliceCommandLength: number;
  /** As sent (in an encrypted section this byte is ciphertext). */
  spliceCommandType: number;
  /** Absent when the section is encrypted (the payload is kept in `encryptedPayload`). */
  spliceCommand?: SpliceCommand;
  descriptorLoopLength?: number;
  descriptors: SpliceDescriptor[];
  /** Bytes between the descriptor loop and the CRC (alignment_stuffing). */
  alignmentStuffing?: Uint8Array;
  /** Encrypted sections: the bytes from splice_command_type through E_CRC_32, undecoded. */
  encryptedPayload?: Uint8Array;
  /** E_CRC_32 of an encrypted section; it is ciphertext, so the decoder leaves it inside `encryptedPayload`. */
  eCrc32?: number;
  /** CRC_32 as sent (0 when the section is truncated before it). */
  crc32: number;
  /** Whether CRC_32 matched the section's bytes. */
  crcValid: boolean;
  /**
   * The section's bytes as received (without any trailing bytes past section_length). Byte fields
   * returned by the decoder are views of the input bytes, not copies.
   */
  raw: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Encoder input: the decoded form with the derived fields (lengths, CRC, names, renderings) and the
// fields that have a usual value optional. A decoded SpliceInfoSection is a valid input.

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
type DescriptorInput<D extends DescriptorBase> = Optional<D, 'spliceDescriptorTag' | 'descriptorLength' | 'identifier'>;

/**
 * A UPID to encode. The bytes come from `raw` when given; otherwise from the structured fields
 * (`upids` for MID, `formatIdentifier`/`privateData` for MPU, `tsid`.. for ATSC); otherwise from `value`
 * (text for text types, "0x…" hex, or the canonical EIDR/ISAN/UUID forms).
 */
export type SegmentationUpidInput = Omit<
  Optional<SegmentationUpid, 'segmentationUpidTypeName' | 'segmentationUpidLength' | 'raw' | 'value'>,
  'upids'
> & { upids?: SegmentationUpidInput[] };

export type AvailDescriptorInput = DescriptorInput<AvailDescriptor>;
export type DtmfDescriptorInput = DescriptorInput<DtmfDescriptor>;
export type SegmentationDescriptorInput = Omit<
  DescriptorInput<SegmentationDescriptor>,
  'segmentationUpid' | 'segmentationTypeName'
> & { segmentationUpid?: SegmentationUpidInput; segmentationTypeName?: string };
export type TimeDescriptorInput = DescriptorInput<TimeDescriptor>;
export type AudioDescriptorInput = DescriptorInput<AudioDescriptor>;
export type UnknownDescriptorInput = DescriptorInput<UnknownDescriptor>;

export type SpliceDescriptorInput =
  | AvailDescriptorInput
  | DtmfDescriptorInput
  | SegmentationDescriptorInput
  | TimeDescriptorInput
  | AudioDescriptorInput
  | UnknownDescriptorInput;

/**
 * What `encodeSection` takes. Defaults: tableId 0xFC, sapType 3, protocolVersion 0, tier 0xFFF,
 * ptsAdjustment 0, cwIndex 0, no encryption, no descriptors. Lengths and CRC_32 are computed.
 */
export type SpliceInfoSectionInput = Omit<
  Optional<
    SpliceInfoSection,
    | 'tableId'
    | 'sectionSyntaxIndicator'
    | 'privateIndicator'
    | 'sapType'
    | 'sectionLength'
    | 'protocolVersion'
    | 'encryptedPacket'
    | 'encryptionAlgorithm'
    | 'ptsAdjustment'
    | 'cwIndex'
    | 'tier'
    | 'spliceCommandLength'
    | 'spliceCommandType'
    | 'crc32'
    | 'crcValid'
    | 'raw'
  >,
  'descriptors'
> & { descriptors?: SpliceDescriptorInput[] };
