// Fast VAST rendering for the request path. For each (ad, VAST version) packages/vast's buildVast
// writes the ad once, with placeholders where per-request values go (base URL, session, time,
// decision id, pod sequence, beacon tags); a request then only joins strings. The output is
// byte-for-byte what buildVast writes for the same decision (vast-output.test.ts checks it).
// Templates live in the compiled inventory's cache, so an inventory change drops them. With a
// fixed public base URL the base is written into the templates, and each "s=…&t=…" pair is one
// placeholder, so a tracking URL costs two joins (the per-request part and its tag).
import { buildVast, escapeXmlText, type VastBuildVersion } from '@adsplice/vast';
import { BEACON_EVENTS } from './beacon-signer.ts';
import type { CompiledAd, CompiledInventory } from './compile-inventory.ts';
import type { Decision } from './decide.ts';
import { vastAd, vastDocument, type UrlContext } from './vast-output.ts';

const MARK = '\uE000';
const token = (name: string): string => `${MARK}${name}${MARK}`;
/** A sequence value no pod reaches, replaced by the sequence placeholder after writing. */
const SEQUENCE_SENTINEL = 2147480001;
const TOKEN = /\uE000([A-Z])(\d*)\uE000/g;
/** What separates the session and time placeholders in a tracking URL, as written (XML-escaped). */
const SESSION_TIME_GLUE = '&amp;t=';

/** B base URL, S session, T time, X session + glue + time, D decision id, Q pod sequence, G beacon tag. */
type Part = string | { kind: 'B' | 'S' | 'T' | 'X' | 'D' | 'Q' } | { kind: 'G'; index: number };

interface Envelope {
  head: string;
  foot: string;
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

  /** `fixedBase`: the base URL every request uses (the configured public one), written into the templates. */
  constructor(
    private readonly inv: CompiledInventory,
    private readonly baseUrl?: string,
  ) {
    this.fixedBase = baseUrl === undefined ? undefined : escapeXmlText(baseUrl);
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
