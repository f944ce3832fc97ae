import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { HmacSha256 } from './hmac-sha256.ts';

test('RFC 4231 test case 2 ("Jefe")', () => {
  const mac = new HmacSha256(new TextEncoder().encode('Jefe'));
  assert.equal(Buffer.from(mac.digest('what do ya want for nothing?')).toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

test('matches node:crypto for any key and message (empty, multi-block, non-ASCII, long keys)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 32 }), (key, message, bytes) => {
      const mac = new HmacSha256(key);
      const expected = createHmac('sha256', key).update(message, 'utf8').digest();
      assert.equal(Buffer.from(mac.digest(message)).toString('hex'), expected.toString('hex'));
      assert.equal(mac.tag(message, bytes), expected.subarray(0, bytes).toString('base64url'));
      // The instance is reusable: a second message after a long one.
      assert.equal(Buffer.from(mac.digest('x')).toString('hex'), createHmac('sha256', key).update('x').digest('hex'));
    }),
    { numRuns: 400 },
  );
});

test('digestBytesAfter: HMAC over a whole-block prefix and bytes, written in place, matches node:crypto', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 80 }), fc.integer({ min: 0, max: 2 }), fc.uint8Array({ maxLength: 120 }), fc.integer({ min: 0, max: 40 }), (key, blocks, data, at) => {
      const mac = new HmacSha256(key);
      const prefix = 'p'.repeat(64 * blocks);
      const scratch = new Uint8Array(data.length + 73);
      scratch.set(data);
      const out = new Uint8Array(at + 32);
      mac.digestBytesAfter(mac.prefixState(prefix), scratch, data.length, out, at);
      assert.equal(Buffer.from(out.subarray(at)).toString('hex'), createHmac('sha256', key).update(prefix).update(data).digest('hex'));
    }),
    { numRuns: 300 },
  );
});
