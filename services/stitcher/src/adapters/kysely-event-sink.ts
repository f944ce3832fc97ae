// EventSink over the store: events are buffered and written in batched inserts (at most every
// `flushMs`, or as soon as `batchSize` are waiting). A failed batch is retried once with the next.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StitcherEvent } from '../events.ts';
import type { EventFilter, EventLog, EventSink } from '../ports.ts';
import type { StitcherTables } from './kysely-config-repository.ts';

export class KyselyEventSink implements EventSink, EventLog {
  private buffer: StitcherEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Events dropped because the buffer was over `maxBuffered` (the database was down too long). */
  dropped = 0;

  constructor(
    private readonly db: Kysely<StitcherTables>,
    private readonly opts: { batchSize?: number; flushMs?: number; maxBuffered?: number; onError?: (err: unknown) => void } = {},
  ) {}

  emit(event: StitcherEvent): void {
    if (this.buffer.length >= (this.opts.maxBuffered ?? 100_000)) {
      this.dropped++;
      return;
    }
    this.buffer.push(event);
    if (this.buffer.length >= (this.opts.batchSize ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs ?? 1000);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      const rows = batch.map((e) => ({
        id: randomUUID(),
        event_type: e.eventType,
        at_ms: Date.parse(e.eventTimestamp),
        config_name: e.playbackConfigurationName ?? null,
        session_id: e.sessionId ?? null,
        avail_id: e.availId ?? null,
        doc: JSON.stringify(e),
      }));
      try {
        for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('stitcher_events').values(rows.slice(i, i + 200)).execute();
      } catch (err) {
        this.opts.onError?.(err);
        this.buffer.unshift(...batch);
      }
    });
    return this.writing;
  }

  /** Stored events, newest first (what is still buffered is written first). */
  async query(f: EventFilter): Promise<StitcherEvent[]> {
    await this.flush();
    let q = this.db.selectFrom('stitcher_events').select('doc');
    if (f.sessionId !== undefined) q = q.where('session_id', '=', f.sessionId);
    if (f.configName !== undefined) q = q.where('config_name', '=', f.configName);
    if (f.eventType !== undefined) q = q.where('event_type', '=', f.eventType);
    if (f.sinceMs !== undefined) q = q.where('at_ms', '>=', f.sinceMs);
    const rows = await q.orderBy('at_ms', 'desc').limit(f.limit).execute();
    return rows.map((r) => JSON.parse(r.doc) as StitcherEvent);
  }

  /** Deletes at most `limit` events older than `beforeMs` (the retention calls it batch by batch); returns how many. */
  async prune(beforeMs: number, limit: number): Promise<number> {
    const r = await this.db
      .deleteFrom('stitcher_events')
      .where('id', 'in', (eb) => eb.selectFrom('stitcher_events').select('id').where('at_ms', '<', beforeMs).limit(limit))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
