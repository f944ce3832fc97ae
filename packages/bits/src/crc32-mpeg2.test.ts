import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32Mpeg2 } from './crc32-mpeg2.ts';

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
