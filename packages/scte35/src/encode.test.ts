import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toBase64, toHex } from '@adsplice/bits';
import { decode, decodeSection } from './decode.ts';
import { encodeBase64, encodeSection } from './encode.ts';
import { sectionFromJson, sectionToJson } from './json.ts';
import { sectionArb, stripDerived } from './testing/arbitraries.ts';
import type { SegmentationDescriptor, SpliceInfoSectionInput } from './types.ts';

test('encode∘decode is the identity on generated valid sections (every command and descriptor)', () => {
  fc.assert(
    fc.property(sectionArb(), (input) => {
      const bytes = encodeSection(input);
      const { value, issues } = decodeSection(bytes);
      assert.ok(value);
      assert.deepStrictEqual(
        issues.filter((i) => i.severity === 'fatal'),
        [],
      );
      assert.ok(issues.every((i) => ['SCTE35_UNKNOWN_COMMAND', 'SCTE35_UNKNOWN_DESCRIPTOR', 'SCTE35_SUB_SEGMENT_MISSING'].includes(i.code)), JSON.stringify(issues));
      assert.deepStrictEqual(stripDerived(value), input);
      assert.equal(toHex(encodeSection(value)), toHex(bytes), 'a decoded section re-encodes byte for byte');
      assert.equal(value.crcValid, true);
      assert.equal(value.sectionLength, bytes.length - 3);
    }),
    { numRuns: 1500 },
  );
});

test('the JSON form round-trips a decoded section', () => {
  fc.assert(
    fc.property(sectionArb(), (input) => {
      const value = decodeSection(encodeSection(input)).value!;
      assert.deepStrictEqual(sectionFromJson(JSON.parse(JSON.stringify(sectionToJson(value)))), decodeSection(value.raw.slice()).value);
    }),
    { numRuns: 200 },
  );
});

test('defaults: a minimal cue we author', () => {
  const input: SpliceInfoSectionInput = {
    spliceCommand: { type: 'splice_insert', spliceEventId: 42, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, spliceTime: { timeSpecifiedFlag: true, ptsTime: 900_000 }, breakDuration: { autoReturn: true, duration: 2_700_000 } },
    descriptors: [{ type: 'segmentation_descriptor', segmentationEventId: 1, segmentationEventCancelIndicator: false, segmentationTypeId: 0x34, segmentationUpid: { segmentationUpidType: 0x0a, value: '10.5240/7791-8534-2C23-9030-8610-5' }, segmentationDuration: 2_700_000 }],
  };
  const { value, issues } = decode(encodeBase64(input));
  assert.deepStrictEqual(issues.map((i) => i.code), ['SCTE35_SUB_SEGMENT_MISSING']);
  assert.deepStrictEqual([value!.tableId, value!.sapType, value!.tier, value!.ptsAdjustment, value!.cwIndex, value!.protocolVersion], [0xfc, 3, 0xfff, 0, 0, 0]);
  assert.deepStrictEqual(value!.spliceCommand, {
    type: 'splice_insert',
    spliceEventId: 42,
    spliceEventCancelIndicator: false,
    eventIdComplianceFlag: true,
    outOfNetworkIndicator: true,
    programSpliceFlag: true,
    durationFlag: true,
    spliceImmediateFlag: false,
    spliceTime: { timeSpecifiedFlag: true, ptsTime: 900_000 },
    breakDuration: { autoReturn: true, duration: 2_700_000 },
    uniqueProgramId: 0,
    availNum: 0,
    availsExpected: 0,
  });
  const seg = value!.descriptors[0] as SegmentationDescriptor;
  assert.equal(seg.identifier, 0x43554549);
  assert.equal(seg.deliveryNotRestrictedFlag, true);
  assert.equal(seg.segmentationUpid!.value, '10.5240/7791-8534-2C23-9030-8610-5');
  assert.equal(seg.segmentationUpid!.segmentationUpidLength, 12);
  assert.equal(encodeBase64(input), toBase64(encodeSection(input)));
});

test('the spec 14.2 splice_insert, authored field by field, gives the published bytes', () => {
  const bytes = encodeSection({
    cwIndex: 0xff,
    spliceCommand: { type: 'splice_insert', spliceEventId: 0x4800008f, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, spliceTime: { timeSpecifiedFlag: true, ptsTime: 0x07369c02e }, breakDuration: { autoReturn: true, duration: 0x00052ccf5 } },
    descriptors: [{ type: 'avail_descriptor', providerAvailId: 309 }],
  });
  assert.equal(toBase64(bytes), '/DAvAAAAAAAA///wFAVIAACPf+/+c2nALv4AUsz1AAAAAAAKAAhDVUVJAAABNWLbowo=');
});

const insert = (extra: object) => ({ spliceCommand: { type: 'splice_insert', spliceEventId: 1, spliceEventCancelIndicator: false, spliceTime: { timeSpecifiedFlag: true, ptsTime: 0 }, ...extra } }) as SpliceInfoSectionInput;

test('values too big for their field are RangeErrors naming the field', () => {
  const cases: [SpliceInfoSectionInput, RegExp][] = [
    [{ spliceCommand: { type: 'time_signal', spliceTime: { timeSpecifiedFlag: true, ptsTime: 2 ** 33 } } }, /time_signal\.spliceTime\.ptsTime: 8589934592 does not fit in 33 unsigned bits/],
    [{ spliceCommand: { type: 'time_signal', spliceTime: { timeSpecifiedFlag: true } } }, /time_signal\.spliceTime\.ptsTime is required/],
    [insert({ spliceEventId: 2 ** 32 }), /splice_insert\.spliceEventId: 4294967296 does not fit in 32 unsigned bits/],
    [insert({ spliceEventId: -1 }), /splice_insert\.spliceEventId: -1 does not fit/],
    [insert({ spliceEventId: 1.5 }), /splice_insert\.spliceEventId: 1.5 does not fit/],
    [insert({ breakDuration: { autoReturn: true, duration: 2 ** 33 } }), /splice_insert\.breakDuration\.duration/],
    [insert({ durationFlag: true }), /splice_insert\.durationFlag is true but splice_insert\.breakDuration is missing/],
    [insert({ spliceImmediateFlag: true }), /spliceTime is given but spliceImmediateFlag is true/],
    [insert({ availNum: 256 }), /splice_insert\.availNum: 256/],
    [{ ...insert({}), tier: 0x1000 }, /tier: 4096 does not fit in 12 unsigned bits/],
    [{ ...insert({}), ptsAdjustment: 2 ** 33 }, /ptsAdjustment/],
    [{ ...insert({}), sapType: 4 }, /sapType/],
    [{}, /spliceCommand is required/],
    [{ encryptedPacket: true, spliceCommandLength: 1 }, /encryptedPayload is required/],
    [{ ...insert({}), descriptors: [{ type: 'dtmf_descriptor', preroll: 1, dtmfChars: '12345678' }] }, /DTMF_descriptor\.dtmfChars\.length: 8 does not fit in 3 unsigned bits/],
    [{ ...insert({}), descriptors: [{ type: 'audio_descriptor', audioComponents: [{ componentTag: 1, isoCode: 'en', bitStreamMode: 0, numChannels: 2, fullSrvcAudio: true }] }] }, /isoCode: "en" must be 3 characters/],
    [{ ...insert({}), descriptors: [{ type: 'segmentation_descriptor', segmentationEventId: 1, segmentationEventCancelIndicator: false, segmentationTypeId: 0x30, segmentationDuration: 2 ** 40 }] }, /segmentation_descriptor\.segmentationDuration/],
    [{ ...insert({}), descriptors: [{ type: 'segmentation_descriptor', segmentationEventId: 1, segmentationEventCancelIndicator: false }] }, /segmentation_descriptor\.segmentationTypeId is required/],
    [{ ...insert({}), descriptors: [{ type: 'segmentation_descriptor', segmentationEventId: 1, segmentationEventCancelIndicator: false, segmentationTypeId: 0x10, subSegmentNum: 1 }] }, /segmentation_type_id 0x10 does not carry subSegmentNum/],
    [{ ...insert({}), descriptors: [{ type: 'segmentation_descriptor', segmentationEventId: 1, segmentationEventCancelIndicator: false, segmentationTypeId: 0x10, segmentationUpid: { segmentationUpidType: 0x0f, raw: new Uint8Array(250) } }] }, /descriptors\[0\]: descriptor_length \d+ does not fit in 8 bits/],
    [{ ...insert({}), descriptors: [{ type: 'avail_descriptor', providerAvailId: 1, identifier: 1 }] }, /has the CUEI identifier/],
    [{ ...insert({}), descriptors: [{ type: 'unknown_descriptor', spliceDescriptorTag: 300, identifier: 1, privateBytes: new Uint8Array(0) }] }, /descriptors\[0\]\.spliceDescriptorTag: 300/],
    [{ ...insert({}), descriptors: Array.from({ length: 20 }, () => ({ type: 'unknown_descriptor' as const, spliceDescriptorTag: 9, identifier: 1, privateBytes: new Uint8Array(250) })) }, /section_length 5\d\d\d exceeds 4093/],
    [{ spliceCommand: { type: 'private_command', identifier: 1, privateBytes: new Uint8Array(4095) } }, /splice_command_length 4099 does not fit in 12 bits/],
  ];
  for (const [input, message] of cases) assert.throws(() => encodeSection(input), (err: unknown) => err instanceof RangeError && message.test(err.message), String(message));
});

test('encrypted sections pass their payload through', () => {
  const bytes = encodeSection({ encryptedPacket: true, encryptionAlgorithm: 2, cwIndex: 7, spliceCommandLength: 5, encryptedPayload: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) });
  const { value, issues } = decodeSection(bytes);
  assert.deepStrictEqual(issues.map((i) => i.code), ['SCTE35_ENCRYPTED']);
  assert.deepStrictEqual([...value!.encryptedPayload!], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(value!.crcValid, true);
});
