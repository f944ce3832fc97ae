// The origin's playlists, fetched once per refresh interval for every session: single-flight (one
// request in flight per URL), shared by all sessions, with a time limit, and the last good copy
// served when the origin fails. Derived values (parsed views) are cached with each copy.
import type { HttpClient } from './ports.ts';


/** An HLS playlist, or an MPD (an XML document whose root element is MPD). */
function isManifest(text: string): boolean {
  return text.startsWith('#EXTM3U') || /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(\w+:)?MPD[\s>]/.test(text);
}
export interface Fetched {
  url: string;
  text: string;
  fetchedAtMs: number;
  /** Values computed from this copy, by name (computed once). */
  derived: Map<string, unknown>;
  /** The copy is older than asked for: the origin failed and this is the last good one. */
  stale: boolean;
}

export class OriginFetchError extends Error {
  override name = 'OriginFetchError';
}

interface Entry {
  good?: Fetched;
  inflight?: Promise<Fetched>;
}

export class SharedFetch {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly onFetch: (e: { url: string; ok: boolean; statusCode?: number; message?: string; tookMs: number }) => void = () => {},
    private readonly maxEntries = 10_000,
  ) {}

  /** A copy at most `maxAgeMs` old; the last good copy when the origin fails; rejects when there is none. */
  get(url: string, maxAgeMs: number, timeoutMs: number): Promise<Fetched> {
    let e = this.entries.get(url);
    if (!e) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      e = {};
      this.entries.set(url, e);
    }
    const good = e.good;
    if (good && this.now() - good.fetchedAtMs < maxAgeMs) return Promise.resolve(good);
    if (e.inflight) return e.inflight;
    const entry = e;
    const started = this.now();
    entry.inflight = this.http
      .get(url, { timeoutMs })
      .then((res) => {
        if (res.status !== 200 || !isManifest(res.text)) throw new OriginFetchError(`the origin answered ${res.status}${res.status === 200 ? ' without a playlist or MPD' : ''}`);
        this.onFetch({ url, ok: true, statusCode: res.status, tookMs: this.now() - started });
        const fetched: Fetched = { url, text: res.text, fetchedAtMs: this.now(), derived: new Map(), stale: false };
        // An unchanged playlist keeps its derived values.
        if (entry.good && entry.good.text === res.text) fetched.derived = entry.good.derived;
        entry.good = fetched;
        return fetched;
      })
      .catch((err: unknown) => {
        this.onFetch({ url, ok: false, message: (err as Error).message, tookMs: this.now() - started });
        if (entry.good) return { ...entry.good, stale: true };
        throw err instanceof OriginFetchError ? err : new OriginFetchError((err as Error).message);
      })
      .finally(() => {
        entry.inflight = undefined;
      });
    return entry.inflight;
  }

  /** A value computed once per fetched copy. */
  static derive<T>(f: Fetched, name: string, compute: () => T): T {
    if (f.derived.has(name)) return f.derived.get(name) as T;
    const v = compute();
    f.derived.set(name, v);
    return v;
  }
}
