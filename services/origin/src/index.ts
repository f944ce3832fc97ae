export { build, type BreakPublished, type Origin, type OriginDeps, type OriginOptions } from './origin.ts';
export { ORIGIN_ERRORS, OriginError } from './errors.ts';
export type { Channel, ChannelInput } from './channel.ts';
export type { ChannelRepository, Clock } from './ports.ts';
export type { EncodeStatus, ProgrammeEncoder } from './runtime.ts';
export { KyselyChannelRepository, originMigrations } from './adapters/kysely-channel-repository.ts';
export { MemoryChannelRepository } from './adapters/memory-channel-repository.ts';
export { DEFAULT_LADDER, encodeProgramme, type Rendition } from './adapters/encode-programme.ts';
