// One lint config for the whole repository.
// - packages/* are pure: no network, files, clock, timers, env, console, randomness.
// - a service never imports another service (it declares a port and is handed an adapter).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'child_process',
  'cluster', 'worker_threads', 'os', 'process', 'readline', 'timers', 'timers/promises', 'inspector',
];
const ioPatterns = ioModules.flatMap((m) => [m, `node:${m}`]);
const ioLibraries = ['fastify', 'pino', 'undici', 'better-sqlite3', 'pg', 'ioredis', 'kysely', 'axios', 'node-fetch'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'data/**', 'apps/web/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportNamedDeclaration > TSEnumDeclaration[const=true]', message: 'No exported const enum: use an `as const` object and a derived union.' },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/**/*.test.ts', 'packages/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ioPatterns, ...ioLibraries].map((name) => ({ name, message: 'packages/* do no I/O: take what you need as an argument.' })),
          patterns: [{ group: ['**/services/**', '@adsplice/service-*', 'adsplice'], message: 'packages/* must not depend on services or apps.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'console', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'fetch', 'performance', 'require']
          .map((name) => ({ name, message: 'packages/* are pure: no clock, timers, env, console or network.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'packages/* take `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'packages/* take `random` as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'packages/* take `now` as an argument.' },
        { selector: 'ExportNamedDeclaration > TSEnumDeclaration[const=true]', message: 'No exported const enum: use an `as const` object and a derived union.' },
      ],
    },
  },
  {
    // Tests may compose a real peer service (a contract check); runtime code may not.
    files: ['services/*/src/**/*.ts'],
    ignores: ['services/*/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@adsplice/service-*', '../../*/src/**', 'adsplice'], message: 'A service never imports another service: declare a port in ports.ts and take an adapter.' }] },
      ],
    },
  },
);
