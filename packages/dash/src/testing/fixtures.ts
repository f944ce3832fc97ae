// Test helpers: the shared DASH fixtures (../shared/fixtures/dash, beside the repository)
// and the package's own golden files (packages/dash/testdata).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = new URL('../../../../../shared/fixtures/dash/', import.meta.url);
export const TESTDATA = new URL('../../testdata/', import.meta.url);

/** false when the shared fixtures are there, else the reason to skip (node:test's `skip` option). */
export const skipWithoutFixtures: false | string = existsSync(fileURLToPath(SHARED_FIXTURES))
  ? false
  : `skipped: the shared fixtures folder ${fileURLToPath(SHARED_FIXTURES)} is absent`;

/** The shared fixture files (not PROVENANCE.md), sorted; [] when the folder is absent. */
export function fixtureNames(): string[] {
  if (skipWithoutFixtures) return [];
  return readdirSync(fileURLToPath(SHARED_FIXTURES)).filter((f) => !f.endsWith('.md')).sort();
}

export function readFixture(name: string): string {
  return readFileSync(new URL(name, SHARED_FIXTURES), 'utf8');
}

export function readTestdata(name: string): string {
  return readFileSync(new URL(name, TESTDATA), 'utf8');
}
