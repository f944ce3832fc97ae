import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { BeaconSigner, BEACON_EVENTS } from './beacon-signer.ts';

const secret = 'a-beacon-secret-of-32-bytes-long';
const signer = new BeaconSigner(secret);

test('a tag is its slice of HMAC-SHA256 over (session, time, ad, event group) — checked against node:crypto', () => {
  // complete is event 5: group 1, slice 1. The prefix "b1|sess-1|1795348800000|" is padded with # to 64 bytes.
  const prefix = 'b1|sess-1|1795348800000|';
  const block = createHmac('sha256', secret).update(`${prefix}${'#'.repeat(64 - prefix.length)}ad-1|1`).digest();
  assert.equal(signer.sign('ad-1', 'sess-1', 'complete', 1795348800000), block.subarray(8, 16).toString('base64url'));
  assert.deepEqual(signer.signAll('ad-1', 'sess-1', 1795348800000)[5], block.subarray(8, 16).toString('base64url'));
});

test('the raw tag bytes of a decision are the tags: tag i is base64url of bytes 8i…8i+7', () => {
  const d = signer.forDecision('sess-1', 1795348800000);
  for (const ad of ['ad-1', 'ad-2']) {
    const bytes = Buffer.from(d.tagBytes(ad));
    assert.deepEqual(BEACON_EVENTS.map((_, i) => bytes.subarray(i * 8, i * 8 + 8).toString('base64url')), signer.signAll(ad, 'sess-1', 1795348800000));
  }
});

test('verify accepts its own tags and refuses any change of ad, session, event, time or tag', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom(...BEACON_EVENTS), fc.integer({ min: 0, max: 2 ** 45 }), (ad, session, event, t) => {
      const tag = signer.sign(ad, session, event, t);
      assert.equal(signer.verify(ad, session, event, t, tag), true);
      assert.equal(signer.verify(`${ad}x`, session, event, t, tag), false);
      assert.equal(signer.verify(ad, `${session}x`, event, t, tag), false);
      assert.equal(signer.verify(ad, session, event, t + 1, tag), false);
      const other = BEACON_EVENTS[(BEACON_EVENTS.indexOf(event) + 1) % BEACON_EVENTS.length]!;
      assert.equal(signer.verify(ad, session, other, t, tag), false, 'a tag for one event is not a tag for another');
      const flipped = (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1);
      assert.equal(signer.verify(ad, session, event, t, flipped), false);
      assert.equal(new BeaconSigner('another-secret-another-secret').verify(ad, session, event, t, tag), false);
    }),
    { numRuns: 300 },
  );
});

test('long and non-ASCII sessions: the prefix spans whole blocks by UTF-8 length', () => {
  for (const session of ['x'.repeat(63), 'x'.repeat(64), 'é'.repeat(40), '8a7c11aa-1234-4bcd-9ef0-0123456789ab']) {
    const p = `b1|${session}|1|`;
    const padded = p + '#'.repeat((64 - (Buffer.byteLength(p) % 64)) % 64);
    const block = createHmac('sha256', secret).update(`${padded}ad|2`).digest();
    assert.equal(signer.sign('ad', session, 'error', 1), block.subarray(24, 32).toString('base64url'), session);
  }
});

test('malformed tags, unknown events and short secrets', () => {
  assert.equal(signer.verify('a', 's', 'start', 1, ''), false);
  assert.equal(signer.verify('a', 's', 'start', 1, 'not a tag!!'), false);
  assert.equal(signer.verify('a', 's', 'explode', 1, signer.sign('a', 's', 'start', 1)), false);
  assert.throws(() => new BeaconSigner('short'));
});
