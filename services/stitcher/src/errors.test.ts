import { test } from 'node:test';
import { checkErrorsDocumented } from '@adsplice/testing';
import { STITCHER_ERRORS } from './errors.ts';

test('every stitcher error code is documented in docs/errors/stitcher.md with its status', () => {
  checkErrorsDocumented(STITCHER_ERRORS, new URL('../../../docs/errors/stitcher.md', import.meta.url));
});
