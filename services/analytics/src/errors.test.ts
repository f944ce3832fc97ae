import { test } from 'node:test';
import { checkErrorsDocumented } from '@adsplice/testing';
import { ANALYTICS_ERRORS } from './errors.ts';

test('every analytics error code is documented in docs/errors/analytics.md with its status', () => {
  checkErrorsDocumented(ANALYTICS_ERRORS, new URL('../../../docs/errors/analytics.md', import.meta.url));
});
