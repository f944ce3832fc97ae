// ChannelRepository over the store (SQLite or PostgreSQL, through Kysely).
import type { Kysely, Migration } from 'kysely';
import type { Channel } from '../channel.ts';
import type { ChannelRepository } from '../ports.ts';
import type { BatchResult, StoredAction } from '../schedule.ts';

interface Tables {
  origin_channels: { id: string; doc: string; epoch_ms: number; created_at: string; updated_at: string };
  origin_schedule_actions: { channel_id: string; action_name: string; start_ms: number; doc: string };
}

export const originMigrations: Record<string, Migration> = {
  'origin-0001-channels': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('origin_channels')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('epoch_ms', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('origin_schedule_actions')
        .addColumn('channel_id', 'varchar(64)', (c) => c.notNull().references('origin_channels.id').onDelete('cascade'))
        .addColumn('action_name', 'varchar(256)', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('origin_schedule_actions_pk', ['channel_id', 'action_name'])
        .execute();
      await db.schema.createIndex('origin_schedule_actions_start').on('origin_schedule_actions').columns(['channel_id', 'start_ms']).execute();
    },
  },
};

function toRow(c: Channel): Tables['origin_channels'] {
  const { createdAt, updatedAt, epochMs, ...doc } = c;
  return { id: c.id, doc: JSON.stringify(doc), epoch_ms: epochMs, created_at: createdAt, updated_at: updatedAt };
}

function fromRow(r: Tables['origin_channels']): Channel {
  return { ...(JSON.parse(r.doc) as Omit<Channel, 'createdAt' | 'updatedAt' | 'epochMs'>), epochMs: Number(r.epoch_ms), createdAt: r.created_at, updatedAt: r.updated_at };
}

export class KyselyChannelRepository implements ChannelRepository {
  private readonly db: Kysely<Tables>;

  constructor(
    db: Kysely<unknown>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.db = db as Kysely<Tables>;
  }

  async list(): Promise<Channel[]> {
    const rows = await this.db.selectFrom('origin_channels').selectAll().orderBy('id').execute();
    return rows.map(fromRow);
  }

  async get(id: string): Promise<Channel | undefined> {
    const row = await this.db.selectFrom('origin_channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async create(channel: Channel): Promise<boolean> {
    const result = await this.db.insertInto('origin_channels').values(toRow(channel)).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async update(channel: Channel): Promise<boolean> {
    const row = toRow(channel);
    const result = await this.db.updateTable('origin_channels').set({ doc: row.doc, updated_at: row.updated_at }).where('id', '=', channel.id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('origin_schedule_actions').where('channel_id', '=', id).execute();
      const result = await trx.deleteFrom('origin_channels').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    });
  }

  async listActions(channelId: string): Promise<StoredAction[]> {
    const rows = await this.db.selectFrom('origin_schedule_actions').select(['doc', 'start_ms']).where('channel_id', '=', channelId).orderBy('start_ms').orderBy('action_name').execute();
    return rows.map((r) => ({ ...(JSON.parse(r.doc) as Omit<StoredAction, 'startMs'>), startMs: Number(r.start_ms) }));
  }

  async updateSchedule(channelId: string, decide: (actions: StoredAction[]) => BatchResult): Promise<BatchResult | undefined> {
    return this.db.transaction().execute(async (trx) => {
      // Serialise batches per channel: PostgreSQL locks the channel row; SQLite transactions are serial.
      const lock = trx.selectFrom('origin_channels').select('id').where('id', '=', channelId);
      const found = await (this.dialect === 'postgres' ? lock.forUpdate() : lock).executeTakeFirst();
      if (!found) return undefined;
      const rows = await trx.selectFrom('origin_schedule_actions').select(['doc', 'start_ms']).where('channel_id', '=', channelId).execute();
      const actions = rows.map((r) => ({ ...(JSON.parse(r.doc) as Omit<StoredAction, 'startMs'>), startMs: Number(r.start_ms) }));
      const result = decide(actions);
      if (result.errors.length > 0) return result;
      if (result.deleted.length > 0) {
        await trx.deleteFrom('origin_schedule_actions').where('channel_id', '=', channelId).where('action_name', 'in', result.deleted.map((a) => a.ActionName)).execute();
      }
      if (result.created.length > 0) {
        await trx
          .insertInto('origin_schedule_actions')
          .values(result.created.map(({ startMs, ...doc }) => ({ channel_id: channelId, action_name: doc.ActionName, start_ms: startMs, doc: JSON.stringify(doc) })))
          .execute();
      }
      return result;
    });
  }
}
