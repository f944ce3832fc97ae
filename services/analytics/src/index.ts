export { build, type Analytics, type AnalyticsDeps, type AnalyticsOptions } from './analytics.ts';
export { ANALYTICS_ERRORS, AnalyticsError } from './errors.ts';
export { analyticsMigrations, KyselyFactStore } from './adapters/kysely-fact-store.ts';
export { factsOfAdsEvent, factsOfStitcherEvent, type AdsEventLike, type Fact, type StitcherEventLike } from './facts.ts';
export type { BreakItem, BreakSource, ChannelOf, Clock, Prunable } from './ports.ts';
