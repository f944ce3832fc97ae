import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BitReader } from './bit-reader.ts';
import { BitWriter } from './bit-writer.ts';

test('reads MSB-first fields across byte boundaries', () => {
  const r = new BitReader(Uint8Array.of(0b1010_1100, 0b0101_1111, 0xff, 0x00));
  assert.equal(r.bits(1), 1);
  assert.equal(r.flag(), false);
  assert.equal(r.bits(4), 0b1011);
  assert.equal(r.bits(6), 0b00_0101);
  assert.equal(r.bitPos, 12);
  assert.equal(r.bitsLeft, 20);
  assert.equal(r.bytesLeft, 2);
  assert.equal(r.byteAligned, false);
  assert.equal(r.bits(4), 0b1111);
  assert.equal(r.byteAligned, true);
  assert.equal(r.bytePos, 2);
  assert.equal(r.u16(), 0xff00);
});

test('reads 32-bit and 33-bit values without sign trouble', () => {
  const r = new BitReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0, 0x01));
  assert.equal(r.u32(), 0xffffffff);
  // 33 bits: 1 then 32 zero bits -> 2 ** 32
  assert.equal(r.bigBits(33), 2 ** 32);
  assert.equal(r.bits(7), 1);
  assert.equal(r.bits(0), 0);
  assert.equal(new BitReader(Uint8Array.of(7)).bigBits(8), 7);
});

test('honours byteOffset of a view and its own bounds', () => {
  const backing = Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd);
  const view = backing.subarray(1, 3);
  const r = new BitReader(view);
  assert.equal(r.u8(), 0xbb);
  assert.equal(r.u8(), 0xcc);
  assert.throws(() => r.u8(), RangeError);
  const bounded = new BitReader(backing, 1, 2);
  assert.equal(bounded.u8(), 0xbb);
  assert.throws(() => bounded.bits(1), /passes the end/);
  assert.throws(() => new BitReader(backing, 3, 2), RangeError);
  assert.throws(() => new BitReader(backing, 0, 5), RangeError);
  assert.throws(() => new BitReader(backing, -1), RangeError);
});

test('rejects widths it cannot return exactly', () => {
  const r = new BitReader(new Uint8Array(16));
  assert.throws(() => r.bits(33), RangeError);
  assert.throws(() => r.bits(-1), RangeError);
  assert.throws(() => r.bigBits(54), RangeError);
  assert.throws(() => r.bigBits(-1), RangeError);
});

test('byte reads need alignment and stay in bounds', () => {
  const r = new BitReader(Uint8Array.of(1, 2, 3, 4, 5));
  const copy = r.bytesCopy(2);
  assert.deepEqual([...copy], [1, 2]);
  const view = r.bytesView(1);
  assert.equal(view[0], 3);
  r.skip(4);
  assert.throws(() => r.bytesView(1), /unaligned/);
  assert.throws(() => r.sub(1), /unaligned/);
  r.skip(4);
  assert.throws(() => r.bytesCopy(2), RangeError);
  assert.throws(() => r.skip(9), RangeError);
});

test('a sub-reader is bounded to its bytes and the parent moves past them', () => {
  const r = new BitReader(Uint8Array.of(2, 0xaa, 0xbb, 0xcc));
  const len = r.u8();
  const inner = r.sub(len);
  assert.equal(inner.u8(), 0xaa);
  assert.equal(inner.u8(), 0xbb);
  assert.throws(() => inner.u8(), RangeError);
  assert.equal(r.u8(), 0xcc);
  assert.throws(() => r.sub(1), RangeError);
});

test('writer and reader agree on any field layout (property)', () => {
  const field = fc.integer({ min: 1, max: 53 }).chain((n) =>
    fc.tuple(fc.constant(n), fc.bigInt({ min: 0n, max: (1n << BigInt(n)) - 1n }).map(Number)),
  );
  fc.assert(
    fc.property(fc.array(field, { maxLength: 40 }), (fields) => {
      const w = new BitWriter(1);
      for (const [n, v] of fields) w.bigBits(n, v);
      const r = new BitReader(w.finish());
      for (const [n, v] of fields) assert.equal(r.bigBits(n), v);
      assert.ok(r.bitsLeft < 8);
    }),
  );
});
