import { test } from 'node:test';
import { checkErrorsDocumented } from '@adsplice/testing';
import { SCHEDULER_ERRORS } from './errors.ts';

test('every scheduler error code is documented in docs/errors/scheduler.md with its status', () => {
  checkErrorsDocumented(SCHEDULER_ERRORS, new URL('../../../docs/errors/scheduler.md', import.meta.url));
});
