// SessionStore in one process's memory (the embedded default). Expired entries are dropped when
// read and swept as new sessions arrive, so the map stays bounded by the live sessions.
import type { AvailRecord, Session } from '../model.ts';
import type { PrefetchedAds } from '../prefetch.ts';
import type { Clock, SessionStore } from '../ports.ts';

interface Entry {
  session: Session;
  avails: Map<string, AvailRecord>;
  once: Set<string>;
  prefetched: Map<string, PrefetchedAds>;
  expiresAtMs: number;
}

export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private sweepAtMs = 0;

  constructor(private readonly clock: Clock) {}

  private live(id: string): Entry | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expiresAtMs <= this.clock.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const now = this.clock.now();
    if (now < this.sweepAtMs) return;
    this.sweepAtMs = now + 10_000;
    for (const [id, e] of this.entries) if (e.expiresAtMs <= now) this.entries.delete(id);
  }

  async create(session: Session, ttlMs: number): Promise<void> {
    this.sweep();
    this.entries.set(session.id, { session, avails: new Map(), once: new Set(), prefetched: new Map(), expiresAtMs: this.clock.now() + ttlMs });
  }

  async get(id: string): Promise<Session | undefined> {
    return this.live(id)?.session;
  }

  async touch(id: string, ttlMs: number): Promise<boolean> {
    const e = this.live(id);
    if (!e) return false;
    e.expiresAtMs = this.clock.now() + ttlMs;
    return true;
  }

  async avails(id: string): Promise<Record<string, AvailRecord>> {
    return Object.fromEntries(this.live(id)?.avails ?? []);
  }

  async putAvailIfAbsent(id: string, record: AvailRecord, _ttlMs: number): Promise<AvailRecord> {
    const e = this.live(id);
    if (!e) return record;
    const existing = e.avails.get(record.key);
    if (existing) return existing;
    e.avails.set(record.key, record);
    return record;
  }

  async updateAvail(id: string, record: AvailRecord, _ttlMs: number): Promise<void> {
    this.live(id)?.avails.set(record.key, record);
  }

  async markOnce(id: string, key: string, _ttlMs: number): Promise<boolean> {
    const e = this.live(id);
    if (!e || e.once.has(key)) return false;
    e.once.add(key);
    return true;
  }

  async list(filter: { configName?: string; limit: number }): Promise<Session[]> {
    const now = this.clock.now();
    const out: Session[] = [];
    for (const e of this.entries.values()) if (e.expiresAtMs > now && (filter.configName === undefined || e.session.configName === filter.configName)) out.push(e.session);
    return out.sort((a, b) => b.createdAtMs - a.createdAtMs).slice(0, filter.limit);
  }

  async delete(id: string): Promise<boolean> {
    const had = this.live(id) !== undefined;
    this.entries.delete(id);
    return had;
  }

  async putPrefetch(id: string, prefetched: PrefetchedAds, _ttlMs: number): Promise<PrefetchedAds> {
    const e = this.live(id);
    if (!e) return prefetched;
    const existing = e.prefetched.get(prefetched.scheduleName);
    if (existing) return existing;
    e.prefetched.set(prefetched.scheduleName, prefetched);
    return prefetched;
  }

  async prefetches(id: string): Promise<Record<string, PrefetchedAds>> {
    return Object.fromEntries(this.live(id)?.prefetched ?? []);
  }
}
