import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SCHEDULER_ERRORS } from './errors.ts';

test('every scheduler error code is documented in docs/errors/scheduler.md with its status', () => {
  const doc = readFileSync(new URL('../../../docs/errors/scheduler.md', import.meta.url), 'utf8');
  for (const [code, { statusCode }] of Object.entries(SCHEDULER_ERRORS)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} has a row`);
    assert.ok(row.includes(`| ${statusCode} |`), `${code} row says ${statusCode}`);
  }
});
