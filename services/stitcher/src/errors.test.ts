import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STITCHER_ERRORS } from './errors.ts';

test('every stitcher error code is documented in docs/errors/stitcher.md with its status', () => {
  const doc = readFileSync(new URL('../../../docs/errors/stitcher.md', import.meta.url), 'utf8');
  for (const [code, { statusCode }] of Object.entries(STITCHER_ERRORS)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} has a row`);
    assert.ok(row.includes(`| ${statusCode} |`), `${code} row says ${statusCode}`);
  }
});
