// Fast VAST rendering for the request path. For each (ad, VAST version) packages/vast's buildVast
// writes the ad once, with placeholders where per-request values go (base URL, session, time,
// decision id, pod sequence, beacon tags); a request then only joins strings. The output is
// byte-for-byte what buildVast writes for the same decision (vast-output.test.ts checks it).
// Templates live in the compiled inventory's cache, so an inventory change drops them. With a
// fixed public base URL the base is written into the templates, and each "s=…&t=…" pair is one
// placeholder, so a tracking URL costs two joins (the per-request part and its tag).
//
// renderBody writes the same document as bytes for the socket, into a Buffer of the exact length
// cut from a shared slab (no 17 kB string to build, flatten and encode per response, and no
// per-response ArrayBuffer). Per-request values have the same lengths request after request (an
// anonymous session id, a 13-digit time, a 16-character decision id), so for each ad and set of
// value lengths a *layout* is kept: the ad's bytes with its placeholders blanked, and where each
// placeholder sits. A request copies the layout in one move and writes its own values at those
// offsets, the beacon tags straight from their MAC bytes (base64url, no strings).
import { buildVast, escapeXmlText, type VastBuildVersion } from '@adsplice/vast';
import { BEACON_EVENTS, TAG_STRIDE } from './beacon-signer.ts';
import type { CompiledAd, CompiledInventory } from './compile-inventory.ts';
import type { DecidedAd, Decision } from './decide.ts';
import { vastAd, vastDocument, type UrlContext } from './vast-output.ts';

const MARK = '\uE000';
const token = (name: string): string => `${MARK}${name}${MARK}`;
/** A sequence value no pod reaches, replaced by the sequence placeholder after writing. */
const SEQUENCE_SENTINEL = 2147480001;
const TOKEN = /\uE000([A-Z])(\d*)\uE000/g;
/** What separates the session and time placeholders in a tracking URL, as written (XML-escaped). */
const SESSION_TIME_GLUE = '&amp;t=';
/** What separates the time from the beacon tag in a tracking URL, as written. */
const SIG_GLUE = '&amp;sig=';

/** B base URL, S session, T time, X session + glue + time, D decision id, Q pod sequence, G beacon tag. */
type Part = string | { kind: 'B' | 'S' | 'T' | 'X' | 'D' | 'Q' } | { kind: 'G'; index: number };

interface Envelope {
  head: string;
  foot: string;
}

type Kind = 'B' | 'S' | 'T' | 'X' | 'D' | 'Q';
/** A template as bytes: encoded text runs and placeholders, with how many of each placeholder it has. */
/** Y: a tracking URL's session + time, SIG_GLUE and beacon tag i, written by one slot. */
type BytePart = Buffer | Exclude<Part, string> | { kind: 'Y'; index: number };

interface ByteTemplate {
  parts: BytePart[];
  staticBytes: number;
  counts: Record<Kind, number>;
  tags: number;
  /** Y parts. */
  signed: number;
  /** Layouts by the lengths of the values (a few; cleared past MAX_LAYOUTS). */
  layouts: Map<string, Layout>;
  /** The last layout used, and the value lengths it is for (the common case: the same as last time). */
  last: Layout | undefined;
  lastLengths: Int32Array;
}

/**
 * An ad's bytes with blank placeholders, and the placeholders as (offset, code) pairs: codes 0–5
 * are B S T X D Q, 6 + i is beacon tag i, SIGNED + i is session + time, then (SIG_GLUE, in the
 * layout) and tag i.
 */
interface Layout {
  bytes: Buffer;
  slots: Int32Array;
}

/**
 * A whole pod's document (envelope, every ad with its sequence) with blank placeholders, for a
 * decision served again and again (a shared plan: the same `ads` array): one copy, then the slots as
 * (offset, code) pairs: codes 0–4 are B S T X D; POD_TAG + 2g is tag g of the pod (ad k's tag i is
 * g = 12k + i); POD_TAG + 2g + 1 is session + time, SIG_GLUE and tag g.
 */
interface PodLayout {
  version: VastBuildVersion;
  /** The lengths of values B S T X D it was laid out for. */
  lengths: Int32Array;
  bytes: Buffer;
  slots: Int32Array;
  adIds: readonly string[];
}

const KINDS: readonly Kind[] = ['B', 'S', 'T', 'X', 'D', 'Q'];
const POD_TAG = 8;
const SIGNED = 32;
const SIG_GLUE_BYTES = Buffer.from(SIG_GLUE, 'latin1');
const MAX_LAYOUTS = 16;

/** Characters of a beacon tag: 8 bytes in base64url without padding. */
const TAG_CHARS = 11;
/** The base64url alphabet as bytes (beacon tags here, decision ids in ad-server.ts). */
export const B64URL = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1');
const SLAB_BYTES = 512 * 1024;
/** The reusable body buffer (a pod of 10 ads fits with room to spare; larger bodies are cut from the slab). */
const SCRATCH_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);
/** Pod sequence numbers as written (a pod has at most a few dozen ads). */
const SEQUENCES = Array.from({ length: 64 }, (_, i) => Buffer.from(String(i), 'latin1'));
const sequenceBytes = (n: number): Buffer => SEQUENCES[n] ?? Buffer.from(String(n), 'latin1');

/** base64url of the 8 bytes of `src` at `from`, written at `at` in `out` (11 bytes). */
function writeTag(out: Buffer, at: number, src: Uint8Array, from: number): void {
  for (let i = 0; i < 6; i += 3) {
    const n = (src[from + i]! << 16) | (src[from + i + 1]! << 8) | src[from + i + 2]!;
    out[at++] = B64URL[n >>> 18]!;
    out[at++] = B64URL[(n >>> 12) & 63]!;
    out[at++] = B64URL[(n >>> 6) & 63]!;
    out[at++] = B64URL[n & 63]!;
  }
  const n = (src[from + 6]! << 8) | src[from + 7]!;
  out[at++] = B64URL[n >>> 10]!;
  out[at++] = B64URL[(n >>> 4) & 63]!;
  out[at] = B64URL[(n & 15) << 2]!;
}

/** Whether values B S T X D have the lengths a pod layout was made for. */
function sameLengths(lengths: Int32Array, values: readonly Buffer[]): boolean {
  return lengths[0] === values[0]!.length && lengths[1] === values[1]!.length && lengths[2] === values[2]!.length && lengths[3] === values[3]!.length && lengths[4] === values[4]!.length;
}

const TEMPLATE_CTX: UrlContext = {
  baseUrl: token('B'),
  sessionParam: token('S'),
  timeParam: token('T'),
  decisionId: token('D'),
  tags: () => BEACON_EVENTS.map((_, i) => token(`G${i}`)),
};

/** A copy of `s` that is one flat string (not a slice of the template it was cut from): joins of those encode fastest. */
function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** The template's parts: text and placeholders, the base written in when fixed, session+time fused, text runs merged. */
function split(xml: string, fixedBase: string | undefined): Part[] {
  const raw: Part[] = [];
  let last = 0;
  for (const m of xml.matchAll(TOKEN)) {
    if (m.index > last) raw.push(xml.slice(last, m.index));
    const kind = m[1]!;
    if (kind === 'B' && fixedBase !== undefined) raw.push(fixedBase);
    else raw.push(kind === 'G' ? { kind: 'G', index: Number(m[2]) } : { kind: kind as 'B' | 'S' | 'T' | 'D' | 'Q' });
    last = m.index + m[0].length;
  }
  if (last < xml.length) raw.push(xml.slice(last));
  const parts: Part[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i]!;
    const next = raw[i + 1];
    const after = raw[i + 2];
    if (typeof p !== 'string' && p.kind === 'S' && next === SESSION_TIME_GLUE && typeof after === 'object' && after.kind === 'T') {
      parts.push({ kind: 'X' });
      i += 2;
    } else if (typeof p === 'string' && typeof parts[parts.length - 1] === 'string') {
      parts[parts.length - 1] += p;
    } else parts.push(p);
  }
  return parts.map((p) => (typeof p === 'string' ? flat(p) : p));
}

export class VastRenderer {
  private readonly fixedBase: string | undefined;
  /** Response bodies are cut from here, never reused: a slab is freed once no body cut from it is referenced (Buffer's own pool, larger). */
  private slab = Buffer.alloc(0);
  /** Per VAST version, per ad of this inventory: its template as bytes (null: written directly). */
  private readonly byteTemplates = new Map<VastBuildVersion, Map<CompiledAd, ByteTemplate | null>>();
  private slabAt = 0;
  /** A body buffer lent to one response at a time (renderBody's `reuse`), and whether it is out. */
  private scratch: Buffer | undefined;
  private scratchOut = false;
  private readonly envelopes = new Map<VastBuildVersion, { head: Buffer; foot: Buffer }>();
  /** Pod layouts by decision `ads` array; null: seen once 'seen': once (a layout is made the second time, when the plan is shared); 'direct': an ad of it is written directly. */
  private readonly pods = new WeakMap<readonly DecidedAd[], PodLayout | 'seen' | 'direct'>();
  /** The fixed base URL as written (escaped), as bytes. */
  private readonly fixedBaseBytes: Buffer | undefined;

  /** `fixedBase`: the base URL every request uses (the configured public one), written into the templates. */
  constructor(
    private readonly inv: CompiledInventory,
    private readonly baseUrl?: string,
  ) {
    this.fixedBase = baseUrl === undefined ? undefined : escapeXmlText(baseUrl);
    this.fixedBaseBytes = this.fixedBase === undefined ? undefined : Buffer.from(this.fixedBase, 'utf8');
  }

  /** The renderer of `inv` for `fixedBase` (one each, kept in the inventory's cache). */
  static of(inv: CompiledInventory, fixedBase?: string): VastRenderer {
    const key = `vast-renderer:${fixedBase ?? ''}`;
    let r = inv.cache.get(key) as VastRenderer | undefined;
    if (!r) inv.cache.set(key, (r = new VastRenderer(inv, fixedBase)));
    return r;
  }

  private envelope(version: VastBuildVersion): Envelope {
    const key = `vast-envelope:${version}`;
    let env = this.inv.cache.get(key) as Envelope | undefined;
    if (!env) {
      const empty = buildVast({ version, ads: [], errors: [] }, { version });
      const close = empty.lastIndexOf('</VAST>');
      env = { head: empty.slice(0, close), foot: empty.slice(close) };
      this.inv.cache.set(key, env);
    }
    return env;
  }

  /** The ad's parts, or undefined when its own text holds the placeholder mark (then it is written directly). */
  private template(ad: CompiledAd, version: VastBuildVersion): Part[] | undefined {
    const key = `vast-ad:${version}:${this.baseUrl ?? ''}:${ad.id}`;
    const cached = this.inv.cache.get(key) as Part[] | null | undefined;
    if (cached !== undefined) return cached ?? undefined;
    let parts: Part[] | null = null;
    if (!JSON.stringify(ad).includes(MARK)) {
      const env = this.envelope(version);
      const xml = buildVast({ version, errors: [], ads: [vastAd(ad, SEQUENCE_SENTINEL, TEMPLATE_CTX)] }, { version });
      if (xml.startsWith(env.head) && xml.endsWith(env.foot)) {
        parts = split(xml.slice(env.head.length, xml.length - env.foot.length).replaceAll(`sequence="${SEQUENCE_SENTINEL}"`, `sequence="${token('Q')}"`), this.fixedBase);
      }
    }
    this.inv.cache.set(key, parts);
    return parts ?? undefined;
  }

  private envelopeBytes(version: VastBuildVersion): { head: Buffer; foot: Buffer } {
    let env = this.envelopes.get(version);
    if (!env) {
      const { head, foot } = this.envelope(version);
      this.envelopes.set(version, (env = { head: Buffer.from(head, 'utf8'), foot: Buffer.from(foot, 'utf8') }));
    }
    return env;
  }

  private byteTemplate(ad: CompiledAd, version: VastBuildVersion): ByteTemplate | undefined {
    let byAd = this.byteTemplates.get(version);
    if (!byAd) this.byteTemplates.set(version, (byAd = new Map()));
    const cached = byAd.get(ad);
    if (cached !== undefined) return cached ?? undefined;
    const parts = this.template(ad, version);
    let t: ByteTemplate | null = null;
    if (parts) {
      t = { parts: [], staticBytes: 0, counts: { B: 0, S: 0, T: 0, X: 0, D: 0, Q: 0 }, tags: 0, signed: 0, layouts: new Map(), last: undefined, lastLengths: new Int32Array(6) };
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        const tag = parts[i + 2];
        if (typeof p === 'string') {
          const b = Buffer.from(p, 'utf8');
          t.parts.push(b);
          t.staticBytes += b.length;
        } else if (p.kind === 'X' && parts[i + 1] === SIG_GLUE && typeof tag === 'object' && tag.kind === 'G') {
          t.parts.push({ kind: 'Y', index: tag.index });
          t.signed++;
          i += 2;
        } else {
          t.parts.push(p);
          if (p.kind === 'G') t.tags++;
          else t.counts[p.kind]++;
        }
      }
    }
    byAd.set(ad, t);
    return t ?? undefined;
  }

  /** The layout of `t` for values of these lengths (beacon tags: TAG_CHARS). */
  private layout(t: ByteTemplate, values: readonly Buffer[]): Layout {
    const lengths = t.lastLengths;
    if (t.last && lengths[0] === values[0]!.length && lengths[1] === values[1]!.length && lengths[2] === values[2]!.length && lengths[3] === values[3]!.length && lengths[4] === values[4]!.length && lengths[5] === values[5]!.length) return t.last;
    for (let i = 0; i < 6; i++) lengths[i] = values[i]!.length;
    t.last = this.layoutFor(t, values);
    return t.last;
  }

  private layoutFor(t: ByteTemplate, values: readonly Buffer[]): Layout {
    const key = `${values[0]!.length},${values[1]!.length},${values[2]!.length},${values[3]!.length},${values[4]!.length},${values[5]!.length}`;
    let l = t.layouts.get(key);
    if (l) return l;
    const signedLength = values[3]!.length + SIG_GLUE_BYTES.length + TAG_CHARS;
    let length = t.staticBytes + t.tags * TAG_CHARS + t.signed * signedLength;
    KINDS.forEach((k, i) => (length += t.counts[k] * values[i]!.length));
    const bytes = Buffer.alloc(length, 0x20);
    const slots: number[] = [];
    let at = 0;
    for (const p of t.parts) {
      if (Buffer.isBuffer(p)) {
        bytes.set(p, at);
        at += p.length;
      } else if (p.kind === 'Y') {
        slots.push(at, SIGNED + p.index);
        bytes.set(SIG_GLUE_BYTES, at + values[3]!.length);
        at += signedLength;
      } else {
        const code = p.kind === 'G' ? 6 + p.index : KINDS.indexOf(p.kind);
        slots.push(at, code);
        at += code >= 6 ? TAG_CHARS : values[code]!.length;
      }
    }
    if (t.layouts.size >= MAX_LAYOUTS) t.layouts.clear();
    t.layouts.set(key, (l = { bytes, slots: Int32Array.from(slots) }));
    return l;
  }

  /** `bytes` of a fresh region of the slab (a new slab when this one is used up). */
  private alloc(bytes: number): Buffer {
    if (bytes > SLAB_BYTES / 8) return Buffer.allocUnsafeSlow(bytes);
    if (this.slabAt + bytes > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.slabAt = 0;
    }
    const out = this.slab.subarray(this.slabAt, this.slabAt + bytes);
    this.slabAt = (this.slabAt + bytes + 7) & ~7;
    return out;
  }

  /**
   * The one reusable body buffer, unless it is out (a response holds it): then a new one takes its
   * place and the old one stays with its holder (collected once that lets go of it).
   */
  private lend(bytes: number): Buffer {
    if (bytes > SCRATCH_BYTES) return this.alloc(bytes);
    if (!this.scratch || this.scratchOut) this.scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    this.scratchOut = true;
    return this.scratch.subarray(0, bytes);
  }

  /**
   * Takes back a body rendered with `reuse` once nothing references its bytes any more (they were
   * written to the socket): the next body is written over them. Any other buffer is ignored.
   */
  release(body: Buffer): void {
    if (this.scratchOut && this.scratch !== undefined && body.buffer === this.scratch.buffer) this.scratchOut = false;
  }

  /**
   * The same document as render(), as UTF-8 bytes of the exact length. With `podTagBytes` in the
   * context (the pod's beacon tags as raw bytes, from one call: ad k's tag i at bytes
   * TAG_STRIDE·(12k + i) … + 7) the tags are encoded straight into the body; otherwise the strings
   * of `tags` are written.
   *
   * With `reuse` the body is written into one buffer kept by the renderer (always the same memory,
   * warm in the CPU caches, and no new memory per response for the collector), which the caller
   * gives back with release() as soon as the bytes are no longer needed; until then further
   * bodies get buffers of their own. Without it the body is a buffer of its own, for good.
   */
  renderBody(decision: Pick<Decision, 'ads'>, version: VastBuildVersion, ctx: UrlContext & { podTagBytes?: (adIds: readonly string[]) => Uint8Array }, reuse = false): Buffer {
    if (this.baseUrl !== undefined && ctx.baseUrl !== this.baseUrl) return VastRenderer.of(this.inv).renderBody(decision, version, ctx, reuse);
    const env = this.envelopeBytes(version);
    // B S T X D Q, as KINDS; Q (the pod sequence) is set per ad. Session and time are views of X.
    const sessionTime = Buffer.from(`${escapeXmlText(ctx.sessionParam)}${SESSION_TIME_GLUE}${ctx.timeParam}`, 'utf8');
    const timeBytes = Buffer.byteLength(ctx.timeParam, 'utf8');
    const values: Buffer[] = [
      this.fixedBaseBytes ?? Buffer.from(escapeXmlText(ctx.baseUrl), 'utf8'),
      sessionTime.subarray(0, sessionTime.length - timeBytes - SESSION_TIME_GLUE.length),
      sessionTime.subarray(sessionTime.length - timeBytes),
      sessionTime,
      Buffer.from(escapeXmlText(ctx.decisionId), 'utf8'),
      EMPTY,
    ];
    const ads = decision.ads;
    if (ctx.podTagBytes !== undefined && ads.length > 0) {
      const seen = this.pods.get(ads);
      if (seen === undefined) this.pods.set(ads, 'seen');
      else if (seen !== 'direct') {
        const pod = typeof seen === 'object' && seen.version === version && sameLengths(seen.lengths, values) ? seen : this.podLayout(ads, version, values);
        if (pod !== undefined) return this.renderPod(pod, values, ctx.podTagBytes(pod.adIds), reuse);
      }
    }
    const sequences: Buffer[] = [];
    const raw = ctx.podTagBytes?.(ads.map((a) => a.ad.id));
    /** Per ad: a layout (tags from bytes), a template (tags from strings) or the finished bytes (an ad written directly). */
    const plans: (Layout | ByteTemplate | Buffer)[] = [];
    const tagStrings: (readonly string[] | undefined)[] = [];
    let total = env.head.length + env.foot.length;
    for (let i = 0; i < ads.length; i++) {
      const { ad, sequence } = ads[i]!;
      const seq = (sequences[i] = sequenceBytes(sequence));
      const t = this.byteTemplate(ad, version);
      if (!t) {
        const xml = buildVast(vastDocument({ ads: [{ ad, sequence }] }, ctx, version), { version });
        const { head, foot } = this.envelope(version);
        const piece = Buffer.from(xml.slice(head.length, xml.length - foot.length), 'utf8');
        plans.push(piece);
        total += piece.length;
      } else if (raw) {
        values[5] = seq;
        const l = this.layout(t, values);
        plans.push(l);
        total += l.bytes.length;
      } else {
        plans.push(t);
        const tags = (tagStrings[i] = ctx.tags(ad.id));
        total += t.staticBytes + seq.length * t.counts.Q + t.signed * (values[3]!.length + SIG_GLUE_BYTES.length);
        for (let k = 0; k < 5; k++) total += t.counts[KINDS[k]!] * values[k]!.length;
        for (const p of t.parts) if (!Buffer.isBuffer(p) && (p.kind === 'G' || p.kind === 'Y')) total += Buffer.byteLength(tags[p.index] ?? '');
      }
    }
    const out = reuse ? this.lend(total) : this.alloc(total);
    out.set(env.head, 0);
    let at = env.head.length;
    const tagAfter = sessionTime.length + SIG_GLUE_BYTES.length;
    for (let i = 0; i < ads.length; i++) {
      const plan = plans[i]!;
      values[5] = sequences[i]!;
      if (Buffer.isBuffer(plan)) {
        out.set(plan, at);
        at += plan.length;
      } else if ('slots' in plan) {
        out.set(plan.bytes, at);
        const tagBase = i * BEACON_EVENTS.length * TAG_STRIDE;
        const slots = plan.slots;
        for (let j = 0; j < slots.length; j += 2) {
          const code = slots[j + 1]!;
          const pos = at + slots[j]!;
          if (code >= SIGNED) {
            out.set(sessionTime, pos);
            writeTag(out, pos + tagAfter, raw!, tagBase + (code - SIGNED) * TAG_STRIDE);
          } else if (code >= 6) writeTag(out, pos, raw!, tagBase + (code - 6) * TAG_STRIDE);
          else out.set(values[code]!, pos);
        }
        at += plan.bytes.length;
      } else {
        const tags = tagStrings[i]!;
        for (const p of plan.parts) {
          if (Buffer.isBuffer(p)) {
            out.set(p, at);
            at += p.length;
          } else if (p.kind === 'G') at += out.write(tags[p.index] ?? '', at, 'utf8');
          else if (p.kind === 'Y') {
            out.set(sessionTime, at);
            out.set(SIG_GLUE_BYTES, at + sessionTime.length);
            at += tagAfter;
            at += out.write(tags[p.index] ?? '', at, 'utf8');
          } else {
            const v = values[KINDS.indexOf(p.kind)]!;
            out.set(v, at);
            at += v.length;
          }
        }
      }
    }
    out.set(env.foot, at);
    if (at + env.foot.length !== total) throw new Error(`VAST body length ${at + env.foot.length} is not the ${total} computed`);
    return out;
  }

  /** The pod layout of `ads` for values of these lengths (kept for the next request), or undefined when an ad of it is written directly. */
  private podLayout(ads: readonly DecidedAd[], version: VastBuildVersion, values: Buffer[]): PodLayout | undefined {
    const env = this.envelopeBytes(version);
    const layouts: Layout[] = [];
    const sequences: Buffer[] = [];
    let length = env.head.length + env.foot.length;
    for (const { ad, sequence } of ads) {
      const t = this.byteTemplate(ad, version);
      if (!t) {
        this.pods.set(ads, 'direct');
        return undefined;
      }
      values[5] = sequenceBytes(sequence);
      const l = this.layout(t, values);
      sequences.push(values[5]);
      layouts.push(l);
      length += l.bytes.length;
    }
    values[5] = EMPTY;
    const bytes = Buffer.allocUnsafeSlow(length);
    const slots: number[] = [];
    bytes.set(env.head, 0);
    let at = env.head.length;
    for (let k = 0; k < layouts.length; k++) {
      const l = layouts[k]!;
      bytes.set(l.bytes, at);
      for (let j = 0; j < l.slots.length; j += 2) {
        const pos = at + l.slots[j]!;
        const code = l.slots[j + 1]!;
        if (code === 5) bytes.set(sequences[k]!, pos);
        else if (code < 5) slots.push(pos, code);
        else if (code >= SIGNED) slots.push(pos, POD_TAG + 2 * (k * BEACON_EVENTS.length + code - SIGNED) + 1);
        else slots.push(pos, POD_TAG + 2 * (k * BEACON_EVENTS.length + code - 6));
      }
      at += l.bytes.length;
    }
    bytes.set(env.foot, at);
    const pod: PodLayout = { version, lengths: Int32Array.from(values.slice(0, 5), (v) => v.length), bytes, slots: Int32Array.from(slots), adIds: ads.map((a) => a.ad.id) };
    this.pods.set(ads, pod);
    return pod;
  }

  /** A body from a pod layout: one copy, then the per-request values and the tags from their bytes. */
  private renderPod(pod: PodLayout, values: readonly Buffer[], raw: Uint8Array, reuse: boolean): Buffer {
    const out = reuse ? this.lend(pod.bytes.length) : this.alloc(pod.bytes.length);
    out.set(pod.bytes, 0);
    const sessionTime = values[3]!;
    const tagAfter = sessionTime.length + SIG_GLUE_BYTES.length;
    const slots = pod.slots;
    for (let j = 0; j < slots.length; j += 2) {
      const pos = slots[j]!;
      const code = slots[j + 1]!;
      if (code < POD_TAG) out.set(values[code]!, pos);
      else if ((code & 1) === 1) {
        out.set(sessionTime, pos);
        writeTag(out, pos + tagAfter, raw, ((code - POD_TAG) >> 1) * TAG_STRIDE);
      } else writeTag(out, pos, raw, ((code - POD_TAG) >> 1) * TAG_STRIDE);
    }
    return out;
  }

  /** The VAST document of `decision`, as buildVast(vastDocument(decision, ctx, version)) writes it. */
  render(decision: Pick<Decision, 'ads'>, version: VastBuildVersion, ctx: UrlContext): string {
    if (this.baseUrl !== undefined && ctx.baseUrl !== this.baseUrl) return VastRenderer.of(this.inv).render(decision, version, ctx);
    const env = this.envelope(version);
    const base = escapeXmlText(ctx.baseUrl);
    const session = escapeXmlText(ctx.sessionParam);
    const sessionTime = `${session}${SESSION_TIME_GLUE}${ctx.timeParam}`;
    const decisionId = escapeXmlText(ctx.decisionId);
    // Joined once: one flat string, which the socket encodes fast (a rope of hundreds of parts does not).
    const out: string[] = [env.head];
    for (const { ad, sequence } of decision.ads) {
      const parts = this.template(ad, version);
      if (!parts) {
        const xml = buildVast(vastDocument({ ads: [{ ad, sequence }] }, ctx, version), { version });
        out.push(xml.slice(env.head.length, xml.length - env.foot.length));
        continue;
      }
      const tags = ctx.tags(ad.id);
      const seq = String(sequence);
      for (const p of parts) {
        if (typeof p === 'string') out.push(p);
        else if (p.kind === 'G') out.push(tags[p.index] ?? '');
        else if (p.kind === 'X') out.push(sessionTime);
        else out.push(p.kind === 'B' ? base : p.kind === 'S' ? session : p.kind === 'T' ? ctx.timeParam : p.kind === 'D' ? decisionId : seq);
      }
    }
    out.push(env.foot);
    return out.join('');
  }
}
