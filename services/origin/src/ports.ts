// What the origin needs from the outside world, as ports; adapters/ has the real ones.
import type { Channel } from './channel.ts';
import type { BatchResult, StoredAction } from './schedule.ts';

export interface Clock {
  now(): number;
}

export interface ChannelRepository {
  list(): Promise<Channel[]>;
  get(id: string): Promise<Channel | undefined>;
  /** false when a channel with this id exists. */
  create(channel: Channel): Promise<boolean>;
  /** false when there is no such channel. */
  update(channel: Channel): Promise<boolean>;
  /** Deletes the channel and its schedule; false when there is no such channel. */
  delete(id: string): Promise<boolean>;
  listActions(channelId: string): Promise<StoredAction[]>;
  /**
   * Reads the channel's actions, lets `decide` compute the batch, and stores its result
   * atomically, serialised per channel (two origins cannot both pass validation with clashing
   * actions). Nothing is written when the result has errors. undefined when there is no channel.
   */
  updateSchedule(channelId: string, decide: (actions: StoredAction[]) => BatchResult): Promise<BatchResult | undefined>;
}
