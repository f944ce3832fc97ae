// Signed tracking beacons. Every tracking URL carries a 64-bit tag that only the holder of the
// secret can compute for its (ad, session, event, time):
//
//   block(g) = HMAC-SHA256(secret, P + ad "|" g)        g = 0, 1, 2
//   P = "b1|" session "|" timeMs "|", then "#" up to a whole number of 64-byte blocks
//   tag(event) = base64url(bytes 8k … 8k+7 of block(g)), where the event is BEACON_EVENTS[4g + k]
//
// The twelve events form three fixed groups of four (g names the group, k the event in it), so a pod
// costs three HMACs per ad instead of twelve. Each event's tag is a distinct slice of a MAC over
// (session, time, ad, the event's group): a tag for one event says nothing about another's. The
// encoding is unambiguous read from the end (ad ids hold no "|" or "#"; time is digits). P fills
// whole SHA-256 blocks, so it is compressed once per decision and each HMAC then costs two block
// compressions. The receiver recomputes one block. Replays are handled by the beacon ledger (each
// (ad, session, event) counts once) and the beacon lifetime.
import { timingSafeEqual } from 'node:crypto';
import { base64url, HmacSha256, type PrefixState } from './hmac-sha256.ts';

export const BEACON_EVENTS = ['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete', 'pause', 'resume', 'skip', 'progress', 'click', 'error'] as const;
export type BeaconEvent = (typeof BEACON_EVENTS)[number];

const GROUP = 4;
const TAG_BYTES = 8;
const GROUPS = BEACON_EVENTS.length / GROUP;
const EVENT_INDEX = new Map<string, number>(BEACON_EVENTS.map((e, i) => [e, i]));

/** Writes the UTF-8 of `s` at out[at…] (room assumed: 3 bytes a character); the end offset. ASCII without a native call. */
function utf8Into(encoder: TextEncoder, s: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return at - i + encoder.encodeInto(s, out.subarray(at - i)).written;
    out[at + i] = c;
  }
  return at + s.length;
}

export function isBeaconEvent(e: string): e is BeaconEvent {
  return EVENT_INDEX.has(e);
}

export class BeaconSigner {
  private readonly mac: HmacSha256;
  private readonly encoder = new TextEncoder();
  /** Where an ad's MAC input is encoded (room for the SHA-256 padding after it). */
  private scratch = new Uint8Array(256);
  /** Where P is encoded. */
  private prefixBytes = new Uint8Array(192);

  constructor(secret: string | Uint8Array) {
    const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (key.length < 16) throw new Error('the beacon secret must be at least 16 bytes');
    this.mac = new HmacSha256(key);
  }

  /** The keyed state after P for one session and decision time (once per decision), encoded without strings. */
  private prefix(sessionId: string, timeMs: number): PrefixState {
    const time = String(timeMs);
    const most = 3 + sessionId.length * 3 + 1 + time.length + 1 + 63;
    if (this.prefixBytes.length < most) this.prefixBytes = new Uint8Array(most + 64);
    const b = this.prefixBytes;
    b[0] = 0x62; // "b1|"
    b[1] = 0x31;
    b[2] = 0x7c;
    let n = utf8Into(this.encoder, sessionId, b, 3);
    b[n++] = 0x7c;
    for (let i = 0; i < time.length; i++) b[n++] = time.charCodeAt(i);
    b[n++] = 0x7c;
    const padded = Math.ceil(n / 64) * 64;
    b.fill(0x23, n, padded); // "#"
    return this.mac.prefixStateOfBytes(b, padded);
  }

  /**
   * A signer for every ad of one decision: P is compressed once. `tagBytes` gives the raw tags of
   * an ad (tag i, in BEACON_EVENTS order, at bytes 8i…8i+7; a view reused by the next call),
   * `signAll` their base64url strings.
   */
  forDecision(sessionId: string, timeMs: number): { signAll(adId: string): string[]; tagBytes(adId: string): Uint8Array } {
    const p = this.prefix(sessionId, timeMs);
    const raw = new Uint8Array(GROUPS * GROUP * TAG_BYTES);
    const tagBytes = (adId: string): Uint8Array => {
      // ad "|" g, encoded once: only the group digit changes between the three MACs.
      if (this.scratch.length < adId.length * 3 + 74) this.scratch = new Uint8Array(adId.length * 3 + 138);
      const scratch = this.scratch;
      const written = utf8Into(this.encoder, adId, scratch, 0);
      scratch[written] = 0x7c;
      for (let g = 0; g < GROUPS; g++) {
        scratch[written + 1] = 0x30 + g;
        this.mac.digestBytesAfter(p, scratch, written + 2, raw, g * GROUP * TAG_BYTES);
      }
      return raw;
    };
    return {
      tagBytes,
      signAll: (adId) => {
        const bytes = tagBytes(adId);
        const tags: string[] = [];
        for (let i = 0; i < BEACON_EVENTS.length; i++) tags.push(base64url(bytes, i * TAG_BYTES, TAG_BYTES));
        return tags;
      },
    };
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
    const d = this.mac.digestAfter(this.prefix(sessionId, timeMs), `${adId}|${Math.floor(i / GROUP)}`);
    const expected = Buffer.from(d.buffer, d.byteOffset + (i % GROUP) * TAG_BYTES, TAG_BYTES);
    const given = Buffer.from(tag, 'base64url');
    return given.length === TAG_BYTES && timingSafeEqual(expected, given);
  }
}
