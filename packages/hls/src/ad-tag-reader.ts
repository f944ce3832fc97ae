// The syntax of each ad-marker dialect seen in the field, read from one tag line into a draft
// ("what the tag's text says"); ad-signals.ts then weighs it against the SCTE-35 payload.
//
//   #EXT-X-CUE-OUT[:30 | :30.000 | :DURATION=30[,…] | :177.1,SignalID=…]      Elemental, Google DAI, Adobe SSAI
//   #EXT-X-CUE-OUT-CONT[:ElapsedTime=…,Duration=…[,SCTE35=…] | :12.5/30[,…]]   Elemental / MediaPackage
//   #EXT-X-CUE-IN[:…]
//   #EXT-OATCLS-SCTE35:<base64>                                               SCTE-35 enhanced (MediaLive)
//   #EXT-X-ASSET:CAID=0x…[,GENRE=…]                                            SCTE-35 enhanced, MediaTailor
//   #EXT-X-SCTE35:CUE="<base64>"[,CUE-OUT=YES|CONT][,CUE-IN=YES][,ID=…,DURATION=…,ELAPSED=…,TIME=…,TYPE=0x..]
//   #EXT-X-CUE:TYPE="SpliceOut"|"SpliceIn",ID=…,DURATION=…,TIME=…[,ELAPSED=…]  Adobe Primetime simple mode
//   #EXT-X-CUE:ID=…,TYPE="scte35",DURATION=…,TIME=…[,ELAPSED=…],CUE="<base64>" Adobe Primetime SCTE-35 mode
//   #EXT-X-CUE-CONT:ID=…,AVAIL-DUR-ELAPSED=…                                   Adobe Primetime
//   #EXT-X-SPLICEPOINT-SCTE35:<base64>                                         MediaTailor
//   #EXT-X-DATERANGE:…,SCTE35-OUT=0x…|SCTE35-IN=0x…|SCTE35-CMD=0x…              RFC 8216 §4.4.5.1.4
import type { AdSignalDialect, AdSignalKind } from '@adsplice/scte35/ad-signal';
import type { AttributeList } from './attribute-list.ts';
import { parseDecimalInteger, parseDecimalMs } from './decimal.ts';
import { hlsIssue, type HlsIssue } from './issues.ts';
import type { M3u8Line } from './m3u8-line.ts';
import { attributeIssues } from './read-attributes.ts';

/** Tag name → dialect, for every ad-marker tag but EXT-X-DATERANGE (which is one only with SCTE35-* attributes). */
export const AD_MARKER_TAGS: Readonly<Record<string, AdSignalDialect>> = {
  'EXT-X-CUE-OUT': 'cue-out',
  'EXT-X-CUE-OUT-CONT': 'cue-out-cont',
  'EXT-X-CUE-IN': 'cue-in',
  'EXT-OATCLS-SCTE35': 'oatcls',
  'EXT-X-ASSET': 'asset',
  'EXT-X-SCTE35': 'scte35-tag',
  'EXT-X-CUE': 'adobe-cue',
  'EXT-X-CUE-CONT': 'adobe-cue',
  'EXT-X-SPLICEPOINT-SCTE35': 'splicepoint',
};

/** What a tag's own text says. `kind` undefined: only the payload can tell. */
export interface TagCue {
  dialect: AdSignalDialect;
  kind?: AdSignalKind;
  durationMs?: number;
  /** The duration as written, to judge how precise it is. */
  durationText?: string;
  elapsedMs?: number;
  elapsedText?: string;
  /** The tag's own id (Adobe ID, EXT-X-SCTE35 ID, EXT-X-ASSET CAID). */
  id?: string;
  /** SCTE-35 payload text (base64 or hex). */
  payload?: string;
  /** Adobe TIME / EXT-X-SCTE35 TIME: stream presentation time. */
  presentationTimeMs?: number;
  /** EXT-X-SCTE35 TYPE. */
  segmentationTypeId?: number;
}

function attrs(line: M3u8Line, lineNo: number, issues: HlsIssue[]): AttributeList {
  attributeIssues(line, lineNo, issues);
  return line.attributes;
}

function ci(list: AttributeList, name: string): string | undefined {
  return list.attributeIgnoreCase(name)?.value;
}

function seconds(text: string | undefined, what: string, line: M3u8Line, lineNo: number, issues: HlsIssue[]): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const ms = parseDecimalMs(text);
  if (ms === undefined) issues.push(hlsIssue('HLS_BAD_CUE', lineNo, `#${line.name}: ${what} "${text}" is not a number of seconds`));
  return ms;
}

function withDuration(cue: TagCue, text: string | undefined, line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const ms = seconds(text, 'duration', line, lineNo, issues);
  if (ms !== undefined && text !== undefined) {
    cue.durationMs = ms;
    cue.durationText = text.trim();
  }
  return cue;
}

function withElapsed(cue: TagCue, text: string | undefined, line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const ms = seconds(text, 'elapsed time', line, lineNo, issues);
  if (ms !== undefined && text !== undefined) {
    cue.elapsedMs = ms;
    cue.elapsedText = text.trim();
  }
  return cue;
}

function firstToken(v: string): string {
  const comma = v.indexOf(',');
  return (comma < 0 ? v : v.slice(0, comma)).trim();
}

function readCueOut(line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const cue: TagCue = { dialect: 'cue-out', kind: 'out' };
  const v = (line.value ?? '').trim();
  if (v === '') return cue;
  const token = firstToken(v);
  if (!token.includes('=')) return withDuration(cue, token, line, lineNo, issues); // :30, :30.000, :177.1,SignalID=…
  const list = attrs(line, lineNo, issues);
  const payload = ci(list, 'SCTE35');
  if (payload) cue.payload = payload;
  const id = ci(list, 'ID') ?? ci(list, 'BREAKID');
  if (id) cue.id = id;
  return withDuration(cue, ci(list, 'DURATION'), line, lineNo, issues);
}

function readCueOutCont(line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const cue: TagCue = { dialect: 'cue-out-cont', kind: 'cont' };
  const v = (line.value ?? '').trim();
  if (v === '') return cue;
  const token = firstToken(v);
  const slash = token.indexOf('/');
  if (slash >= 0 && !token.includes('=')) {
    // 12.5/30 (Elemental "ad marker: Elemental", Adobe SSAI)
    withElapsed(cue, token.slice(0, slash), line, lineNo, issues);
    return withDuration(cue, token.slice(slash + 1), line, lineNo, issues);
  }
  const list = attrs(line, lineNo, issues);
  const payload = ci(list, 'SCTE35');
  if (payload) cue.payload = payload;
  withElapsed(cue, ci(list, 'ElapsedTime'), line, lineNo, issues);
  return withDuration(cue, ci(list, 'Duration'), line, lineNo, issues);
}

function payloadOnly(dialect: AdSignalDialect, line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const cue: TagCue = { dialect };
  const v = (line.value ?? '').trim();
  if (v === '') issues.push(hlsIssue('HLS_BAD_CUE', lineNo, `#${line.name} has no SCTE-35 payload`));
  else cue.payload = v;
  return cue;
}

function readScte35Tag(line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const list = attrs(line, lineNo, issues);
  const cue: TagCue = { dialect: 'scte35-tag' };
  const payload = list.get('CUE');
  if (payload) cue.payload = payload;
  else issues.push(hlsIssue('HLS_BAD_CUE', lineNo, '#EXT-X-SCTE35 has no CUE'));
  const out = list.get('CUE-OUT');
  if (out === 'YES') cue.kind = 'out';
  else if (out === 'CONT') cue.kind = 'cont';
  else if (out !== undefined && out !== 'NO') issues.push(hlsIssue('HLS_BAD_CUE', lineNo, `#EXT-X-SCTE35: CUE-OUT=${out} is not YES, CONT or NO`));
  if (list.get('CUE-IN') === 'YES') cue.kind = 'in';
  const id = list.get('ID');
  if (id !== undefined) cue.id = id;
  const type = list.get('TYPE');
  if (type !== undefined) {
    const t = /^0x[0-9a-f]{1,2}$/i.test(type) ? parseInt(type.slice(2), 16) : parseDecimalInteger(type);
    if (t === undefined) issues.push(hlsIssue('HLS_BAD_CUE', lineNo, `#EXT-X-SCTE35: TYPE=${type} is not a segmentation type`));
    else cue.segmentationTypeId = t;
  }
  const time = seconds(list.get('TIME'), 'TIME', line, lineNo, issues);
  if (time !== undefined) cue.presentationTimeMs = time;
  withElapsed(cue, list.get('ELAPSED'), line, lineNo, issues);
  withDuration(cue, list.get('DURATION'), line, lineNo, issues);
  return cue;
}

function readAdobeCue(line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue {
  const list = attrs(line, lineNo, issues);
  const cue: TagCue = { dialect: 'adobe-cue' };
  if (line.name === 'EXT-X-CUE-CONT') {
    cue.kind = 'cont';
    const id = list.get('ID');
    if (id !== undefined) cue.id = id;
    return withElapsed(cue, list.get('AVAIL-DUR-ELAPSED') ?? list.get('ELAPSED'), line, lineNo, issues);
  }
  const type = list.get('TYPE');
  if (type === 'SpliceOut') cue.kind = 'out';
  else if (type === 'SpliceIn') cue.kind = 'in';
  else if (type === 'SpliceInsert') cue.kind = 'cmd';
  else if (type !== 'scte35') issues.push(hlsIssue('HLS_BAD_CUE', lineNo, `#EXT-X-CUE: TYPE ${type === undefined ? 'is missing' : `"${type}" is unknown`}`));
  const payload = list.get('CUE');
  if (payload) cue.payload = payload;
  else if (type === 'scte35') issues.push(hlsIssue('HLS_BAD_CUE', lineNo, '#EXT-X-CUE TYPE="scte35" has no CUE'));
  const id = list.get('ID');
  if (id !== undefined) cue.id = id;
  const time = seconds(list.get('TIME'), 'TIME', line, lineNo, issues);
  if (time !== undefined) cue.presentationTimeMs = time;
  withElapsed(cue, list.get('ELAPSED'), line, lineNo, issues);
  const duration = list.get('DURATION');
  if (duration !== undefined && parseDecimalMs(duration) !== 0) withDuration(cue, duration, line, lineNo, issues); // "0": unknown
  return cue;
}

/** Reads an ad-marker tag (not EXT-X-DATERANGE) into what its text says; undefined for other lines. */
export function readAdTag(line: M3u8Line, lineNo: number, issues: HlsIssue[]): TagCue | undefined {
  if (line.kind !== 'tag') return undefined;
  switch (line.name) {
    case 'EXT-X-CUE-OUT':
      return readCueOut(line, lineNo, issues);
    case 'EXT-X-CUE-OUT-CONT':
      return readCueOutCont(line, lineNo, issues);
    case 'EXT-X-CUE-IN':
      return { dialect: 'cue-in', kind: 'in' };
    case 'EXT-OATCLS-SCTE35':
      return payloadOnly('oatcls', line, lineNo, issues);
    case 'EXT-X-SPLICEPOINT-SCTE35':
      return payloadOnly('splicepoint', line, lineNo, issues);
    case 'EXT-X-ASSET': {
      const caid = attrs(line, lineNo, issues).get('CAID');
      return caid === undefined ? { dialect: 'asset', kind: 'cmd' } : { dialect: 'asset', kind: 'cmd', id: caid };
    }
    case 'EXT-X-SCTE35':
      return readScte35Tag(line, lineNo, issues);
    case 'EXT-X-CUE':
    case 'EXT-X-CUE-CONT':
      return readAdobeCue(line, lineNo, issues);
    default:
      return undefined;
  }
}
