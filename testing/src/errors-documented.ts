// One check for every error registry: each code has a row in its docs/errors/<part>.md table,
// and the row names the HTTP status the code answers with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export function checkErrorsDocumented(registry: Record<string, { statusCode: number }>, doc: URL, opts: { statusOptional?: string[] } = {}): void {
  const text = readFileSync(doc, 'utf8');
  const lines = text.split('\n');
  for (const [code, { statusCode }] of Object.entries(registry)) {
    const row = lines.find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} has a row in ${doc.pathname}`);
    if (!opts.statusOptional?.includes(code)) assert.ok(row.includes(`| ${statusCode} |`), `${code} row says ${statusCode}`);
  }
}
