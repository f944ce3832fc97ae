// Test helper: a fresh ADS on Fastify with memory adapters, a virtual clock and the program's
// error body ({code, message, statusCode, requestId}), driven through app.inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { VirtualClock } from '@adsplice/testing';
import { build, type Ads, type AdsOptions } from '../ads.ts';
import { MemoryBeaconLedger } from '../adapters/memory-beacon-ledger.ts';
import { MemoryEventSink } from '../adapters/memory-event-sink.ts';
import { MemoryFrequencyCounters } from '../adapters/memory-frequency-counters.ts';
import { MemoryInventoryRepository } from '../adapters/memory-inventory-repository.ts';
import type { FrequencyCounters, InventoryRepository } from '../ports.ts';
import { seeded, T0 } from './builders.ts';

export const SECRET = 'test-beacon-secret-0123456789';

export interface TestAds {
  app: FastifyInstance;
  ads: Ads;
  repo: InventoryRepository;
  events: MemoryEventSink;
  clock: VirtualClock;
  counters: FrequencyCounters;
  mediaDir: string;
  errors: unknown[];
  close(): Promise<void>;
}

export async function testAds(over: { repo?: InventoryRepository; counters?: FrequencyCounters; opts?: Partial<AdsOptions>; random?: () => number; clock?: VirtualClock } = {}): Promise<TestAds> {
  const mediaDir = mkdtempSync(join(tmpdir(), 'adsplice-ads-test-'));
  const repo = over.repo ?? new MemoryInventoryRepository();
  const events = new MemoryEventSink();
  const clock = over.clock ?? new VirtualClock(T0);
  const counters = over.counters ?? new MemoryFrequencyCounters({ clock });
  const errors: unknown[] = [];
  const ads = build(
    { repo, counters, ledger: new MemoryBeaconLedger(), events, clock, beaconSecret: SECRET, random: over.random ?? seeded(1), onError: (err) => errors.push(err) },
    { mediaDir, refreshIntervalMs: 0, publicBaseUrl: 'https://ads.example.com', ...over.opts },
  );
  const app = Fastify({ logger: false });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; expose?: boolean; validation?: unknown }, request, reply) => {
    if (err.expose === true && typeof err.code === 'string') return reply.code(err.statusCode ?? 500).send({ code: err.code, message: err.message, statusCode: err.statusCode, requestId: request.id });
    if (err.validation) return reply.code(400).send({ code: 'VALIDATION_FAILED', message: err.message, statusCode: 400, requestId: request.id });
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: err.message, statusCode: err.statusCode, requestId: request.id });
    errors.push(err);
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal', statusCode: 500, requestId: request.id });
  });
  await app.register(ads.plugin);
  await app.ready();
  return {
    app,
    ads,
    repo,
    events,
    clock,
    counters,
    mediaDir,
    errors,
    close: async () => {
      await app.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** The tracking URLs of a VAST body, XML entities decoded, as paths for app.inject. */
export function trackingPaths(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of xml.matchAll(/>(https:\/\/ads\.example\.com\/ads\/track\/[^<]+)</g)) {
    const url = new URL(m[1]!.replaceAll('&amp;', '&'));
    const event = url.pathname.split('/').pop()!;
    out.set(event, [...(out.get(event) ?? []), `${url.pathname}${url.search}`]);
  }
  return out;
}
