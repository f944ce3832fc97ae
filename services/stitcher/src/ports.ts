// What the stitcher needs from the outside world, as ports; adapters/ has the real ones.
import type { AvailRecord, PlaybackConfiguration, Session } from './model.ts';
import type { StitcherEvent } from './events.ts';
import type { PrefetchedAds, PrefetchSchedule, UpcomingBreak } from './prefetch.ts';

export interface Clock {
  now(): number;
}

export interface PlaybackConfigurationRepository {
  list(): Promise<PlaybackConfiguration[]>;
  get(name: string): Promise<PlaybackConfiguration | undefined>;
  /** Creates or replaces the configuration of that name. */
  put(config: PlaybackConfiguration): Promise<void>;
  /** false when there is no such configuration. */
  delete(name: string): Promise<boolean>;
}

/**
 * Sessions and their per-avail decisions. A session expires `ttlMs` after its last touch. Every
 * write is atomic per key, so several stitcher instances on one store agree.
 */
export interface SessionStore {
  create(session: Session, ttlMs: number): Promise<void>;
  get(id: string): Promise<Session | undefined>;
  /** Extends the session's life (and its avails'); false when it expired. */
  touch(id: string, ttlMs: number): Promise<boolean>;
  avails(id: string): Promise<Record<string, AvailRecord>>;
  /** Stores the record unless one exists for the key; returns the one that is stored (first wins). */
  putAvailIfAbsent(id: string, record: AvailRecord, ttlMs: number): Promise<AvailRecord>;
  /** Replaces a record (adding facts such as its end); the plan itself never changes. */
  updateAvail(id: string, record: AvailRecord, ttlMs: number): Promise<void>;
  /** true the first time a (session, key) pair is marked: beacons fire at most once. */
  markOnce(id: string, key: string, ttlMs: number): Promise<boolean>;
  /** Live sessions (of one configuration when given), newest first, at most `limit`. */
  list(filter: { configName?: string; limit: number }): Promise<Session[]>;
  /** Ends a session now; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Keeps what the session retrieved for a prefetch schedule unless it has some already (first wins). */
  putPrefetch(id: string, prefetched: PrefetchedAds, ttlMs: number): Promise<PrefetchedAds>;
  /** What the session retrieved ahead, by schedule name. */
  prefetches(id: string): Promise<Record<string, PrefetchedAds>>;
}

/** Prefetch schedules of the playback configurations. */
export interface PrefetchScheduleRepository {
  list(configName: string): Promise<PrefetchSchedule[]>;
  get(configName: string, name: string): Promise<PrefetchSchedule | undefined>;
  /** Stores the schedule unless one of that name exists; false when it existed. */
  create(schedule: PrefetchSchedule): Promise<boolean>;
  /** false when there is no such schedule. */
  delete(configName: string, name: string): Promise<boolean>;
  /** Removes every schedule whose consumption ended before `beforeMs`; how many. */
  prune(beforeMs: number): Promise<number>;
}

/**
 * Breaks an origin knows ahead (adsplice's own channels: what its scheduler holds), so that the
 * stitcher prefetches them. `originUrl` is a session's origin manifest URL; origins that cannot
 * tell answer [].
 */
export interface UpcomingBreaks {
  upcoming(originUrl: string): Promise<UpcomingBreak[]>;
}

export interface EventFilter {
  sessionId?: string;
  configName?: string;
  eventType?: string;
  /** Only events at or after this time. */
  sinceMs?: number;
  limit: number;
}

/** Reads back what an EventSink stored (the management API, the dashboard); newest first. */
export interface EventLog {
  query(filter: EventFilter): Promise<StitcherEvent[]>;
}

export interface EventSink {
  emit(event: StitcherEvent): void;
  /** Writes what is buffered. */
  flush(): Promise<void>;
}

export interface HttpResponse {
  status: number;
  text: string;
  contentType?: string;
}

/** HTTP GET with a time limit; rejects on network errors and timeouts (TimeoutError). */
export interface HttpClient {
  get(url: string, opts: { timeoutMs: number; headers?: Record<string, string> }): Promise<HttpResponse>;
  /** Downloads to a file. */
  download(url: string, file: string, opts: { timeoutMs: number }): Promise<void>;
}
