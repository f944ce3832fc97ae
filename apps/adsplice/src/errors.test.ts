import { test } from 'node:test';
import { checkErrorsDocumented } from '@adsplice/testing';
import { APP_ERRORS } from './errors.ts';

test('every app error code is documented in docs/errors/app.md with its status', () => {
  checkErrorsDocumented(APP_ERRORS, new URL('../../../docs/errors/app.md', import.meta.url), { statusOptional: ['CONFIG_INVALID'] });
});
