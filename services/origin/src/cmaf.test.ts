import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxTypes, CmafError, decodeTimes, joinFragments } from './cmaf.ts';

/** A minimal fragment: styp, sidx, moof(mfhd, traf(tfhd, tfdt v1)), mdat. */
function fragment(tfdt: number, seq: number, version: 0 | 1 = 1): Uint8Array {
  const box = (t: string, body: number[]) => {
    const size = 8 + body.length;
    return [size >>> 24, (size >>> 16) & 255, (size >>> 8) & 255, size & 255, ...[...t].map((c) => c.charCodeAt(0)), ...body];
  };
  const be = (v: number, bytes: number) => Array.from({ length: bytes }, (_, i) => Math.floor(v / 2 ** (8 * (bytes - 1 - i))) & 255);
  const tfdtBody = version === 1 ? [1, 0, 0, 0, ...be(tfdt, 8)] : [0, 0, 0, 0, ...be(tfdt, 4)];
  const traf = box('traf', [...box('tfhd', [0, 0, 0, 0, 0, 0, 0, 1]), ...box('tfdt', tfdtBody)]);
  const moof = box('moof', [...box('mfhd', [0, 0, 0, 0, ...be(seq, 4)]), ...traf]);
  return Uint8Array.from([...box('styp', [0x6d, 0x73, 0x64, 0x68, 0, 0, 0, 0]), ...box('sidx', [0, 0, 0, 0]), ...moof, ...box('mdat', [1, 2, 3])]);
}

test('joins fragments: one styp, no sidx, times shifted, fragments renumbered', () => {
  const joined = joinFragments([fragment(12800, 2), fragment(25600, 3)], 20 * 12800, 41);
  assert.deepEqual(boxTypes(joined), ['styp', 'moof', 'mdat', 'moof', 'mdat']);
  assert.deepEqual(decodeTimes(joined), [21 * 12800, 22 * 12800]);
  // mfhd sequence numbers: at moof+8 (mfhd header) +12
  const seqs: number[] = [];
  for (let i = 0; i + 4 < joined.length; i++) {
    if (String.fromCharCode(...joined.subarray(i, i + 4)) === 'mfhd') seqs.push(new DataView(joined.buffer, joined.byteOffset + i + 8, 4).getUint32(0));
  }
  assert.deepEqual(seqs, [41, 42]);
});

test('times beyond 32 bits stay exact; a version 0 tfdt that would overflow is refused', () => {
  const big = 10 * 2 ** 32 + 5;
  assert.deepEqual(decodeTimes(joinFragments([fragment(5, 1)], 10 * 2 ** 32, 1)), [big]);
  assert.deepEqual(decodeTimes(joinFragments([fragment(5, 1, 0)], 100, 1)), [105]);
  assert.throws(() => joinFragments([fragment(5, 1, 0)], 2 ** 32, 1), CmafError);
});

test('a box whose size passes its parent is an error, not a wild read', () => {
  const f = fragment(0, 1);
  f[3] = 200; // styp claims 200 bytes
  const broken = f.subarray(0, 60);
  assert.throws(() => joinFragments([broken], 0, 1), CmafError);
});
