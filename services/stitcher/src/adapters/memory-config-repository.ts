import type { PlaybackConfiguration } from '../model.ts';
import type { PrefetchSchedule } from '../prefetch.ts';
import type { PlaybackConfigurationRepository, PrefetchScheduleRepository } from '../ports.ts';

export class MemoryConfigRepository implements PlaybackConfigurationRepository {
  private readonly configs = new Map<string, PlaybackConfiguration>();

  async list(): Promise<PlaybackConfiguration[]> {
    return [...this.configs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<PlaybackConfiguration | undefined> {
    return this.configs.get(name);
  }

  async put(config: PlaybackConfiguration): Promise<void> {
    this.configs.set(config.name, config);
  }

  async delete(name: string): Promise<boolean> {
    return this.configs.delete(name);
  }
}

export class MemoryPrefetchScheduleRepository implements PrefetchScheduleRepository {
  private readonly schedules = new Map<string, PrefetchSchedule>();

  async list(configName: string): Promise<PrefetchSchedule[]> {
    return [...this.schedules.values()].filter((s) => s.playbackConfigurationName === configName).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(configName: string, name: string): Promise<PrefetchSchedule | undefined> {
    return this.schedules.get(`${configName}/${name}`);
  }

  async create(s: PrefetchSchedule): Promise<boolean> {
    const key = `${s.playbackConfigurationName}/${s.name}`;
    if (this.schedules.has(key)) return false;
    this.schedules.set(key, s);
    return true;
  }

  async delete(configName: string, name: string): Promise<boolean> {
    return this.schedules.delete(`${configName}/${name}`);
  }

  async prune(beforeMs: number): Promise<number> {
    let n = 0;
    for (const [k, s] of this.schedules) if (s.consumption.endTimeMs < beforeMs && this.schedules.delete(k)) n++;
    return n;
  }
}
