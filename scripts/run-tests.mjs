#!/usr/bin/env node
// Runs every *.test.ts in the workspaces with Node's own test runner (TypeScript through tsx).
// `--coverage` also checks the line coverage floors of the packages that promise one.
// Files run three at a time (`--concurrency=N` to change it): Node 20's default is
// availableParallelism() - 1, a single file on two cores, and the end-to-end and player tests spend
// most of their minutes waiting on real time (live segments, ad breaks), not on the CPU.
// Node 20's `--test` does not expand globs itself, so this script lists the files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const coverage = args.includes('--coverage');
const concurrencyArg = args.find((a) => a.startsWith('--concurrency='));
const concurrency = concurrencyArg ? Number(concurrencyArg.slice('--concurrency='.length)) : 3;
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('--concurrency takes a whole number of files, 1 or more');
  process.exit(1);
}
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const files = ['packages', 'services', 'apps', 'testing', 'scripts']
  .flatMap((top) => { try { return walk(join(root, top), []); } catch { return []; } })
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const nodeArgs = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files];
const cmd = coverage
  ? ['npx', ['c8', '--reporter=text-summary', '--reporter=text', '--include=packages/bits/src/**', '--exclude=**/*.test.ts', '--check-coverage', '--lines=100', 'node', ...nodeArgs]]
  : ['node', nodeArgs];
const result = spawnSync(cmd[0], cmd[1], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
process.exit(result.status ?? 1);
