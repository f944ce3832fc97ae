// What each VAST version's schema allows, for the builder. Levels compare as numbers:
// 20 = VAST 2.0 (vast_2.0.1.xsd), 30 = 3.0 (vast3_draft.xsd), 40 = 4.0 (vast4.xsd),
// 41 = 4.1 (vast_4.1.xsd), 42 = 4.2 and 4.3 (vast_4.2.xsd; 4.3 made no structural change).

export const VAST_BUILD_VERSIONS = ['4.3', '4.2', '4.1', '4.0', '3.0', '2.0'] as const;
export type VastBuildVersion = (typeof VAST_BUILD_VERSIONS)[number];
export type VastLevel = 20 | 30 | 40 | 41 | 42;

export function levelOf(version: VastBuildVersion): VastLevel {
  switch (version) {
    case '2.0':
      return 20;
    case '3.0':
      return 30;
    case '4.0':
      return 40;
    case '4.1':
      return 41;
    default:
      return 42;
  }
}

const EVENTS_2 = ['creativeView', 'start', 'midpoint', 'firstQuartile', 'thirdQuartile', 'complete', 'mute', 'unmute', 'pause', 'rewind', 'resume', 'fullscreen', 'expand', 'collapse', 'acceptInvitation', 'close'];
const EVENTS_3 = [...EVENTS_2, 'exitFullscreen', 'skip', 'progress', 'acceptInvitationLinear', 'closeLinear'];
const EVENTS_4_COMMON = [
  'mute', 'unmute', 'pause', 'resume', 'rewind', 'skip', 'playerExpand', 'playerCollapse', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile',
  'complete', 'progress', 'creativeView', 'acceptInvitation', 'adExpand', 'adCollapse', 'minimize', 'close', 'overlayViewDuration', 'otherAdInteraction',
];
const EVENTS_40 = [...EVENTS_4_COMMON, 'acceptInvitationLinear', 'timeSpentViewing'];
const EVENTS_41 = [...EVENTS_4_COMMON, 'loaded', 'closeLinear'];
const EVENTS_42 = [...EVENTS_41, 'interactiveStart'];

/** The `<Tracking event>` values each version's schema accepts. */
export const TRACKING_EVENTS: Readonly<Record<VastLevel, ReadonlySet<string>>> = {
  20: new Set(EVENTS_2),
  30: new Set(EVENTS_3),
  40: new Set(EVENTS_40),
  41: new Set(EVENTS_41),
  42: new Set(EVENTS_42),
};

// VAST 4 renamed the player-size and non-linear size events.
const TO_VAST4: Record<string, string> = { fullscreen: 'playerExpand', exitFullscreen: 'playerCollapse', expand: 'adExpand', collapse: 'adCollapse' };
const TO_VAST3: Record<string, string> = { playerExpand: 'fullscreen', playerCollapse: 'exitFullscreen', adExpand: 'expand', adCollapse: 'collapse' };

/** The event name to write for `level`, or undefined when that version has no such event. */
export function trackingEventFor(level: VastLevel, event: string): string | undefined {
  const mapped = (level >= 40 ? TO_VAST4[event] : TO_VAST3[event]) ?? event;
  return TRACKING_EVENTS[level].has(mapped) ? mapped : undefined;
}
