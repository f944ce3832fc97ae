// A/B experiments, pure: a session falls into a variant by a hash of (experiment id, session key),
// so the same session always sees the same variant, on every ADS process, with no state.
import type { CompiledExperiment, CompiledVariant } from './compile-inventory.ts';

/** FNV-1a, 32 bits, over the UTF-16 code units of `s`; in [0, 2^32). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so that close keys spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The variant of `experiment` for `sessionKey`: weighted by variant weights. */
export function assignVariant(experiment: CompiledExperiment, sessionKey: string): CompiledVariant {
  const point = (fnv1a32(`${experiment.id}\u0000${sessionKey}`) / 2 ** 32) * experiment.totalWeight;
  let acc = 0;
  for (const v of experiment.variants) {
    acc += v.weight;
    if (point < acc) return v;
  }
  return experiment.variants[experiment.variants.length - 1]!;
}
