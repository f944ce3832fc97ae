import { test } from 'node:test';
import { checkErrorsDocumented } from '@adsplice/testing';
import { ORIGIN_ERRORS } from './errors.ts';

test('every origin error code is documented in docs/errors/origin.md with its status', () => {
  checkErrorsDocumented(ORIGIN_ERRORS, new URL('../../../docs/errors/origin.md', import.meta.url));
});
