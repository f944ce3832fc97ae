// The decision core stays pure: no I/O modules, no clock, no Math.random (lint enforces it for
// packages/*; this service's core is held to it by this test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const CORE = ['decide.ts', 'pod.ts', 'pacing.ts', 'targeting.ts', 'experiments.ts', 'compile-inventory.ts', 'local-time.ts', 'vast-output.ts', 'vmap-plan.ts', 'decision-request.ts', 'device.ts', 'geo.ts', 'creative-check.ts', 'validate-inventory.ts'];

test('the decision core imports no I/O and reads no clock or randomness', () => {
  for (const file of CORE) {
    const src = readFileSync(new URL(file, import.meta.url), 'utf8');
    const imports = [...src.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]!);
    for (const i of imports) assert.ok(i.startsWith('./') || i === '@adsplice/vast', `${file} imports ${i}`);
    assert.doesNotMatch(src, /Date\.now\(|Math\.random\(|new Date\(\)|process\.|setTimeout|setInterval/, file);
  }
});
