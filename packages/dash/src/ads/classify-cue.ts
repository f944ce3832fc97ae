// What an SCTE-35 cue says about ad breaks:
// - splice_insert (SCTE 35 §9.7.3): out_of_network_indicator 1 → OUT, 0 → IN; cancelled → cmd.
// - time_signal (§9.7.4) with segmentation_descriptors (§10.3.3): a start type (Table 23:
//   0x22 Break, 0x34/0x36 Placement Opportunity, 0x44/0x46 Ad Block, 0x30/0x32 Advertisement —
//   the same set as packages/hls; overlays and promos do not replace content) → OUT, the matching
//   end type (start + 1) → IN. One cue can end one break and start the next (the IN is listed
//   first); when several start (or end) descriptors are present the widest one wins
//   (Break > Placement Opportunity > Ad Block > Advertisement).
// - anything else → cmd.
import type { SegmentationDescriptor, SpliceInfoSection } from '@adsplice/scte35';
import type { AdSignalKind } from '@adsplice/scte35/ad-signal';

/** Start segmentation_type_ids in priority order (the end type is start + 1). */
export const AD_START_TYPES: readonly number[] = [0x22, 0x34, 0x36, 0x44, 0x46, 0x30, 0x32];

export interface CueMeaning {
  kind: AdSignalKind;
  eventId?: number;
  /** break_duration / segmentation_duration, 90 kHz ticks. */
  durationTicks?: number;
  segmentationTypeId?: number;
}

function rank(typeId: number, end: boolean): number {
  return AD_START_TYPES.indexOf(end ? typeId - 1 : typeId);
}

function isSegmentation(d: { type: string }): d is SegmentationDescriptor {
  return d.type === 'segmentation_descriptor';
}

export function classifyCue(section: SpliceInfoSection): CueMeaning[] {
  const cmd = section.spliceCommand;
  if (cmd?.type === 'splice_insert') {
    const meaning: CueMeaning = { kind: cmd.spliceEventCancelIndicator ? 'cmd' : cmd.outOfNetworkIndicator ? 'out' : 'in', eventId: cmd.spliceEventId };
    if (meaning.kind === 'out' && cmd.breakDuration) meaning.durationTicks = cmd.breakDuration.duration;
    return [meaning];
  }
  if (cmd?.type === 'time_signal') {
    let start: SegmentationDescriptor | undefined;
    let end: SegmentationDescriptor | undefined;
    for (const d of section.descriptors) {
      if (!isSegmentation(d) || d.segmentationEventCancelIndicator || d.segmentationTypeId === undefined) continue;
      const t = d.segmentationTypeId;
      const startRank = rank(t, false);
      const endRank = (t & 1) === 1 ? rank(t, true) : -1;
      if (startRank >= 0 && (!start || startRank < rank(start.segmentationTypeId!, false))) start = d;
      if (endRank >= 0 && (!end || endRank < rank(end.segmentationTypeId!, true))) end = d;
    }
    const out: CueMeaning[] = [];
    if (end) out.push({ kind: 'in', eventId: end.segmentationEventId, segmentationTypeId: end.segmentationTypeId! });
    if (start) {
      const m: CueMeaning = { kind: 'out', eventId: start.segmentationEventId, segmentationTypeId: start.segmentationTypeId! };
      if (start.segmentationDuration !== undefined) m.durationTicks = start.segmentationDuration;
      out.push(m);
    }
    if (out.length > 0) return out;
  }
  return [{ kind: 'cmd' }];
}
