import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DASH_ISSUES, dashIssue } from './issues.ts';

const doc = readFileSync(new URL('../../../docs/errors/dash.md', import.meta.url), 'utf8');
const rows = new Map(
  [...doc.matchAll(/^\| `(DASH_[A-Z0-9_]+)` \| ([a-z]+)[^|]*\|/gm)].map((m) => [m[1]!, m[2]!]),
);

for (const [code, info] of Object.entries(DASH_ISSUES)) {
  test(`${code} is documented in docs/errors/dash.md with severity ${info.severity}`, () => {
    assert.equal(rows.get(code), info.severity);
  });
}

test('docs/errors/dash.md documents no code the registry does not have', () => {
  assert.deepEqual([...rows.keys()].filter((c) => !(c in DASH_ISSUES)), []);
});

test('dashIssue takes the severity from the registry and the place given', () => {
  assert.deepEqual(dashIssue('DASH_BAD_DURATION', 'm', { offset: 3, path: '/MPD' }, { attribute: 'x' }), {
    code: 'DASH_BAD_DURATION', severity: 'warning', message: 'm', offset: 3, path: '/MPD', attribute: 'x',
  });
  assert.equal(dashIssue('DASH_XML_MALFORMED', 'm').severity, 'fatal');
});
