// Facts over the store (SQLite or PostgreSQL): batched inserts, aggregate queries with every filter
// pushed into SQL, batched pruning; and the analytics migrations.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration, type SelectQueryBuilder } from 'kysely';
import type { Fact, FactKind } from '../facts.ts';

export interface AnalyticsTables {
  analytics_facts: {
    id: string;
    kind: string;
    at_ms: number;
    config_name: string | null;
    channel_id: string | null;
    session_id: string | null;
    campaign_id: string | null;
    ad_id: string | null;
    variant: string | null;
    avail_ms: number;
    filled_ms: number;
    ads_filled: number;
    ads_returned: number;
  };
}

export const analyticsMigrations: Record<string, Migration> = {
  'analytics-0001-facts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('analytics_facts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('config_name', 'varchar(64)')
        .addColumn('channel_id', 'varchar(64)')
        .addColumn('session_id', 'varchar(64)')
        .addColumn('campaign_id', 'varchar(64)')
        .addColumn('ad_id', 'varchar(64)')
        .addColumn('variant', 'varchar(140)')
        .addColumn('avail_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('filled_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('ads_filled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ads_returned', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('analytics_facts_kind_time').on('analytics_facts').columns(['kind', 'at_ms']).execute();
      await db.schema.createIndex('analytics_facts_time').on('analytics_facts').columns(['at_ms']).execute();
      await db.schema.createIndex('analytics_facts_ad').on('analytics_facts').columns(['ad_id', 'at_ms']).execute();
    },
  },
};

export interface FactFilter {
  fromMs: number;
  toMs: number;
  configName?: string;
  channelId?: string;
  campaignId?: string;
  adId?: string;
  variant?: string;
}

/** Sums of one kind of fact. */
export interface KindTotals {
  count: number;
  availMs: number;
  filledMs: number;
  adsFilled: number;
  adsReturned: number;
  sessions: number;
}

export type Totals = Record<FactKind, KindTotals>;

export const AD_LEVEL_KINDS: readonly FactKind[] = ['placed', 'impression', 'decided'];
export const BREAKDOWN_COLUMNS = { channel: 'channel_id', config: 'config_name', campaign: 'campaign_id', ad: 'ad_id', variant: 'variant' } as const;
export type BreakdownBy = keyof typeof BREAKDOWN_COLUMNS;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function emptyTotals(): Totals {
  const zero = (): KindTotals => ({ count: 0, availMs: 0, filledMs: 0, adsFilled: 0, adsReturned: 0, sessions: 0 });
  return { request: zero(), avail: zero(), placed: zero(), impression: zero(), decided: zero(), ads_error: zero(), session: zero() };
}

export class KyselyFactStore {
  constructor(private readonly db: Kysely<AnalyticsTables>) {}

  async insert(facts: Fact[]): Promise<void> {
    const rows = facts.map((f) => ({
      id: randomUUID(),
      kind: f.kind,
      at_ms: f.atMs,
      config_name: f.configName,
      channel_id: f.channelId,
      session_id: f.sessionId,
      campaign_id: f.campaignId,
      ad_id: f.adId,
      variant: f.variant,
      avail_ms: f.availMs,
      filled_ms: f.filledMs,
      ads_filled: f.adsFilled,
      ads_returned: f.adsReturned,
    }));
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('analytics_facts').values(rows.slice(i, i + 200)).execute();
    });
  }

  // Campaign and ad filters narrow the ad-level facts only: the avails they are measured against stay whole.
  private filtered<O>(q: SelectQueryBuilder<AnalyticsTables, 'analytics_facts', O>, f: FactFilter): SelectQueryBuilder<AnalyticsTables, 'analytics_facts', O> {
    q = q.where('at_ms', '>=', f.fromMs).where('at_ms', '<', f.toMs);
    if (f.configName !== undefined) q = q.where('config_name', '=', f.configName);
    if (f.channelId !== undefined) q = q.where('channel_id', '=', f.channelId);
    if (f.variant !== undefined) q = q.where('variant', '=', f.variant);
    for (const [column, value] of [['campaign_id', f.campaignId], ['ad_id', f.adId]] as const) {
      if (value !== undefined) q = q.where((eb) => eb.or([eb('kind', 'not in', [...AD_LEVEL_KINDS]), eb(column, '=', value)]));
    }
    return q;
  }

  private sums() {
    return [
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(avail_ms)`.as('avail_ms'),
      sql<number>`sum(filled_ms)`.as('filled_ms'),
      sql<number>`sum(ads_filled)`.as('ads_filled'),
      sql<number>`sum(ads_returned)`.as('ads_returned'),
      sql<number>`count(distinct case when kind = 'session' then session_id end)`.as('sessions'),
    ] as const;
  }

  async totals(f: FactFilter): Promise<Totals> {
    const rows = await this.filtered(this.db.selectFrom('analytics_facts').select(['kind', ...this.sums()]), f).groupBy('kind').execute();
    const out = emptyTotals();
    for (const r of rows) {
      const t = out[r.kind as FactKind];
      if (!t) continue;
      Object.assign(t, { count: num(r.n), availMs: num(r.avail_ms), filledMs: num(r.filled_ms), adsFilled: num(r.ads_filled), adsReturned: num(r.ads_returned), sessions: num(r.sessions) });
    }
    return out;
  }

  /** Totals per bin of `binMs` (bins start at multiples of binMs since 1970), only bins with facts. */
  async series(f: FactFilter, binMs: number): Promise<Map<number, Totals>> {
    const bin = sql<number>`(at_ms / ${sql.lit(binMs)}) * ${sql.lit(binMs)}`;
    const rows = await this.filtered(this.db.selectFrom('analytics_facts').select([bin.as('bin'), 'kind', ...this.sums()]), f).groupBy([bin, 'kind']).execute();
    const out = new Map<number, Totals>();
    for (const r of rows) {
      const key = num(r.bin);
      let t = out.get(key);
      if (!t) out.set(key, (t = emptyTotals()));
      const k = t[r.kind as FactKind];
      if (k) Object.assign(k, { count: num(r.n), availMs: num(r.avail_ms), filledMs: num(r.filled_ms), adsFilled: num(r.ads_filled), adsReturned: num(r.ads_returned), sessions: num(r.sessions) });
    }
    return out;
  }

  /** Ad-level totals grouped by one column (most exposed first). */
  async breakdown(f: FactFilter, by: BreakdownBy, limit: number): Promise<{ key: string | null; impressions: number; placed: number; filledMs: number; decided: number; sessions: number }[]> {
    const column = BREAKDOWN_COLUMNS[by];
    const rows = await this.filtered(
      this.db
        .selectFrom('analytics_facts')
        .select([
          sql<string | null>`${sql.ref(column)}`.as('key'),
          sql<number>`sum(case when kind = 'impression' then 1 else 0 end)`.as('impressions'),
          sql<number>`sum(case when kind = 'placed' then 1 else 0 end)`.as('placed'),
          sql<number>`sum(case when kind = 'placed' then filled_ms else 0 end)`.as('filled_ms'),
          sql<number>`sum(case when kind = 'decided' then 1 else 0 end)`.as('decided'),
          sql<number>`count(distinct session_id)`.as('sessions'),
        ])
        .where('kind', 'in', [...AD_LEVEL_KINDS]),
      f,
    )
      .groupBy(sql.ref(column))
      .orderBy('impressions', 'desc')
      .orderBy(sql.ref(column))
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.key, impressions: num(r.impressions), placed: num(r.placed), filledMs: num(r.filled_ms), decided: num(r.decided), sessions: num(r.sessions) }));
  }

  /** Avails planned with at least one ad. */
  async filledAvails(f: FactFilter): Promise<number> {
    const r = await this.filtered(this.db.selectFrom('analytics_facts').select(sql<number>`count(*)`.as('n')).where('kind', '=', 'avail').where('filled_ms', '>', 0), f).executeTakeFirst();
    return num(r?.n);
  }

  /** Distinct sessions with a heartbeat at or after `sinceMs`. */
  async liveSessions(sinceMs: number, filter: { configName?: string; channelId?: string } = {}): Promise<number> {
    let q = this.db.selectFrom('analytics_facts').select(sql<number>`count(distinct session_id)`.as('n')).where('kind', '=', 'session').where('at_ms', '>=', sinceMs);
    if (filter.configName !== undefined) q = q.where('config_name', '=', filter.configName);
    if (filter.channelId !== undefined) q = q.where('channel_id', '=', filter.channelId);
    return num((await q.executeTakeFirst())?.n);
  }

  /** The campaign of the latest decision that placed `adId` (the ADS decides, the stitcher only knows the ad). */
  async campaignOfAd(adId: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('analytics_facts').select('campaign_id').where('kind', '=', 'decided').where('ad_id', '=', adId).orderBy('at_ms', 'desc').limit(1).executeTakeFirst();
    return r?.campaign_id ?? undefined;
  }

  /** Deletes at most `limit` facts older than `beforeMs`; returns how many. */
  async prune(beforeMs: number, limit: number): Promise<number> {
    const r = await this.db
      .deleteFrom('analytics_facts')
      .where('id', 'in', (eb) => eb.selectFrom('analytics_facts').select('id').where('at_ms', '<', beforeMs).limit(limit))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
