export { openDatabase, type Database, type DatabaseTarget } from './database.ts';
export { migrate, MigrationError, type Migrations } from './migrate.ts';
