// Events: the stitcher's log, filterable by type, configuration and session; a FILLED_AVAIL shows
// its plan at a glance (which ads, how many seconds, what was skipped and why).
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBanner, fmt, usePoll } from '../ui.tsx';

export interface StitcherEvent {
  eventType: string;
  eventTimestamp: string;
  playbackConfigurationName?: string;
  sessionId?: string;
  availId?: string;
  adId?: string;
  message?: string;
  beaconInfo?: { trackingEvent: string; statusCode?: number };
  avail?: {
    originAvailDuration: number;
    filledDuration: number;
    fillRate: number;
    numAds: number;
    mode: string;
    creativeAds: { adId: string; creativeId: string; duration: number }[];
    skippedAds: { adId?: string; skippedReason?: string; vastDuration?: number }[];
    slateAd: { duration: number } | null;
    adsError: string | null;
  };
}

const TYPES = ['', 'FILLED_AVAIL', 'MAKING_ADS_REQUEST', 'BEACON_FIRED', 'AD_MARKER_FOUND', 'VAST_RESPONSE', 'EMPTY_VAST_RESPONSE', 'SESSION_INITIALIZED', 'ERROR_ADS_TIMEOUT', 'ERROR_NO_SLATE', 'ERROR_FIRING_BEACON_FAILED', 'GENERATED_MANIFEST'];

export function AvailPlan({ a }: { a: NonNullable<StitcherEvent['avail']> }) {
  return (
    <div className="plan" aria-label="fill plan">
      <div className="plan-bar" role="img" aria-label={`${a.filledDuration} of ${a.originAvailDuration} s filled with ${a.numAds} ads`}>
        {a.creativeAds.map((ad, i) => (
          <span key={i} className="seg ad" style={{ flexGrow: ad.duration }} title={`${ad.adId}: ${ad.duration} s`}>
            {ad.adId} {ad.duration}s
          </span>
        ))}
        {a.slateAd ? (
          <span className="seg slate" style={{ flexGrow: a.slateAd.duration }} title={`slate ${a.slateAd.duration} s`}>
            slate {a.slateAd.duration}s
          </span>
        ) : null}
        {a.mode === 'content' ? <span className="seg content" style={{ flexGrow: a.originAvailDuration }}>content (not replaced)</span> : null}
      </div>
      <p className="muted">
        {a.numAds} ads · {a.filledDuration} of {a.originAvailDuration} s filled ({fmt.pct(a.fillRate)})
        {a.skippedAds.length > 0 ? ` · skipped: ${a.skippedAds.map((s) => `${s.adId ?? '?'} (${s.skippedReason ?? '?'})`).join(', ')}` : ''}
        {a.adsError ? ` · ADS: ${a.adsError}` : ''}
      </p>
    </div>
  );
}

function summary(e: StitcherEvent): string {
  if (e.beaconInfo) return `${e.beaconInfo.trackingEvent} · ad ${e.adId ?? '?'} · HTTP ${e.beaconInfo.statusCode ?? '—'}`;
  if (e.message) return e.message;
  return e.availId ? `avail ${e.availId}` : '';
}

export function EventsPage() {
  const [filters, setFilters] = useState({ type: 'FILLED_AVAIL', config: '', sessionId: '' });
  const [applied, setApplied] = useState(filters);
  const events = usePoll(() => {
    const p = new URLSearchParams({ limit: '200' });
    if (applied.type) p.set('type', applied.type);
    if (applied.config) p.set('config', applied.config);
    if (applied.sessionId) p.set('sessionId', applied.sessionId);
    return api<{ items: StitcherEvent[] }>('GET', `/api/stitcher/events?${p}`);
  }, 5000, [applied]);
  return (
    <>
      <header className="page-head">
        <h2>Events</h2>
      </header>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <label>
          Type{' '}
          <select name="type" value={filters.type} onChange={(e) => setFilters({ ...filters, type: e.target.value })}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t || 'all types'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Configuration <input name="config" value={filters.config} onChange={(e) => setFilters({ ...filters, config: e.target.value })} placeholder="all" />
        </label>
        <label>
          Session <input name="sessionId" value={filters.sessionId} onChange={(e) => setFilters({ ...filters, sessionId: e.target.value })} placeholder="any" />
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorBanner error={events.error} />
      <ol className="events" aria-live="polite">
        {(events.data?.items ?? []).map((e, i) => (
          <li key={`${e.eventTimestamp}-${i}`} className={e.eventType.startsWith('ERROR') ? 'event err' : 'event'}>
            <div className="event-head">
              <time dateTime={e.eventTimestamp}>{fmt.dateTime(e.eventTimestamp)}</time>
              <strong>{e.eventType}</strong>
              <span className="muted">{e.playbackConfigurationName ?? ''}</span>
              {e.sessionId ? (
                <button type="button" className="link" onClick={() => { const f = { ...filters, sessionId: e.sessionId! }; setFilters(f); setApplied(f); }}>
                  session {e.sessionId.slice(0, 8)}
                </button>
              ) : null}
            </div>
            {e.avail ? <AvailPlan a={e.avail} /> : <p className="muted">{summary(e)}</p>}
          </li>
        ))}
        {events.data && events.data.items.length === 0 ? <li className="muted">No events match.</li> : null}
      </ol>
    </>
  );
}
