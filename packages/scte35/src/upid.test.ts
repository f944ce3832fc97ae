import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromHex } from '@adsplice/bits';
import { decodeUpid, upidBytes, upidBytesFromValue } from './upid.ts';
import { formatEidr, formatIsan, formatUuid, mod3736Check, parseEidr, parseIsan, parseUuid } from './upid-format.ts';
import { upidArb } from './testing/arbitraries.ts';

const hex = (h: string) => fromHex(h)!;
const value = (type: number, h: string) => decodeUpid(type, hex(h)).value.value;

test('ISO 7064 MOD 37,36 check characters match published EIDR and ISAN examples', () => {
  assert.equal(mod3736Check('779185342C2390308610'), '5'); // 10.5240/7791-8534-2C23-9030-8610-5
  assert.equal(mod3736Check('00000000D07A0090'), 'Q'); // ISAN 0000-0000-D07A-0090-Q-0000-0000-X
  assert.equal(mod3736Check('00000000D07A009000000000'), 'X');
});

test('EIDR, ISAN and UUID render in their canonical forms and parse back', () => {
  assert.equal(value(0x0a, '1478779185342c2390308610'), '10.5240/7791-8534-2C23-9030-8610-5');
  assert.equal(value(0x06, '00000000d07a009000000000'), 'ISAN 0000-0000-D07A-0090-Q-0000-0000-X');
  assert.equal(value(0x05, '00000000d07a0090'), 'ISAN 0000-0000-D07A-0090-Q');
  assert.equal(value(0x10, '0123456789abcdef0123456789abcdef'), '01234567-89ab-cdef-0123-456789abcdef');
  assert.deepStrictEqual(parseEidr('10.5240/7791-8534-2C23-9030-8610-5'), hex('1478779185342c2390308610'));
  assert.deepStrictEqual(parseEidr('10.5240/7791-8534-2C23-9030-8610'), hex('1478779185342c2390308610'));
  assert.equal(parseEidr('10.5240/7791-8534-2C23-9030-8610-6'), undefined, 'a wrong check character is refused');
  assert.deepStrictEqual(parseIsan('0000-0000-D07A-0090-Q-0000-0000-X'), hex('00000000d07a009000000000'));
  assert.equal(parseIsan('ISAN 0000-0000-D07A-0090-R'), undefined);
  assert.deepStrictEqual(parseUuid('0123456789ABCDEF0123456789ABCDEF'), hex('0123456789abcdef0123456789abcdef'));
  fc.assert(fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (b) => assert.deepStrictEqual(parseEidr(formatEidr(b)), b)));
  fc.assert(fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (b) => assert.deepStrictEqual(parseIsan(formatIsan(b)), b)));
  fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => assert.deepStrictEqual(parseUuid(formatUuid(b)), b)));
});

test('text UPIDs are text, binary ones "0x" hex', () => {
  assert.equal(value(0x03, Buffer.from('ABCD0123456H').toString('hex')), 'ABCD0123456H'); // Ad-ID
  assert.equal(value(0x09, Buffer.from('SIGNAL:x').toString('hex')), 'SIGNAL:x'); // ADI
  assert.equal(value(0x0f, Buffer.from('urn:uuid:1').toString('hex')), 'urn:uuid:1'); // URI
  assert.equal(value(0x08, '000000002ca0a18a'), '0x000000002ca0a18a'); // TI
  assert.equal(value(0x04, '00'.repeat(32)), '0x' + '00'.repeat(32)); // UMID
  assert.equal(value(0x01, Buffer.from('HD112348T1').toString('hex')), 'HD112348T1'); // user defined, printable
  assert.equal(value(0x01, '0102'), '0x0102'); // user defined, binary
  assert.equal(value(0x01, Buffer.from('0x12').toString('hex')), '0x30783132', 'text that reads as hex is rendered as hex');
  assert.equal(value(0x20, 'ab'), '0xab');
  assert.equal(decodeUpid(0x20, hex('ab')).value.segmentationUpidTypeName, 'Reserved');
  assert.equal(value(0x00, ''), '');
});

test('a length that does not fit the type is a warning and a hex rendering', () => {
  const r = decodeUpid(0x08, hex('01020304050607'));
  assert.deepStrictEqual(r.issues.map((i) => i.code), ['SCTE35_UPID_LENGTH_MISMATCH']);
  assert.equal(r.issues[0]!.expectedLength, 8);
  assert.equal(r.value.value, '0x01020304050607');
  assert.deepStrictEqual(decodeUpid(0x0c, hex('0102')).issues.map((i) => i.code), ['SCTE35_UPID_LENGTH_MISMATCH']);
  assert.deepStrictEqual(decodeUpid(0x0b, hex('01')).issues.map((i) => i.code), ['SCTE35_UPID_LENGTH_MISMATCH']);
});

test('MID holds its UPIDs, decoded in turn', () => {
  const mid = '0808000000002ca0a18a' + '0903' + Buffer.from('abc').toString('hex');
  const { value: u, issues } = decodeUpid(0x0d, hex(mid));
  assert.deepStrictEqual(issues, []);
  assert.equal(u.segmentationUpidTypeName, 'MID');
  assert.deepStrictEqual(
    u.upids!.map((x) => [x.segmentationUpidType, x.segmentationUpidTypeName, x.segmentationUpidLength, x.value]),
    [
      [8, 'TI', 8, '0x000000002ca0a18a'],
      [9, 'ADI', 3, 'abc'],
    ],
  );
  const broken = decodeUpid(0x0d, hex('0808000000'));
  assert.deepStrictEqual(broken.issues.map((i) => i.code), ['SCTE35_UPID_LENGTH_MISMATCH']);
  assert.deepStrictEqual(broken.value.upids, []);
});

test('MPU and ATSC content identifier fields', () => {
  const mpu = decodeUpid(0x0c, hex('41444652' + '0133a2')).value;
  assert.equal(mpu.formatIdentifier, 0x41444652); // 'ADFR'
  assert.deepStrictEqual(mpu.privateData, hex('0133a2'));
  const atsc = decodeUpid(0x0b, hex('00f1' + 'ef' + 'ff' + Buffer.from('human012').toString('hex'))).value;
  assert.deepStrictEqual([atsc.tsid, atsc.endOfDay, atsc.uniqueFor], [241, 23, 511]);
  assert.deepStrictEqual(atsc.contentId, Uint8Array.from(Buffer.from('human012')));
  assert.deepStrictEqual(decodeUpid(0x0b, hex('00f1' + '2f' + 'ff')).issues.map((i) => i.code), ['SCTE35_RESERVED_BITS']);
});

test('every UPID value parses back to its bytes', () => {
  fc.assert(
    fc.property(upidArb, (u) => {
      const d = decodeUpid(u.segmentationUpidType, u.raw!).value;
      assert.deepStrictEqual(upidBytesFromValue(d.segmentationUpidType, d.value), u.raw);
      assert.deepStrictEqual(upidBytes({ segmentationUpidType: d.segmentationUpidType, value: d.value }), u.raw);
    }),
    { numRuns: 2000 },
  );
});

test('UPID bytes from structured fields', () => {
  assert.deepStrictEqual(upidBytes({ segmentationUpidType: 0x0c, formatIdentifier: 0x41444652, privateData: hex('01') }), hex('4144465201'));
  assert.deepStrictEqual(upidBytes({ segmentationUpidType: 0x0b, tsid: 241, endOfDay: 23, uniqueFor: 511, contentId: hex('41') }), hex('00f1efff41'));
  assert.deepStrictEqual(
    upidBytes({ segmentationUpidType: 0x0d, upids: [{ segmentationUpidType: 0x09, value: 'ab' }, { segmentationUpidType: 0x0a, value: '10.5240/7791-8534-2C23-9030-8610-5' }] }),
    hex('09026162' + '0a0c' + '1478779185342c2390308610'),
  );
  assert.deepStrictEqual(upidBytes({ segmentationUpidType: 0 }), new Uint8Array(0));
  assert.throws(() => upidBytes({ segmentationUpidType: 0x08, value: 'not hex' }), /segmentationUpid \(type 8\): value "not hex" is not a valid TI rendering/);
  assert.throws(() => upidBytes({ segmentationUpidType: 0x09, value: 'x'.repeat(256) }), /do not fit segmentation_upid_length/);
  assert.throws(() => upidBytes({ segmentationUpidType: 256, raw: new Uint8Array(0) }), /segmentationUpidType: 256/);
});
