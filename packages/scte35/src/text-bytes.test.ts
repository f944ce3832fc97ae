import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crc32Mpeg2, fromBase64, toBase64 } from '@adsplice/bits';
import { base64Bytes, type CrcPrefix } from './text-bytes.ts';

const fresh = (): CrcPrefix => ({ end: 0, crc: 0xffffffff });

test('canonical and forgiving base64 give the bytes fromBase64 gives, and the CRC prefix is the CRC of those bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.constantFrom('std', 'url', 'nopad', 'space'), (bytes, form) => {
      let text = toBase64(bytes);
      if (form === 'url') text = text.replace(/\+/g, '-').replace(/\//g, '_');
      if (form === 'nopad') text = text.replace(/=+$/, '');
      if (form === 'space') text = ` ${text}\n`;
      const prefix = fresh();
      const out = base64Bytes(text, prefix)!;
      assert.deepEqual(out, fromBase64(text));
      const sectionEnd = 3 + (((bytes[1] ?? 0) & 0x0f) << 8) + (bytes[2] ?? 0);
      assert.ok(prefix.end <= Math.min(sectionEnd, bytes.length));
      assert.equal(prefix.crc, crc32Mpeg2(out, 0, prefix.end));
    }),
  );
});

test('text that is not base64 gives undefined, on the canonical path too', () => {
  for (const text of ['AQ*=', 'AQI\u00e9', 'AQ=A', 'A===', 'AQIDBA\u0100AA']) assert.equal(base64Bytes(text, fresh()), fromBase64(text), text);
  assert.deepEqual(base64Bytes('AQID', fresh()), Uint8Array.of(1, 2, 3));
});

test('canonical base64 takes the one-pass path, padded, unpadded or neither: the CRC is run on the way', () => {
  // A section of 3 + 9 bytes: whole three-byte groups inside it are CRC'd while decoding.
  const section = Uint8Array.of(0xfc, 0x30, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  const forms = [section, section.subarray(0, 10), section.subarray(0, 11)].flatMap((bytes) => [
    { bytes, text: toBase64(bytes) },
    { bytes, text: toBase64(bytes).replace(/=+$/, '') },
  ]);
  for (const { bytes, text } of forms) {
    const prefix = fresh();
    assert.deepEqual(base64Bytes(text, prefix), bytes, text);
    assert.equal(prefix.end, Math.floor(bytes.length / 3) * 3, text);
    assert.equal(prefix.crc, crc32Mpeg2(bytes, 0, prefix.end), text);
  }
});
