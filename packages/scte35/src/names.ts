// Names from the tables of ANSI/SCTE 35 2023r1, for display and for the decoded model's *Name fields.

/** SCTE 35 Table 23: segmentation_type_id → segmentation message. */
export const SEGMENTATION_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Not Indicated',
  0x01: 'Content Identification',
  0x02: 'Call Ad Server',
  0x10: 'Program Start',
  0x11: 'Program End',
  0x12: 'Program Early Termination',
  0x13: 'Program Breakaway',
  0x14: 'Program Resumption',
  0x15: 'Program Runover Planned',
  0x16: 'Program Runover Unplanned',
  0x17: 'Program Overlap Start',
  0x18: 'Program Blackout Override',
  0x19: 'Program Join',
  0x20: 'Chapter Start',
  0x21: 'Chapter End',
  0x22: 'Break Start',
  0x23: 'Break End',
  0x24: 'Opening Credit Start',
  0x25: 'Opening Credit End',
  0x26: 'Closing Credit Start',
  0x27: 'Closing Credit End',
  0x30: 'Provider Advertisement Start',
  0x31: 'Provider Advertisement End',
  0x32: 'Distributor Advertisement Start',
  0x33: 'Distributor Advertisement End',
  0x34: 'Provider Placement Opportunity Start',
  0x35: 'Provider Placement Opportunity End',
  0x36: 'Distributor Placement Opportunity Start',
  0x37: 'Distributor Placement Opportunity End',
  0x38: 'Provider Overlay Placement Opportunity Start',
  0x39: 'Provider Overlay Placement Opportunity End',
  0x3a: 'Distributor Overlay Placement Opportunity Start',
  0x3b: 'Distributor Overlay Placement Opportunity End',
  0x3c: 'Provider Promo Start',
  0x3d: 'Provider Promo End',
  0x3e: 'Distributor Promo Start',
  0x3f: 'Distributor Promo End',
  0x40: 'Unscheduled Event Start',
  0x41: 'Unscheduled Event End',
  0x42: 'Alternate Content Opportunity Start',
  0x43: 'Alternate Content Opportunity End',
  0x44: 'Provider Ad Block Start',
  0x45: 'Provider Ad Block End',
  0x46: 'Distributor Ad Block Start',
  0x47: 'Distributor Ad Block End',
  0x50: 'Network Start',
  0x51: 'Network End',
};

/** segmentation_type_id values by name (camelCase of Table 23), for code that authors or matches cues. */
export const SEGMENTATION_TYPE = {
  notIndicated: 0x00,
  contentIdentification: 0x01,
  callAdServer: 0x02,
  programStart: 0x10,
  programEnd: 0x11,
  programEarlyTermination: 0x12,
  programBreakaway: 0x13,
  programResumption: 0x14,
  programRunoverPlanned: 0x15,
  programRunoverUnplanned: 0x16,
  programOverlapStart: 0x17,
  programBlackoutOverride: 0x18,
  programJoin: 0x19,
  chapterStart: 0x20,
  chapterEnd: 0x21,
  breakStart: 0x22,
  breakEnd: 0x23,
  openingCreditStart: 0x24,
  openingCreditEnd: 0x25,
  closingCreditStart: 0x26,
  closingCreditEnd: 0x27,
  providerAdvertisementStart: 0x30,
  providerAdvertisementEnd: 0x31,
  distributorAdvertisementStart: 0x32,
  distributorAdvertisementEnd: 0x33,
  providerPlacementOpportunityStart: 0x34,
  providerPlacementOpportunityEnd: 0x35,
  distributorPlacementOpportunityStart: 0x36,
  distributorPlacementOpportunityEnd: 0x37,
  providerOverlayPlacementOpportunityStart: 0x38,
  providerOverlayPlacementOpportunityEnd: 0x39,
  distributorOverlayPlacementOpportunityStart: 0x3a,
  distributorOverlayPlacementOpportunityEnd: 0x3b,
  providerPromoStart: 0x3c,
  providerPromoEnd: 0x3d,
  distributorPromoStart: 0x3e,
  distributorPromoEnd: 0x3f,
  unscheduledEventStart: 0x40,
  unscheduledEventEnd: 0x41,
  alternateContentOpportunityStart: 0x42,
  alternateContentOpportunityEnd: 0x43,
  providerAdBlockStart: 0x44,
  providerAdBlockEnd: 0x45,
  distributorAdBlockStart: 0x46,
  distributorAdBlockEnd: 0x47,
  networkStart: 0x50,
  networkEnd: 0x51,
} as const;

/**
 * segmentation_type_id values whose descriptor carries sub_segment_num and sub_segments_expected
 * (SCTE 35 §10.3.3, Table 23: the provider/distributor advertisement, placement opportunity,
 * overlay placement opportunity and ad block starts).
 */
export const SUB_SEGMENT_TYPES: ReadonlySet<number> = new Set([0x30, 0x32, 0x34, 0x36, 0x38, 0x3a, 0x44, 0x46]);

/** SCTE 35 Table 22: segmentation_upid_type → name. */
export const UPID_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Not Used',
  0x01: 'User Defined (deprecated)',
  0x02: 'ISCI (deprecated)',
  0x03: 'Ad-ID',
  0x04: 'UMID',
  0x05: 'ISAN (deprecated)',
  0x06: 'ISAN',
  0x07: 'TID',
  0x08: 'TI',
  0x09: 'ADI',
  0x0a: 'EIDR',
  0x0b: 'ATSC Content Identifier',
  0x0c: 'MPU',
  0x0d: 'MID',
  0x0e: 'ADS Information',
  0x0f: 'URI',
  0x10: 'UUID',
  0x11: 'SCR',
};

/** segmentation_upid_type values by name. */
export const UPID_TYPE = {
  notUsed: 0x00,
  userDefined: 0x01,
  isci: 0x02,
  adId: 0x03,
  umid: 0x04,
  isanDeprecated: 0x05,
  isan: 0x06,
  tid: 0x07,
  ti: 0x08,
  adi: 0x09,
  eidr: 0x0a,
  atsc: 0x0b,
  mpu: 0x0c,
  mid: 0x0d,
  adsInformation: 0x0e,
  uri: 0x0f,
  uuid: 0x10,
  scr: 0x11,
} as const;

/** SCTE 35 §9.6.1 (splice_command_type values): type → command name. */
export const SPLICE_COMMAND_NAMES: Readonly<Record<number, string>> = {
  0x00: 'splice_null',
  0x04: 'splice_schedule',
  0x05: 'splice_insert',
  0x06: 'time_signal',
  0x07: 'bandwidth_reservation',
  0xff: 'private_command',
};

/** SCTE 35 §10.1 (splice_descriptor_tag values, CUEI identifier): tag → descriptor name. */
export const SPLICE_DESCRIPTOR_NAMES: Readonly<Record<number, string>> = {
  0x00: 'avail_descriptor',
  0x01: 'DTMF_descriptor',
  0x02: 'segmentation_descriptor',
  0x03: 'time_descriptor',
  0x04: 'audio_descriptor',
};

/** SCTE 35 Table 21: device_restrictions. */
export const DEVICE_RESTRICTIONS_NAMES: Readonly<Record<number, string>> = {
  0: 'Restrict Group 0',
  1: 'Restrict Group 1',
  2: 'Restrict Group 2',
  3: 'None',
};

/** SCTE 35 §9.6.1 sap_type values. */
export const SAP_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Type 1',
  1: 'Type 2',
  2: 'Type 3',
  3: 'Not specified',
};

/** SCTE 35 §11 encryption_algorithm values (4-31 reserved, 32-63 user private). */
export const ENCRYPTION_ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  0: 'No encryption',
  1: 'DES - ECB mode',
  2: 'DES - CBC mode',
  3: 'Triple DES EDE3 - ECB mode',
};

/** The Table 23 name of a segmentation_type_id ('Reserved' for unassigned values). */
export function segmentationTypeName(id: number): string {
  return SEGMENTATION_TYPE_NAMES[id] ?? 'Reserved';
}

/** The Table 22 name of a segmentation_upid_type ('Reserved' for unassigned values). */
export function upidTypeName(type: number): string {
  return UPID_TYPE_NAMES[type] ?? 'Reserved';
}

/**
 * Every byte value → its Table 23 / Table 22 name, 'Reserved' included: for the decoders, where a
 * load from a dense array is cheaper than from the sparse tables above.
 */
export const SEGMENTATION_TYPE_NAME_BY_ID: readonly string[] = Array.from({ length: 256 }, (_, id) => segmentationTypeName(id));
export const UPID_TYPE_NAME_BY_TYPE: readonly string[] = Array.from({ length: 256 }, (_, type) => upidTypeName(type));

/** The command name of a splice_command_type ('reserved' for unassigned values). */
export function spliceCommandName(type: number): string {
  return SPLICE_COMMAND_NAMES[type] ?? 'reserved';
}
