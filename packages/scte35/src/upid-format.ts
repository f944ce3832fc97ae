// Renderings of UPID bytes as text and back: hex, Latin-1 text, and the canonical forms of
// EIDR (10.prefix/XXXX-XXXX-XXXX-XXXX-XXXX-C), ISAN (ISAN XXXX-XXXX-XXXX-XXXX-C[-XXXX-XXXX-C]) and
// UUID (RFC 4122 8-4-4-4-12). EIDR and ISAN carry ISO 7064 MOD 37,36 check characters.

// Strings are built eight bytes at a time: one String.fromCharCode with every character as an
// argument makes the string in one allocation, where appending a character or two at a time
// makes a new string (or rope) each time, several times the cost.

const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** HEX_CODES[2b], HEX_CODES[2b + 1]: the character codes of byte b's two lower-case hex digits. */
const HEX_CODES = (() => {
  const t = new Uint8Array(512);
  for (let i = 0; i < 256; i++) {
    t[2 * i] = HEX_PAIRS[i]!.charCodeAt(0);
    t[2 * i + 1] = HEX_PAIRS[i]!.charCodeAt(1);
  }
  return t;
})();

/** The 16 hex digits of `b[p, p + 8)`. */
function hex8(b: Uint8Array, p: number): string {
  const h = HEX_CODES;
  const x0 = b[p]! << 1;
  const x1 = b[p + 1]! << 1;
  const x2 = b[p + 2]! << 1;
  const x3 = b[p + 3]! << 1;
  const x4 = b[p + 4]! << 1;
  const x5 = b[p + 5]! << 1;
  const x6 = b[p + 6]! << 1;
  const x7 = b[p + 7]! << 1;
  return String.fromCharCode(
    h[x0]!, h[x0 + 1]!, h[x1]!, h[x1 + 1]!, h[x2]!, h[x2 + 1]!, h[x3]!, h[x3 + 1]!,
    h[x4]!, h[x4 + 1]!, h[x5]!, h[x5 + 1]!, h[x6]!, h[x6 + 1]!, h[x7]!, h[x7 + 1]!,
  );
}

/** Lower-case hex of `bytes[start, end)`, no prefix. */
export function hexOf(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  let i = start;
  for (; i + 8 <= end; i += 8) out += hex8(bytes, i);
  for (; i < end; i++) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

/** "0x" + lower-case hex. */
export function hexValue(bytes: Uint8Array): string {
  return '0x' + hexOf(bytes);
}

/** "0x" + the 16 lower-case hex digits of `b[p, p + 8)`, in one string. */
export function hexValue8(b: Uint8Array, p: number): string {
  const h = HEX_CODES;
  const x0 = b[p]! << 1;
  const x1 = b[p + 1]! << 1;
  const x2 = b[p + 2]! << 1;
  const x3 = b[p + 3]! << 1;
  const x4 = b[p + 4]! << 1;
  const x5 = b[p + 5]! << 1;
  const x6 = b[p + 6]! << 1;
  const x7 = b[p + 7]! << 1;
  return String.fromCharCode(
    0x30, 0x78,
    h[x0]!, h[x0 + 1]!, h[x1]!, h[x1 + 1]!, h[x2]!, h[x2 + 1]!, h[x3]!, h[x3 + 1]!,
    h[x4]!, h[x4 + 1]!, h[x5]!, h[x5 + 1]!, h[x6]!, h[x6 + 1]!, h[x7]!, h[x7 + 1]!,
  );
}

/** Bytes as Latin-1 text (every byte maps to one character, so it is lossless). */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start > 64) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  let out = '';
  let i = start;
  for (; i + 8 <= end; i += 8) {
    out += String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!, bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!, bytes[i + 7]!);
  }
  for (; i < end; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** Latin-1 text → bytes; undefined when a character is above U+00FF. */
export function latin1Bytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

/** Whether every byte is printable ASCII (0x20..0x7E). */
export function isPrintableAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

/** Parses "0x…" (or bare) hex of whole bytes; undefined otherwise. */
export function parseHexValue(text: string): Uint8Array | undefined {
  let s = text.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 check character over hex digits (as EIDR and ISAN use). */
export function mod3736Check(hexDigits: string): string {
  let p = 36;
  for (let i = 0; i < hexDigits.length; i++) {
    let s = (p + parseInt(hexDigits[i]!, 16)) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALNUM[(37 - p) % 36]!;
}

function groups(hex: string): string {
  return hex.toUpperCase().match(/.{4}/g)!.join('-');
}

/** EIDR in compact binary (12 bytes: 2-byte DOI prefix suffix, 10-byte id) → "10.5240/XXXX-…-C". */
export function formatEidr(bytes: Uint8Array): string {
  const prefix = (bytes[0]! << 8) | bytes[1]!;
  const id = hexOf(bytes, 2, 12);
  return `10.${prefix}/${groups(id)}-${mod3736Check(id)}`;
}

/** "10.5240/XXXX-XXXX-XXXX-XXXX-XXXX[-C]" → 12 bytes; undefined if malformed or the check character is wrong. */
export function parseEidr(text: string): Uint8Array | undefined {
  const m = /^10\.(\d{1,5})\/([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})(?:-([0-9A-Za-z]))?$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = Number(m[1]);
  if (prefix > 0xffff) return undefined;
  const id = (m[2]! + m[3]! + m[4]! + m[5]! + m[6]!).toLowerCase();
  if (m[7] !== undefined && m[7].toUpperCase() !== mod3736Check(id)) return undefined;
  const out = new Uint8Array(12);
  out[0] = prefix >>> 8;
  out[1] = prefix & 0xff;
  out.set(parseHexValue(id)!, 2);
  return out;
}

/** ISAN (8 bytes: root + episode) or V-ISAN (12 bytes: + version) → "ISAN XXXX-XXXX-XXXX-XXXX-C[-XXXX-XXXX-C]". */
export function formatIsan(bytes: Uint8Array): string {
  const work = hexOf(bytes, 0, 8);
  let out = `ISAN ${groups(work)}-${mod3736Check(work)}`;
  if (bytes.length === 12) {
    const version = hexOf(bytes, 8, 12);
    out += `-${groups(version)}-${mod3736Check(work + version)}`;
  }
  return out;
}

/** Parses the ISAN forms {@link formatIsan} prints ("ISAN " optional, check characters optional but verified). */
export function parseIsan(text: string): Uint8Array | undefined {
  const m = /^(?:ISAN\s+)?((?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{4})(?:-([0-9A-Za-z]))?(?:-([0-9A-Fa-f]{4}-[0-9A-Fa-f]{4})(?:-([0-9A-Za-z]))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const work = m[1]!.replace(/-/g, '').toLowerCase();
  if (m[2] !== undefined && m[2].toUpperCase() !== mod3736Check(work)) return undefined;
  if (m[3] === undefined) return parseHexValue(work);
  const version = m[3].replace(/-/g, '').toLowerCase();
  if (m[4] !== undefined && m[4].toUpperCase() !== mod3736Check(work + version)) return undefined;
  return parseHexValue(work + version);
}

/** 16 bytes → RFC 4122 "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
export function formatUuid(bytes: Uint8Array): string {
  const h = hexOf(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** RFC 4122 text (hyphens optional) → 16 bytes. */
export function parseUuid(text: string): Uint8Array | undefined {
  const s = text.trim();
  if (!/^[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}$/.test(s)) return undefined;
  return parseHexValue(s.replace(/-/g, ''));
}
