import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toBase64, toHex } from '@adsplice/bits';
import { decode, decodeBase64, decodeHex, decodeSection } from './decode.ts';
import { encodeSection } from './encode.ts';
import { sectionArb } from './testing/arbitraries.ts';
import {
  availBytes,
  descriptorBytes,
  sectionBytes,
  segmentationBytes,
  spliceInsertBytes,
  timeSignalBytes,
} from './testing/section-bytes.ts';
import type { Scte35Issue, SegmentationDescriptor, SpliceInsert, SpliceSchedule } from './types.ts';

const codes = (issues: Scte35Issue[]) => issues.map((i) => i.code);
const fatal = (issues: Scte35Issue[]) => issues.filter((i) => i.severity === 'fatal').map((i) => i.code);

/** A section with a command and several descriptors of different kinds. */
const rich = () =>
  sectionBytes({
    commandType: 0x05,
    command: spliceInsertBytes({ eventId: 7, pts: 2 ** 32 + 5, duration: 2_700_000 }),
    descriptors: [availBytes(12), segmentationBytes({ upidType: 0x09, upid: [...Buffer.from('SIGNAL:abc')], typeId: 0x34, sub: [1, 2] }), descriptorBytes(0x01, [50, 0x5f, 0x31, 0x32])],
  });

test('a builder section decodes cleanly with every header field', () => {
  const { value, issues } = decodeSection(sectionBytes({ ptsAdjustment: 2 ** 33 - 1, cwIndex: 9, tier: 0x123 }));
  assert.deepStrictEqual(issues, []);
  const { raw, crc32, ...rest } = value!;
  assert.equal(raw.length, 3 + value!.sectionLength);
  assert.equal(typeof crc32, 'number');
  assert.deepStrictEqual(rest, {
    tableId: 0xfc,
    sectionSyntaxIndicator: false,
    privateIndicator: false,
    sapType: 3,
    sectionLength: 22,
    protocolVersion: 0,
    encryptedPacket: false,
    encryptionAlgorithm: 0,
    ptsAdjustment: 2 ** 33 - 1,
    cwIndex: 9,
    tier: 0x123,
    spliceCommandLength: 5,
    spliceCommandType: 6,
    spliceCommand: { type: 'time_signal', spliceTime: { timeSpecifiedFlag: true, ptsTime: 0x12345 } },
    descriptorLoopLength: 0,
    descriptors: [],
    crcValid: true,
  });
});

test('a rich section decodes every part', () => {
  const { value, issues } = decodeSection(rich());
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual(value!.spliceCommand, {
    type: 'splice_insert',
    spliceEventId: 7,
    spliceEventCancelIndicator: false,
    eventIdComplianceFlag: true,
    outOfNetworkIndicator: true,
    programSpliceFlag: true,
    durationFlag: true,
    spliceImmediateFlag: false,
    spliceTime: { timeSpecifiedFlag: true, ptsTime: 2 ** 32 + 5 },
    breakDuration: { autoReturn: true, duration: 2_700_000 },
    uniqueProgramId: 1,
    availNum: 0,
    availsExpected: 0,
  });
  assert.deepStrictEqual(
    value!.descriptors.map((d) => d.type),
    ['avail_descriptor', 'segmentation_descriptor', 'dtmf_descriptor'],
  );
  const seg = value!.descriptors[1] as SegmentationDescriptor;
  assert.deepStrictEqual({ ...seg, segmentationUpid: { ...seg.segmentationUpid!, raw: [...seg.segmentationUpid!.raw] } }, {
    type: 'segmentation_descriptor',
    spliceDescriptorTag: 2,
    descriptorLength: 27,
    identifier: 0x43554549,
    segmentationEventId: 1,
    segmentationEventCancelIndicator: false,
    segmentationEventIdComplianceIndicator: true,
    programSegmentationFlag: true,
    segmentationDurationFlag: false,
    deliveryNotRestrictedFlag: true,
    segmentationUpid: { segmentationUpidType: 9, segmentationUpidTypeName: 'ADI', segmentationUpidLength: 10, raw: [...Buffer.from('SIGNAL:abc')], value: 'SIGNAL:abc' },
    segmentationTypeId: 0x34,
    segmentationTypeName: 'Provider Placement Opportunity Start',
    segmentNum: 0,
    segmentsExpected: 0,
    subSegmentNum: 1,
    subSegmentsExpected: 2,
  });
  assert.deepStrictEqual(value!.descriptors[2], { type: 'dtmf_descriptor', spliceDescriptorTag: 1, descriptorLength: 8, identifier: 0x43554549, preroll: 50, dtmfChars: '12' });
});

test("CRC mismatch: an issue and crcValid false, not an exception; fields still decoded", () => {
  const good = decodeSection(rich()).value!;
  const { value, issues } = decodeSection(sectionBytes({ ...{ commandType: 0x05, command: spliceInsertBytes({ eventId: 7, pts: 2 ** 32 + 5, duration: 2_700_000 }) }, crc: 'bad' }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_CRC_MISMATCH']);
  assert.equal(issues[0]!.severity, 'fatal');
  assert.equal(value!.crcValid, false);
  assert.deepStrictEqual(value!.spliceCommand, good.spliceCommand);
});

test('wrong table_id: a fatal issue, the rest decoded', () => {
  const { value, issues } = decodeSection(sectionBytes({ tableId: 0xfd }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_TABLE_ID']);
  assert.equal(value!.tableId, 0xfd);
  assert.equal(value!.spliceCommand?.type, 'time_signal');
});

test('section_syntax_indicator, private_indicator and protocol_version are reported', () => {
  assert.deepStrictEqual(codes(decodeSection(sectionBytes({ flags: 0xb })).issues), ['SCTE35_SECTION_SYNTAX_INDICATOR']);
  assert.deepStrictEqual(codes(decodeSection(sectionBytes({ flags: 0x7 })).issues), ['SCTE35_PRIVATE_INDICATOR']);
  const v1 = decodeSection(sectionBytes({ protocolVersion: 1 }));
  assert.deepStrictEqual(codes(v1.issues), ['SCTE35_PROTOCOL_VERSION']);
  assert.equal(v1.value!.protocolVersion, 1);
});

test('truncated at every length: never throws, reports SCTE35_TRUNCATED and nothing else fatal', () => {
  const full = rich();
  for (let n = 0; n < full.length; n++) {
    const { value, issues } = decodeSection(full.subarray(0, n));
    if (n === 0) {
      assert.deepStrictEqual(codes(issues), ['SCTE35_EMPTY']);
      continue;
    }
    assert.deepStrictEqual(fatal(issues), ['SCTE35_TRUNCATED'], `length ${n}`);
    if (n < 14) assert.equal(value, undefined, `length ${n}: no header, no value`);
    else assert.equal(value!.crcValid, false, `length ${n}`);
  }
});

test('decoding a truncation returns what was decoded before the cut', () => {
  const full = rich();
  const cut = full.subarray(0, full.length - 12); // inside the last descriptor
  const { value } = decodeSection(cut);
  assert.equal(value!.spliceCommand!.type, 'splice_insert');
  assert.deepStrictEqual(value!.descriptors.map((d) => d.type), ['avail_descriptor', 'segmentation_descriptor']);
});

test('section_length lying', () => {
  // Longer than the bytes: truncated.
  assert.deepStrictEqual(fatal(decodeSection(sectionBytes({ sectionLength: 60 })).issues), ['SCTE35_TRUNCATED']);
  // Shorter than the content, with the rest of the bytes after it.
  const short = decodeSection(sectionBytes({ sectionLength: 20, descriptors: [availBytes()] }));
  assert.deepStrictEqual(codes(short.issues), ['SCTE35_TRAILING_BYTES', 'SCTE35_CRC_MISMATCH', 'SCTE35_SECTION_LENGTH_MISMATCH']);
  // ... so short that splice_command_length passes its end.
  const shorter = decodeSection(sectionBytes({ sectionLength: 17, descriptors: [availBytes()] }));
  assert.deepStrictEqual(codes(shorter.issues), ['SCTE35_TRAILING_BYTES', 'SCTE35_CRC_MISMATCH', 'SCTE35_COMMAND_OVERRUN']);
  // Too short to hold a header and CRC at all.
  const tiny = decodeSection(sectionBytes({ sectionLength: 12 }));
  assert.deepStrictEqual(fatal(tiny.issues), ['SCTE35_SECTION_LENGTH_MISMATCH']);
  assert.equal(tiny.value, undefined);
});

test('trailing bytes after section_length and 0xFF TS stuffing are warnings', () => {
  const t = decodeSection(sectionBytes({ trailing: [0, 1, 2] }));
  assert.deepStrictEqual(t.issues, [{ code: 'SCTE35_TRAILING_BYTES', severity: 'warning', message: t.issues[0]!.message, byteOffset: 25, trailingBytes: 3 }]);
  assert.equal(t.value!.raw.length, 25);
  assert.equal(t.value!.crcValid, true);
  const s = decodeSection(sectionBytes({ trailing: new Array(160).fill(0xff) }));
  assert.deepStrictEqual(codes(s.issues), ['SCTE35_TRAILING_STUFFING']);
  assert.equal(s.issues[0]!.trailingBytes, 160);
});

test('a descriptor overrunning the descriptor loop', () => {
  const d = descriptorBytes(0x00, [0, 0, 1, 0x35], { length: 30 });
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [availBytes(1), d] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_LOOP_OVERRUN']);
  assert.equal(value!.descriptors.length, 1);
  assert.equal(value!.crcValid, true);
});

test('descriptor_loop_length passing the end of the section is clamped', () => {
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [availBytes(5)], loopLength: 40 }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_LOOP_OVERRUN']);
  assert.deepStrictEqual(value!.descriptors.map((x) => x.type), ['avail_descriptor']);
});

test('a descriptor whose fields need more than its descriptor_length is kept raw; its neighbours decode', () => {
  // A segmentation descriptor that claims 12 bytes (identifier + 8) but its fields need more.
  const seg = segmentationBytes({ upidType: 0x08, upid: [0, 0, 0, 0, 0, 0, 0, 1], typeId: 0x30 });
  const lying = Uint8Array.from([seg[0]!, 12, ...seg.subarray(2, 14)]);
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [lying, availBytes(77)] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_OVERRUN']);
  assert.deepStrictEqual(value!.descriptors[0], {
    type: 'unknown_descriptor',
    spliceDescriptorTag: 2,
    descriptorLength: 12,
    identifier: 0x43554549,
    privateBytes: lying.subarray(6),
  });
  assert.deepStrictEqual(value!.descriptors[1], { type: 'avail_descriptor', spliceDescriptorTag: 0, descriptorLength: 8, identifier: 0x43554549, providerAvailId: 77 });
  // It re-encodes byte for byte.
  assert.equal(toHex(encodeSection(value!)), toHex(value!.raw));
});

test('a descriptor too short for its identifier is skipped with an issue', () => {
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [[0x00, 2, 0x43, 0x55], availBytes(3)] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_OVERRUN']);
  assert.deepStrictEqual(value!.descriptors.map((d) => d.type), ['avail_descriptor']);
});

test('a header byte alone at the end of the loop', () => {
  const { issues } = decodeSection(sectionBytes({ descriptors: [availBytes(), [0x02]] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_LOOP_OVERRUN']);
});

test('extra bytes in a descriptor are skipped with a warning', () => {
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [descriptorBytes(0x00, [0, 0, 0, 9, 0xaa, 0xbb])] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_DESCRIPTOR_LENGTH_MISMATCH']);
  assert.equal(issues[0]!.extraBytes, 2);
  assert.equal((value!.descriptors[0] as { providerAvailId: number }).providerAvailId, 9);
});

test('private (non-CUEI) descriptors are kept raw without an issue; reserved CUEI tags with a warning', () => {
  const priv = decodeSection(sectionBytes({ descriptors: [descriptorBytes(0x02, [1, 2, 3], { identifier: [0x66, 0x75, 0x66, 0x75] })] }));
  assert.deepStrictEqual(priv.issues, []);
  assert.deepStrictEqual(priv.value!.descriptors, [{ type: 'unknown_descriptor', spliceDescriptorTag: 2, descriptorLength: 7, identifier: 0x66756675, privateBytes: Uint8Array.of(1, 2, 3) }]);
  const reserved = decodeSection(sectionBytes({ descriptors: [descriptorBytes(0x05, [9])] }));
  assert.deepStrictEqual(codes(reserved.issues), ['SCTE35_UNKNOWN_DESCRIPTOR']);
  assert.equal(reserved.value!.descriptors[0]!.type, 'unknown_descriptor');
});

test('time_descriptor and audio_descriptor', () => {
  const time = descriptorBytes(0x03, [0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x3b, 0x9a, 0xc9, 0xff, 0x00, 0x25]);
  const audio = descriptorBytes(0x04, [0x2f, 7, ...Buffer.from('eng'), 0b101_0010_1, 9, ...Buffer.from('fra'), 0b000_0001_0]);
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [time, audio] }));
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual(value!.descriptors, [
    { type: 'time_descriptor', spliceDescriptorTag: 3, descriptorLength: 16, identifier: 0x43554549, taiSeconds: 2 ** 32 + 2, taiNs: 999_999_999, utcOffset: 37 },
    {
      type: 'audio_descriptor',
      spliceDescriptorTag: 4,
      descriptorLength: 15,
      identifier: 0x43554549,
      audioComponents: [
        { componentTag: 7, isoCode: 'eng', bitStreamMode: 5, numChannels: 2, fullSrvcAudio: true },
        { componentTag: 9, isoCode: 'fra', bitStreamMode: 0, numChannels: 1, fullSrvcAudio: false },
      ],
    },
  ]);
});

test('encrypted sections: header decoded, payload kept, a warning; re-encodes byte for byte', () => {
  const bytes = sectionBytes({ encrypted: true, encryptionAlgorithm: 1, cwIndex: 3, command: [0xde, 0xad, 0xbe, 0xef, 1], descriptors: [[9, 9, 9, 9]], stuffing: [1, 2, 3, 4] });
  const { value, issues } = decodeSection(bytes);
  assert.deepStrictEqual(codes(issues), ['SCTE35_ENCRYPTED']);
  assert.equal(value!.encryptedPacket, true);
  assert.equal(value!.encryptionAlgorithm, 1);
  assert.equal(value!.cwIndex, 3);
  assert.equal(value!.spliceCommand, undefined);
  assert.deepStrictEqual(value!.descriptors, []);
  assert.deepStrictEqual([...value!.encryptedPayload!], [...bytes.subarray(13, bytes.length - 4)]);
  assert.equal(toHex(encodeSection(value!)), toHex(bytes));
});

test('legacy splice_command_length 0xFFF: the command is parsed to find its length', () => {
  const { value, issues } = decodeSection(sectionBytes({ commandLength: 0xfff, descriptors: [availBytes(4)] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_COMMAND_LENGTH_LEGACY']);
  assert.equal(issues[0]!.parsedLength, 5);
  assert.equal(value!.spliceCommandLength, 0xfff);
  assert.equal(value!.spliceCommand!.type, 'time_signal');
  assert.equal(value!.descriptors.length, 1);
  // A private command cannot be delimited that way.
  const p = decodeSection(sectionBytes({ commandType: 0xff, command: [0, 0, 0, 1, 5], commandLength: 0xfff }));
  assert.deepStrictEqual(fatal(p.issues), ['SCTE35_COMMAND_LENGTH_UNKNOWN']);
});

test('splice_command_length longer or shorter than the command', () => {
  const longer = decodeSection(sectionBytes({ command: [...timeSignalBytes(5), 0, 0], descriptors: [availBytes(1)] }));
  assert.deepStrictEqual(codes(longer.issues), ['SCTE35_COMMAND_LENGTH_MISMATCH']);
  assert.equal(longer.value!.descriptors.length, 1);
  const shorter = decodeSection(sectionBytes({ command: timeSignalBytes(5), commandLength: 3, descriptors: [] }));
  assert.ok(codes(shorter.issues).includes('SCTE35_COMMAND_OVERRUN'));
  assert.equal(shorter.value!.spliceCommand, undefined);
  const past = decodeSection(sectionBytes({ commandLength: 200 }));
  assert.deepStrictEqual(fatal(past.issues), ['SCTE35_COMMAND_OVERRUN']);
});

test('reserved command types are kept raw; private_command keeps its bytes', () => {
  const u = decodeSection(sectionBytes({ commandType: 0x09, command: [1, 2, 3] }));
  assert.deepStrictEqual(codes(u.issues), ['SCTE35_UNKNOWN_COMMAND']);
  assert.deepStrictEqual(u.value!.spliceCommand, { type: 'unknown', spliceCommandType: 9, raw: Uint8Array.of(1, 2, 3) });
  const p = decodeSection(sectionBytes({ commandType: 0xff, command: [0x43, 0x55, 0x45, 0x49, 7, 8] }));
  assert.deepStrictEqual(p.value!.spliceCommand, { type: 'private_command', identifier: 0x43554549, privateBytes: Uint8Array.of(7, 8) });
  for (const [type, cmd] of [[0x00, 'splice_null'], [0x07, 'bandwidth_reservation']] as const) {
    const r = decodeSection(sectionBytes({ commandType: type, command: [] }));
    assert.deepStrictEqual(r.issues, []);
    assert.deepStrictEqual(r.value!.spliceCommand, { type: cmd });
  }
});

test('splice_insert component mode, immediate and cancel', () => {
  // component mode, not immediate: two components with splice_time
  const comp = [0, 0, 0, 5, 0x7f, 0x8f, 2, 1, 0xfe, 0, 0, 0, 9, 2, 0x7f, 0, 1, 0, 0];
  const c = decodeSection(sectionBytes({ commandType: 0x05, command: comp }));
  assert.deepStrictEqual(c.issues, []);
  assert.deepStrictEqual((c.value!.spliceCommand as SpliceInsert).components, [
    { componentTag: 1, spliceTime: { timeSpecifiedFlag: true, ptsTime: 9 } },
    { componentTag: 2, spliceTime: { timeSpecifiedFlag: false } },
  ]);
  const imm = decodeSection(sectionBytes({ commandType: 0x05, command: spliceInsertBytes({ immediate: true, out: false }) }));
  assert.deepStrictEqual(imm.issues, []);
  assert.equal((imm.value!.spliceCommand as SpliceInsert).spliceTime, undefined);
  const cancel = decodeSection(sectionBytes({ commandType: 0x05, command: [0, 0, 0, 5, 0xff] }));
  assert.deepStrictEqual(cancel.value!.spliceCommand, { type: 'splice_insert', spliceEventId: 5, spliceEventCancelIndicator: true, eventIdComplianceFlag: true });
});

test('splice_schedule with program and component events', () => {
  const cmd = [3, 0, 0, 0, 1, 0x7f, 0xdf, 0x5f, 0x3f, 0x22, 0x41, 0, 1, 2, 3, 0, 0, 0, 2, 0xbf, 0, 0, 0, 3, 0x7f, 0xbf, 1, 5, 0, 0, 0, 9, 0xfe, 0, 0, 0, 10, 0, 7, 0, 0];
  const { value, issues } = decodeSection(sectionBytes({ commandType: 0x04, command: cmd }));
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual((value!.spliceCommand as SpliceSchedule).events, [
    { spliceEventId: 1, spliceEventCancelIndicator: false, eventIdComplianceFlag: true, outOfNetworkIndicator: true, programSpliceFlag: true, durationFlag: false, utcSpliceTime: 0x5f3f2241, uniqueProgramId: 1, availNum: 2, availsExpected: 3 },
    { spliceEventId: 2, spliceEventCancelIndicator: true, eventIdComplianceFlag: false },
    {
      spliceEventId: 3,
      spliceEventCancelIndicator: false,
      eventIdComplianceFlag: true,
      outOfNetworkIndicator: true,
      programSpliceFlag: false,
      durationFlag: true,
      components: [{ componentTag: 5, utcSpliceTime: 9 }],
      breakDuration: { autoReturn: true, duration: 10 },
      uniqueProgramId: 7,
      availNum: 0,
      availsExpected: 0,
    },
  ]);
});

test('reserved bits that are not ones are a warning', () => {
  const { issues } = decodeSection(sectionBytes({ command: [0x80, 0, 0, 0, 1] }));
  assert.deepStrictEqual(codes(issues), ['SCTE35_RESERVED_BITS']);
  assert.equal(issues[0]!.field, 'splice_time');
});

test('sub_segment fields: read for the types that carry them when there is room; a warning when not', () => {
  const withSub = decodeSection(sectionBytes({ descriptors: [segmentationBytes({ typeId: 0x46, sub: [3, 4] })] }));
  assert.deepStrictEqual(withSub.issues, []);
  const seg = withSub.value!.descriptors[0] as SegmentationDescriptor;
  assert.deepStrictEqual([seg.segmentationTypeName, seg.subSegmentNum, seg.subSegmentsExpected], ['Distributor Ad Block Start', 3, 4]);
  const without = decodeSection(sectionBytes({ descriptors: [segmentationBytes({ typeId: 0x34 })] }));
  assert.deepStrictEqual(codes(without.issues), ['SCTE35_SUB_SEGMENT_MISSING']);
  assert.equal('subSegmentNum' in (without.value!.descriptors[0] as object), false);
  const notCarried = decodeSection(sectionBytes({ descriptors: [segmentationBytes({ typeId: 0x10, sub: [1, 1] })] }));
  assert.deepStrictEqual(codes(notCarried.issues), ['SCTE35_DESCRIPTOR_LENGTH_MISMATCH']);
});

test('segmentation types are named from Table 23, including 0x02, 0x44-0x47, 0x50/0x51', () => {
  const names: [number, string][] = [
    [0x02, 'Call Ad Server'],
    [0x44, 'Provider Ad Block Start'],
    [0x45, 'Provider Ad Block End'],
    [0x46, 'Distributor Ad Block Start'],
    [0x47, 'Distributor Ad Block End'],
    [0x50, 'Network Start'],
    [0x51, 'Network End'],
    [0x99, 'Reserved'],
  ];
  for (const [id, name] of names) {
    const d = decodeSection(sectionBytes({ descriptors: [segmentationBytes({ typeId: id })] })).value!.descriptors[0] as SegmentationDescriptor;
    assert.equal(d.segmentationTypeName, name);
  }
});

test('a cancelled segmentation descriptor and one with components, duration and restrictions', () => {
  const cancel = descriptorBytes(0x02, [0, 0, 0, 9, 0xbf]);
  const full = descriptorBytes(0x02, [0, 0, 0, 8, 0x7f, 0x4a, 2, 1, 0xff, 0, 0, 0, 5, 2, 0xfe, 0, 0, 0, 6, 0x01, 0, 0, 0, 0x10, 0x00, 0, 0x22, 1, 2]);
  const { value, issues } = decodeSection(sectionBytes({ descriptors: [cancel, full] }));
  assert.deepStrictEqual(issues, []);
  assert.deepStrictEqual(value!.descriptors[0], { type: 'segmentation_descriptor', spliceDescriptorTag: 2, descriptorLength: 9, identifier: 0x43554549, segmentationEventId: 9, segmentationEventCancelIndicator: true, segmentationEventIdComplianceIndicator: false });
  const d = value!.descriptors[1] as SegmentationDescriptor;
  assert.deepStrictEqual(
    { ...d, segmentationUpid: undefined },
    {
      type: 'segmentation_descriptor',
      spliceDescriptorTag: 2,
      descriptorLength: 33,
      identifier: 0x43554549,
      segmentationEventId: 8,
      segmentationEventCancelIndicator: false,
      segmentationEventIdComplianceIndicator: true,
      programSegmentationFlag: false,
      segmentationDurationFlag: true,
      deliveryNotRestrictedFlag: false,
      webDeliveryAllowedFlag: false,
      noRegionalBlackoutFlag: true,
      archiveAllowedFlag: false,
      deviceRestrictions: 2,
      components: [
        { componentTag: 1, ptsOffset: 2 ** 32 + 5 },
        { componentTag: 2, ptsOffset: 6 },
      ],
      segmentationDuration: 2 ** 32 + 0x10,
      segmentationUpid: undefined,
      segmentationTypeId: 0x22,
      segmentationTypeName: 'Break Start',
      segmentNum: 1,
      segmentsExpected: 2,
    },
  );
});

test('text input: base64 (padding optional, URL-safe, white space) and hex (0x optional, any case) are told apart', () => {
  const bytes = rich();
  const expected = decodeSection(bytes);
  const b64 = toBase64(bytes);
  const variants = [b64, b64.replace(/=+$/, ''), b64.replace(/\+/g, '-').replace(/\//g, '_'), ` ${b64.slice(0, 10)}\n${b64.slice(10)} `, toHex(bytes), `0x${toHex(bytes).toUpperCase()}`, `  ${toHex(bytes)}\n`];
  for (const t of variants) assert.deepStrictEqual(decode(t), expected, t);
  assert.deepStrictEqual(decodeBase64(b64), expected);
  assert.deepStrictEqual(decodeHex(`0x${toHex(bytes)}`), expected);
});

test('text input that is not a section', () => {
  assert.deepStrictEqual(codes(decode('').issues), ['SCTE35_EMPTY']);
  assert.deepStrictEqual(codes(decode('  \n').issues), ['SCTE35_EMPTY']);
  assert.deepStrictEqual(codes(decode('not base64!').issues), ['SCTE35_NOT_BASE64_OR_HEX']);
  assert.deepStrictEqual(codes(decodeHex('abc').issues), ['SCTE35_NOT_BASE64_OR_HEX']);
  assert.deepStrictEqual(codes(decodeBase64('A').issues), ['SCTE35_NOT_BASE64_OR_HEX']);
  assert.deepStrictEqual(codes(decodeSection(new Uint8Array(0)).issues), ['SCTE35_EMPTY']);
  // Base64 text that is not SCTE-35 (the MediaTailor docs' second xml+bin Event).
  const r = decode('QW5vdGhlciB0ZXN0IHN0cmluZyBmb3IgZW5jb2RpbmcgdG8gQmFzZTY0IGVuY29kZWQgYmluYXJ5Lg==');
  assert.ok(codes(r.issues).includes('SCTE35_TABLE_ID'));
});

test('decode never throws on random bytes or random text', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = decodeSection(bytes);
      assert.ok(Array.isArray(r.issues));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 3, maxLength: 120 }), (tail) => {
      // Random bytes behind a plausible header reach deeper into the decoder.
      const bytes = Uint8Array.from([0xfc, 0x30, tail.length - 3 + 3, ...tail]);
      const r = decodeSection(bytes);
      assert.ok(r.issues.length >= 0);
    }),
    { numRuns: 3000 },
  );
  fc.assert(fc.property(fc.string(), (text) => void decode(text)), { numRuns: 1000 });
});

test('decode never throws on any truncation of a valid section, and reports it', () => {
  fc.assert(
    fc.property(sectionArb(), fc.nat(), (section, cut) => {
      const bytes = encodeSection(section);
      const n = cut % bytes.length;
      const r = decodeSection(bytes.subarray(0, n));
      assert.ok(r.issues.length > 0, 'a strict prefix always has an issue');
      assert.ok(r.issues.some((i) => i.code === 'SCTE35_TRUNCATED' || i.code === 'SCTE35_EMPTY'));
    }),
    { numRuns: 500 },
  );
});

test('decoded byte fields are views of the input (no copies)', () => {
  const bytes = rich();
  const { value } = decodeSection(bytes);
  assert.equal(value!.raw.buffer, bytes.buffer);
  const seg = value!.descriptors[1] as SegmentationDescriptor;
  assert.equal(seg.segmentationUpid!.raw.buffer, bytes.buffer);
});
