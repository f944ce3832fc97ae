// Real databases for tests: a SQLite file in a temporary folder, and PostgreSQL (127.0.0.1:5432,
// database `test`, trust auth; ADSPLICE_TEST_POSTGRES_URL overrides) in a fresh schema per run,
// dropped afterwards. When PostgreSQL is not reachable the PostgreSQL run is skipped with a message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '@adsplice/store';

export const TEST_POSTGRES_URL = process.env.ADSPLICE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  name: 'sqlite' | 'postgres';
  /** SQLite: the database file (another process may open it). */
  file?: string;
  /** PostgreSQL: the run's schema (at TEST_POSTGRES_URL). */
  schema?: string;
  /** Opens another connection to the same database (a second process would). */
  reopen(): Promise<Database>;
}

let pgReachable: Promise<string | undefined> | undefined;

/** undefined when PostgreSQL answers, else why not. */
export function postgresUnavailable(): Promise<string | undefined> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (err) {
      return `PostgreSQL at ${TEST_POSTGRES_URL} is not reachable (${(err as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-db-'));
  const file = join(dir, 'test.db');
  const opened = await openDatabase({ kind: 'sqlite', file });
  return {
    ...opened,
    name: 'sqlite',
    file,
    reopen: () => openDatabase({ kind: 'sqlite', file }),
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const opened = await openDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL, schema, poolSize: 4 });
  return {
    ...opened,
    name: 'postgres',
    schema,
    reopen: () => openDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL, schema, poolSize: 4 }),
    close: async () => {
      await opened.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** The databases every store test runs against, with a skip reason when one is not available. */
export const DATABASES: { name: 'sqlite' | 'postgres'; open: () => Promise<TestDatabase>; unavailable: () => Promise<string | undefined> }[] = [
  { name: 'sqlite', open: sqliteDatabase, unavailable: async () => undefined },
  { name: 'postgres', open: postgresDatabase, unavailable: postgresUnavailable },
];
