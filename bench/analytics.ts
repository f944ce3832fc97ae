// Analytics queries over 120,000 facts on SQLite (a day of a busy channel: 80,000 stitcher events,
// 20,000 avails in 500 sessions over 24 hours, 80 ads in 2 campaigns), as the dashboard asks them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { migrate, openDatabase } from '@adsplice/store';
import { analyticsMigrations, build } from '@adsplice/service-analytics';
import { compare, type SuiteResult } from './harness.ts';

export default async function run(): Promise<SuiteResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-bench-analytics-'));
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
  try {
    await migrate(database.db, analyticsMigrations);
    const now = Date.parse('2026-03-02T12:00:00.000Z');
    const analytics = build({ db: database.db, clock: { now: () => now }, breaks: { list: async () => [] } });
    analytics.adsEvents.emit({ type: 'ADS_DECISION', atMs: now - 86_400_000, sessionId: 's0', channel: 'news', ads: Array.from({ length: 40 }, (_, i) => ({ adId: `a${i}`, campaignId: 'camp-a', durationMs: 15_000 })).concat(Array.from({ length: 40 }, (_, i) => ({ adId: `b${i}`, campaignId: 'camp-b', durationMs: 10_000 }))), experiments: [] });
    const at = (ms: number) => new Date(ms).toISOString();
    const writeStart = performance.now();
    let events = 0;
    for (let i = 0; i < 20_000; i++) {
      const ms = now - 86_400_000 + i * 4300;
      const base = { playbackConfigurationName: 'news', sessionId: `s${i % 500}` };
      analytics.stitcherEvents.emit({ eventType: 'MAKING_ADS_REQUEST', eventTimestamp: at(ms), ...base, availDurationMs: 30_000 });
      analytics.stitcherEvents.emit({ eventType: 'FILLED_AVAIL', eventTimestamp: at(ms + 50), ...base, avail: { originAvailDuration: 30, filledDuration: 25, numAds: 2, creativeAds: [{ adId: `a${i % 40}`, duration: 15 }, { adId: `b${i % 40}`, duration: 10 }], skippedAds: [] } });
      analytics.stitcherEvents.emit({ eventType: 'BEACON_FIRED', eventTimestamp: at(ms + 2000), ...base, adId: `a${i % 40}`, beaconInfo: { trackingEvent: 'impression' } });
      analytics.stitcherEvents.emit({ eventType: 'BEACON_FIRED', eventTimestamp: at(ms + 17_000), ...base, adId: `b${i % 40}`, beaconInfo: { trackingEvent: 'impression' } });
      events += 4;
      if (i % 1000 === 999) await analytics.flush();
    }
    await analytics.flush();
    const writeMs = performance.now() - writeStart;
    const app = Fastify();
    await app.register(analytics.plugin);
    const get = (url: string) => async () => {
      const r = await app.inject(url);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.body}`);
    };
    const range = `from=${at(now - 86_400_000)}&to=${at(now)}`;
    const rows = await compare(
      [
        { name: 'overview (the six cards), 24 h', fn: get(`/api/analytics/overview?${range}`) },
        { name: '5-minute series, 24 h (288 bins)', fn: get(`/api/analytics/series?${range}`) },
        { name: 'breakdown by ad, 24 h', fn: get(`/api/analytics/breakdown?${range}&by=ad`) },
        { name: 'overview of one campaign, 24 h', fn: get(`/api/analytics/overview?${range}&campaign=camp-a`) },
        { name: 'overview, last hour', fn: get(`/api/analytics/overview?from=${at(now - 3_600_000)}&to=${at(now)}`) },
      ],
      1500,
    );
    await app.close();
    await analytics.close();
    return [
      {
        title: 'Analytics: dashboard queries over 120,000 facts (SQLite)',
        unit: 'one HTTP request answered (Fastify inject), facts already written',
        rows,
        notes: [`Writing: ${events.toLocaleString('en-US')} stitcher events into 120,000 facts took ${(writeMs / 1000).toFixed(1)} s (batched inserts, flushed every 4,000 events).`],
      },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
