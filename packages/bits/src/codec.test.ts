import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromBase64, fromHex, toBase64, toHex } from './codec.ts';

test('base64 round-trips any bytes and matches Node for every length remainder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = toBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(fromBase64(text), bytes);
    }),
  );
});

test('base64 input: padding optional, URL-safe alphabet and white space accepted', () => {
  assert.deepEqual([...fromBase64('/DA0')!], [0xfc, 0x30, 0x34]);
  assert.deepEqual([...fromBase64('_DA0')!], [0xfc, 0x30, 0x34]);
  assert.deepEqual([...fromBase64('AQI')!], [1, 2]);
  assert.deepEqual([...fromBase64('AQI=')!], [1, 2]);
  assert.deepEqual([...fromBase64('AQ==')!], [1]);
  assert.deepEqual([...fromBase64(' AQ\r\nI=\t')!], [1, 2]);
  assert.deepEqual([...fromBase64('')!], []);
});

test('base64 output can go into a buffer the caller allocates', () => {
  const pool = new Uint8Array(16);
  const out = fromBase64('/DA0', (n) => pool.subarray(4, 4 + n))!;
  assert.deepEqual([...out], [0xfc, 0x30, 0x34]);
  assert.equal(out.buffer, pool.buffer);
  assert.equal(out.byteOffset, 4);
});

test('base64 input: not base64 gives undefined', () => {
  assert.equal(fromBase64('A'), undefined);
  assert.equal(fromBase64('AQ*='), undefined);
  assert.equal(fromBase64('AQ='), undefined);
  assert.equal(fromBase64('AQ\u00e9='), undefined);
});

test('hex round-trips and accepts 0x, case and white space', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => assert.deepEqual(fromHex(toHex(bytes)), bytes)));
  assert.equal(toHex(Uint8Array.of(0xfc, 0x0a)), 'fc0a');
  assert.deepEqual([...fromHex('0xFC30')!], [0xfc, 0x30]);
  assert.deepEqual([...fromHex('0Xfc 30')!], [0xfc, 0x30]);
  assert.equal(fromHex('abc'), undefined);
  assert.equal(fromHex('zz'), undefined);
});
