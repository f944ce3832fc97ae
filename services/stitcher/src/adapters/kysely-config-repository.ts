// Playback configurations, prefetch schedules and events over the store (SQLite or PostgreSQL), and
// the stitcher's migrations.
import type { Kysely, Migration } from 'kysely';
import type { PlaybackConfiguration } from '../model.ts';
import type { PrefetchSchedule } from '../prefetch.ts';
import type { PlaybackConfigurationRepository, PrefetchScheduleRepository } from '../ports.ts';

export interface StitcherTables {
  stitcher_playback_configurations: { name: string; doc: string; created_at: string; updated_at: string };
  stitcher_events: {
    id: string;
    event_type: string;
    at_ms: number;
    config_name: string | null;
    session_id: string | null;
    avail_id: string | null;
    doc: string;
  };
  stitcher_prefetch_schedules: { config_name: string; name: string; consumption_end_ms: number; doc: string };
}

export const stitcherMigrations: Record<string, Migration> = {
  'stitcher-0001-configurations-events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stitcher_playback_configurations')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('stitcher_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('event_type', 'varchar(64)', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('config_name', 'varchar(64)')
        .addColumn('session_id', 'varchar(64)')
        .addColumn('avail_id', 'varchar(64)')
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stitcher_events_time').on('stitcher_events').columns(['at_ms']).execute();
      await db.schema.createIndex('stitcher_events_session').on('stitcher_events').columns(['session_id', 'at_ms']).execute();
    },
  },
  'stitcher-0002-prefetch-schedules': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stitcher_prefetch_schedules')
        .addColumn('config_name', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('consumption_end_ms', 'bigint', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stitcher_prefetch_schedules_pk', ['config_name', 'name'])
        .execute();
      await db.schema.createIndex('stitcher_prefetch_schedules_end').on('stitcher_prefetch_schedules').columns(['consumption_end_ms']).execute();
    },
  },
};

export class KyselyConfigRepository implements PlaybackConfigurationRepository {
  constructor(private readonly db: Kysely<StitcherTables>) {}

  async list(): Promise<PlaybackConfiguration[]> {
    const rows = await this.db.selectFrom('stitcher_playback_configurations').select('doc').orderBy('name').execute();
    return rows.map((r) => JSON.parse(r.doc) as PlaybackConfiguration);
  }

  async get(name: string): Promise<PlaybackConfiguration | undefined> {
    const row = await this.db.selectFrom('stitcher_playback_configurations').select('doc').where('name', '=', name).executeTakeFirst();
    return row ? (JSON.parse(row.doc) as PlaybackConfiguration) : undefined;
  }

  async put(config: PlaybackConfiguration): Promise<void> {
    const row = { name: config.name, doc: JSON.stringify(config), created_at: config.createdAt, updated_at: config.updatedAt };
    await this.db
      .insertInto('stitcher_playback_configurations')
      .values(row)
      .onConflict((oc) => oc.column('name').doUpdateSet({ doc: row.doc, updated_at: row.updated_at }))
      .execute();
  }

  async delete(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('stitcher_playback_configurations').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

export class KyselyPrefetchScheduleRepository implements PrefetchScheduleRepository {
  constructor(private readonly db: Kysely<StitcherTables>) {}

  async list(configName: string): Promise<PrefetchSchedule[]> {
    const rows = await this.db.selectFrom('stitcher_prefetch_schedules').select('doc').where('config_name', '=', configName).orderBy('name').execute();
    return rows.map((r) => JSON.parse(r.doc) as PrefetchSchedule);
  }

  async get(configName: string, name: string): Promise<PrefetchSchedule | undefined> {
    const row = await this.db.selectFrom('stitcher_prefetch_schedules').select('doc').where('config_name', '=', configName).where('name', '=', name).executeTakeFirst();
    return row ? (JSON.parse(row.doc) as PrefetchSchedule) : undefined;
  }

  async create(s: PrefetchSchedule): Promise<boolean> {
    const r = await this.db
      .insertInto('stitcher_prefetch_schedules')
      .values({ config_name: s.playbackConfigurationName, name: s.name, consumption_end_ms: s.consumption.endTimeMs, doc: JSON.stringify(s) })
      .onConflict((oc) => oc.columns(['config_name', 'name']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async delete(configName: string, name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('stitcher_prefetch_schedules').where('config_name', '=', configName).where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async prune(beforeMs: number): Promise<number> {
    const r = await this.db.deleteFrom('stitcher_prefetch_schedules').where('consumption_end_ms', '<', beforeMs).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
