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
    fc.property(fc.uint8Array({ maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 300 }), (key, message) => {
      const mac = new HmacSha256(key);
      const expected = createHmac('sha256', key).update(message, 'utf8').digest();
      assert.equal(Buffer.from(mac.digest(message)).toString('hex'), expected.toString('hex'));
      // The instance is reusable: a second message after a long one.
      assert.equal(Buffer.from(mac.digest('x')).toString('hex'), createHmac('sha256', key).update('x').digest('hex'));
    }),
    { numRuns: 400 },
  );
});
