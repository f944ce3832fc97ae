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
 * Returns undefined when the text is not base64.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    clean += text[i];
  }
  let end = clean.length;
  let pads = 0;
  while (end > 0 && clean.charCodeAt(end - 1) === 0x3d && pads < 2) {
    end--;
    pads++;
  }
  if (pads > 0 && clean.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let accBits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = clean.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
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
