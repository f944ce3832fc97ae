// Base64 text → bytes for the decoder. The platform's atob does the decoding (forgiving base64:
// padding optional, ASCII white space ignored); text it rejects (the URL-safe alphabet) goes to
// @adsplice/bits fromBase64. The bytes are views into 8 KiB slabs, as Node's Buffer pool does:
// a typed array over 64 bytes otherwise needs its own off-heap allocation, which costs more than
// decoding the cue. A view keeps its slab alive and `bytes.buffer` is the slab, so use
// `byteOffset`/`length` (or copy) when handing the underlying buffer on.
import { fromBase64 } from '@adsplice/bits';

const SLAB_SIZE = 8192;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

function allocate(length: number): Uint8Array {
  if (length > SLAB_SIZE >>> 2) return new Uint8Array(length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab, slabUsed, length);
  slabUsed += (length + 7) & ~7;
  return out;
}

/** Base64 (standard or URL-safe, padding optional, white space ignored) → bytes; undefined if not base64. */
export function base64Bytes(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return fromBase64(text);
  }
  const n = binary.length;
  const out = allocate(n);
  for (let i = 0; i < n; i++) out[i] = binary.charCodeAt(i);
  return out;
}
