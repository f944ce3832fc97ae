// What analytics needs from the outside world, as ports; the program adapts them from the scheduler
// and the stitcher (in process, or over HTTP when the roles run apart).

export interface Clock {
  now(): number;
}

/** A scheduled break as analytics sees it. */
export interface BreakItem {
  id: string;
  channelId: string;
  startMs: number;
  durationSeconds: number;
  /** The scheduler's status: scheduled, dispatched, on_air, completed, cancelled, failed, missed. */
  status: string;
}

/** The scheduler's breaks: upcoming ones for the Overview, past ones for the schedule-completion fallback. */
export interface BreakSource {
  list(query: { channelId?: string; fromMs?: number; toMs?: number; statuses?: string[]; limit: number }): Promise<BreakItem[]>;
}

/** The channel a playback configuration plays (undefined when unknown). */
export type ChannelOf = (configName: string) => Promise<string | undefined>;

/** A store of old rows another part keeps (the stitcher's event log): deletes at most `limit` rows older than `beforeMs`. */
export interface Prunable {
  name: string;
  prune(beforeMs: number, limit: number): Promise<number>;
}
