import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADS_ERRORS, AdsError } from './errors.ts';

test('every ads error code is documented in docs/errors/ads.md with its status', () => {
  const doc = readFileSync(new URL('../../../docs/errors/ads.md', import.meta.url), 'utf8');
  for (const [code, { statusCode }] of Object.entries(ADS_ERRORS)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} has a row`);
    assert.ok(row.includes(`| ${statusCode} |`), `${code} row says ${statusCode}`);
  }
});

test('AdsError carries code, status and expose for the common error body', () => {
  const err = new AdsError('ADS_INVALID', 'weight must be 1..1000', { field: 'weight' });
  assert.deepEqual([err.code, err.statusCode, err.expose, err.details], ['ADS_INVALID', 400, true, { field: 'weight' }]);
});
