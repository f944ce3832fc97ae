// Writes the ad-marker tag lines of each dialect, as the origin emits them. The SCTE-35 payload is
// passed as base64 (or 0x-hex) and written in the form the dialect uses (hex for DATERANGE).
import { fromBase64, fromHex, toBase64, toHex } from '@adsplice/bits';
import { formatDateTime } from './date-time.ts';
import { formatSeconds, formatSecondsFixed } from './decimal.ts';

/**
 * The dialects we write:
 * - `cue-out`: Elemental / MediaLive "Elemental" (`#EXT-X-CUE-OUT:30`, `#EXT-X-CUE-OUT-CONT:ElapsedTime=…,Duration=…,SCTE35=…`, `#EXT-X-CUE-IN`);
 * - `oatcls`: MediaLive "SCTE-35 enhanced": `#EXT-OATCLS-SCTE35:` (+ `#EXT-X-ASSET:CAID=` when given) before the `cue-out` lines;
 * - `daterange`: RFC 8216 `#EXT-X-DATERANGE` with SCTE35-OUT / SCTE35-IN / SCTE35-CMD;
 * - `scte35-tag`: `#EXT-X-SCTE35:CUE="…",CUE-OUT=YES|CONT` / `CUE-IN=YES`;
 * - `splicepoint`: `#EXT-X-SPLICEPOINT-SCTE35:<base64>` (MediaTailor);
 * - `adobe-cue`: Adobe Primetime `#EXT-X-CUE` — simple mode without a payload, SCTE-35 mode (`TYPE="scte35",CUE=…`) with one.
 */
export type CueDialect = 'cue-out' | 'oatcls' | 'daterange' | 'scte35-tag' | 'splicepoint' | 'adobe-cue';

export const CUE_DIALECTS: readonly CueDialect[] = ['cue-out', 'oatcls', 'daterange', 'scte35-tag', 'splicepoint', 'adobe-cue'];

export interface CueTagInput {
  /** out: the break's first segment; cont: a later segment of it; in: the first segment after it; cmd: another cue. */
  kind: 'out' | 'cont' | 'in' | 'cmd';
  /** The SCTE-35 splice_info_section, base64 (or hex with a 0x prefix). */
  scte35?: string;
  /** Planned break duration. */
  durationMs?: number;
  /** cont: time elapsed in the break at this segment. */
  elapsedMs?: number;
  /** DATERANGE ID, Adobe / EXT-X-SCTE35 ID. */
  id?: string;
  /** DATERANGE: the break's START-DATE (ms since the epoch), required for that dialect. */
  startDateMs?: number;
  /** DATERANGE in: END-DATE; default START-DATE + durationMs. */
  endDateMs?: number;
  /** Adobe TIME / EXT-X-SCTE35 TIME: the splice's presentation time. */
  presentationTimeMs?: number;
  /** oatcls out: the EXT-X-ASSET CAID. */
  caid?: string;
}

function bytesOf(payload: string): Uint8Array {
  const t = payload.trim();
  const bytes = t.startsWith('0x') || t.startsWith('0X') ? fromHex(t) : fromBase64(t);
  if (!bytes || bytes.length === 0) throw new RangeError(`not an SCTE-35 payload in base64 or 0x-hex: "${payload}"`);
  return bytes;
}

function base64(payload: string): string {
  const t = payload.trim();
  return t.startsWith('0x') || t.startsWith('0X') ? toBase64(bytesOf(t)) : t;
}

function hex(payload: string): string {
  return `0x${toHex(bytesOf(payload)).toUpperCase()}`;
}

function need<T>(value: T | undefined, what: string, dialect: CueDialect): T {
  if (value === undefined) throw new RangeError(`${dialect}: ${what} is required`);
  return value;
}

function elemental(input: CueTagInput): string[] {
  const { kind, durationMs, elapsedMs, scte35 } = input;
  if (kind === 'out') return [durationMs === undefined ? '#EXT-X-CUE-OUT' : `#EXT-X-CUE-OUT:${formatSeconds(durationMs)}`];
  if (kind === 'in') return ['#EXT-X-CUE-IN'];
  if (kind === 'cmd') return [];
  const parts: string[] = [];
  if (elapsedMs !== undefined) parts.push(`ElapsedTime=${formatSecondsFixed(elapsedMs)}`);
  if (durationMs !== undefined) parts.push(`Duration=${formatSeconds(durationMs)}`);
  if (scte35 !== undefined) parts.push(`SCTE35=${base64(scte35)}`);
  return [parts.length > 0 ? `#EXT-X-CUE-OUT-CONT:${parts.join(',')}` : '#EXT-X-CUE-OUT-CONT'];
}

function daterange(input: CueTagInput): string[] {
  const id = need(input.id, 'id', 'daterange');
  const start = need(input.startDateMs, 'startDateMs', 'daterange');
  const head = `#EXT-X-DATERANGE:ID="${id}",START-DATE="${formatDateTime(start)}"`;
  const planned = input.durationMs === undefined ? '' : `,PLANNED-DURATION=${formatSeconds(input.durationMs)}`;
  switch (input.kind) {
    case 'out':
    case 'cont': // a DATERANGE stays in the playlist while its range does: the same tag again
      return [`${head}${planned},SCTE35-OUT=${hex(need(input.scte35, 'scte35', 'daterange'))}`];
    case 'in': {
      const end = input.endDateMs ?? (input.durationMs === undefined ? undefined : start + input.durationMs);
      const dates = end === undefined ? '' : `,END-DATE="${formatDateTime(end)}",DURATION=${formatSeconds(end - start)}`;
      return [`${head}${dates}${input.scte35 === undefined ? '' : `,SCTE35-IN=${hex(input.scte35)}`}`];
    }
    case 'cmd':
      return [`${head}${planned},SCTE35-CMD=${hex(need(input.scte35, 'scte35', 'daterange'))}`];
  }
}

function scte35Tag(input: CueTagInput): string[] {
  if (input.scte35 === undefined) {
    if (input.kind === 'out' || input.kind === 'cmd') need(input.scte35, 'scte35', 'scte35-tag');
    return []; // no payload for a cont/in: nothing to write
  }
  let tag = `#EXT-X-SCTE35:CUE="${base64(input.scte35)}"`;
  if (input.id !== undefined) tag += `,ID="${input.id}"`;
  if (input.durationMs !== undefined && input.kind !== 'in') tag += `,DURATION=${formatSeconds(input.durationMs)}`;
  if (input.presentationTimeMs !== undefined) tag += `,TIME=${formatSecondsFixed(input.presentationTimeMs)}`;
  if (input.kind === 'cont' && input.elapsedMs !== undefined) tag += `,ELAPSED=${formatSecondsFixed(input.elapsedMs)}`;
  if (input.kind === 'out') tag += ',CUE-OUT=YES';
  else if (input.kind === 'cont') tag += ',CUE-OUT=CONT';
  else if (input.kind === 'in') tag += ',CUE-IN=YES';
  return [tag];
}

function adobe(input: CueTagInput): string[] {
  const id = input.id ?? '0';
  const time = input.presentationTimeMs === undefined ? undefined : formatSecondsFixed(input.presentationTimeMs);
  if (input.scte35 !== undefined) {
    // SCTE-35 mode (Azure Media Services "legacy", Adobe Primetime): ID, TYPE, DURATION, TIME, ELAPSED, CUE.
    let tag = `#EXT-X-CUE:ID="${id}",TYPE="scte35",DURATION=${input.kind === 'in' ? '0' : formatSeconds(input.durationMs ?? 0)}`;
    if (time !== undefined) tag += `,TIME=${time}`;
    if (input.kind === 'cont' && input.elapsedMs !== undefined) tag += `,ELAPSED=${formatSecondsFixed(input.elapsedMs)}`;
    return [`${tag},CUE="${base64(input.scte35)}"`];
  }
  // Simple mode, written as MediaLive's "Adobe" ad markers do (every value quoted); no cue-in.
  if (input.kind === 'in' || input.kind === 'cmd') return [];
  let tag = `#EXT-X-CUE:DURATION="${formatSeconds(input.durationMs ?? 0)}",ID="${id}",TYPE="SpliceOut"`;
  if (time !== undefined) tag += `,TIME="${time}"`;
  if (input.kind === 'cont' && input.elapsedMs !== undefined) tag += `,ELAPSED="${formatSecondsFixed(input.elapsedMs)}"`;
  return [tag];
}

/**
 * The tag lines (without terminators) one dialect writes for one cue. Throws a RangeError when an
 * input the dialect cannot do without is missing (DATERANGE id/startDateMs, a payload for the
 * payload-only dialects' OUT) or the payload is not base64/hex: these are programming errors.
 */
export function cueTagLines(dialect: CueDialect, input: CueTagInput): string[] {
  switch (dialect) {
    case 'cue-out':
      return elemental(input);
    case 'oatcls': {
      if (input.kind !== 'out') return elemental(input);
      const lines = [`#EXT-OATCLS-SCTE35:${base64(need(input.scte35, 'scte35', 'oatcls'))}`];
      if (input.caid !== undefined) lines.push(`#EXT-X-ASSET:CAID=${input.caid}`);
      return [...lines, ...elemental(input)];
    }
    case 'daterange':
      return daterange(input);
    case 'scte35-tag':
      return scte35Tag(input);
    case 'splicepoint':
      if (input.kind === 'cont') return [];
      if (input.scte35 === undefined) {
        if (input.kind === 'out') need(input.scte35, 'scte35', 'splicepoint');
        return [];
      }
      return [`#EXT-X-SPLICEPOINT-SCTE35:${base64(input.scte35)}`];
    case 'adobe-cue':
      return adobe(input);
  }
}
