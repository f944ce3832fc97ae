export { BitReader } from './bit-reader.ts';
export { BitWriter } from './bit-writer.ts';
export { crc32Mpeg2, crc32Mpeg2Next24 } from './crc32-mpeg2.ts';
export { toBase64, fromBase64, toHex, fromHex } from './codec.ts';
