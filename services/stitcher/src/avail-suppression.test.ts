import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StitcherError } from './errors.ts';
import { suppressionOf, suppressionValueMs } from './avail-suppression.ts';

const T = Date.parse('2026-12-01T08:00:00Z');
const s = (mode: 'OFF' | 'BEHIND_LIVE_EDGE' | 'AFTER_LIVE_EDGE', value = '00:00:00', fillPolicy: 'FULL_AVAIL_ONLY' | 'PARTIAL_AVAIL' = 'FULL_AVAIL_ONLY') => ({ mode, value, fillPolicy });

test('HH:MM:SS values', () => {
  assert.equal(suppressionValueMs('00:45:00'), 2_700_000);
  assert.equal(suppressionValueMs('01:00:30'), 3_630_000);
  assert.throws(() => suppressionValueMs('45:00'), (e: unknown) => e instanceof StitcherError && e.code === 'STITCH_CONFIG_INVALID');
  assert.throws(() => suppressionValueMs('00:60:00'), StitcherError);
});

test('OFF and no setting fill every avail', () => {
  assert.deepEqual(suppressionOf(undefined, T, T - 10_000, 30_000), { kind: 'fill' });
  assert.deepEqual(suppressionOf(s('OFF'), T, T - 10_000, 30_000), { kind: 'fill' });
});

test('BEHIND_LIVE_EDGE: avails on or behind (session start − value) play the content, later ones are filled', () => {
  assert.deepEqual(suppressionOf(s('BEHIND_LIVE_EDGE'), T, T - 10_000, 30_000), { kind: 'suppress' }, 'running when the viewer joined');
  assert.deepEqual(suppressionOf(s('BEHIND_LIVE_EDGE'), T, T + 60_000, 30_000), { kind: 'fill' });
  assert.deepEqual(suppressionOf(s('BEHIND_LIVE_EDGE', '00:01:00'), T, T - 30_000, 30_000), { kind: 'fill' }, 'within a minute behind: filled');
  assert.deepEqual(suppressionOf(s('BEHIND_LIVE_EDGE', '00:01:00'), T, T - 60_000, 30_000), { kind: 'suppress' });
  assert.deepEqual(suppressionOf(s('BEHIND_LIVE_EDGE', '00:00:00', 'PARTIAL_AVAIL'), T, T - 10_000, 30_000), { kind: 'suppress' }, 'BEHIND_LIVE_EDGE always suppresses whole avails');
});

test('AFTER_LIVE_EDGE: no ads in the first minutes; PARTIAL_AVAIL fills a running break from the boundary on', () => {
  assert.deepEqual(suppressionOf(s('AFTER_LIVE_EDGE', '00:02:00'), T, T + 90_000, 30_000), { kind: 'suppress' });
  assert.deepEqual(suppressionOf(s('AFTER_LIVE_EDGE', '00:02:00'), T, T + 150_000, 30_000), { kind: 'fill' });
  assert.deepEqual(suppressionOf(s('AFTER_LIVE_EDGE'), T, T - 10_000, 30_000), { kind: 'suppress' }, 'FULL_AVAIL_ONLY: a running break plays the content');
  assert.deepEqual(suppressionOf(s('AFTER_LIVE_EDGE', '00:00:00', 'PARTIAL_AVAIL'), T, T - 10_400, 30_000), { kind: 'partial', leadMs: 11_000 }, 'the rest of it, from the next whole second');
  assert.deepEqual(suppressionOf(s('AFTER_LIVE_EDGE', '00:00:00', 'PARTIAL_AVAIL'), T, T - 29_500, 30_000), { kind: 'suppress' }, 'nothing left to fill');
});
