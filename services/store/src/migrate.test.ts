import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { DATABASES } from '@adsplice/testing';
import { migrate, MigrationError } from './migrate.ts';

const first = {
  'demo-0001-things': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('things').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    },
  },
};
const second = {
  'demo-0002-more': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('things').addColumn('name', 'text').execute();
    },
  },
};

for (const target of DATABASES) {
  describe(`migrations on ${target.name}`, async () => {
    const skip = await target.unavailable();
    test('apply once, in order, and only what is missing; a failed one leaves nothing half-done', { skip }, async () => {
      const database = await target.open();
      try {
        assert.deepEqual(await migrate(database.db, first), ['demo-0001-things']);
        assert.deepEqual(await migrate(database.db, first, second), ['demo-0002-more']);
        assert.deepEqual(await migrate(database.db, first, second), []);
        await database.db.insertInto('things' as never).values({ id: 1, name: 'x' } as never).execute();
        const broken = {
          'demo-0003-broken': {
            async up(db: Kysely<unknown>) {
              await db.schema.createTable('half').addColumn('id', 'integer').execute();
              await sql`select * from no_such_table`.execute(db);
            },
          },
        };
        await assert.rejects(migrate(database.db, first, second, broken), (err: unknown) => err instanceof MigrationError && err.migrationName === 'demo-0003-broken');
        const tables = await database.db.introspection.getTables();
        assert.ok(!tables.some((t) => t.name === 'half'), 'the failed migration rolled back');
        await assert.rejects(migrate(database.db, first, first), MigrationError);
      } finally {
        await database.close();
      }
    });
  });
}
