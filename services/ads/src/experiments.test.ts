import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileInventory } from './compile-inventory.ts';
import { assignVariant, fnv1a32 } from './experiments.ts';
import { experiment, snapshot, T0 } from './testing/builders.ts';

const inv = compileInventory(snapshot({ experiments: [experiment('pods', { variants: [{ name: 'control', weight: 3 }, { name: 'greedy', weight: 1, podStrategy: 'greedy' }] })] }), { nowMs: T0 });
const e = inv.experiments[0]!;

test('a session always gets the same variant, on any process (a hash, no state)', () => {
  for (let i = 0; i < 200; i++) assert.equal(assignVariant(e, `session-${i}`).name, assignVariant(e, `session-${i}`).name);
  assert.equal(fnv1a32('abc'), fnv1a32('abc'));
  assert.notEqual(fnv1a32('abc'), fnv1a32('abd'));
});

test('sessions split by the variant weights (3:1 within 2% over 40,000 sessions)', () => {
  let greedy = 0;
  const n = 40_000;
  for (let i = 0; i < n; i++) if (assignVariant(e, `${i}`).name === 'greedy') greedy++;
  assert.ok(Math.abs(greedy / n - 0.25) < 0.02, `greedy share ${greedy / n}`);
});

test('different experiments split the same sessions independently', () => {
  const other = compileInventory(snapshot({ experiments: [experiment('other', { variants: [{ name: 'control', weight: 3 }, { name: 'greedy', weight: 1 }] })] }), { nowMs: T0 }).experiments[0]!;
  let same = 0;
  for (let i = 0; i < 4000; i++) if (assignVariant(e, `${i}`).name === 'greedy' && assignVariant(other, `${i}`).name === 'greedy') same++;
  assert.ok(Math.abs(same / 4000 - 1 / 16) < 0.02, `joint share ${same / 4000}`);
});
