// The repository's layering rules are enforced by lint; this checks the rules themselves bite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const root = new URL('..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

test('packages/* may not do I/O: no fs/net/http imports, no clock, timers, env, console or randomness', async () => {
  const bad = [
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    "import http from 'http';\nexport const x = http;",
    "import Fastify from 'fastify';\nexport const x = Fastify;",
    'export const now = Date.now();',
    'export const d = new Date();',
    'export const r = Math.random();',
    'export const e = process.env.X;',
    "console.log('x');",
    'setTimeout(() => {}, 1);',
  ];
  for (const code of bad) {
    const found = await messages('packages/bits/src/probe.ts', code);
    assert.ok(found.some((m) => /no-restricted/.test(m)), `rejected: ${code}\n${found.join('\n')}`);
  }
  const fine = "import { crc32Mpeg2 } from './crc32-mpeg2.ts';\nexport const at = (ms: number) => new Date(ms).toISOString() + String(crc32Mpeg2);";
  assert.deepEqual(await messages('packages/bits/src/probe.ts', fine), []);
});

test('tests beside package code may read fixtures', async () => {
  const code = "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;";
  assert.deepEqual(await messages('packages/bits/src/probe.test.ts', code), []);
});

test('a service may not import another service', async () => {
  const found = await messages('services/stitcher/src/probe.ts', "import { build } from '@adsplice/service-ads';\nexport const x = build;");
  assert.ok(found.some((m) => /A service never imports another service/.test(m)), found.join('\n'));
  const relative = await messages('services/stitcher/src/probe.ts', "import { build } from '../../ads/src/index.ts';\nexport const x = build;");
  assert.ok(relative.some((m) => /A service never imports another service/.test(m)), relative.join('\n'));
});

test('no exported const enum', async () => {
  const found = await messages('apps/adsplice/src/probe.ts', 'export const enum Kind { A, B }');
  assert.ok(found.some((m) => /const enum/.test(m)), found.join('\n'));
});
