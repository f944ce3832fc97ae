// One SCTE 35 XML element (SpliceInfoSection, or Signal holding Binary or SpliceInfoSection) to a
// section. A SpliceInfoSection element becomes encoder input, which is encoded and decoded again,
// so the result is a complete section (lengths, CRC, raw) exactly as if it had arrived in binary.
// Element and attribute names follow the SCTE 35 XML schema; namespace prefixes are ignored.
import { fromBase64 } from '@adsplice/bits';
import { XMLParser } from 'fast-xml-parser';
import { decodeBase64, decodeSection } from './decode.ts';
import { encodeSection } from './encode.ts';
import { pushIssue } from './issues.ts';
import type {
  BreakDuration,
  KnownScte35IssueCode,
  Scte35Issue,
  SegmentationDescriptorInput,
  SegmentationUpidInput,
  SpliceCommand,
  SpliceDescriptorInput,
  SpliceInfoSection,
  SpliceInfoSectionInput,
  SpliceInsert,
  SpliceScheduleEvent,
  SpliceTime,
} from './types.ts';
import { latin1Bytes, parseHexValue } from './upid-format.ts';
import { GPS_EPOCH_MS } from './xml-write.ts';

type Attrs = Record<string, string>;
interface XNode {
  name: string;
  attrs: Attrs;
  children: XNode[];
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function toNodes(raw: unknown[]): XNode[] {
  const out: XNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined || name === '#text' || name.startsWith('?')) continue;
    const kids = (item[name] as Record<string, unknown>[]) ?? [];
    let text = '';
    for (const k of kids) if ('#text' in k) text += String(k['#text']);
    out.push({ name, attrs: (item[':@'] as Attrs | undefined) ?? {}, children: toNodes(kids), text });
  }
  return out;
}

/** Thrown inside the reader for a field problem; becomes one issue. */
class FieldError extends Error {
  constructor(
    readonly code: KnownScte35IssueCode,
    message: string,
  ) {
    super(message);
  }
}

function num(n: XNode, attr: string, bits: number, fallback?: number): number {
  const v = n.attrs[attr];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new FieldError('SCTE35_XML_MISSING_FIELD', `${n.name}@${attr} is required`);
  }
  const t = v.trim();
  const x = /^\d+$/.test(t) ? Number(t) : /^0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t.slice(2), 16) : NaN;
  if (!Number.isSafeInteger(x) || x >= 2 ** bits) throw new FieldError('SCTE35_XML_BAD_VALUE', `${n.name}@${attr}="${v}" is not an integer that fits in ${bits} bits`);
  return x;
}

function bool(n: XNode, attr: string, fallback?: boolean): boolean {
  const v = n.attrs[attr];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new FieldError('SCTE35_XML_MISSING_FIELD', `${n.name}@${attr} is required`);
  }
  const t = v.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new FieldError('SCTE35_XML_BAD_VALUE', `${n.name}@${attr}="${v}" is not a boolean`);
}

function hex(n: XNode, text: string): Uint8Array {
  const b = parseHexValue(text.replace(/\s+/g, ''));
  if (!b) throw new FieldError('SCTE35_XML_BAD_VALUE', `${n.name}: "${text}" is not hex`);
  return b;
}

function child(n: XNode, name: string): XNode | undefined {
  return n.children.find((c) => c.name === name);
}

function spliceTime(n: XNode | undefined): SpliceTime {
  if (!n || n.attrs.ptsTime === undefined) return { timeSpecifiedFlag: false };
  return { timeSpecifiedFlag: true, ptsTime: num(n, 'ptsTime', 33) };
}

function breakDuration(n: XNode | undefined): BreakDuration | undefined {
  return n && { autoReturn: bool(n, 'autoReturn'), duration: num(n, 'duration', 33) };
}

/** xsd:dateTime or integer seconds → utc_splice_time (seconds since the GPS epoch). */
function utcSpliceTime(n: XNode, attr: string): number {
  const v = n.attrs[attr];
  if (v !== undefined && !/^\s*(\d+|0[xX][0-9a-fA-F]+)\s*$/.test(v)) {
    const ms = Date.parse(v);
    const s = (ms - GPS_EPOCH_MS) / 1000;
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new FieldError('SCTE35_XML_BAD_VALUE', `${n.name}@${attr}="${v}" is not a date-time from 1980-01-06 on, in whole seconds`);
    return s;
  }
  return num(n, attr, 32);
}

function eventFields(n: XNode): Pick<SpliceInsert, 'spliceEventId' | 'spliceEventCancelIndicator' | 'eventIdComplianceFlag'> {
  return {
    spliceEventId: num(n, 'spliceEventId', 32),
    spliceEventCancelIndicator: bool(n, 'spliceEventCancelIndicator', false),
    eventIdComplianceFlag: bool(n, 'eventIdComplianceFlag', true),
  };
}

function availFields(n: XNode): { uniqueProgramId: number; availNum: number; availsExpected: number } {
  return { uniqueProgramId: num(n, 'uniqueProgramId', 16, 0), availNum: num(n, 'availNum', 8, 0), availsExpected: num(n, 'availsExpected', 8, 0) };
}

function spliceInsert(n: XNode): SpliceInsert {
  const cmd: SpliceInsert = { type: 'splice_insert', ...eventFields(n) };
  if (cmd.spliceEventCancelIndicator) return cmd;
  const immediate = bool(n, 'spliceImmediateFlag', false);
  const program = child(n, 'Program');
  const components = n.children.filter((c) => c.name === 'Component');
  cmd.outOfNetworkIndicator = bool(n, 'outOfNetworkIndicator', false);
  cmd.programSpliceFlag = components.length === 0;
  cmd.spliceImmediateFlag = immediate;
  if (cmd.programSpliceFlag) {
    if (!immediate) cmd.spliceTime = spliceTime(program && child(program, 'SpliceTime'));
  } else {
    cmd.components = components.map((c) => (immediate ? { componentTag: num(c, 'componentTag', 8) } : { componentTag: num(c, 'componentTag', 8), spliceTime: spliceTime(child(c, 'SpliceTime')) }));
  }
  const bd = breakDuration(child(n, 'BreakDuration'));
  cmd.durationFlag = bd !== undefined;
  if (bd) cmd.breakDuration = bd;
  return Object.assign(cmd, availFields(n));
}

function scheduleEvent(n: XNode): SpliceScheduleEvent {
  const e: SpliceScheduleEvent = eventFields(n);
  if (e.spliceEventCancelIndicator) return e;
  e.outOfNetworkIndicator = bool(n, 'outOfNetworkIndicator', false);
  const components = n.children.filter((c) => c.name === 'Component');
  e.programSpliceFlag = components.length === 0;
  if (e.programSpliceFlag) {
    const program = child(n, 'Program');
    if (!program) throw new FieldError('SCTE35_XML_MISSING_FIELD', 'Event: a Program (utcSpliceTime) or Component elements are required');
    e.utcSpliceTime = utcSpliceTime(program, 'utcSpliceTime');
  } else {
    e.components = components.map((c) => ({ componentTag: num(c, 'componentTag', 8), utcSpliceTime: utcSpliceTime(c, 'utcSpliceTime') }));
  }
  const bd = breakDuration(child(n, 'BreakDuration'));
  e.durationFlag = bd !== undefined;
  if (bd) e.breakDuration = bd;
  return Object.assign(e, availFields(n));
}

function bytesText(n: XNode): Uint8Array {
  const pb = child(n, 'PrivateBytes');
  return hex(n, pb ? pb.text : n.text);
}

function command(n: XNode): SpliceCommand | undefined {
  switch (n.name) {
    case 'SpliceNull':
      return { type: 'splice_null' };
    case 'SpliceSchedule':
      return { type: 'splice_schedule', events: n.children.filter((c) => c.name === 'Event').map(scheduleEvent) };
    case 'SpliceInsert':
      return spliceInsert(n);
    case 'TimeSignal':
      return { type: 'time_signal', spliceTime: spliceTime(child(n, 'SpliceTime')) };
    case 'BandwidthReservation':
      return { type: 'bandwidth_reservation' };
    case 'PrivateCommand':
      return { type: 'private_command', identifier: num(n, 'identifier', 32), privateBytes: bytesText(n) };
    default:
      return undefined;
  }
}

function upid(n: XNode): SegmentationUpidInput {
  const type = num(n, 'segmentationUpidType', 8, 0);
  const format = (n.attrs.segmentationUpidFormat ?? '').toLowerCase();
  let bytes: Uint8Array | undefined;
  if (format === 'text') bytes = latin1Bytes(n.text);
  else if (format === 'base-64' || format === 'base64') bytes = fromBase64(n.text);
  else if (format === 'hexbinary' || format === '') bytes = parseHexValue(n.text.replace(/\s+/g, '')) ?? (format === '' ? latin1Bytes(n.text) : undefined);
  else throw new FieldError('SCTE35_XML_BAD_VALUE', `SegmentationUpid@segmentationUpidFormat="${n.attrs.segmentationUpidFormat}" is not text, hexBinary or base-64`);
  if (!bytes) throw new FieldError('SCTE35_XML_BAD_VALUE', `SegmentationUpid: "${n.text}" is not valid ${format || 'hexBinary'}`);
  if (n.attrs.formatIdentifier !== undefined) return { segmentationUpidType: type, formatIdentifier: num(n, 'formatIdentifier', 32), privateData: bytes };
  return { segmentationUpidType: type, raw: bytes };
}

function segmentation(n: XNode): SegmentationDescriptorInput {
  const d: SegmentationDescriptorInput = {
    type: 'segmentation_descriptor',
    segmentationEventId: num(n, 'segmentationEventId', 32),
    segmentationEventCancelIndicator: bool(n, 'segmentationEventCancelIndicator', false),
    segmentationEventIdComplianceIndicator: bool(n, 'segmentationEventIdComplianceIndicator', true),
  };
  if (d.segmentationEventCancelIndicator) return d;
  const dr = child(n, 'DeliveryRestrictions');
  d.deliveryNotRestrictedFlag = !dr;
  if (dr) {
    d.webDeliveryAllowedFlag = bool(dr, 'webDeliveryAllowedFlag');
    d.noRegionalBlackoutFlag = bool(dr, 'noRegionalBlackoutFlag');
    d.archiveAllowedFlag = bool(dr, 'archiveAllowedFlag');
    d.deviceRestrictions = num(dr, 'deviceRestrictions', 2);
  }
  const components = n.children.filter((c) => c.name === 'Component');
  d.programSegmentationFlag = components.length === 0;
  if (components.length > 0) d.components = components.map((c) => ({ componentTag: num(c, 'componentTag', 8), ptsOffset: num(c, 'ptsOffset', 33) }));
  if (n.attrs.segmentationDuration !== undefined) d.segmentationDuration = num(n, 'segmentationDuration', 40);
  d.segmentationDurationFlag = d.segmentationDuration !== undefined;
  const upids = n.children.filter((c) => c.name === 'SegmentationUpid').map(upid);
  if (upids.length === 1) d.segmentationUpid = upids[0];
  else if (upids.length > 1) d.segmentationUpid = { segmentationUpidType: 0x0d, upids };
  d.segmentationTypeId = num(n, 'segmentationTypeId', 8);
  d.segmentNum = num(n, 'segmentNum', 8, 0);
  d.segmentsExpected = num(n, 'segmentsExpected', 8, 0);
  if (n.attrs.subSegmentNum !== undefined || n.attrs.subSegmentsExpected !== undefined) {
    d.subSegmentNum = num(n, 'subSegmentNum', 8, 0);
    d.subSegmentsExpected = num(n, 'subSegmentsExpected', 8, 0);
  }
  return d;
}

function descriptor(n: XNode): SpliceDescriptorInput | undefined {
  switch (n.name) {
    case 'AvailDescriptor':
      return { type: 'avail_descriptor', providerAvailId: num(n, 'providerAvailId', 32) };
    case 'DTMFDescriptor':
      return { type: 'dtmf_descriptor', preroll: num(n, 'preroll', 8), dtmfChars: n.attrs.chars ?? '' };
    case 'SegmentationDescriptor':
      return segmentation(n);
    case 'TimeDescriptor':
      return { type: 'time_descriptor', taiSeconds: num(n, 'taiSeconds', 48), taiNs: num(n, 'taiNs', 32), utcOffset: num(n, 'utcOffset', 16) };
    case 'AudioDescriptor':
      return {
        type: 'audio_descriptor',
        audioComponents: n.children
          .filter((c) => c.name === 'AudioChannel')
          .map((c) => ({
            componentTag: num(c, 'componentTag', 8),
            isoCode: c.attrs.ISOCode ?? '',
            bitStreamMode: num(c, 'BitStreamMode', 3),
            numChannels: num(c, 'NumChannels', 4),
            fullSrvcAudio: bool(c, 'FullSrvcAudio'),
          })),
      };
    case 'PrivateDescriptor': {
      const tagAttr = ['tag', 'spliceDescriptorTag', 'descriptorTag'].find((a) => n.attrs[a] !== undefined) ?? 'tag';
      return { type: 'unknown_descriptor', spliceDescriptorTag: num(n, tagAttr, 8), identifier: num(n, 'identifier', 32), privateBytes: bytesText(n) };
    }
    default:
      return undefined;
  }
}

function sectionInput(n: XNode): SpliceInfoSectionInput {
  const input: SpliceInfoSectionInput = {
    protocolVersion: num(n, 'protocolVersion', 8, 0),
    ptsAdjustment: num(n, 'ptsAdjustment', 33, 0),
    tier: num(n, 'tier', 12, 0xfff),
    sapType: num(n, 'sapType', 2, 3),
    descriptors: [],
  };
  const ep = child(n, 'EncryptedPacket');
  if (ep) {
    input.encryptionAlgorithm = num(ep, 'encryptionAlgorithm', 6, 0);
    input.cwIndex = num(ep, 'cwIndex', 8, 0);
  }
  for (const c of n.children) {
    const cmd = command(c);
    if (cmd) {
      if (input.spliceCommand) throw new FieldError('SCTE35_XML_BAD_VALUE', `SpliceInfoSection has more than one command (${c.name})`);
      input.spliceCommand = cmd;
      continue;
    }
    const d = descriptor(c);
    if (d) input.descriptors!.push(d);
  }
  if (!input.spliceCommand) throw new FieldError('SCTE35_XML_MISSING_FIELD', 'SpliceInfoSection has no command element (SpliceNull, SpliceSchedule, SpliceInsert, TimeSignal, BandwidthReservation, PrivateCommand)');
  return input;
}

function fromNode(n: XNode, issues: Scte35Issue[]): SpliceInfoSection | undefined {
  if (n.name === 'Signal') {
    const bin = child(n, 'Binary');
    const inner = child(n, 'SpliceInfoSection');
    if (inner) return fromNode(inner, issues);
    if (!bin) {
      pushIssue(issues, 'SCTE35_XML_MISSING_FIELD', 'Signal has neither Binary nor SpliceInfoSection');
      return undefined;
    }
    const r = decodeBase64(bin.text);
    issues.push(...r.issues);
    return r.value;
  }
  let bytes: Uint8Array;
  try {
    bytes = encodeSection(sectionInput(n));
  } catch (err) {
    if (err instanceof FieldError) pushIssue(issues, err.code, err.message);
    else if (err instanceof RangeError) pushIssue(issues, 'SCTE35_XML_BAD_VALUE', err.message);
    else throw err;
    return undefined;
  }
  const r = decodeSection(bytes);
  issues.push(...r.issues);
  return r.value;
}

/** The section of one well-formed SpliceInfoSection or Signal element's text (issues for what is wrong). */
export function sectionFromElement(fragment: string, issues: Scte35Issue[]): SpliceInfoSection | undefined {
  const node = toNodes(parser.parse(fragment) as unknown[])[0];
  return node && fromNode(node, issues);
}
