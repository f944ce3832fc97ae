// A whole rig on loopback for the end-to-end tests: a real origin channel (tiny ladder, short
// loop), the test VAST server with ffmpeg-made creatives, and the stitcher, each on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
// eslint-disable-next-line no-restricted-imports -- test helper only (imported by *.test.ts): tests may compose a real origin
import { build as buildOrigin, encodeProgramme, MemoryChannelRepository, type Rendition } from '@adsplice/service-origin';
import { build, type Stitcher } from '../stitcher.ts';
import { MemoryConfigRepository } from '../adapters/memory-config-repository.ts';
import { MemorySessionStore } from '../adapters/memory-session-store.ts';
import { MemoryEventSink } from '../adapters/memory-event-sink.ts';
import type { Clock, UpcomingBreaks } from '../ports.ts';
import type { DerivedPrefetchOptions } from '../prefetch.ts';
import { makeCreatives, startVastServer, type VastServer } from './vast-server.ts';

export const LADDER: Rendition[] = [
  { id: 'hi', width: 320, height: 180, videoBitrate: 300_000, audioBitrate: 64_000 },
  { id: 'lo', width: 160, height: 90, videoBitrate: 150_000, audioBitrate: 64_000 },
];

export interface Rig {
  dir: string;
  clock: Clock;
  originApp: FastifyInstance;
  originBase: string;
  origin: ReturnType<typeof buildOrigin>;
  channelEpochMs: number;
  vast: VastServer;
  stitcher: Stitcher;
  stitcherApp: FastifyInstance;
  stitcherBase: string;
  events: MemoryEventSink;
  /** Schedules a break on the channel (Fixed start). */
  scheduleBreak(startMs: number, durationSec: number, spliceEventId: number): Promise<void>;
  putConfig(name: string, adsPath: string, extra?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  loopSec?: number;
  windowSec?: number;
  /** Origin and stitcher on one port (as the program runs them). */
  onePort?: boolean;
  upcomingBreaks?: UpcomingBreaks;
  derivedPrefetch?: Partial<DerivedPrefetchOptions>;
  /** The channel's HLS ad markers (default: the origin's, elemental). */
  markers?: 'elemental' | 'enhanced' | 'daterange' | 'both';
  /** The channel's DASH output (default: the origin's, xml+bin in one Period). */
  dash?: { eventStream: 'xml+bin' | 'xml'; periodPerBreak: boolean };
}

export async function startRig(clock: Clock & { set?(ms: number): void }, opts: RigOptions = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-stitcher-'));
  const origin = buildOrigin({ repo: new MemoryChannelRepository(), clock, encoder: { encode: (s, l, p) => encodeProgramme(s, l, join(dir, 'origin'), p) } }, { defaultLadder: LADDER });
  const originApp = Fastify();
  await originApp.register(origin.plugin);
  const events = new MemoryEventSink();
  const stitcher = build(
    { configs: new MemoryConfigRepository(), sessions: new MemorySessionStore(clock), events, eventLog: events, clock, ...(opts.upcomingBreaks ? { upcomingBreaks: opts.upcomingBreaks } : {}) },
    { mediaDir: join(dir, 'media'), conditioningConcurrency: 4, beaconRetryDelayMs: 100, ...(opts.derivedPrefetch ? { derivedPrefetch: opts.derivedPrefetch } : {}) },
  );
  const stitcherApp = opts.onePort ? originApp : Fastify();
  await stitcherApp.register(stitcher.plugin);
  const originBase = await originApp.listen({ port: 0, host: '127.0.0.1' });
  const stitcherBase = opts.onePort ? originBase : await stitcherApp.listen({ port: 0, host: '127.0.0.1' });
  const channel = await origin.ensureChannel({ id: 'news', name: 'News', source: { kind: 'test', durationSec: opts.loopSec ?? 20 }, segmentSeconds: 2, windowSeconds: opts.windowSec ?? 12, leadTimeSeconds: 4, ...(opts.markers || opts.dash ? { outputs: { hls: { markers: opts.markers ?? 'elemental' }, dash: opts.dash ?? { eventStream: 'xml+bin', periodPerBreak: false } } } : {}) });
  const creativesDir = join(dir, 'creatives');
  const [, vast] = await Promise.all([origin.runtime.ensureProgramme(channel), makeCreatives(creativesDir).then(() => startVastServer(creativesDir))]);
  return {
    dir,
    clock,
    originApp,
    originBase,
    origin,
    channelEpochMs: channel.epochMs,
    vast,
    stitcher,
    stitcherApp,
    stitcherBase,
    events,
    async scheduleBreak(startMs, durationSec, spliceEventId) {
      const put = await originApp.inject({
        method: 'PUT',
        url: '/api/channels/news/schedule',
        payload: { Creates: { ScheduleActions: [{ ActionName: `b${spliceEventId}`, ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: new Date(startMs).toISOString() } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: spliceEventId, Duration: durationSec * 90000 } } }] } },
      });
      if (put.statusCode !== 200) throw new Error(put.body);
    },
    async putConfig(name, adsPath, extra = {}) {
      const res = await stitcherApp.inject({
        method: 'PUT',
        url: `/api/playback-configurations/${name}`,
        payload: { videoContentSourceUrl: `${originBase}/origin/`, adDecisionServerUrl: `${vast.base}${adsPath}`, slateAdUrl: `${vast.base}/creatives/slate.mp4`, allowedHosts: ['127.0.0.1'], ...extra },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
    },
    async close() {
      await stitcher.close();
      await Promise.all([...(stitcherApp === originApp ? [] : [stitcherApp.close()]), originApp.close(), vast.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
