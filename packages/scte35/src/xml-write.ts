// The SCTE 35 XML forms (SCTE 35 §12 / SCTE 214-1): `urn:scte:scte35:2013:xml` (a
// SpliceInfoSection element) and `urn:scte:scte35:2014:xml+bin` (a Signal holding base64).
// Element and attribute names follow the SCTE 35 XML schema. What the schema cannot carry
// (an encrypted payload, a reserved command, alignment stuffing) is left out with a comment.
import { toBase64 } from '@adsplice/bits';
import { encodeSection } from './encode.ts';
import { isTextUpid, upidBytes } from './upid.ts';
import { hexOf, latin1 } from './upid-format.ts';
import { pushIssue } from './issues.ts';
import type {
  Scte35Issue,
  SegmentationDescriptorInput,
  SegmentationUpidInput,
  SpliceCommand,
  SpliceDescriptorInput,
  SpliceInfoSectionInput,
  SpliceTime,
} from './types.ts';

/** The namespace of the SCTE 35 XML schema. */
export const SCTE35_XML_NAMESPACE = 'http://www.scte.org/schemas/35';

export interface ToXmlOptions {
  /** Namespace prefix; '' for none (the default namespace). Default 'scte35'. */
  prefix?: string;
  /** Namespace URI to declare on the root element. Default {@link SCTE35_XML_NAMESPACE}. */
  namespace?: string;
  /** Whether to declare the namespace on the root element (skip when the enclosing document does). Default true. */
  declareNamespace?: boolean;
  /** Receives an SCTE35_XML_UNREPRESENTABLE warning for each part left out (the XML also has a comment there). */
  issues?: Scte35Issue[];
}

/** GPS epoch (1980-01-06T00:00:00Z) in ms since the Unix epoch; utc_splice_time counts seconds from it. */
export const GPS_EPOCH_MS = 315_964_800_000;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attrs = [string, string | number | boolean | undefined][];

class XmlOut {
  readonly parts: string[] = [];
  constructor(
    private readonly p: string,
    private readonly issues: Scte35Issue[] | undefined,
  ) {}

  /** Leaves a part out: an XML comment, and an issue when the caller collects them. */
  omit(text: string): void {
    this.comment(text);
    if (this.issues) pushIssue(this.issues, 'SCTE35_XML_UNREPRESENTABLE', text);
  }

  open(name: string, attrs: Attrs, selfClose: boolean, extra = ''): void {
    let s = `<${this.p}${name}${extra}`;
    for (const [k, v] of attrs) if (v !== undefined) s += ` ${k}="${typeof v === 'string' ? esc(v) : String(v)}"`;
    this.parts.push(selfClose ? `${s}/>` : `${s}>`);
  }

  close(name: string): void {
    this.parts.push(`</${this.p}${name}>`);
  }

  leaf(name: string, attrs: Attrs): void {
    this.open(name, attrs, true);
  }

  textLeaf(name: string, attrs: Attrs, text: string): void {
    if (text === '') return this.open(name, attrs, true);
    this.open(name, attrs, false);
    this.parts.push(esc(text));
    this.close(name);
  }

  comment(text: string): void {
    this.parts.push(`<!-- ${text.replace(/--/g, '- -')} -->`);
  }
}

function spliceTime(x: XmlOut, t: SpliceTime | undefined): void {
  if (t) x.leaf('SpliceTime', [['ptsTime', t.timeSpecifiedFlag ? t.ptsTime : undefined]]);
}

/** utc_splice_time (seconds since the GPS epoch, no leap-second correction) as an xsd:dateTime. */
export function utcSpliceTimeToDateTime(seconds: number): string {
  return new Date(GPS_EPOCH_MS + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function command(x: XmlOut, c: SpliceCommand): void {
  switch (c.type) {
    case 'splice_null':
      return x.leaf('SpliceNull', []);
    case 'bandwidth_reservation':
      return x.leaf('BandwidthReservation', []);
    case 'time_signal':
      x.open('TimeSignal', [], false);
      spliceTime(x, c.spliceTime);
      return x.close('TimeSignal');
    case 'private_command':
      x.open('PrivateCommand', [['identifier', c.identifier]], false);
      x.textLeaf('PrivateBytes', [], hexOf(c.privateBytes));
      return x.close('PrivateCommand');
    case 'unknown':
      return x.omit(`splice_command_type 0x${c.spliceCommandType.toString(16)} is reserved and has no XML form`);
    case 'splice_insert': {
      const cancel = c.spliceEventCancelIndicator;
      x.open('SpliceInsert', [
        ['spliceEventId', c.spliceEventId],
        ['spliceEventCancelIndicator', cancel],
        ['eventIdComplianceFlag', c.eventIdComplianceFlag === false ? false : undefined],
        ['outOfNetworkIndicator', cancel ? undefined : (c.outOfNetworkIndicator ?? false)],
        ['spliceImmediateFlag', cancel ? undefined : (c.spliceImmediateFlag ?? false)],
        ['uniqueProgramId', cancel ? undefined : (c.uniqueProgramId ?? 0)],
        ['availNum', cancel ? undefined : (c.availNum ?? 0)],
        ['availsExpected', cancel ? undefined : (c.availsExpected ?? 0)],
      ], cancel);
      if (cancel) return;
      if (c.components) {
        for (const k of c.components) {
          x.open('Component', [['componentTag', k.componentTag]], !k.spliceTime);
          if (k.spliceTime) {
            spliceTime(x, k.spliceTime);
            x.close('Component');
          }
        }
      } else if (c.spliceImmediateFlag) {
        x.leaf('Program', []);
      } else {
        x.open('Program', [], false);
        spliceTime(x, c.spliceTime ?? { timeSpecifiedFlag: false });
        x.close('Program');
      }
      if (c.breakDuration) x.leaf('BreakDuration', [['autoReturn', c.breakDuration.autoReturn], ['duration', c.breakDuration.duration]]);
      return x.close('SpliceInsert');
    }
    case 'splice_schedule':
      x.open('SpliceSchedule', [], c.events.length === 0);
      if (c.events.length === 0) return;
      for (const e of c.events) {
        const cancel = e.spliceEventCancelIndicator;
        x.open('Event', [
          ['spliceEventId', e.spliceEventId],
          ['spliceEventCancelIndicator', cancel],
          ['eventIdComplianceFlag', e.eventIdComplianceFlag === false ? false : undefined],
          ['outOfNetworkIndicator', cancel ? undefined : (e.outOfNetworkIndicator ?? false)],
          ['uniqueProgramId', cancel ? undefined : (e.uniqueProgramId ?? 0)],
          ['availNum', cancel ? undefined : (e.availNum ?? 0)],
          ['availsExpected', cancel ? undefined : (e.availsExpected ?? 0)],
        ], cancel);
        if (cancel) continue;
        if (e.components) {
          for (const k of e.components) x.leaf('Component', [['componentTag', k.componentTag], ['utcSpliceTime', utcSpliceTimeToDateTime(k.utcSpliceTime)]]);
        } else {
          x.leaf('Program', [['utcSpliceTime', e.utcSpliceTime === undefined ? undefined : utcSpliceTimeToDateTime(e.utcSpliceTime)]]);
        }
        if (e.breakDuration) x.leaf('BreakDuration', [['autoReturn', e.breakDuration.autoReturn], ['duration', e.breakDuration.duration]]);
        x.close('Event');
      }
      return x.close('SpliceSchedule');
  }
}

const XML_TEXT_OK = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function upidElements(x: XmlOut, u: SegmentationUpidInput, nested: boolean): void {
  const type = u.segmentationUpidType;
  const bytes = upidBytes(u);
  // MID: the schema lists the contained UPIDs as sibling SegmentationUpid elements (when that is
  // unambiguous and lossless: two or more of them, covering every byte); otherwise it is one hex element.
  const inner = u.upids;
  if (type === 0x0d && !nested && inner && inner.length >= 2 && sameBytes(upidBytes({ segmentationUpidType: 0x0d, upids: inner }), bytes)) {
    for (const v of inner) upidElements(x, v, true);
    return;
  }
  if (type === 0x00 && bytes.length === 0 && !nested) return;
  if (type === 0x0c && bytes.length >= 4) {
    const fi = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    return x.textLeaf('SegmentationUpid', [['segmentationUpidType', type], ['segmentationUpidFormat', 'hexBinary'], ['formatIdentifier', fi]], hexOf(bytes, 4));
  }
  if (isTextUpid(type, bytes) && XML_TEXT_OK.test(latin1(bytes))) {
    return x.textLeaf('SegmentationUpid', [['segmentationUpidType', type], ['segmentationUpidFormat', 'text']], latin1(bytes));
  }
  x.textLeaf('SegmentationUpid', [['segmentationUpidType', type], ['segmentationUpidFormat', 'hexBinary']], hexOf(bytes));
}

function segmentation(x: XmlOut, d: SegmentationDescriptorInput): void {
  const cancel = d.segmentationEventCancelIndicator;
  x.open('SegmentationDescriptor', [
    ['segmentationEventId', d.segmentationEventId],
    ['segmentationEventCancelIndicator', cancel],
    ['segmentationEventIdComplianceIndicator', d.segmentationEventIdComplianceIndicator === false ? false : undefined],
    ['segmentationDuration', cancel ? undefined : d.segmentationDuration],
    ['segmentationTypeId', cancel ? undefined : d.segmentationTypeId],
    ['segmentNum', cancel ? undefined : (d.segmentNum ?? 0)],
    ['segmentsExpected', cancel ? undefined : (d.segmentsExpected ?? 0)],
    ['subSegmentNum', cancel ? undefined : d.subSegmentNum],
    ['subSegmentsExpected', cancel ? undefined : d.subSegmentsExpected],
  ], false);
  if (!cancel) {
    const restricted = d.deliveryNotRestrictedFlag === undefined ? d.deviceRestrictions !== undefined : !d.deliveryNotRestrictedFlag;
    if (restricted) {
      x.leaf('DeliveryRestrictions', [
        ['webDeliveryAllowedFlag', d.webDeliveryAllowedFlag ?? true],
        ['noRegionalBlackoutFlag', d.noRegionalBlackoutFlag ?? true],
        ['archiveAllowedFlag', d.archiveAllowedFlag ?? true],
        ['deviceRestrictions', d.deviceRestrictions ?? 3],
      ]);
    }
    for (const c of d.components ?? []) x.leaf('Component', [['componentTag', c.componentTag], ['ptsOffset', c.ptsOffset]]);
    if (d.segmentationUpid) upidElements(x, d.segmentationUpid, false);
  }
  x.close('SegmentationDescriptor');
}

function descriptor(x: XmlOut, d: SpliceDescriptorInput): void {
  switch (d.type) {
    case 'avail_descriptor':
      return x.leaf('AvailDescriptor', [['providerAvailId', d.providerAvailId]]);
    case 'dtmf_descriptor':
      return x.leaf('DTMFDescriptor', [['preroll', d.preroll], ['chars', d.dtmfChars]]);
    case 'segmentation_descriptor':
      return segmentation(x, d);
    case 'time_descriptor':
      return x.leaf('TimeDescriptor', [['taiSeconds', d.taiSeconds], ['taiNs', d.taiNs], ['utcOffset', d.utcOffset]]);
    case 'audio_descriptor':
      x.open('AudioDescriptor', [], d.audioComponents.length === 0);
      if (d.audioComponents.length === 0) return;
      for (const a of d.audioComponents) {
        x.leaf('AudioChannel', [['componentTag', a.componentTag], ['ISOCode', a.isoCode], ['BitStreamMode', a.bitStreamMode], ['NumChannels', a.numChannels], ['FullSrvcAudio', a.fullSrvcAudio]]);
      }
      return x.close('AudioDescriptor');
    case 'unknown_descriptor':
      x.open('PrivateDescriptor', [['tag', d.spliceDescriptorTag], ['identifier', d.identifier]], false);
      x.textLeaf('PrivateBytes', [], hexOf(d.privateBytes));
      return x.close('PrivateDescriptor');
  }
}

/**
 * The `urn:scte:scte35:2013:xml` form: `<scte35:SpliceInfoSection …>` with its command and
 * descriptors as elements. cw_index is carried only for encrypted sections (it has no meaning
 * otherwise), and alignment stuffing is not carried.
 */
export function toXml(section: SpliceInfoSectionInput, options: ToXmlOptions = {}): string {
  const prefix = options.prefix ?? 'scte35';
  const p = prefix === '' ? '' : `${prefix}:`;
  const ns = options.namespace ?? SCTE35_XML_NAMESPACE;
  const x = new XmlOut(p, options.issues);
  const decl = options.declareNamespace === false ? '' : ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${esc(ns)}"`;
  x.open('SpliceInfoSection', [
    ['protocolVersion', section.protocolVersion ?? 0],
    ['ptsAdjustment', section.ptsAdjustment ?? 0],
    ['tier', section.tier ?? 0xfff],
    ['sapType', section.sapType !== undefined && section.sapType !== 3 ? section.sapType : undefined],
  ], false, decl);
  if (section.encryptedPacket) {
    x.leaf('EncryptedPacket', [['encryptionAlgorithm', section.encryptionAlgorithm ?? 0], ['cwIndex', section.cwIndex ?? 0]]);
    x.omit('the encrypted command and descriptors have no XML form; use the xml+bin form');
  } else {
    if (section.spliceCommand) command(x, section.spliceCommand);
    for (const d of section.descriptors ?? []) descriptor(x, d);
    if (section.alignmentStuffing && section.alignmentStuffing.length > 0) x.omit(`${section.alignmentStuffing.length} byte(s) of alignment_stuffing are not carried`);
  }
  x.close('SpliceInfoSection');
  return x.parts.join('');
}

/**
 * The `urn:scte:scte35:2014:xml+bin` form: `<scte35:Signal><scte35:Binary>base64</scte35:Binary></scte35:Signal>`.
 * A decoded section's own bytes (`raw`) are carried as received; otherwise it is encoded.
 */
export function toXmlBin(section: SpliceInfoSectionInput | Uint8Array, options: ToXmlOptions = {}): string {
  const bytes = section instanceof Uint8Array ? section : (section.raw ?? encodeSection(section));
  const prefix = options.prefix ?? 'scte35';
  const p = prefix === '' ? '' : `${prefix}:`;
  const decl = options.declareNamespace === false ? '' : ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${esc(options.namespace ?? SCTE35_XML_NAMESPACE)}"`;
  return `<${p}Signal${decl}><${p}Binary>${toBase64(bytes)}</${p}Binary></${p}Signal>`;
}
