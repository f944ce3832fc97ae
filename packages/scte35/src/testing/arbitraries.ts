// fast-check arbitraries for every command and descriptor, in the exact shape the decoder returns
// minus the derived fields (lengths, CRC, raw, names, UPID renderings), so that
// strip(decode(encode(x))) deep-equals x.
import fc from 'fast-check';
import { SUB_SEGMENT_TYPES } from '../names.ts';
import type {
  AudioDescriptor,
  SegmentationDescriptorInput,
  SegmentationUpidInput,
  SpliceCommand,
  SpliceDescriptorInput,
  SpliceInfoSection,
  SpliceInfoSectionInput,
  SpliceInsert,
  SpliceScheduleEvent,
  SpliceTime,
} from '../types.ts';

/** fc.record with ordinary objects (fast-check's default prototype is null, which deepStrictEqual tells apart). */
function rec<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;
}

const u = (bits: number) => (bits <= 31 ? fc.integer({ min: 0, max: 2 ** bits - 1 }) : fc.maxSafeNat().map((n) => n % 2 ** bits));
const bytes = (maxLength: number, minLength = 0) => fc.uint8Array({ minLength, maxLength });

export const spliceTimeArb: fc.Arbitrary<SpliceTime> = fc.oneof(
  fc.constant<SpliceTime>({ timeSpecifiedFlag: false }),
  u(33).map((ptsTime): SpliceTime => ({ timeSpecifiedFlag: true, ptsTime })),
);

const breakDurationArb = rec({ autoReturn: fc.boolean(), duration: u(33) });
const avail = { uniqueProgramId: u(16), availNum: u(8), availsExpected: u(8) };

const spliceInsertArb = (minComponents: number): fc.Arbitrary<SpliceInsert> => fc.oneof(
  rec({ spliceEventId: u(32), eventIdComplianceFlag: fc.boolean() }).map((r): SpliceInsert => ({ type: 'splice_insert', spliceEventId: r.spliceEventId, spliceEventCancelIndicator: true, eventIdComplianceFlag: r.eventIdComplianceFlag })),
  fc
    .record({
      spliceEventId: u(32),
      eventIdComplianceFlag: fc.boolean(),
      outOfNetworkIndicator: fc.boolean(),
      program: fc.boolean(),
      immediate: fc.boolean(),
      spliceTime: spliceTimeArb,
      components: fc.array(rec({ componentTag: u(8), spliceTime: spliceTimeArb }), { minLength: minComponents, maxLength: 3 }),
      breakDuration: fc.option(breakDurationArb, { nil: undefined }),
      ...avail,
    })
    .map((r): SpliceInsert => {
      const cmd: SpliceInsert = {
        type: 'splice_insert',
        spliceEventId: r.spliceEventId,
        spliceEventCancelIndicator: false,
        eventIdComplianceFlag: r.eventIdComplianceFlag,
        outOfNetworkIndicator: r.outOfNetworkIndicator,
        programSpliceFlag: r.program,
        durationFlag: r.breakDuration !== undefined,
        spliceImmediateFlag: r.immediate,
      };
      if (r.program && !r.immediate) cmd.spliceTime = r.spliceTime;
      if (!r.program) cmd.components = r.components.map((c) => (r.immediate ? { componentTag: c.componentTag } : c));
      if (r.breakDuration) cmd.breakDuration = r.breakDuration;
      return { ...cmd, uniqueProgramId: r.uniqueProgramId, availNum: r.availNum, availsExpected: r.availsExpected };
    }),
);

const scheduleEventArb = (minComponents: number): fc.Arbitrary<SpliceScheduleEvent> => fc.oneof(
  rec({ spliceEventId: u(32), eventIdComplianceFlag: fc.boolean() }).map((r): SpliceScheduleEvent => ({ ...r, spliceEventCancelIndicator: true })),
  fc
    .record({
      spliceEventId: u(32),
      eventIdComplianceFlag: fc.boolean(),
      outOfNetworkIndicator: fc.boolean(),
      program: fc.boolean(),
      utcSpliceTime: u(32),
      components: fc.array(rec({ componentTag: u(8), utcSpliceTime: u(32) }), { minLength: minComponents, maxLength: 3 }),
      breakDuration: fc.option(breakDurationArb, { nil: undefined }),
      ...avail,
    })
    .map((r): SpliceScheduleEvent => {
      const e: SpliceScheduleEvent = {
        spliceEventId: r.spliceEventId,
        spliceEventCancelIndicator: false,
        eventIdComplianceFlag: r.eventIdComplianceFlag,
        outOfNetworkIndicator: r.outOfNetworkIndicator,
        programSpliceFlag: r.program,
        durationFlag: r.breakDuration !== undefined,
      };
      if (r.program) e.utcSpliceTime = r.utcSpliceTime;
      else e.components = r.components;
      if (r.breakDuration) e.breakDuration = r.breakDuration;
      return { ...e, uniqueProgramId: r.uniqueProgramId, availNum: r.availNum, availsExpected: r.availsExpected };
    }),
);

const RESERVED_COMMANDS = [0x01, 0x02, 0x03, ...Array.from({ length: 0xfe - 0x08 + 1 }, (_, i) => i + 0x08)];

/**
 * Every command; `representableInXml` leaves out the reserved (unknown) ones and component lists
 * that are empty (the XML form tells component mode by its Component elements).
 */
export function commandArb(representableInXml = false): fc.Arbitrary<SpliceCommand> {
  const minComponents = representableInXml ? 1 : 0;
  const arbs: fc.Arbitrary<SpliceCommand>[] = [
    fc.constant<SpliceCommand>({ type: 'splice_null' }),
    fc.constant<SpliceCommand>({ type: 'bandwidth_reservation' }),
    spliceTimeArb.map((spliceTime): SpliceCommand => ({ type: 'time_signal', spliceTime })),
    spliceInsertArb(minComponents),
    fc.array(scheduleEventArb(minComponents), { maxLength: 3 }).map((events): SpliceCommand => ({ type: 'splice_schedule', events })),
    rec({ identifier: u(32), privateBytes: bytes(24) }).map((r): SpliceCommand => ({ type: 'private_command', ...r })),
  ];
  if (!representableInXml) {
    arbs.push(rec({ spliceCommandType: fc.constantFrom(...RESERVED_COMMANDS), raw: bytes(16) }).map((r): SpliceCommand => ({ type: 'unknown', ...r })));
  }
  return fc.oneof(...arbs);
}

const FIXED: Record<number, number> = { 0x02: 8, 0x03: 12, 0x04: 32, 0x05: 8, 0x06: 12, 0x07: 12, 0x08: 8, 0x0a: 12, 0x10: 16 };

function simpleUpidArb(depth: number): fc.Arbitrary<SegmentationUpidInput> {
  const variable = [0x01, 0x09, 0x0e, 0x0f, 0x11, 0x12, 0x80, 0xff];
  const arbs: fc.Arbitrary<SegmentationUpidInput>[] = [
    fc.constant<SegmentationUpidInput>({ segmentationUpidType: 0, raw: new Uint8Array(0) }),
    fc.constantFrom(...Object.keys(FIXED).map(Number)).chain((t) => bytes(FIXED[t]!, FIXED[t]!).map((raw): SegmentationUpidInput => ({ segmentationUpidType: t, raw }))),
    fc.constantFrom(...variable).chain((t) => bytes(20).map((raw): SegmentationUpidInput => ({ segmentationUpidType: t, raw }))),
    bytes(16, 4).map((raw): SegmentationUpidInput => ({ segmentationUpidType: 0x0c, raw })),
    bytes(12, 4).map((raw): SegmentationUpidInput => {
      const r = raw.slice();
      r[2] = r[2]! | 0xc0; // ATSC reserved bits
      return { segmentationUpidType: 0x0b, raw: r };
    }),
  ];
  if (depth > 0) {
    arbs.push(
      fc.array(simpleUpidArb(depth - 1), { maxLength: 3 }).map((inner): SegmentationUpidInput => {
        const parts = inner.map((x) => [x.segmentationUpidType, x.raw!.length, ...x.raw!]);
        return { segmentationUpidType: 0x0d, raw: Uint8Array.from(parts.flat()) };
      }),
    );
  }
  return fc.oneof(...arbs);
}

export const upidArb = simpleUpidArb(1);

const segmentationArb = (minComponents: number): fc.Arbitrary<SegmentationDescriptorInput> => fc.oneof(
  rec({ segmentationEventId: u(32), segmentationEventIdComplianceIndicator: fc.boolean() }).map((r): SegmentationDescriptorInput => ({ type: 'segmentation_descriptor', ...r, segmentationEventCancelIndicator: true })),
  fc
    .record({
      segmentationEventId: u(32),
      segmentationEventIdComplianceIndicator: fc.boolean(),
      program: fc.boolean(),
      duration: fc.option(u(40), { nil: undefined }),
      restrictions: fc.option(rec({ webDeliveryAllowedFlag: fc.boolean(), noRegionalBlackoutFlag: fc.boolean(), archiveAllowedFlag: fc.boolean(), deviceRestrictions: u(2) }), { nil: undefined }),
      components: fc.array(rec({ componentTag: u(8), ptsOffset: u(33) }), { minLength: minComponents, maxLength: 3 }),
      segmentationUpid: upidArb,
      segmentationTypeId: fc.oneof(fc.constantFrom(...SUB_SEGMENT_TYPES, 0x10, 0x11, 0x02, 0x35, 0x50), u(8)),
      segmentNum: u(8),
      segmentsExpected: u(8),
      sub: fc.option(fc.tuple(u(8), u(8)), { nil: undefined }),
    })
    .map((r): SegmentationDescriptorInput => {
      const d: SegmentationDescriptorInput = {
        type: 'segmentation_descriptor',
        segmentationEventId: r.segmentationEventId,
        segmentationEventCancelIndicator: false,
        segmentationEventIdComplianceIndicator: r.segmentationEventIdComplianceIndicator,
        programSegmentationFlag: r.program,
        segmentationDurationFlag: r.duration !== undefined,
        deliveryNotRestrictedFlag: r.restrictions === undefined,
        ...r.restrictions,
      };
      if (!r.program) d.components = r.components;
      if (r.duration !== undefined) d.segmentationDuration = r.duration;
      d.segmentationUpid = r.segmentationUpid;
      d.segmentationTypeId = r.segmentationTypeId;
      d.segmentNum = r.segmentNum;
      d.segmentsExpected = r.segmentsExpected;
      if (r.sub && SUB_SEGMENT_TYPES.has(r.segmentationTypeId)) {
        d.subSegmentNum = r.sub[0];
        d.subSegmentsExpected = r.sub[1];
      }
      return d;
    }),
);

const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const audioComponentArb: fc.Arbitrary<AudioDescriptor['audioComponents'][number]> = rec({
  componentTag: u(8),
  isoCode: fc.tuple(letters, letters, letters).map((t) => t.join('')),
  bitStreamMode: u(3),
  numChannels: u(4),
  fullSrvcAudio: fc.boolean(),
});

const CUEI = 0x43554549;

/** Every descriptor; `representableInXml` leaves out empty component lists. */
export const descriptorArb = (representableInXml = false): fc.Arbitrary<SpliceDescriptorInput> => fc.oneof(
  u(32).map((providerAvailId): SpliceDescriptorInput => ({ type: 'avail_descriptor', providerAvailId })),
  rec({ preroll: u(8), dtmfChars: fc.array(fc.constantFrom(...'0123456789*#'.split('')), { maxLength: 7 }).map((c) => c.join('')) }).map((r): SpliceDescriptorInput => ({ type: 'dtmf_descriptor', ...r })),
  segmentationArb(representableInXml ? 1 : 0),
  rec({ taiSeconds: u(48), taiNs: u(32), utcOffset: u(16) }).map((r): SpliceDescriptorInput => ({ type: 'time_descriptor', ...r })),
  fc.array(audioComponentArb, { maxLength: 4 }).map((audioComponents): SpliceDescriptorInput => ({ type: 'audio_descriptor', audioComponents })),
  fc
    .record({ tag: u(8), identifier: u(32), privateBytes: bytes(24) })
    .filter((r) => r.identifier !== CUEI || r.tag > 4)
    .map((r): SpliceDescriptorInput => ({ type: 'unknown_descriptor', spliceDescriptorTag: r.tag, identifier: r.identifier, privateBytes: r.privateBytes })),
);

/**
 * A valid unencrypted section in canonical decoded shape without derived fields. `xml` restricts
 * it to what the XML form carries (no reserved command, no stuffing, no empty component list,
 * cw_index and encryption_algorithm 0).
 */
export function sectionArb(xml = false): fc.Arbitrary<SpliceInfoSectionInput> {
  return fc
    .record({
      sapType: u(2),
      encryptionAlgorithm: xml ? fc.constant(0) : u(6),
      ptsAdjustment: u(33),
      cwIndex: xml ? fc.constant(0) : u(8),
      tier: u(12),
      spliceCommand: commandArb(xml),
      descriptors: fc.array(descriptorArb(xml), { maxLength: 4 }),
      alignmentStuffing: xml ? fc.constant(undefined) : fc.option(bytes(4, 1), { nil: undefined }),
    })
    .map((r): SpliceInfoSectionInput => {
      const s: SpliceInfoSectionInput = {
        tableId: 0xfc,
        sectionSyntaxIndicator: false,
        privateIndicator: false,
        sapType: r.sapType,
        protocolVersion: 0,
        encryptedPacket: false,
        encryptionAlgorithm: r.encryptionAlgorithm,
        ptsAdjustment: r.ptsAdjustment,
        cwIndex: r.cwIndex,
        tier: r.tier,
        spliceCommand: r.spliceCommand,
        descriptors: r.descriptors,
      };
      if (r.alignmentStuffing) s.alignmentStuffing = r.alignmentStuffing;
      return s;
    });
}

const DERIVED_UPID = ['segmentationUpidTypeName', 'segmentationUpidLength', 'value', 'upids', 'formatIdentifier', 'privateData', 'tsid', 'endOfDay', 'uniqueFor', 'contentId'];

/** A decoded section without its derived fields: the shape {@link sectionArb} generates. */
export function stripDerived(s: SpliceInfoSection): SpliceInfoSectionInput {
  const { sectionLength: _a, spliceCommandLength: _b, spliceCommandType: _c, descriptorLoopLength: _d, crc32: _e, crcValid: _f, raw: _g, ...rest } = s;
  return {
    ...rest,
    descriptors: s.descriptors.map((d) => {
      if (d.type === 'unknown_descriptor') {
        const { descriptorLength: _l, ...u2 } = d;
        return u2;
      }
      const { spliceDescriptorTag: _t, descriptorLength: _l, identifier: _i, ...known } = d;
      if (known.type === 'segmentation_descriptor') {
        const { segmentationTypeName: _n, segmentationUpid, ...seg } = known;
        if (!segmentationUpid) return seg;
        const upid = Object.fromEntries(Object.entries(segmentationUpid).filter(([k]) => !DERIVED_UPID.includes(k))) as unknown as SegmentationUpidInput;
        return { ...seg, segmentationUpid: upid };
      }
      return known;
    }),
  };
}
