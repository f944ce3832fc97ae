// SessionStore on Redis (ioredis): a session is three keys with the same TTL — the session JSON,
// a hash of its avail records (HSETNX: the first decision wins across stitcher instances), and a
// set of the beacons it fired (SADD: at most once).
import type { Redis } from 'ioredis';
import type { AvailRecord, Session } from '../model.ts';
import type { SessionStore } from '../ports.ts';

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'adsplice:stitcher:',
  ) {}

  private keys(id: string) {
    const k = `${this.prefix}s:{${id}}`;
    return { session: k, avails: `${k}:avails`, once: `${k}:once` };
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
    const [[, ok] = [null, 0]] = (await this.redis.multi().pexpire(k.session, ttlMs).pexpire(k.avails, ttlMs).pexpire(k.once, ttlMs).exec()) ?? [];
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
}
