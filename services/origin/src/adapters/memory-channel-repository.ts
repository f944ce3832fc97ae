// ChannelRepository in memory: for tests and for a store-less origin role.
import type { Channel } from '../channel.ts';
import type { ChannelRepository } from '../ports.ts';
import type { BatchResult, StoredAction } from '../schedule.ts';

export class MemoryChannelRepository implements ChannelRepository {
  private readonly channels = new Map<string, Channel>();
  private readonly actions = new Map<string, StoredAction[]>();
  private queue: Promise<unknown> = Promise.resolve();

  async list(): Promise<Channel[]> {
    return [...this.channels.values()].sort((a, b) => a.id.localeCompare(b.id)).map((c) => structuredClone(c));
  }

  async get(id: string): Promise<Channel | undefined> {
    const c = this.channels.get(id);
    return c ? structuredClone(c) : undefined;
  }

  async create(channel: Channel): Promise<boolean> {
    if (this.channels.has(channel.id)) return false;
    this.channels.set(channel.id, structuredClone(channel));
    this.actions.set(channel.id, []);
    return true;
  }

  async update(channel: Channel): Promise<boolean> {
    const old = this.channels.get(channel.id);
    if (!old) return false;
    this.channels.set(channel.id, { ...structuredClone(channel), epochMs: old.epochMs, createdAt: old.createdAt });
    return true;
  }

  async delete(id: string): Promise<boolean> {
    this.actions.delete(id);
    return this.channels.delete(id);
  }

  async listActions(channelId: string): Promise<StoredAction[]> {
    return structuredClone(this.actions.get(channelId) ?? []).sort((a, b) => a.startMs - b.startMs || a.ActionName.localeCompare(b.ActionName));
  }

  updateSchedule(channelId: string, decide: (actions: StoredAction[]) => BatchResult): Promise<BatchResult | undefined> {
    const run = this.queue.then(async () => {
      if (!this.channels.has(channelId)) return undefined;
      const result = decide(await this.listActions(channelId));
      if (result.errors.length === 0) {
        const deleted = new Set(result.deleted.map((a) => a.ActionName));
        const kept = (this.actions.get(channelId) ?? []).filter((a) => !deleted.has(a.ActionName));
        this.actions.set(channelId, [...kept, ...structuredClone(result.created)]);
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
