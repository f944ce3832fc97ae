// `npm run bench [-- name...]`: runs the benchmark suites (bench/<name>.ts) and appends the
// results, with the machine and the date, to docs/benchmarks.md.
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import type { SuiteResult } from './harness.ts';

const here = new URL('.', import.meta.url).pathname;
const docs = new URL('../docs/benchmarks.md', import.meta.url).pathname;
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['harness.ts', 'run.ts', 'load.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

function fmt(n: number, digits = 2): string {
  if (n >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

function table(suite: SuiteResult): string {
  const lines = [
    `### ${suite.title}`,
    '',
    `One operation: ${suite.unit}`,
    '',
    '| candidate | ops/s | µs/op (mean) | µs/op (p99) | samples |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...suite.rows.map((r) => `| ${r.name} | ${fmt(r.opsPerSec, 0)} | ${fmt(r.usPerOp)} | ${fmt(r.p99Us)} | ${r.samples} |`),
    '',
    ...suite.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`;
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');

if (!existsSync(docs)) {
  writeFileSync(docs, '# Benchmarks\n\nEach run of `npm run bench` appends its results here, with the machine and the date. Peers are measured side by side in the same run; ratios compare ops/s.\n\n');
}

// Each suite's tables are appended as soon as it finishes, so a failing suite loses only itself.
appendFileSync(docs, `## Run of ${date}\n\nMachine: ${machine}\n\n`);
let failed = 0;
for (const name of names) {
  process.stdout.write(`bench ${name} …\n`);
  const mod = (await import(`./${name}.ts`)) as { default?: () => Promise<SuiteResult[]> };
  if (typeof mod.default !== 'function') continue;
  try {
    for (const suite of await mod.default()) {
      const text = table(suite);
      process.stdout.write(`${text}\n`);
      appendFileSync(docs, `${text}\n`);
    }
  } catch (err) {
    failed++;
    process.stderr.write(`bench ${name} failed: ${(err as Error).stack}\n`);
    appendFileSync(docs, `### ${name}: failed\n\n- ${(err as Error).message}\n\n`);
  }
}
process.stdout.write(`appended to ${docs}\n`);
process.exitCode = failed > 0 ? 1 : 0;
