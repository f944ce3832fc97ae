// Program-wide settings kept in the store, shared by every process on it (e.g. the secret that signs
// tracking URLs, which every ADS process must agree on). Created on first use.
import { randomBytes } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

interface Tables {
  app_settings: { key: string; value: string };
}

export const settingsMigrations: Record<string, Migration> = {
  'app-0001-settings': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('app_settings').addColumn('key', 'varchar(64)', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    },
  },
};

/** The setting `key`, created with `make()` when missing (two processes racing agree on the first one stored). */
export async function setting(db: Kysely<unknown>, key: string, make: () => string): Promise<string> {
  const d = db as Kysely<Tables>;
  await d.insertInto('app_settings').values({ key, value: make() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await d.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export const randomSecret = (): string => randomBytes(32).toString('base64url');
