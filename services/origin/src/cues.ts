// The SCTE-35 cues the origin writes into its manifests, authored with packages/scte35: a
// splice_insert OUT at the first segment of a break (splice_time = that segment's PTS,
// break_duration with auto_return), a splice_insert IN at the return, and time_signals carrying
// the segmentation descriptors of MediaLive TimeSignal actions.
import { encodeSection, type SegmentationDescriptorInput, type SpliceInfoSectionInput } from '@adsplice/scte35';
import type { SegmentationDescriptorSettings } from './schedule.ts';

const PTS_WRAP = 2 ** 33;

export interface OutCue {
  spliceEventId: number;
  /** PTS of the break's first segment, 90 kHz (wrapped to 33 bits here). */
  ptsTicks: number;
  /** Planned duration, 90 kHz; undefined for an open-ended break (no break_duration). */
  durationTicks?: number;
  availNum?: number;
  availsExpected?: number;
}

export function outCue(c: OutCue): SpliceInfoSectionInput {
  return {
    spliceCommand: {
      type: 'splice_insert',
      spliceEventId: c.spliceEventId,
      spliceEventCancelIndicator: false,
      outOfNetworkIndicator: true,
      programSpliceFlag: true,
      durationFlag: c.durationTicks !== undefined,
      spliceImmediateFlag: false,
      eventIdComplianceFlag: true,
      spliceTime: { timeSpecifiedFlag: true, ptsTime: c.ptsTicks % PTS_WRAP },
      ...(c.durationTicks !== undefined ? { breakDuration: { autoReturn: true, duration: c.durationTicks } } : {}),
      uniqueProgramId: 1,
      availNum: c.availNum ?? 0,
      availsExpected: c.availsExpected ?? 0,
    },
    descriptors: [],
  };
}

export function inCue(spliceEventId: number, ptsTicks: number): SpliceInfoSectionInput {
  return {
    spliceCommand: {
      type: 'splice_insert',
      spliceEventId,
      spliceEventCancelIndicator: false,
      outOfNetworkIndicator: false,
      programSpliceFlag: true,
      durationFlag: false,
      spliceImmediateFlag: false,
      eventIdComplianceFlag: true,
      spliceTime: { timeSpecifiedFlag: true, ptsTime: ptsTicks % PTS_WRAP },
      uniqueProgramId: 1,
      availNum: 0,
      availsExpected: 0,
    },
    descriptors: [],
  };
}

const RESTRICTION = {
  archive: { ARCHIVE_ALLOWED: true, ARCHIVE_NOT_ALLOWED: false },
  web: { WEB_DELIVERY_ALLOWED: true, WEB_DELIVERY_NOT_ALLOWED: false },
  blackout: { NO_REGIONAL_BLACKOUT: true, REGIONAL_BLACKOUT: false },
  device: { RESTRICT_GROUP0: 0, RESTRICT_GROUP1: 1, RESTRICT_GROUP2: 2, NONE: 3 },
} as const;

/** A MediaLive SegmentationDescriptorScte35DescriptorSettings as a segmentation_descriptor. */
export function segmentationDescriptor(s: SegmentationDescriptorSettings): SegmentationDescriptorInput {
  const cancelled = s.SegmentationCancelIndicator === 'SEGMENTATION_EVENT_CANCELED';
  const r = s.DeliveryRestrictions;
  const upidBytes = Uint8Array.from((s.SegmentationUpid ?? '').match(/../g) ?? [], (h) => parseInt(h, 16));
  return {
    type: 'segmentation_descriptor',
    segmentationEventId: s.SegmentationEventId,
    segmentationEventCancelIndicator: cancelled,
    segmentationEventIdComplianceIndicator: true,
    ...(cancelled
      ? {}
      : {
          programSegmentationFlag: true,
          segmentationDurationFlag: s.SegmentationDuration !== undefined,
          deliveryNotRestrictedFlag: r === undefined,
          ...(r
            ? {
                webDeliveryAllowedFlag: RESTRICTION.web[r.WebDeliveryAllowedFlag],
                noRegionalBlackoutFlag: RESTRICTION.blackout[r.NoRegionalBlackoutFlag],
                archiveAllowedFlag: RESTRICTION.archive[r.ArchiveAllowedFlag],
                deviceRestrictions: RESTRICTION.device[r.DeviceRestrictions],
              }
            : {}),
          ...(s.SegmentationDuration !== undefined ? { segmentationDuration: s.SegmentationDuration } : {}),
          segmentationUpid: { segmentationUpidType: s.SegmentationUpidType ?? 0, raw: upidBytes },
          segmentationTypeId: s.SegmentationTypeId,
          segmentNum: s.SegmentNum ?? 0,
          segmentsExpected: s.SegmentsExpected ?? 0,
          ...(s.SubSegmentNum !== undefined ? { subSegmentNum: s.SubSegmentNum, subSegmentsExpected: s.SubSegmentsExpected ?? 0 } : {}),
        }),
  };
}

export function timeSignalCue(ptsTicks: number, descriptors: SegmentationDescriptorSettings[]): SpliceInfoSectionInput {
  return {
    spliceCommand: { type: 'time_signal', spliceTime: { timeSpecifiedFlag: true, ptsTime: ptsTicks % PTS_WRAP } },
    descriptors: descriptors.map(segmentationDescriptor),
  };
}

export { encodeSection };
