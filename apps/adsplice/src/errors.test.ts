import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { APP_ERRORS } from './errors.ts';

test('every app error code is documented in docs/errors/app.md with its status', () => {
  const doc = readFileSync(new URL('../../../docs/errors/app.md', import.meta.url), 'utf8');
  for (const [code, { statusCode }] of Object.entries(APP_ERRORS)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} has a row`);
    if (code !== 'CONFIG_INVALID') assert.ok(row.includes(`| ${statusCode} |`), `${code} row says ${statusCode}`);
  }
});
