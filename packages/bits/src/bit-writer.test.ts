import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitWriter } from './bit-writer.ts';

test('writes MSB-first fields and pads the last byte with zeros', () => {
  const w = new BitWriter(1);
  w.bits(1, 1).flag(false).bits(4, 0b1011).bits(6, 0b000101).bits(5, 0b11111);
  assert.equal(w.bitLength, 17);
  assert.equal(w.byteLength, 3);
  assert.equal(w.byteAligned, false);
  w.bits(7, 0);
  assert.deepEqual([...w.finish()], [0b1010_1100, 0b0101_1111, 0b1000_0000]);
});

test('writes 32-bit and 33-bit values exactly', () => {
  const w = new BitWriter();
  w.u32(0xffffffff).bigBits(33, 2 ** 32).bits(7, 0).bigBits(16, 0x1234).u8(0xfe).u16(0xbeef);
  assert.deepEqual([...w.finish()], [0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0, 0, 0x12, 0x34, 0xfe, 0xbe, 0xef]);
});

test('refuses values that do not fit their field', () => {
  const w = new BitWriter();
  assert.throws(() => w.bits(4, 16), /does not fit/);
  assert.throws(() => w.bits(4, -1), /does not fit/);
  assert.throws(() => w.bits(8, 1.5), /does not fit/);
  assert.throws(() => w.bits(32, 2 ** 32), /does not fit/);
  assert.throws(() => w.bits(33, 0), RangeError);
  assert.throws(() => w.bits(-1, 0), RangeError);
  assert.throws(() => w.bigBits(54, 0), RangeError);
  assert.throws(() => w.bigBits(-1, 0), RangeError);
  assert.throws(() => w.bigBits(33, 2 ** 33), /does not fit/);
  assert.throws(() => w.bigBits(40, -5), /does not fit/);
});

test('ones() fills reserved bits, bytes() appends aligned data and grows the buffer', () => {
  const w = new BitWriter(1);
  w.ones(3).bits(5, 0);
  w.ones(40);
  w.bytes(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
  assert.deepEqual([...w.finish()], [0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  w.bits(1, 1);
  assert.throws(() => w.bytes(Uint8Array.of(1)), /unaligned/);
});

test('patchU16 back-patches a length already written', () => {
  const w = new BitWriter();
  w.u8(0xfc).u16(0).u8(9);
  w.patchU16(1, 0x3034);
  assert.deepEqual([...w.finish()], [0xfc, 0x30, 0x34, 9]);
  assert.throws(() => w.patchU16(3, 1), RangeError);
  assert.throws(() => w.patchU16(-1, 1), RangeError);
  assert.throws(() => w.patchU16(0, 0x10000), /16 bits/);
});
