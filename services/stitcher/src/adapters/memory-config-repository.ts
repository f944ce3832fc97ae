import type { PlaybackConfiguration } from '../model.ts';
import type { PlaybackConfigurationRepository } from '../ports.ts';

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
