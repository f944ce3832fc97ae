// Analytics over a real store (SQLite and PostgreSQL, a fresh database or schema per run): events
// in through the sinks, figures out through the HTTP API, the schedule fallback, retention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { migrate } from '@adsplice/store';
import { DATABASES, VirtualClock } from '@adsplice/testing';
import { build, analyticsMigrations, type BreakItem, type StitcherEventLike } from './index.ts';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

function stitcher(type: string, ms: number, fields: Partial<StitcherEventLike> = {}): StitcherEventLike {
  return { eventType: type, eventTimestamp: at(ms), playbackConfigurationName: 'news-config', ...fields };
}

/** One session's break: request, a 30 s avail filled with 25 s of two ads (one of three returned), the impressions. */
function playBreak(emit: (e: StitcherEventLike) => void, ms: number, sessionId: string): void {
  emit(stitcher('SESSION_INITIALIZED', ms - 10_000, { sessionId }));
  emit(stitcher('MAKING_ADS_REQUEST', ms, { sessionId, availId: 'a1', availDurationMs: 30_000 }));
  emit(stitcher('VAST_RESPONSE', ms + 40, { sessionId, tookMs: 40, wrapperDepth: 0 }));
  emit(
    stitcher('FILLED_AVAIL', ms + 50, {
      sessionId,
      availId: 'a1',
      avail: { originAvailDuration: 30, filledDuration: 25, numAds: 2, creativeAds: [{ adId: 'ad-a', duration: 15 }, { adId: 'ad-b', duration: 10 }], skippedAds: [{ adId: 'ad-c' }] },
    }),
  );
  emit(stitcher('BEACON_FIRED', ms + 2000, { sessionId, adId: 'ad-a', beaconInfo: { trackingEvent: 'impression' } }));
  emit(stitcher('BEACON_FIRED', ms + 2000, { sessionId, adId: 'ad-a', beaconInfo: { trackingEvent: 'start' } }));
  emit(stitcher('BEACON_FIRED', ms + 17_000, { sessionId, adId: 'ad-b', beaconInfo: { trackingEvent: 'impression' } }));
}

for (const d of DATABASES) {
  test(`analytics on ${d.name}: cards, 5-minute series, filters, breakdown, fallback, retention, metrics`, { skip: await d.unavailable() }, async (t) => {
    const database = await d.open();
    t.after(() => database.close());
    await migrate(database.db, analyticsMigrations);
    const clock = new VirtualClock(T0 + 3_600_000);
    const breaks: BreakItem[] = [
      { id: 's1', channelId: 'news', startMs: T0 - 600_000, durationSeconds: 30, status: 'completed' },
      { id: 's2', channelId: 'news', startMs: T0 - 300_000, durationSeconds: 30, status: 'missed' },
      { id: 's3', channelId: 'news', startMs: T0 + 7_200_000, durationSeconds: 60, status: 'scheduled' },
    ];
    const registry = new Registry();
    let pruned = 0;
    const analytics = build(
      {
        db: database.db,
        clock,
        registry,
        channelOf: async (name) => (name === 'news-config' ? 'news' : undefined),
        breaks: {
          list: async (q) =>
            breaks
              .filter((b) => (q.channelId === undefined || b.channelId === q.channelId) && (q.fromMs === undefined || b.startMs >= q.fromMs) && (q.toMs === undefined || b.startMs < q.toMs) && (q.statuses === undefined || q.statuses.includes(b.status)))
              .slice(0, q.limit),
        },
        prunables: [{ name: 'events', prune: async (_before, limit) => (pruned < 3 ? ((pruned += 1), limit) : 0) }],
      },
      { pruneBatch: 2, retentionDays: 30 },
    );
    const app = Fastify();
    await app.register(analytics.plugin);
    t.after(async () => {
      await analytics.close();
      await app.close();
    });
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url });
      return { status: r.statusCode, body: r.json() as Record<string, unknown> & { bins?: Record<string, unknown>[]; rows?: Record<string, unknown>[] } };
    };

    // No stitcher events yet: schedule completion, said so.
    const range = `from=${at(T0 - 3_600_000)}&to=${at(T0 + 3_600_000)}`;
    let r = await get(`/api/analytics/overview?${range}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.source, 'schedules');
    assert.match(String(r.body.note), /schedule completion/);
    assert.deepEqual(r.body.scheduleCompletion, { due: 2, completed: 1, rate: 0.5 });
    assert.equal(r.body.fillRate, 0.5);
    assert.equal((r.body.nextBreak as { id: string }).id, 's3');

    // The ADS decided for session s-1 in variant B of experiment x; two sessions play a break.
    analytics.adsEvents.emit({ type: 'ADS_DECISION', atMs: T0 + 10, sessionId: 's-1', channel: 'news', ads: [{ adId: 'ad-a', campaignId: 'camp-1', durationMs: 15_000 }, { adId: 'ad-b', campaignId: 'camp-2', durationMs: 10_000 }], experiments: [{ experimentId: 'x', variant: 'B' }] });
    playBreak((e) => analytics.stitcherEvents.emit(e), T0, 's-1');
    playBreak((e) => analytics.stitcherEvents.emit(e), T0 + 330_000, 's-2');
    analytics.stitcherEvents.emit(stitcher('ERROR_ADS_TIMEOUT', T0 + 331_000, { sessionId: 's-2', wrapperDepth: 0 }));
    analytics.stitcherEvents.emit(stitcher('GENERATED_MANIFEST', clock.now() - 5000, { sessionId: 's-2' }));

    r = await get(`/api/analytics/overview?${range}&dayStart=${at(T0 - 3_600_000)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { from: _f, to: _t, upcomingBreaks: _u, nextBreak: _n, ...cards } = r.body;
    assert.deepEqual(cards, {
      source: 'events',
      note: null,
      exposedAds: 4,
      adsRequests: 2,
      adsDecided: 2,
      adsFilled: 4,
      adsReturned: 6,
      adsErrors: 1,
      avails: 2,
      availSeconds: 60,
      filledSeconds: 50,
      fillRate: 50 / 60,
      adFillRate: 4 / 6,
      filledAvailsToday: 2,
      liveSessions: 1,
      scheduleCompletion: null,
    });

    // 5-minute bins: the first break in the 10:00 bin, the second in 10:05.
    r = await get(`/api/analytics/series?from=${at(T0)}&to=${at(T0 + 900_000)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.bins!.map((b) => [b.start, b.exposedAds, b.adsRequests, b.availSeconds, b.filledSeconds, b.adsErrors]),
      [
        [at(T0), 2, 1, 30, 25, 0],
        [at(T0 + 300_000), 2, 1, 30, 25, 1],
        [at(T0 + 600_000), 0, 0, 0, 0, 0],
      ],
    );

    // Filters: a campaign narrows the ads, not the avails they are measured against; a variant narrows the sessions.
    r = await get(`/api/analytics/overview?${range}&campaign=camp-1`);
    assert.deepEqual([r.body.exposedAds, r.body.filledSeconds, r.body.availSeconds, r.body.fillRate], [2, 30, 60, 0.5]);
    r = await get(`/api/analytics/overview?${range}&variant=x:B`);
    assert.deepEqual([r.body.exposedAds, r.body.adsDecided, r.body.avails], [2, 2, 1]);
    r = await get(`/api/analytics/overview?${range}&channel=other`);
    assert.equal(r.body.exposedAds, 0);
    r = await get(`/api/analytics/overview?${range}&config=news-config&ad=ad-b`);
    assert.deepEqual([r.body.exposedAds, r.body.filledSeconds], [2, 20]);

    r = await get(`/api/analytics/breakdown?${range}&by=campaign`);
    assert.deepEqual(r.body.rows, [
      { key: 'camp-1', exposedAds: 2, placedAds: 2, filledSeconds: 30, decidedAds: 1, sessions: 2 },
      { key: 'camp-2', exposedAds: 2, placedAds: 2, filledSeconds: 20, decidedAds: 1, sessions: 2 },
    ]);
    r = await get(`/api/analytics/breakdown?${range}&by=variant`);
    assert.deepEqual(r.body.rows!.map((x) => [x.key, x.exposedAds]).sort(), [['x:B', 2], [null, 2]].sort());

    // Errors: a range the wrong way round, too many bins, an unknown breakdown.
    r = await get(`/api/analytics/overview?from=${at(T0)}&to=${at(T0 - 1)}`);
    assert.deepEqual([r.status, r.body.code], [400, 'ANALYTICS_INVALID_RANGE']);
    r = await get(`/api/analytics/series?from=${at(T0 - 30 * 86_400_000)}&to=${at(T0)}`);
    assert.deepEqual([r.status, r.body.code], [400, 'ANALYTICS_RANGE_TOO_LONG']);
    r = await get(`/api/analytics/breakdown?by=weather`);
    assert.deepEqual([r.status, r.body.code], [400, 'VALIDATION_FAILED']);

    // Prometheus.
    const text = await registry.metrics();
    for (const line of ['adsplice_ads_requests_total{configuration="news-config"} 2', 'adsplice_ad_impressions_total{configuration="news-config"} 4', 'adsplice_avail_duration_seconds_total{configuration="news-config"} 60', 'adsplice_avail_filled_duration_seconds_total{configuration="news-config"} 50', 'adsplice_ads_timeouts_total{configuration="news-config"} 1', 'adsplice_ads_decided_total{channel="news"} 2', 'adsplice_ads_response_duration_seconds_count{configuration="news-config"} 2', 'adsplice_sessions 1']) {
      assert.ok(text.includes(line), `${line} in\n${text}`);
    }

    // Retention: 31 days later everything goes, in batches, and the other stores are pruned too.
    clock.advance(31 * 86_400_000);
    const deleted = await analytics.prune();
    assert.ok(deleted >= 20, String(deleted));
    assert.equal(pruned, 3);
    r = await get(`/api/analytics/overview?${range}`);
    assert.equal(r.body.source, 'schedules');
  });
}
