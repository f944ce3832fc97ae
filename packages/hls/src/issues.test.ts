import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HLS_ISSUES, hlsIssue } from './issues.ts';

const doc = readFileSync(new URL('../../../docs/errors/hls.md', import.meta.url), 'utf8');
const rows = new Map([...doc.matchAll(/^\| `(HLS_[A-Z0-9_]+)` \| ([a-z]+) \|/gm)].map((m) => [m[1]!, m[2]!]));

for (const [code, info] of Object.entries(HLS_ISSUES)) {
  test(`${code} is documented in docs/errors/hls.md with severity ${info.severity}`, () => {
    assert.equal(rows.get(code), info.severity);
  });
}

test('docs/errors/hls.md documents no code the registry does not have', () => {
  assert.deepEqual([...rows.keys()].filter((c) => !(c in HLS_ISSUES)), []);
});

test('hlsIssue takes the severity from the registry, the 1-based line, and only defined fields', () => {
  assert.deepEqual(hlsIssue('HLS_BAD_CUE', 4, 'm', { attribute: 'X', absent: undefined }), { code: 'HLS_BAD_CUE', severity: 'warning', message: 'm', line: 4, attribute: 'X' });
  assert.deepEqual(hlsIssue('HLS_MISSING_EXTM3U', undefined, 'm'), { code: 'HLS_MISSING_EXTM3U', severity: 'fatal', message: 'm' });
});
