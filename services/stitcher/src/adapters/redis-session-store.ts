// SessionStore on Redis (ioredis): a session is four keys with the same TTL — the session JSON,
// a hash of its avail records (HSETNX: the first decision wins across stitcher instances), a set
// of the beacons it fired (SADD: at most once), and a hash of the ads it prefetched (HSETNX).
import type { Redis } from 'ioredis';
import type { AvailRecord, Session } from '../model.ts';
import type { PrefetchedAds } from '../prefetch.ts';
import type { SessionStore } from '../ports.ts';

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'adsplice:stitcher:',
  ) {}

  private keys(id: string) {
    const k = `${this.prefix}s:{${id}}`;
    return { session: k, avails: `${k}:avails`, once: `${k}:once`, prefetched: `${k}:prefetched` };
  }

  async create(session: Session, ttlMs: number): Promise<void> {
    await this.redis.set(this.keys(session.id).session, JSON.stringify(session), 'PX', ttlMs);
  }

  async get(id: string): Promise<Session | undefined> {
    const text = await this.redis.get(this.keys(id).session);
    return text ? (JSON.parse(text) as Session) : undefined;
  }

  async touch(id: string, ttlMs: number): Promise<boolean> {
    const k = this.keys(id);
    const [[, ok] = [null, 0]] = (await this.redis.multi().pexpire(k.session, ttlMs).pexpire(k.avails, ttlMs).pexpire(k.once, ttlMs).pexpire(k.prefetched, ttlMs).exec()) ?? [];
    return ok === 1;
  }

  async avails(id: string): Promise<Record<string, AvailRecord>> {
    const all = await this.redis.hgetall(this.keys(id).avails);
    return Object.fromEntries(Object.entries(all).map(([key, v]) => [key, JSON.parse(v) as AvailRecord]));
  }

  async putAvailIfAbsent(id: string, record: AvailRecord, ttlMs: number): Promise<AvailRecord> {
    const k = this.keys(id).avails;
    const res = await this.redis.multi().hsetnx(k, record.key, JSON.stringify(record)).hget(k, record.key).pexpire(k, ttlMs).exec();
    const stored = res?.[1]?.[1];
    return typeof stored === 'string' ? (JSON.parse(stored) as AvailRecord) : record;
  }

  async updateAvail(id: string, record: AvailRecord, ttlMs: number): Promise<void> {
    const k = this.keys(id).avails;
    await this.redis.multi().hset(k, record.key, JSON.stringify(record)).pexpire(k, ttlMs).exec();
  }

  async markOnce(id: string, key: string, ttlMs: number): Promise<boolean> {
    const k = this.keys(id).once;
    const res = await this.redis.multi().sadd(k, key).pexpire(k, ttlMs).exec();
    return res?.[0]?.[1] === 1;
  }

  /** SCAN over the session keys (an operator's view, not a hot path): bounded by `limit` and 10,000 keys. */
  async list(filter: { configName?: string; limit: number }): Promise<Session[]> {
    const out: Session[] = [];
    let cursor = '0';
    let scanned = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}s:{*}`, 'COUNT', 500);
      cursor = next;
      scanned += keys.length;
      if (keys.length === 0) continue;
      for (const text of await this.redis.mget(keys)) {
        if (!text) continue;
        const s = JSON.parse(text) as Session;
        if (filter.configName === undefined || s.configName === filter.configName) out.push(s);
      }
    } while (cursor !== '0' && scanned < 10_000);
    return out.sort((a, b) => b.createdAtMs - a.createdAtMs).slice(0, filter.limit);
  }

  async delete(id: string): Promise<boolean> {
    const k = this.keys(id);
    return (await this.redis.del(k.session, k.avails, k.once, k.prefetched)) > 0 && true;
  }

  async putPrefetch(id: string, prefetched: PrefetchedAds, ttlMs: number): Promise<PrefetchedAds> {
    const k = this.keys(id).prefetched;
    const res = await this.redis.multi().hsetnx(k, prefetched.scheduleName, JSON.stringify(prefetched)).hget(k, prefetched.scheduleName).pexpire(k, ttlMs).exec();
    const stored = res?.[1]?.[1];
    return typeof stored === 'string' ? (JSON.parse(stored) as PrefetchedAds) : prefetched;
  }

  async prefetches(id: string): Promise<Record<string, PrefetchedAds>> {
    const all = await this.redis.hgetall(this.keys(id).prefetched);
    return Object.fromEntries(Object.entries(all).map(([name, v]) => [name, JSON.parse(v) as PrefetchedAds]));
  }
}
