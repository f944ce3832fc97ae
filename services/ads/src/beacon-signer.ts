// Signed tracking beacons. Every tracking URL carries a 64-bit tag that only the holder of the
// secret can compute for its (ad, session, event, time):
//
//   K = HMAC-SHA256(secret, "b2|aes")                              once: an AES-256 key
//   S = the first 16 bytes of HMAC-SHA256(secret, "b2|" session "|" timeMs)    once per decision
//   A = the first 15 bytes of SHA-256(ad id)                       per ad id (kept: ids come back)
//   tag(ad, event) = base64url(the first 8 bytes of AES-256_K((A ‖ e) ⊕ S))
//                    where e (one byte) is the event's index in BEACON_EVENTS
//
// X ↦ AES_K(X ⊕ S(session, time)), with S a pseudorandom function under a key of its own, is
// Liskov, Rivest and Wagner's tweakable block cipher (the tweak being the session and time): its
// outputs for distinct (block, tweak) pairs are independent pseudorandom values, so a tag for one
// (ad, event) says nothing about another's, nor about any other session's or time's, and 64 bits of
// each are the MAC. The encodings are unambiguous (read from the end, time is digits; the block holds
// the event byte apart from the ad's hash). A pod of five ads costs one short HMAC (two SHA-256
// compressions in JavaScript, hmac-sha256.ts) and one AES call (AES-NI, node:crypto) over the
// pod's sixty blocks on one long-lived ECB cipher: no key set-up and no crypto object per request.
// The receiver recomputes one block. Replays are handled by the beacon ledger (each (ad, session,
// event) counts once) and the beacon lifetime.
import { createCipheriv, createHash, createHmac, timingSafeEqual, type Cipher } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.ts';

export const BEACON_EVENTS = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete', 'pause', 'resume', 'skip', 'progress', 'click', 'error'] as const;
export type BeaconEvent = (typeof BEACON_EVENTS)[number];

/** Bytes of a tag (the first of its AES block). */
export const TAG_BYTES = 8;
/** Where tag i starts in tagBytes(): one AES block each. */
export const TAG_STRIDE = 16;
const EVENTS = BEACON_EVENTS.length;
/** 32-bit words of an ad's twelve blocks. */
const AD_WORDS = (EVENTS * TAG_STRIDE) / 4;
const EVENT_INDEX = new Map<string, number>(BEACON_EVENTS.map((e, i) => [e, i]));
/** Ad ids whose blocks are kept (cleared when full: the next requests set them again). */
const MAX_KEPT_ADS = 20_000;

export function isBeaconEvent(e: string): e is BeaconEvent {
  return EVENT_INDEX.has(e);
}

/** One ad's twelve blocks A ‖ e, in BEACON_EVENTS order, as 32-bit words (the XOR with S goes a word at a time). */
function adBlocks(adId: string): Int32Array {
  const a = createHash('sha256').update(adId, 'utf8').digest();
  const b = Buffer.allocUnsafeSlow(EVENTS * TAG_STRIDE);
  for (let e = 0; e < EVENTS; e++) {
    a.copy(b, e * TAG_STRIDE, 0, TAG_STRIDE - 1);
    b[e * TAG_STRIDE + TAG_STRIDE - 1] = e;
  }
  return new Int32Array(b.buffer, 0, AD_WORDS);
}

/** The tags of one decision: S is made once; the tags of a whole pod come from one AES call. */
export class DecisionSigner {
  private readonly s0: number;
  private readonly s1: number;
  private readonly s2: number;
  private readonly s3: number;

  constructor(
    private readonly signer: BeaconSigner,
    sessionId: string,
    timeMs: number,
  ) {
    const s = signer.tweak(sessionId, timeMs);
    this.s0 = s[0]!;
    this.s1 = s[1]!;
    this.s2 = s[2]!;
    this.s3 = s[3]!;
  }

  /** The raw tags of a pod: ad k's tag i (BEACON_EVENTS order) at bytes TAG_STRIDE·(12k + i) … + 7 (a buffer of its own). */
  podTagBytes(adIds: readonly string[]): Buffer {
    const input = this.signer.input(adIds.length * AD_WORDS);
    const { s0, s1, s2, s3 } = this;
    for (let k = 0; k < adIds.length; k++) {
      const b = this.signer.blocksOf(adIds[k]!);
      const o = k * AD_WORDS;
      for (let i = 0; i < AD_WORDS; i += 4) {
        input[o + i] = b[i]! ^ s0;
        input[o + i + 1] = b[i + 1]! ^ s1;
        input[o + i + 2] = b[i + 2]! ^ s2;
        input[o + i + 3] = b[i + 3]! ^ s3;
      }
    }
    return this.signer.encrypt(new Uint8Array(input.buffer, 0, adIds.length * AD_WORDS * 4));
  }

  /** The raw tags of one ad: tag i at bytes TAG_STRIDE·i … TAG_STRIDE·i + 7. */
  tagBytes(adId: string): Buffer {
    return this.podTagBytes([adId]);
  }

  /** The base64url tags of an ad, in BEACON_EVENTS order. */
  signAll(adId: string): string[] {
    const bytes = this.tagBytes(adId);
    const tags: string[] = [];
    for (let i = 0; i < EVENTS; i++) tags.push(bytes.toString('base64url', i * TAG_STRIDE, i * TAG_STRIDE + TAG_BYTES));
    return tags;
  }
}

export class BeaconSigner {
  private readonly mac: HmacSha256;
  /** ECB without padding: each update() encrypts its whole blocks on their own, so one cipher serves every request. */
  private readonly cipher: Cipher;
  private readonly blocks = new Map<string, Int32Array>();
  /** Where a pod's blocks are XORed with S before the AES call (the call copies them out). */
  private scratch = new Int32Array(10 * AD_WORDS);
  private words: Int32Array | undefined;

  constructor(secret: string | Uint8Array) {
    const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (key.length < 16) throw new Error('the beacon secret must be at least 16 bytes');
    this.mac = new HmacSha256(key);
    this.cipher = createCipheriv('aes-256-ecb', createHmac('sha256', key).update('b2|aes').digest(), null).setAutoPadding(false);
  }

  /** S for one session and decision time, as four 32-bit words (a view reused by the next call). */
  tweak(sessionId: string, timeMs: number): Int32Array {
    const d = this.mac.digest(`b2|${sessionId}|${timeMs}`);
    if (this.words?.buffer !== d.buffer) this.words = new Int32Array(d.buffer, d.byteOffset, 4);
    return this.words;
  }

  /** `words` words of scratch. */
  input(words: number): Int32Array {
    if (this.scratch.length < words) this.scratch = new Int32Array(words);
    return this.scratch;
  }

  /** The ad's blocks, kept. */
  blocksOf(adId: string): Int32Array {
    let b = this.blocks.get(adId);
    if (!b) {
      if (this.blocks.size >= MAX_KEPT_ADS) this.blocks.clear();
      this.blocks.set(adId, (b = adBlocks(adId)));
    }
    return b;
  }

  /** AES-256_K of whole blocks. */
  encrypt(blocks: Uint8Array): Buffer {
    return this.cipher.update(blocks);
  }

  /** A signer for every ad of one decision. */
  forDecision(sessionId: string, timeMs: number): DecisionSigner {
    return new DecisionSigner(this, sessionId, timeMs);
  }

  /** The tags of every event (in BEACON_EVENTS order) for one ad of one decision. */
  signAll(adId: string, sessionId: string, timeMs: number): string[] {
    return this.forDecision(sessionId, timeMs).signAll(adId);
  }

  sign(adId: string, sessionId: string, event: BeaconEvent, timeMs: number): string {
    return this.signAll(adId, sessionId, timeMs)[EVENT_INDEX.get(event)!]!;
  }

  /** true when `tag` is the tag of (ad, session, event, time); constant time in the tag. */
  verify(adId: string, sessionId: string, event: string, timeMs: number, tag: string): boolean {
    const i = EVENT_INDEX.get(event);
    if (i === undefined || !/^[A-Za-z0-9_-]{11}$/.test(tag)) return false;
    const block = createHash('sha256').update(adId, 'utf8').digest().subarray(0, TAG_STRIDE);
    block[TAG_STRIDE - 1] = i;
    const t = this.tweak(sessionId, timeMs);
    const s = new Uint8Array(t.buffer, t.byteOffset, TAG_STRIDE);
    for (let k = 0; k < TAG_STRIDE; k++) block[k]! ^= s[k]!;
    const expected = this.encrypt(block).subarray(0, TAG_BYTES);
    const given = Buffer.from(tag, 'base64url');
    return given.length === TAG_BYTES && timingSafeEqual(expected, given);
  }
}
