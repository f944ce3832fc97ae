// Opens the store: SQLite through better-sqlite3 (the embedded default, one file) or PostgreSQL
// through pg, behind one Kysely instance. Services write portable SQL through Kysely only.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from 'kysely';
import pg from 'pg';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; /** a schema to use (created when missing); default public */ schema?: string; poolSize?: number };

export interface Database {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service declares its own table types over it
  db: Kysely<any>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

// PostgreSQL int8 (bigint) comes back as a string by default; our bigints are ms timestamps and
// ticks, which fit a JS number exactly.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** SQLite runs DDL in transactions; telling Kysely so makes each migration all-or-nothing there too. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class AdspliceSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const conn = new SQLite(target.file);
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    const db = new Kysely({ dialect: new AdspliceSqliteDialect({ database: conn }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const schema = target.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
