// InventoryRepository (and the beacon ledger's table) over the store: SQLite or PostgreSQL through
// Kysely. One table per kind: the document as JSON text plus the columns lists filter on. Every
// write bumps ads_meta.version in the same transaction, which other ADS processes poll.
import { sql, type Kysely, type Migration, type Transaction } from 'kysely';
import type { FallbackSettings, InventoryItems, InventoryKind, InventoryKinds, InventorySnapshot } from '../inventory.ts';
import { INVENTORY_KINDS } from '../inventory.ts';
import type { DeleteResult, InventoryRepository, ListFilter } from '../ports.ts';
import { REFERRERS } from './memory-inventory-repository.ts';

interface ItemRow {
  id: string;
  doc: string;
  advertiser_id?: string;
  campaign_id?: string;
  creative_id?: string;
  active?: number;
}

export interface AdsTables {
  ads_advertisers: ItemRow;
  ads_campaigns: ItemRow;
  ads_ads: ItemRow;
  ads_creatives: ItemRow;
  ads_experiments: ItemRow;
  ads_channels: ItemRow;
  ads_settings: { key: string; doc: string };
  ads_meta: { key: string; value: number };
  ads_beacons: { ad_id: string; session_id: string; event: string; at_ms: number };
}

type ItemTable = 'ads_advertisers' | 'ads_campaigns' | 'ads_ads' | 'ads_creatives' | 'ads_experiments' | 'ads_channels';

const TABLE_NAMES: Record<InventoryKind, ItemTable> = {
  advertisers: 'ads_advertisers',
  campaigns: 'ads_campaigns',
  ads: 'ads_ads',
  creatives: 'ads_creatives',
  experiments: 'ads_experiments',
  channels: 'ads_channels',
};

/** Every item table has the shape of ads_ads (the columns a kind lacks are never touched): one literal keeps Kysely's types callable. */
function table(kind: InventoryKind): 'ads_ads' {
  return TABLE_NAMES[kind] as 'ads_ads';
}

/** Column of each filterable/referring field, per kind. */
const COLUMNS: Record<InventoryKind, Partial<Record<'advertiserId' | 'campaignId' | 'creativeId' | 'active', keyof ItemRow>>> = {
  advertisers: {},
  campaigns: { advertiserId: 'advertiser_id', active: 'active' },
  ads: { advertiserId: 'advertiser_id', campaignId: 'campaign_id', creativeId: 'creative_id', active: 'active' },
  creatives: {},
  experiments: { active: 'active' },
  channels: {},
};

export const adsMigrations: Record<string, Migration> = {
  'ads-0001-inventory': {
    async up(db: Kysely<unknown>) {
      const idTable = (name: string) => db.schema.createTable(name).addColumn('id', 'varchar(64)', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull());
      await idTable('ads_advertisers').execute();
      await idTable('ads_campaigns').addColumn('advertiser_id', 'varchar(64)', (c) => c.notNull()).addColumn('active', 'integer', (c) => c.notNull()).execute();
      await db.schema.createIndex('ads_campaigns_advertiser').on('ads_campaigns').columns(['advertiser_id', 'id']).execute();
      await idTable('ads_ads')
        .addColumn('campaign_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('advertiser_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('creative_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ads_ads_campaign').on('ads_ads').columns(['campaign_id', 'id']).execute();
      await db.schema.createIndex('ads_ads_advertiser').on('ads_ads').columns(['advertiser_id', 'id']).execute();
      await db.schema.createIndex('ads_ads_creative').on('ads_ads').column('creative_id').execute();
      await idTable('ads_creatives').execute();
      await idTable('ads_experiments').addColumn('active', 'integer', (c) => c.notNull()).execute();
      await idTable('ads_channels').execute();
      await db.schema.createTable('ads_settings').addColumn('key', 'varchar(64)', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull()).execute();
      await db.schema.createTable('ads_meta').addColumn('key', 'varchar(64)', (c) => c.primaryKey()).addColumn('value', 'bigint', (c) => c.notNull()).execute();
      await (db as Kysely<AdsTables>).insertInto('ads_meta').values({ key: 'version', value: 0 }).execute();
    },
  },
  'ads-0002-beacons': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ads_beacons')
        .addColumn('ad_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('session_id', 'varchar(256)', (c) => c.notNull())
        .addColumn('event', 'varchar(32)', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ads_beacons_pk', ['ad_id', 'session_id', 'event'])
        .execute();
      await db.schema.createIndex('ads_beacons_at').on('ads_beacons').column('at_ms').execute();
    },
  },
};

function toRow(kind: InventoryKind, item: InventoryKinds[InventoryKind]): ItemRow {
  const rec = item as unknown as Record<string, unknown>;
  const row: ItemRow = { id: item.id, doc: JSON.stringify(item) };
  for (const [field, column] of Object.entries(COLUMNS[kind]) as [string, keyof ItemRow][]) {
    (row as unknown as Record<string, unknown>)[column] = field === 'active' ? (rec.active ? 1 : 0) : String(rec[field]);
  }
  return row;
}

const CHUNK = 200;

export class KyselyInventoryRepository implements InventoryRepository {
  private readonly db: Kysely<AdsTables>;

  constructor(
    db: Kysely<unknown>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.db = db as Kysely<AdsTables>;
  }

  private async bump(trx: Transaction<AdsTables>): Promise<void> {
    await trx
      .updateTable('ads_meta')
      .set({ value: sql<number>`value + 1` })
      .where('key', '=', 'version')
      .execute();
  }

  async snapshot(): Promise<InventorySnapshot> {
    const tx = this.dialect === 'postgres' ? this.db.transaction().setIsolationLevel('repeatable read') : this.db.transaction();
    return tx.execute(async (trx) => {
      const version = await trx.selectFrom('ads_meta').select('value').where('key', '=', 'version').executeTakeFirst();
      const all = async <K extends InventoryKind>(k: K): Promise<InventoryKinds[K][]> => {
        const rows = await trx.selectFrom(table(k)).select('doc').orderBy('id').execute();
        return rows.map((r) => JSON.parse(r.doc) as InventoryKinds[K]);
      };
      const fallback = await trx.selectFrom('ads_settings').select('doc').where('key', '=', 'fallback').executeTakeFirst();
      return {
        version: Number(version?.value ?? 0),
        advertisers: await all('advertisers'),
        campaigns: await all('campaigns'),
        ads: await all('ads'),
        creatives: await all('creatives'),
        experiments: await all('experiments'),
        channels: await all('channels'),
        fallback: fallback ? (JSON.parse(fallback.doc) as FallbackSettings) : { adIds: [] },
      };
    });
  }

  async version(): Promise<number> {
    const row = await this.db.selectFrom('ads_meta').select('value').where('key', '=', 'version').executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  async list<K extends InventoryKind>(kind: K, filter: ListFilter): Promise<{ items: InventoryKinds[K][]; total: number }> {
    const cols = COLUMNS[kind];
    let q = this.db.selectFrom(table(kind));
    if (filter.advertiserId !== undefined && cols.advertiserId) q = q.where(cols.advertiserId, '=', filter.advertiserId);
    if (filter.campaignId !== undefined && cols.campaignId) q = q.where(cols.campaignId, '=', filter.campaignId);
    if (filter.active !== undefined && cols.active) q = q.where(cols.active, '=', filter.active ? 1 : 0);
    const [rows, count] = await Promise.all([
      q.select('doc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map((r) => JSON.parse(r.doc) as InventoryKinds[K]), total: Number(count?.n ?? 0) };
  }

  async get<K extends InventoryKind>(kind: K, id: string): Promise<InventoryKinds[K] | undefined> {
    const row = await this.db.selectFrom(table(kind)).select('doc').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.doc) as InventoryKinds[K]) : undefined;
  }

  async create<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .insertInto(table(kind))
        .values(toRow(kind, item))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      const created = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      if (created) await this.bump(trx);
      return created;
    });
  }

  async update<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { id: _id, ...set } = toRow(kind, item);
      const result = await trx.updateTable(table(kind)).set(set).where('id', '=', item.id).executeTakeFirst();
      const updated = Number(result.numUpdatedRows) === 1;
      if (updated) await this.bump(trx);
      return updated;
    });
  }

  async delete(kind: InventoryKind, id: string): Promise<DeleteResult> {
    return this.db.transaction().execute(async (trx) => {
      const lock = trx.selectFrom(table(kind)).select('id').where('id', '=', id);
      if (!(await (this.dialect === 'postgres' ? lock.forUpdate() : lock).executeTakeFirst())) return 'not-found';
      const ref = REFERRERS[kind];
      if (ref) {
        const column = COLUMNS[ref.kind][ref.field as 'advertiserId' | 'campaignId' | 'creativeId']!;
        const user = await trx.selectFrom(table(ref.kind)).select('id').where(column, '=', id).limit(1).executeTakeFirst();
        if (user) return 'in-use';
      }
      await trx.deleteFrom(table(kind)).where('id', '=', id).execute();
      await this.bump(trx);
      return 'deleted';
    });
  }

  async createMany(items: InventoryItems): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      for (const kind of INVENTORY_KINDS) {
        const list = items[kind] ?? [];
        const ids = list.map((x) => x.id);
        if (new Set(ids).size !== ids.length) return false;
        for (let i = 0; i < ids.length; i += CHUNK) {
          const found = await trx.selectFrom(table(kind)).select('id').where('id', 'in', ids.slice(i, i + CHUNK)).limit(1).executeTakeFirst();
          if (found) return false;
        }
      }
      for (const kind of INVENTORY_KINDS) {
        const list = items[kind] ?? [];
        for (let i = 0; i < list.length; i += CHUNK) {
          await trx
            .insertInto(table(kind))
            .values(list.slice(i, i + CHUNK).map((x) => toRow(kind, x)))
            .execute();
        }
      }
      await this.bump(trx);
      return true;
    });
  }

  async fallback(): Promise<FallbackSettings> {
    const row = await this.db.selectFrom('ads_settings').select('doc').where('key', '=', 'fallback').executeTakeFirst();
    return row ? (JSON.parse(row.doc) as FallbackSettings) : { adIds: [] };
  }

  async setFallback(fallback: FallbackSettings): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ads_settings')
        .values({ key: 'fallback', doc: JSON.stringify(fallback) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ doc: JSON.stringify(fallback) }))
        .execute();
      await this.bump(trx);
    });
  }
}
