// Every issue code in the registry is documented in docs/errors/scte35.md with the registry's
// severity (one table row per code), and every code the sources emit is in the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { SCTE35_ISSUES } from './issues.ts';

const DOC = new URL('../../../docs/errors/scte35.md', import.meta.url);
const rows = new Map<string, string[]>();
for (const line of readFileSync(DOC, 'utf8').split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  const code = /^`(SCTE35_[A-Z_0-9]+)`$/.exec(cells[1] ?? '')?.[1];
  if (code) rows.set(code, cells.slice(2, -1));
}

for (const [code, info] of Object.entries(SCTE35_ISSUES)) {
  test(`${code} is documented in docs/errors/scte35.md`, () => {
    const row = rows.get(code);
    assert.ok(row, 'a table row for the code');
    const [severity, meaning, todo] = row;
    assert.equal(severity, info.severity);
    assert.ok(meaning && meaning.length > 10, 'a meaning');
    assert.ok(todo && todo.length > 10, 'what to do');
  });
}

test('the doc has no rows for codes that do not exist', () => {
  assert.deepStrictEqual([...rows.keys()].filter((c) => !(c in SCTE35_ISSUES)), []);
});

test('every code the sources emit is in the registry', () => {
  const dir = new URL('.', import.meta.url);
  const used = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/'(SCTE35_[A-Z_0-9]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size > 20);
  assert.deepStrictEqual([...used].filter((c) => !(c in SCTE35_ISSUES)), []);
});
