import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { BeaconSigner, BEACON_EVENTS, TAG_STRIDE } from './beacon-signer.ts';

const secret = 'a-beacon-secret-of-32-bytes-long';
const signer = new BeaconSigner(secret);

/** The tag as the scheme states it, computed step by step with node:crypto. */
function reference(ad: string, session: string, event: number, t: number): string {
  const k = createHmac('sha256', secret).update('b2|aes').digest();
  const s = createHmac('sha256', secret).update(`b2|${session}|${t}`).digest().subarray(0, 16);
  const block = Buffer.concat([createHash('sha256').update(ad).digest().subarray(0, 15), Buffer.from([event])]).map((b, i) => b ^ s[i]!);
  const c = createCipheriv('aes-256-ecb', k, null).setAutoPadding(false);
  return c.update(block).subarray(0, 8).toString('base64url');
}

test('a tag is the first 8 bytes of AES-256 of (ad hash, event) XOR HMAC-SHA256(secret, session, time) — checked against node:crypto step by step', () => {
  // complete is event 5.
  assert.equal(signer.sign('ad-1', 'sess-1', 'complete', 1795348800000), reference('ad-1', 'sess-1', 5, 1795348800000));
  assert.deepEqual(signer.signAll('ad-1', 'sess-1', 1795348800000), BEACON_EVENTS.map((_, i) => reference('ad-1', 'sess-1', i, 1795348800000)));
});

test('the raw tag bytes of a decision are the tags: tag i is base64url of bytes 16i…16i+7', () => {
  const d = signer.forDecision('sess-1', 1795348800000);
  for (const ad of ['ad-1', 'ad-2', 'ad-1']) {
    const bytes = Buffer.from(d.tagBytes(ad));
    assert.deepEqual(BEACON_EVENTS.map((_, i) => bytes.subarray(i * TAG_STRIDE, i * TAG_STRIDE + 8).toString('base64url')), signer.signAll(ad, 'sess-1', 1795348800000));
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

test('long, non-ASCII and "|" sessions and ad ids sign as the scheme says', () => {
  for (const session of ['x'.repeat(63), 'x'.repeat(200), 'é'.repeat(40), 'a|b', '8a7c11aa-1234-4bcd-9ef0-0123456789ab']) {
    for (const ad of ['ad', 'ádé-ü', 'y'.repeat(300)]) assert.equal(signer.sign(ad, session, 'error', 1), reference(ad, session, 11, 1), `${session} ${ad}`);
  }
});

test('malformed tags, unknown events and short secrets', () => {
  assert.equal(signer.verify('a', 's', 'start', 1, ''), false);
  assert.equal(signer.verify('a', 's', 'start', 1, 'not a tag!!'), false);
  assert.equal(signer.verify('a', 's', 'explode', 1, signer.sign('a', 's', 'start', 1)), false);
  assert.throws(() => new BeaconSigner('short'));
});
