// The splice commands of SCTE 35 §9.7 (and §9.8 time structures), to bits. Flags that the model
// expresses by presence (a breakDuration, a component list) are derived when not given; a flag that
// contradicts what is present is an error.
import { BitWriter } from '@adsplice/bits';
import { flag, put } from './encode-fields.ts';
import type { BreakDuration, SpliceCommand, SpliceInsert, SpliceScheduleEvent, SpliceTime } from './types.ts';

// SCTE 35 §9.8.1 splice_time()
function writeSpliceTime(w: BitWriter, t: SpliceTime | undefined, field: string): void {
  if (!t) throw new RangeError(`${field} is required`);
  if (t.timeSpecifiedFlag) {
    w.flag(true).ones(6);
    put(w, 33, t.ptsTime, `${field}.ptsTime`);
  } else {
    w.flag(false).ones(7);
  }
}

// SCTE 35 §9.8.2 break_duration()
function writeBreakDuration(w: BitWriter, b: BreakDuration, field: string): void {
  flag(w, b.autoReturn, `${field}.autoReturn`);
  w.ones(6);
  put(w, 33, b.duration, `${field}.duration`);
}

function derived(given: boolean | undefined, present: boolean, field: string, what: string): boolean {
  if (given === undefined) return present;
  if (given !== present) throw new RangeError(`${field} is ${given} but ${what} is ${present ? 'given' : 'missing'}`);
  return given;
}

function writeEventHeader(w: BitWriter, e: SpliceInsert | SpliceScheduleEvent, field: string): boolean {
  put(w, 32, e.spliceEventId, `${field}.spliceEventId`);
  flag(w, e.spliceEventCancelIndicator, `${field}.spliceEventCancelIndicator`);
  w.flag(e.eventIdComplianceFlag ?? true).ones(6);
  return e.spliceEventCancelIndicator;
}

function writeAvail(w: BitWriter, e: SpliceInsert | SpliceScheduleEvent, field: string): void {
  put(w, 16, e.uniqueProgramId ?? 0, `${field}.uniqueProgramId`);
  put(w, 8, e.availNum ?? 0, `${field}.availNum`);
  put(w, 8, e.availsExpected ?? 0, `${field}.availsExpected`);
}

// SCTE 35 §9.7.2 splice_schedule()
function writeScheduleEvent(w: BitWriter, e: SpliceScheduleEvent, field: string): void {
  if (writeEventHeader(w, e, field)) return;
  const program = derived(e.programSpliceFlag, e.components === undefined, `${field}.programSpliceFlag`, `${field}.components`);
  const duration = derived(e.durationFlag, e.breakDuration !== undefined, `${field}.durationFlag`, `${field}.breakDuration`);
  w.flag(e.outOfNetworkIndicator ?? false).flag(program).flag(duration).ones(5);
  if (program) {
    put(w, 32, e.utcSpliceTime, `${field}.utcSpliceTime`);
  } else {
    const components = e.components ?? [];
    put(w, 8, components.length, `${field}.components.length`);
    components.forEach((c, i) => {
      put(w, 8, c.componentTag, `${field}.components[${i}].componentTag`);
      put(w, 32, c.utcSpliceTime, `${field}.components[${i}].utcSpliceTime`);
    });
  }
  if (duration) writeBreakDuration(w, e.breakDuration!, `${field}.breakDuration`);
  writeAvail(w, e, field);
}

// SCTE 35 §9.7.3 splice_insert()
function writeSpliceInsert(w: BitWriter, c: SpliceInsert): void {
  const field = 'splice_insert';
  if (writeEventHeader(w, c, field)) return;
  const program = derived(c.programSpliceFlag, c.components === undefined, `${field}.programSpliceFlag`, `${field}.components`);
  const duration = derived(c.durationFlag, c.breakDuration !== undefined, `${field}.durationFlag`, `${field}.breakDuration`);
  const immediate = c.spliceImmediateFlag ?? false;
  w.flag(c.outOfNetworkIndicator ?? false).flag(program).flag(duration).flag(immediate).ones(4);
  if (program) {
    if (!immediate) writeSpliceTime(w, c.spliceTime, `${field}.spliceTime`);
    else if (c.spliceTime) throw new RangeError(`${field}.spliceTime is given but spliceImmediateFlag is true`);
  } else {
    const components = c.components ?? [];
    put(w, 8, components.length, `${field}.components.length`);
    components.forEach((k, i) => {
      put(w, 8, k.componentTag, `${field}.components[${i}].componentTag`);
      if (!immediate) writeSpliceTime(w, k.spliceTime, `${field}.components[${i}].spliceTime`);
    });
  }
  if (duration) writeBreakDuration(w, c.breakDuration!, `${field}.breakDuration`);
  writeAvail(w, c, field);
}

/** The splice_command_type of a command. */
export function commandType(c: SpliceCommand): number {
  switch (c.type) {
    case 'splice_null':
      return 0x00;
    case 'splice_schedule':
      return 0x04;
    case 'splice_insert':
      return 0x05;
    case 'time_signal':
      return 0x06;
    case 'bandwidth_reservation':
      return 0x07;
    case 'private_command':
      return 0xff;
    case 'unknown':
      if (!Number.isInteger(c.spliceCommandType) || c.spliceCommandType < 0 || c.spliceCommandType > 0xff) {
        throw new RangeError(`spliceCommandType: ${c.spliceCommandType} does not fit in 8 bits`);
      }
      return c.spliceCommandType;
  }
}

/** The bytes of a command (what follows splice_command_type). */
export function encodeCommand(c: SpliceCommand): Uint8Array {
  const w = new BitWriter(32);
  switch (c.type) {
    case 'splice_null': // SCTE 35 §9.7.1
    case 'bandwidth_reservation': // SCTE 35 §9.7.5
      break;
    case 'splice_schedule':
      put(w, 8, c.events.length, 'splice_schedule.events.length');
      c.events.forEach((e, i) => writeScheduleEvent(w, e, `splice_schedule.events[${i}]`));
      break;
    case 'splice_insert':
      writeSpliceInsert(w, c);
      break;
    case 'time_signal': // SCTE 35 §9.7.4
      writeSpliceTime(w, c.spliceTime, 'time_signal.spliceTime');
      break;
    case 'private_command': // SCTE 35 §9.7.6
      put(w, 32, c.identifier, 'private_command.identifier');
      w.bytes(c.privateBytes);
      break;
    case 'unknown':
      w.bytes(c.raw);
      break;
    default:
      throw new RangeError(`spliceCommand.type ${JSON.stringify((c as { type: unknown }).type)} is not a splice command`);
  }
  return w.finish();
}
