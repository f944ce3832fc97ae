// The MediaTailor-like Prometheus series (CloudWatch's AdDecisionServer.* and Avail.* metrics, in
// Prometheus' naming), fed from the same events as the facts. Registered on the registry given.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface AnalyticsMetrics {
  adsRequests: Counter<'configuration'>;
  adsDecided: Counter<'channel'>;
  adsResponseSeconds: Histogram<'configuration'>;
  adsErrors: Counter<'configuration' | 'event_type'>;
  adsTimeouts: Counter<'configuration'>;
  avails: Counter<'configuration'>;
  availSeconds: Counter<'configuration'>;
  filledSeconds: Counter<'configuration'>;
  fillRate: Gauge<'configuration'>;
  impressions: Counter<'configuration'>;
  manifestSeconds: Histogram<'kind'>;
  factsDropped: Counter;
}

export function analyticsMetrics(registry: Registry, liveSessions: () => number): AnalyticsMetrics {
  const registers = [registry];
  const m: AnalyticsMetrics = {
    adsRequests: new Counter({ name: 'adsplice_ads_requests_total', help: 'Requests the stitcher made to ad decision servers (MediaTailor AdDecisionServer.Requests).', labelNames: ['configuration'], registers }),
    adsDecided: new Counter({ name: 'adsplice_ads_decided_total', help: 'Ads the built-in ADS put in its answers (MediaTailor AdDecisionServer.Ads).', labelNames: ['channel'], registers }),
    adsResponseSeconds: new Histogram({
      name: 'adsplice_ads_response_duration_seconds',
      help: 'Time the ad decision server took to answer the stitcher (MediaTailor AdDecisionServer.Latency).',
      labelNames: ['configuration'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    }),
    adsErrors: new Counter({ name: 'adsplice_ads_errors_total', help: 'ADS answers the stitcher could not use, by event type (MediaTailor AdDecisionServer.Errors).', labelNames: ['configuration', 'event_type'], registers }),
    adsTimeouts: new Counter({ name: 'adsplice_ads_timeouts_total', help: 'ADS requests that ran out of time (MediaTailor AdDecisionServer.Timeouts).', labelNames: ['configuration'], registers }),
    avails: new Counter({ name: 'adsplice_avails_total', help: 'Avails the stitcher planned (MediaTailor Avail.Count).', labelNames: ['configuration'], registers }),
    availSeconds: new Counter({ name: 'adsplice_avail_duration_seconds_total', help: 'Seconds of avails planned (MediaTailor Avail.Duration).', labelNames: ['configuration'], registers }),
    filledSeconds: new Counter({ name: 'adsplice_avail_filled_duration_seconds_total', help: 'Seconds of avails filled with ads (MediaTailor Avail.FilledDuration).', labelNames: ['configuration'], registers }),
    fillRate: new Gauge({ name: 'adsplice_avail_fill_rate', help: 'Filled seconds / avail seconds since the process started (MediaTailor Avail.FillRate); for a window use rate(filled)/rate(duration).', labelNames: ['configuration'], registers }),
    impressions: new Counter({ name: 'adsplice_ad_impressions_total', help: 'Impression beacons fired: ads really shown (MediaTailor Avail.Impression).', labelNames: ['configuration'], registers }),
    manifestSeconds: new Histogram({
      name: 'adsplice_manifest_duration_seconds',
      help: 'Time to answer a personalised manifest request, by kind (multivariant or media).',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    factsDropped: new Counter({ name: 'adsplice_analytics_facts_dropped_total', help: 'Analytics facts dropped because the store was unreachable for too long.', registers }),
  };
  new Gauge({
    name: 'adsplice_sessions',
    help: 'Playback sessions that requested a manifest in the last two minutes (MediaTailor ActiveSessions).',
    registers,
    collect() {
      this.set(liveSessions());
    },
  });
  return m;
}

/** Counts an avail and keeps the fill-rate gauge equal to filled / avail seconds so far. */
export function recordAvail(m: AnalyticsMetrics, totals: Map<string, { availS: number; filledS: number }>, configuration: string, availS: number, filledS: number): void {
  m.avails.inc({ configuration });
  m.availSeconds.inc({ configuration }, availS);
  m.filledSeconds.inc({ configuration }, filledS);
  let t = totals.get(configuration);
  if (!t) totals.set(configuration, (t = { availS: 0, filledS: 0 }));
  t.availS += availS;
  t.filledS += filledS;
  if (t.availS > 0) m.fillRate.set({ configuration }, t.filledS / t.availS);
}
