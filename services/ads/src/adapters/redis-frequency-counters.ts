// FrequencyCounters on Redis (ioredis), shared by every ADS process. Keys, under `prefix`:
//
//   k:<key>   a hash per session/user key: campaign id → its recent times ("t1,t2,…", oldest
//             first, at most `perCampaign`), expiring (PEXPIRE) once the longest cap window it was
//             counted with has passed since its last count
//   total     a hash: campaign id → impressions counted in total (HINCRBY)
//   day       a hash: campaign id → "<day>|<count>", the count of the campaign's current day
//
// A decision's hits are recorded by one Lua script, so concurrent ADS processes never lose a
// count or interleave a read-modify-write. Reads are one pipelined round trip. While the
// connection is down every call fails at once (no queueing behind a reconnect): the service then
// decides without this viewer's counters and warns (ad-server.ts), and the stream goes on.
import type { Redis } from 'ioredis';
import type { CampaignCount, CounterHit, FrequencyCounters, KeyCounts } from '../ports.ts';

export interface RedisCountersOptions {
  /** Key prefix (default "adsplice:ads:"); tests use a unique one. */
  prefix?: string;
  perCampaign?: number;
  /** Longest frequency-cap window kept (default 7 days). */
  maxWindowMs?: number;
}

// KEYS[1] total, KEYS[2] day, KEYS[3…] the counted keys' hashes.
// ARGV[1] perCampaign, then per hit: campaign id, day, atMs, windowMs, n, then n indexes into KEYS.
const RECORD = `
local per = tonumber(ARGV[1])
local i = 2
while i <= #ARGV do
  local cid, day, at, win, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  if win > 0 then
    for j = 1, n do
      local k = KEYS[tonumber(ARGV[i + 4 + j])]
      local kept = {}
      local old = redis.call('HGET', k, cid)
      if old then
        for t in string.gmatch(old, '[^,]+') do
          if tonumber(t) > at - win then kept[#kept + 1] = t end
        end
      end
      kept[#kept + 1] = ARGV[i + 2]
      local from = math.max(1, #kept - per + 1)
      redis.call('HSET', k, cid, table.concat(kept, ',', from))
      if redis.call('PTTL', k) < win then redis.call('PEXPIRE', k, win) end
    end
  end
  redis.call('HINCRBY', KEYS[1], cid, 1)
  local cur = redis.call('HGET', KEYS[2], cid)
  if not cur then
    redis.call('HSET', KEYS[2], cid, day .. '|1')
  else
    local bar = string.find(cur, '|', 1, true)
    local curDay = string.sub(cur, 1, bar - 1)
    if curDay == day then
      redis.call('HSET', KEYS[2], cid, day .. '|' .. (tonumber(string.sub(cur, bar + 1)) + 1))
    elseif day > curDay then
      redis.call('HSET', KEYS[2], cid, day .. '|1')
    end
  end
  i = i + 5 + n
end
return 1
`;

const COMMAND = 'adspliceRecordCounts';

type RecordCommand = (numKeys: number, ...args: (string | number)[]) => Promise<unknown>;

export class RedisFrequencyCounters implements FrequencyCounters {
  private readonly prefix: string;
  private readonly perCampaign: number;
  private readonly maxWindowMs: number;

  constructor(
    private readonly redis: Redis,
    opts: RedisCountersOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'adsplice:ads:';
    this.perCampaign = opts.perCampaign ?? 64;
    this.maxWindowMs = opts.maxWindowMs ?? 7 * 86_400_000;
    // EVALSHA, loading the script on NOSCRIPT (ioredis does it for defined commands).
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: RECORD });
  }

  /** Rejects at once while the connection is not up, rather than queueing behind a reconnect. */
  private ready(): Promise<never> | undefined {
    return this.redis.status === 'ready' ? undefined : Promise.reject(new Error(`Redis is not connected (${this.redis.status})`));
  }

  async recent(keys: readonly string[]): Promise<ReadonlyMap<string, KeyCounts>> {
    const out = new Map<string, KeyCounts>();
    if (keys.length === 0) return out;
    await this.ready();
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.hgetall(`${this.prefix}k:${k}`);
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((k, i) => {
      const [err, hash] = results[i] ?? [new Error('no reply'), null];
      if (err) throw err;
      const counts = new Map<string, number[]>();
      for (const [campaignId, text] of Object.entries(hash as Record<string, string>)) counts.set(campaignId, text.split(',').map(Number));
      if (counts.size > 0) out.set(k, counts);
    });
    return out;
  }

  async campaigns(): Promise<ReadonlyMap<string, CampaignCount>> {
    await this.ready();
    const [[totalErr, totals] = [null, {}], [dayErr, days] = [null, {}]] = (await this.redis.pipeline().hgetall(`${this.prefix}total`).hgetall(`${this.prefix}day`).exec()) ?? [];
    if (totalErr) throw totalErr;
    if (dayErr) throw dayErr;
    const out = new Map<string, CampaignCount>();
    for (const [campaignId, total] of Object.entries(totals as Record<string, string>)) {
      const text = (days as Record<string, string>)[campaignId] ?? '';
      const bar = text.lastIndexOf('|');
      out.set(campaignId, { total: Number(total), day: bar < 0 ? '' : text.slice(0, bar), dayCount: bar < 0 ? 0 : Number(text.slice(bar + 1)) });
    }
    return out;
  }

  async record(hits: readonly CounterHit[]): Promise<void> {
    if (hits.length === 0) return;
    await this.ready();
    const keys = [`${this.prefix}total`, `${this.prefix}day`];
    const index = new Map<string, number>();
    const args: (string | number)[] = [this.perCampaign];
    for (const hit of hits) {
      const windowMs = Math.min(this.maxWindowMs, hit.windowMs ?? this.maxWindowMs);
      const counted = windowMs > 0 ? hit.keys : [];
      args.push(hit.campaignId, hit.day, hit.atMs, windowMs, counted.length);
      for (const k of counted) {
        let at = index.get(k);
        if (at === undefined) {
          keys.push(`${this.prefix}k:${k}`);
          index.set(k, (at = keys.length));
        }
        args.push(at);
      }
    }
    await (this.redis as unknown as Record<string, RecordCommand>)[COMMAND]!(keys.length, ...keys, ...args);
  }
}
