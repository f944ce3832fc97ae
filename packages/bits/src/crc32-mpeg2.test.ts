import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crc32Mpeg2, crc32Mpeg2Next24 } from './crc32-mpeg2.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

test('matches the CRC-32/MPEG-2 check value for "123456789"', () => {
  // Catalogue of parametrised CRC algorithms: CRC-32/MPEG-2 check = 0x0376E6E7.
  assert.equal(crc32Mpeg2(ascii('123456789')), 0x0376e6e7);
  assert.equal(crc32Mpeg2(new Uint8Array(0)), 0xffffffff);
});

test('a section including its own CRC checks to zero, and ranges are honoured', () => {
  const section = Uint8Array.of(1, 2, 3, 4);
  const crc = crc32Mpeg2(section);
  const withCrc = Uint8Array.of(...section, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255);
  assert.equal(crc32Mpeg2(withCrc), 0);
  const padded = Uint8Array.of(9, 9, ...section, 9);
  assert.equal(crc32Mpeg2(padded, 2, 6), crc);
});

test('a CRC continues from a prefix, and three bytes at a time gives the same CRC', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(100), (bytes, cut) => {
      const at = Math.min(cut, bytes.length);
      assert.equal(crc32Mpeg2(bytes, at, bytes.length, crc32Mpeg2(bytes, 0, at)), crc32Mpeg2(bytes));
      let crc = crc32Mpeg2(new Uint8Array(0));
      let i = 0;
      for (; i + 3 <= bytes.length; i += 3) crc = crc32Mpeg2Next24(crc, (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!);
      assert.equal(crc32Mpeg2(bytes, i, bytes.length, crc), crc32Mpeg2(bytes));
    }),
  );
});
