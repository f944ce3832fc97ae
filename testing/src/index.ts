export { DATABASES, postgresDatabase, postgresUnavailable, sqliteDatabase, TEST_POSTGRES_URL, type TestDatabase } from './databases.ts';
export { VirtualClock } from './clock.ts';
export { chromiumUnavailable, launchBrowser, playDash, playHls, playShaka, type PlayReport } from './player.ts';
export { checkErrorsDocumented } from './errors-documented.ts';
export { waitForOutput } from './process.ts';
