// The splice commands of SCTE 35 §9.7 and the time structures of §9.8, from bytes. Each reader is
// bounded to the command (splice_command_length), so an overrun is a RangeError that the section
// decoder turns into an issue.
import type { BitReader } from '@adsplice/bits';
import { pushIssue } from './issues.ts';
import { reserved, take, u16, u32, view } from './read-bytes.ts';
import type { BreakDuration, Scte35Issue, SpliceCommand, SpliceInsert, SpliceSchedule, SpliceScheduleEvent, SpliceTime } from './types.ts';

const TWO_32 = 4294967296;

// SCTE 35 §9.8.1 splice_time()
export function readSpliceTime(r: BitReader, issues: Scte35Issue[]): SpliceTime {
  const b = r.bytes;
  const p = take(r, 1);
  const f = b[p]!;
  if (f & 0x80) {
    reserved(f, 0x7e, issues, 'splice_time', p);
    const q = take(r, 4);
    return { timeSpecifiedFlag: true, ptsTime: (f & 1) * TWO_32 + u32(b, q) }; // 33 bits: hi * 2 ** 32 + lo
  }
  reserved(f, 0x7f, issues, 'splice_time', p);
  return { timeSpecifiedFlag: false };
}

// SCTE 35 §9.8.2 break_duration()
function readBreakDuration(r: BitReader, issues: Scte35Issue[]): BreakDuration {
  const b = r.bytes;
  const p = take(r, 5);
  const f = b[p]!;
  reserved(f, 0x7e, issues, 'break_duration', p);
  return { autoReturn: (f & 0x80) !== 0, duration: (f & 1) * TWO_32 + u32(b, p + 1) };
}

// SCTE 35 §9.7.2 splice_schedule()
function readSpliceSchedule(r: BitReader, issues: Scte35Issue[]): SpliceSchedule {
  const b = r.bytes;
  const spliceCount = b[take(r, 1)]!;
  const events: SpliceScheduleEvent[] = [];
  for (let i = 0; i < spliceCount; i++) {
    let p = take(r, 5);
    const f = b[p + 4]!;
    const spliceEventCancelIndicator = (f & 0x80) !== 0;
    const event: SpliceScheduleEvent = { spliceEventId: u32(b, p), spliceEventCancelIndicator, eventIdComplianceFlag: (f & 0x40) !== 0 };
    reserved(f, 0x3f, issues, 'splice_schedule', p + 4);
    if (!spliceEventCancelIndicator) {
      p = take(r, 1);
      const g = b[p]!;
      const programSpliceFlag = (g & 0x40) !== 0;
      const durationFlag = (g & 0x20) !== 0;
      event.outOfNetworkIndicator = (g & 0x80) !== 0;
      event.programSpliceFlag = programSpliceFlag;
      event.durationFlag = durationFlag;
      reserved(g, 0x1f, issues, 'splice_schedule', p);
      if (programSpliceFlag) {
        event.utcSpliceTime = u32(b, take(r, 4));
      } else {
        const componentCount = b[take(r, 1)]!;
        const components: { componentTag: number; utcSpliceTime: number }[] = [];
        for (let j = 0; j < componentCount; j++) {
          const q = take(r, 5);
          components.push({ componentTag: b[q]!, utcSpliceTime: u32(b, q + 1) });
        }
        event.components = components;
      }
      if (durationFlag) event.breakDuration = readBreakDuration(r, issues);
      p = take(r, 4);
      event.uniqueProgramId = u16(b, p);
      event.availNum = b[p + 2]!;
      event.availsExpected = b[p + 3]!;
    }
    events.push(event);
  }
  return { type: 'splice_schedule', events };
}

// SCTE 35 §9.7.3 splice_insert()
// Fields in the order of the syntax. The program-mode shapes are each one object literal (see
// readSegmentation: V8 makes them several times faster than growing an object field by field).
function readSpliceInsert(r: BitReader, issues: Scte35Issue[]): SpliceInsert {
  const b = r.bytes;
  const type = 'splice_insert';
  let p = take(r, 5);
  const f = b[p + 4]!;
  const spliceEventId = u32(b, p);
  const spliceEventCancelIndicator = (f & 0x80) !== 0;
  const eventIdComplianceFlag = (f & 0x40) !== 0;
  reserved(f, 0x3f, issues, 'splice_insert', p + 4);
  if (spliceEventCancelIndicator) return { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag };
  p = take(r, 1);
  const g = b[p]!;
  const outOfNetworkIndicator = (g & 0x80) !== 0;
  const programSpliceFlag = (g & 0x40) !== 0;
  const durationFlag = (g & 0x20) !== 0;
  const spliceImmediateFlag = (g & 0x10) !== 0;
  reserved(g, 0x0f, issues, 'splice_insert', p);
  let spliceTime: SpliceTime | undefined;
  let components: { componentTag: number; spliceTime?: SpliceTime }[] | undefined;
  if (programSpliceFlag) {
    if (!spliceImmediateFlag) spliceTime = readSpliceTime(r, issues);
  } else {
    const componentCount = b[take(r, 1)]!;
    components = [];
    for (let i = 0; i < componentCount; i++) {
      const componentTag = b[take(r, 1)]!;
      components.push(spliceImmediateFlag ? { componentTag } : { componentTag, spliceTime: readSpliceTime(r, issues) });
    }
  }
  const breakDuration = durationFlag ? readBreakDuration(r, issues) : undefined;
  p = take(r, 4);
  const uniqueProgramId = u16(b, p);
  const availNum = b[p + 2]!;
  const availsExpected = b[p + 3]!;
  if (spliceTime !== undefined) {
    return breakDuration !== undefined
      ? { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag, outOfNetworkIndicator, programSpliceFlag, durationFlag, spliceImmediateFlag, spliceTime, breakDuration, uniqueProgramId, availNum, availsExpected }
      : { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag, outOfNetworkIndicator, programSpliceFlag, durationFlag, spliceImmediateFlag, spliceTime, uniqueProgramId, availNum, availsExpected };
  }
  if (components === undefined) {
    return breakDuration !== undefined
      ? { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag, outOfNetworkIndicator, programSpliceFlag, durationFlag, spliceImmediateFlag, breakDuration, uniqueProgramId, availNum, availsExpected }
      : { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag, outOfNetworkIndicator, programSpliceFlag, durationFlag, spliceImmediateFlag, uniqueProgramId, availNum, availsExpected };
  }
  const cmd: SpliceInsert = { type, spliceEventId, spliceEventCancelIndicator, eventIdComplianceFlag, outOfNetworkIndicator, programSpliceFlag, durationFlag, spliceImmediateFlag, components };
  if (breakDuration !== undefined) cmd.breakDuration = breakDuration;
  cmd.uniqueProgramId = uniqueProgramId;
  cmd.availNum = availNum;
  cmd.availsExpected = availsExpected;
  return cmd;
}

/** Whether the command's length can be found by parsing it (needed for legacy 0xFFF lengths). */
export function isSelfDelimiting(spliceCommandType: number): boolean {
  return spliceCommandType === 0x00 || (spliceCommandType >= 0x04 && spliceCommandType <= 0x07);
}

/**
 * Decodes the command of `spliceCommandType` from `r` (positioned at its first byte). A private or
 * reserved command takes every byte left in `r`. Throws RangeError when the command needs more bytes.
 */
export function readSpliceCommand(spliceCommandType: number, r: BitReader, issues: Scte35Issue[]): SpliceCommand {
  switch (spliceCommandType) {
    // SCTE 35 §9.7.1 splice_null()
    case 0x00:
      return { type: 'splice_null' };
    case 0x04:
      return readSpliceSchedule(r, issues);
    case 0x05:
      return readSpliceInsert(r, issues);
    // SCTE 35 §9.7.4 time_signal()
    case 0x06:
      return { type: 'time_signal', spliceTime: readSpliceTime(r, issues) };
    // SCTE 35 §9.7.5 bandwidth_reservation()
    case 0x07:
      return { type: 'bandwidth_reservation' };
    // SCTE 35 §9.7.6 private_command()
    case 0xff: {
      const p = take(r, 4);
      const n = r.bytesLeft;
      return { type: 'private_command', identifier: u32(r.bytes, p), privateBytes: view(r.bytes, take(r, n), n) };
    }
    default: {
      const n = r.bytesLeft;
      pushIssue(issues, 'SCTE35_UNKNOWN_COMMAND', `splice_command_type ${spliceCommandType} is reserved; the command is kept raw`, r.bytePos - 1, { spliceCommandType });
      return { type: 'unknown', spliceCommandType, raw: view(r.bytes, take(r, n), n) };
    }
  }
}
