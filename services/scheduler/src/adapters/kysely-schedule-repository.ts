// ScheduleRepository over the store (SQLite or PostgreSQL). Claims and transitions are conditional
// updates, so two scheduler processes on one database never both act on a schedule.
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration, Selectable } from 'kysely';
import type { HistoryEntry, Recurrence, Schedule, ScheduleStatus } from '../model.ts';
import type { ScheduleFilter, ScheduleRepository } from '../ports.ts';

interface Tables {
  scheduler_schedules: {
    id: string;
    channel_id: string;
    start_ms: number;
    duration_seconds: number;
    splice_event_id: number;
    status: string;
    recurrence_id: string | null;
    dispatch_at_ms: number;
    attempts: number;
    last_error: string | null;
    action_name: string;
    created_by: string;
    created_at_ms: number;
    updated_at_ms: number;
    lease_owner: string | null;
    lease_until_ms: number | null;
  };
  scheduler_history: { id: string; schedule_id: string; from_status: string | null; to_status: string; at_ms: number; actor: string; reason: string };
  scheduler_recurrences: { id: string; channel_id: string; doc: string; active: number; expanded_until_ms: number; created_by: string; created_at_ms: number };
}

export const schedulerMigrations: Record<string, Migration> = {
  'scheduler-0001-schedules': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scheduler_schedules')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('duration_seconds', 'integer', (c) => c.notNull())
        .addColumn('splice_event_id', 'bigint', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('recurrence_id', 'varchar(36)')
        .addColumn('dispatch_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('action_name', 'varchar(128)', (c) => c.notNull().unique())
        .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('lease_owner', 'varchar(64)')
        .addColumn('lease_until_ms', 'bigint')
        .execute();
      await db.schema.createIndex('scheduler_schedules_due').on('scheduler_schedules').columns(['status', 'dispatch_at_ms']).execute();
      await db.schema.createIndex('scheduler_schedules_channel').on('scheduler_schedules').columns(['channel_id', 'start_ms']).execute();
      await db.schema.createIndex('scheduler_schedules_occurrence').on('scheduler_schedules').columns(['recurrence_id', 'start_ms']).unique().execute();
      await db.schema
        .createTable('scheduler_history')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('schedule_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(16)')
        .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'varchar(128)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scheduler_history_schedule').on('scheduler_history').columns(['schedule_id', 'at_ms']).execute();
      await db.schema
        .createTable('scheduler_recurrences')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('expanded_until_ms', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

type Row = Selectable<Tables['scheduler_schedules']>;

function toSchedule(r: Row): Schedule {
  return {
    id: r.id,
    channelId: r.channel_id,
    startMs: Number(r.start_ms),
    durationSeconds: Number(r.duration_seconds),
    spliceEventId: Number(r.splice_event_id),
    status: r.status as ScheduleStatus,
    recurrenceId: r.recurrence_id,
    dispatchAtMs: Number(r.dispatch_at_ms),
    attempts: Number(r.attempts),
    lastError: r.last_error,
    actionName: r.action_name,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
  };
}

function toRow(s: Schedule): Tables['scheduler_schedules'] {
  return {
    id: s.id,
    channel_id: s.channelId,
    start_ms: s.startMs,
    duration_seconds: s.durationSeconds,
    splice_event_id: s.spliceEventId,
    status: s.status,
    recurrence_id: s.recurrenceId,
    dispatch_at_ms: s.dispatchAtMs,
    attempts: s.attempts,
    last_error: s.lastError,
    action_name: s.actionName,
    created_by: s.createdBy,
    created_at_ms: s.createdAtMs,
    updated_at_ms: s.updatedAtMs,
    lease_owner: null,
    lease_until_ms: null,
  };
}

const historyRow = (h: HistoryEntry): Tables['scheduler_history'] => ({ id: randomUUID(), schedule_id: h.scheduleId, from_status: h.from, to_status: h.to, at_ms: h.atMs, actor: h.actor, reason: h.reason });

function changeColumns(change: Partial<Omit<Schedule, 'id'>>): Partial<Tables['scheduler_schedules']> {
  const out: Partial<Tables['scheduler_schedules']> = {};
  if (change.channelId !== undefined) out.channel_id = change.channelId;
  if (change.startMs !== undefined) out.start_ms = change.startMs;
  if (change.durationSeconds !== undefined) out.duration_seconds = change.durationSeconds;
  if (change.spliceEventId !== undefined) out.splice_event_id = change.spliceEventId;
  if (change.status !== undefined) out.status = change.status;
  if (change.dispatchAtMs !== undefined) out.dispatch_at_ms = change.dispatchAtMs;
  if (change.attempts !== undefined) out.attempts = change.attempts;
  if (change.lastError !== undefined) out.last_error = change.lastError;
  if (change.updatedAtMs !== undefined) out.updated_at_ms = change.updatedAtMs;
  return out;
}

function toRecurrence(r: Selectable<Tables['scheduler_recurrences']>): Recurrence {
  return { ...(JSON.parse(r.doc) as Omit<Recurrence, 'id' | 'channelId' | 'active' | 'expandedUntilMs' | 'createdBy' | 'createdAtMs'>), id: r.id, channelId: r.channel_id, active: Number(r.active) === 1, expandedUntilMs: Number(r.expanded_until_ms), createdBy: r.created_by, createdAtMs: Number(r.created_at_ms) };
}

export class KyselyScheduleRepository implements ScheduleRepository {
  private readonly db: Kysely<Tables>;

  constructor(
    db: Kysely<unknown>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.db = db as Kysely<Tables>;
  }

  async insert(schedules: Schedule[], history: HistoryEntry[]): Promise<void> {
    if (schedules.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < schedules.length; i += 200) await trx.insertInto('scheduler_schedules').values(schedules.slice(i, i + 200).map(toRow)).execute();
      for (let i = 0; i < history.length; i += 200) await trx.insertInto('scheduler_history').values(history.slice(i, i + 200).map(historyRow)).execute();
    });
  }

  async get(id: string): Promise<Schedule | undefined> {
    const r = await this.db.selectFrom('scheduler_schedules').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSchedule(r) : undefined;
  }

  async list(f: ScheduleFilter): Promise<Schedule[]> {
    let q = this.db.selectFrom('scheduler_schedules').selectAll();
    if (f.channelId !== undefined) q = q.where('channel_id', '=', f.channelId);
    if (f.status && f.status.length > 0) q = q.where('status', 'in', f.status);
    if (f.fromMs !== undefined) q = q.where('start_ms', '>=', f.fromMs);
    if (f.toMs !== undefined) q = q.where('start_ms', '<', f.toMs);
    const rows = await q.orderBy('start_ms').orderBy('id').limit(f.limit ?? 1000).offset(f.offset ?? 0).execute();
    return rows.map(toSchedule);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('scheduler_history').selectAll().where('schedule_id', '=', id).orderBy('at_ms').execute();
    return rows.map((r) => ({ scheduleId: r.schedule_id, from: r.from_status as ScheduleStatus | null, to: r.to_status as ScheduleStatus, atMs: Number(r.at_ms), actor: r.actor, reason: r.reason }));
  }

  async transition(id: string, from: readonly ScheduleStatus[], change: Partial<Omit<Schedule, 'id'>>, entry: Omit<HistoryEntry, 'scheduleId' | 'from'> | null, leaseOwner?: string): Promise<Schedule | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const read = trx.selectFrom('scheduler_schedules').selectAll().where('id', '=', id);
      const row = await (this.dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirst();
      if (!row || !from.includes(row.status as ScheduleStatus)) return undefined;
      if (leaseOwner !== undefined && row.lease_owner !== leaseOwner) return undefined;
      const columns = changeColumns(change);
      // Leaving 'scheduled' ends any lease.
      if (change.status !== undefined && change.status !== 'scheduled') Object.assign(columns, { lease_owner: null, lease_until_ms: null });
      let upd = trx.updateTable('scheduler_schedules').set(columns).where('id', '=', id).where('status', 'in', from);
      if (leaseOwner !== undefined) upd = upd.where('lease_owner', '=', leaseOwner);
      const res = await upd.executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return undefined;
      if (entry) await trx.insertInto('scheduler_history').values(historyRow({ ...entry, scheduleId: id, from: row.status as ScheduleStatus })).execute();
      return toSchedule({ ...row, ...columns } as Row);
    });
  }

  async claimDue(nowMs: number, owner: string, leaseMs: number, limit: number): Promise<Schedule[]> {
    const candidates = await this.db
      .selectFrom('scheduler_schedules')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('dispatch_at_ms', '<=', nowMs)
      .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
      .orderBy('dispatch_at_ms')
      .limit(limit)
      .execute();
    const claimed: Schedule[] = [];
    for (const c of candidates) {
      const res = await this.db
        .updateTable('scheduler_schedules')
        .set({ lease_owner: owner, lease_until_ms: nowMs + leaseMs })
        .where('id', '=', c.id)
        .where('status', '=', 'scheduled')
        .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) claimed.push(toSchedule(c));
    }
    return claimed;
  }

  async release(id: string, owner: string, change: Partial<Pick<Schedule, 'dispatchAtMs' | 'attempts' | 'lastError'>>): Promise<void> {
    await this.db
      .updateTable('scheduler_schedules')
      .set({ ...changeColumns(change), lease_owner: null, lease_until_ms: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async nextDueMs(): Promise<number | undefined> {
    const r = await this.db.selectFrom('scheduler_schedules').select((eb) => eb.fn.min('dispatch_at_ms').as('next')).where('status', '=', 'scheduled').executeTakeFirst();
    return r?.next === null || r?.next === undefined ? undefined : Number(r.next);
  }

  async insertRecurrence(r: Recurrence): Promise<void> {
    const { id, channelId, active, expandedUntilMs, createdBy, createdAtMs, ...doc } = r;
    await this.db.insertInto('scheduler_recurrences').values({ id, channel_id: channelId, doc: JSON.stringify(doc), active: active ? 1 : 0, expanded_until_ms: expandedUntilMs, created_by: createdBy, created_at_ms: createdAtMs }).execute();
  }

  async listRecurrences(): Promise<Recurrence[]> {
    return (await this.db.selectFrom('scheduler_recurrences').selectAll().orderBy('created_at_ms').execute()).map(toRecurrence);
  }

  async getRecurrence(id: string): Promise<Recurrence | undefined> {
    const r = await this.db.selectFrom('scheduler_recurrences').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecurrence(r) : undefined;
  }

  async expandRecurrence(id: string, expandedUntilMs: number, schedules: Schedule[], history: HistoryEntry[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('scheduler_recurrences').set({ expanded_until_ms: expandedUntilMs }).where('id', '=', id).where('expanded_until_ms', '<', expandedUntilMs).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return; // another scheduler expanded it first
      for (let i = 0; i < schedules.length; i += 200) await trx.insertInto('scheduler_schedules').values(schedules.slice(i, i + 200).map(toRow)).execute();
      for (let i = 0; i < history.length; i += 200) await trx.insertInto('scheduler_history').values(history.slice(i, i + 200).map(historyRow)).execute();
    });
  }

  async setRecurrenceActive(id: string, active: boolean): Promise<boolean> {
    const res = await this.db.updateTable('scheduler_recurrences').set({ active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
