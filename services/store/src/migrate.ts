// Versioned migrations, run at start. Each service exports its own (named `<service>-NNNN-what`),
// the program hands them all to `migrate`, and Kysely's Migrator applies the missing ones in name
// order, each in a transaction, recording them in the `kysely_migration` table.
import { Migrator, type Kysely, type Migration } from 'kysely';

export type Migrations = Record<string, Migration>;

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | undefined,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies every migration not applied yet; returns the names applied now. */
export async function migrate(db: Kysely<unknown>, ...sets: Migrations[]): Promise<string[]> {
  const all: Migrations = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set)) {
      if (all[name]) throw new MigrationError(`two migrations are named ${name}`, name);
      all[name] = m;
    }
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, failed?.migrationName);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
