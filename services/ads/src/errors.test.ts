import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkErrorsDocumented } from '@adsplice/testing';
import { ADS_ERRORS, AdsError } from './errors.ts';

test('every ads error code is documented in docs/errors/ads.md with its status', () => {
  checkErrorsDocumented(ADS_ERRORS, new URL('../../../docs/errors/ads.md', import.meta.url));
});

test('AdsError carries code, status and expose for the common error body', () => {
  const err = new AdsError('ADS_INVALID', 'weight must be 1..1000', { field: 'weight' });
  assert.deepEqual([err.code, err.statusCode, err.expose, err.details], ['ADS_INVALID', 400, true, { field: 'weight' }]);
});
