// What an SCTE-35 payload means for ad breaks: decoded with @adsplice/scte35, then read as
// OUT / IN / neither, with its event id, duration and segmentation type.
import { decode, ticksToMs } from '@adsplice/scte35';
import type { AdSignal, Scte35Issue } from '@adsplice/scte35/ad-signal';

export type SpliceInfoSection = NonNullable<AdSignal['scte35']>;

export interface CueMeaning {
  kind: 'out' | 'in' | 'cmd';
  /** splice_event_id or segmentation_event_id. */
  eventId?: number;
  durationMs?: number;
  segmentationTypeId?: number;
  /** splice_insert break_duration auto_return. */
  autoReturn?: boolean;
}

/** SCTE 35 §10.3.3.1 Table 23: segmentation types that start a break (placement opportunities, breaks, ad blocks, ads). */
const OUT_TYPES: ReadonlySet<number> = new Set([0x22, 0x30, 0x32, 0x34, 0x36, 0x44, 0x46]);
/** … and the types that end one (each start type + 1). */
const IN_TYPES: ReadonlySet<number> = new Set([0x23, 0x31, 0x33, 0x35, 0x37, 0x45, 0x47]);

/** Provider/Distributor Advertisement Start/End (0x30–0x33): single ads, which nest inside a break. */
export function isAdLevelType(segmentationTypeId: number | undefined): boolean {
  return segmentationTypeId !== undefined && segmentationTypeId >= 0x30 && segmentationTypeId <= 0x33;
}

/**
 * Reads a decoded section as an ad-break signal. A time_signal with several segmentation descriptors
 * is read from the one whose event id is `preferEventId` (the tag's own id), else the first that
 * starts a break, else the first that ends one, else the first. Durations are kept for starts only.
 */
export function cueMeaning(section: SpliceInfoSection, preferEventId?: number): CueMeaning {
  const cmd = section.spliceCommand;
  if (cmd?.type === 'splice_insert') {
    const m: CueMeaning = { kind: 'cmd', eventId: cmd.spliceEventId };
    if (cmd.spliceEventCancelIndicator) return m;
    m.kind = cmd.outOfNetworkIndicator ? 'out' : 'in';
    if (cmd.breakDuration && m.kind === 'out') {
      m.durationMs = ticksToMs(cmd.breakDuration.duration);
      m.autoReturn = cmd.breakDuration.autoReturn;
    }
    return m;
  }
  if (cmd?.type !== 'time_signal') return { kind: 'cmd' };
  const all: CueMeaning[] = [];
  for (const d of section.descriptors) {
    if (d.type !== 'segmentation_descriptor' || d.segmentationEventCancelIndicator) continue;
    const t = d.segmentationTypeId;
    const kind = t !== undefined && OUT_TYPES.has(t) ? 'out' : t !== undefined && IN_TYPES.has(t) ? 'in' : 'cmd';
    const m: CueMeaning = { kind, eventId: d.segmentationEventId };
    if (t !== undefined) m.segmentationTypeId = t;
    if (d.segmentationDuration !== undefined && kind === 'out') m.durationMs = ticksToMs(d.segmentationDuration);
    all.push(m);
  }
  return (
    (preferEventId === undefined ? undefined : all.find((m) => m.eventId === preferEventId)) ??
    all.find((m) => m.kind === 'out') ??
    all.find((m) => m.kind === 'in') ??
    all[0] ?? { kind: 'cmd' }
  );
}

export interface PayloadRead {
  /** The decoded section (also when it decoded with issues). */
  section?: SpliceInfoSection;
  /** Whether its values may be trusted: it decoded and no codec issue is fatal. */
  usable: boolean;
  meaning?: CueMeaning;
  issues: Scte35Issue[];
}

/** Decodes an SCTE-35 payload as written in a tag (base64, or hex with or without 0x). Never throws. */
export function readPayload(text: string, preferEventId?: number): PayloadRead {
  let r: { value: SpliceInfoSection | undefined; issues: Scte35Issue[] };
  try {
    r = decode(text.trim());
  } catch (e) {
    // The codec promises not to throw; if it ever does, the stream must not break.
    r = { value: undefined, issues: [{ code: 'SCTE35_THREW', severity: 'fatal', message: String(e) }] };
  }
  const out: PayloadRead = { usable: false, issues: r.issues };
  if (r.value) {
    out.section = r.value;
    out.usable = !r.issues.some((i) => i.severity === 'fatal');
    if (out.usable) out.meaning = cueMeaning(r.value, preferEventId);
  }
  return out;
}
