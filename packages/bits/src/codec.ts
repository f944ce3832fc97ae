// Base64 and hex, both ways, without Buffer (packages stay platform-neutral).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const index = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) index[B64.charCodeAt(i)] = i;
  // URL-safe alphabet is accepted on input too.
  index['-'.charCodeAt(0)] = 62;
  index['_'.charCodeAt(0)] = 63;
  return index;
})();

/** Encodes bytes as standard, padded base64. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decodes base64 (standard or URL-safe alphabet; padding optional; ASCII white space ignored).
 * Returns undefined when the text is not base64. One pass to check, one to decode, no copies;
 * `allocate` may supply the output (a view into a pooled buffer, say).
 */
export function fromBase64(text: string, allocate: (length: number) => Uint8Array = (length) => new Uint8Array(length)): Uint8Array | undefined {
  const n = text.length;
  // Count the data characters and check the padding: '=' only at the end, at most two.
  let data = 0;
  let pads = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x3d) {
      pads++;
      continue;
    }
    if (pads > 0 || c >= 128 || B64_INDEX[c]! < 0) return undefined;
    data++;
  }
  if (pads > 2 || (pads > 0 && (data + pads) % 4 !== 0) || data % 4 === 1) return undefined;
  const out = allocate((data * 3) >> 2);
  let acc = 0;
  let accBits = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    acc = ((acc << 6) | B64_INDEX[c]!) & 0xffffff;
    accBits += 6;
    if (accBits >= 8) {
      accBits -= 8;
      out[o++] = (acc >>> accBits) & 0xff;
    }
  }
  return out;
}

const HEX = '0123456789abcdef';

/** Encodes bytes as lower-case hex without a prefix. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]! >>> 4]! + HEX[bytes[i]! & 15]!;
  return out;
}

/**
 * Decodes hex (an optional 0x prefix, either case, white space ignored).
 * Returns undefined when the text is not an even number of hex digits.
 */
export function fromHex(text: string): Uint8Array | undefined {
  let clean = text.replace(/\s+/g, '');
  if (clean.startsWith('0x') || clean.startsWith('0X')) clean = clean.slice(2);
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}
