// Small builders of splice_info_section bytes for edge-case tests: each field can be overridden
// (including the lengths and the CRC) so a test can make exactly the malformation it is about.
import { crc32Mpeg2 } from '@adsplice/bits';

const CUEI = [0x43, 0x55, 0x45, 0x49];

function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** splice_time() with a 33-bit PTS, or "not specified". */
export function spliceTimeBytes(pts?: number): number[] {
  if (pts === undefined) return [0x7f];
  return [0xfe | Math.floor(pts / 2 ** 32), ...u32(pts % 2 ** 32)];
}

/** time_signal() command bytes. */
export function timeSignalBytes(pts?: number): Uint8Array {
  return Uint8Array.from(spliceTimeBytes(pts));
}

/** A program-mode splice_insert() with a pts_time and optional break_duration. */
export function spliceInsertBytes(o: { eventId?: number; out?: boolean; pts?: number; duration?: number; immediate?: boolean } = {}): Uint8Array {
  const flags = (o.out ?? true ? 0x80 : 0) | 0x40 | (o.duration !== undefined ? 0x20 : 0) | (o.immediate ? 0x10 : 0) | 0x0f;
  const bd = o.duration === undefined ? [] : [0xfe | Math.floor(o.duration / 2 ** 32), ...u32(o.duration % 2 ** 32)];
  return Uint8Array.from([...u32(o.eventId ?? 1), 0x7f, flags, ...(o.immediate ? [] : spliceTimeBytes(o.pts ?? 0)), ...bd, 0x00, 0x01, 0x00, 0x00]);
}

/** A descriptor: tag, descriptor_length (computed unless given), identifier, body. */
export function descriptorBytes(tag: number, body: Uint8Array | number[], o: { identifier?: number[]; length?: number } = {}): Uint8Array {
  const id = o.identifier ?? CUEI;
  return cat([tag, o.length ?? id.length + body.length], id, body);
}

/** An avail_descriptor with a provider_avail_id. */
export function availBytes(providerAvailId = 309): Uint8Array {
  return descriptorBytes(0x00, u32(providerAvailId));
}

/** A program-mode segmentation_descriptor (no duration, not restricted) with a UPID and type. */
export function segmentationBytes(o: { eventId?: number; upidType?: number; upid?: number[]; typeId?: number; num?: number; expected?: number; sub?: [number, number] } = {}): Uint8Array {
  const upid = o.upid ?? [];
  return descriptorBytes(0x02, [...u32(o.eventId ?? 1), 0x7f, 0xbf, o.upidType ?? 0, upid.length, ...upid, o.typeId ?? 0x30, o.num ?? 0, o.expected ?? 0, ...(o.sub ?? [])]);
}

export interface SectionOptions {
  tableId?: number;
  /** Byte 1's top four bits (section_syntax_indicator, private_indicator, sap_type). Default 0x3 (sap_type 3). */
  flags?: number;
  /** Overrides the computed section_length. */
  sectionLength?: number;
  protocolVersion?: number;
  encrypted?: boolean;
  encryptionAlgorithm?: number;
  ptsAdjustment?: number;
  cwIndex?: number;
  tier?: number;
  commandType?: number;
  command?: Uint8Array | number[];
  /** Overrides the computed splice_command_length (0xFFF for the legacy value). */
  commandLength?: number;
  descriptors?: (Uint8Array | number[])[];
  /** Overrides the computed descriptor_loop_length. */
  loopLength?: number;
  /** Bytes between the descriptor loop and the CRC. */
  stuffing?: number[];
  /** 'bad' flips the computed CRC_32; a number is written as is. */
  crc?: 'bad' | number;
  /** Bytes after the section. */
  trailing?: number[];
}

/** A splice_info_section's bytes, time_signal(pts 0x12345) with no descriptors unless told otherwise. */
export function sectionBytes(o: SectionOptions = {}): Uint8Array {
  const command = o.command ?? timeSignalBytes(0x12345);
  const descriptors = cat(...(o.descriptors ?? []));
  const pts = o.ptsAdjustment ?? 0;
  const tier = o.tier ?? 0xfff;
  const cmdLen = o.commandLength ?? command.length;
  const body = cat(
    [o.protocolVersion ?? 0, ((o.encrypted ? 1 : 0) << 7) | ((o.encryptionAlgorithm ?? 0) << 1) | Math.floor(pts / 2 ** 32), ...u32(pts % 2 ** 32)],
    [o.cwIndex ?? 0, tier >>> 4, ((tier & 0xf) << 4) | (cmdLen >>> 8), cmdLen & 0xff, o.commandType ?? 0x06],
    command,
    [(o.loopLength ?? descriptors.length) >>> 8, (o.loopLength ?? descriptors.length) & 0xff],
    descriptors,
    o.stuffing ?? [],
  );
  const sectionLength = o.sectionLength ?? body.length + 4;
  const head = [o.tableId ?? 0xfc, ((o.flags ?? 0x3) << 4) | ((sectionLength >>> 8) & 0x0f), sectionLength & 0xff];
  const withoutCrc = cat(head, body);
  let crc = typeof o.crc === 'number' ? o.crc : crc32Mpeg2(withoutCrc);
  if (o.crc === 'bad') crc = (crc ^ 0xffffffff) >>> 0;
  return cat(withoutCrc, u32(crc), o.trailing ?? []);
}
