import { equal, ok } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { VAST_ISSUES, vastIssue, type VastIssueCode } from './issues.ts';
import { fixtures } from './testing/fixtures.ts';

const doc = readFileSync(new URL('../../../docs/errors/vast.md', import.meta.url), 'utf8');

describe('the issue registry', () => {
  for (const [code, entry] of Object.entries(VAST_ISSUES) as [VastIssueCode, (typeof VAST_ISSUES)[VastIssueCode]][]) {
    test(`${code} is documented in docs/errors/vast.md with its severity and IAB error code`, () => {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      ok(row, `no table row for ${code}`);
      const cells = row.split('|').map((c) => c.trim());
      equal(cells[2], entry.severity);
      equal(cells[3], String(entry.iabErrorCode));
      ok((cells[4] ?? '').length > 20, 'a description');
    });
  }

  test('codes are namespaced and SCREAMING', () => {
    for (const code of Object.keys(VAST_ISSUES)) ok(/^(VAST|VMAP)_[A-Z0-9_]+$/.test(code), code);
  });

  test('vastIssue takes severity and IAB code from the registry', () => {
    const issue = vastIssue('VAST_NO_ADS', 'none', { adIndex: 2 });
    equal(issue.severity, 'warning');
    equal(issue.iabErrorCode, 303);
    equal(issue.adIndex, 2);
  });

  test('fixture-based tests report themselves skipped when the fixtures folder is absent', () => {
    const missing = fixtures(new URL('file:///nonexistent/adsplice/fixtures/vast/'));
    ok(typeof missing.skip === 'string' && missing.skip.includes('not found'));
  });
});
