// The Overview: the seed article's six cards and the 5-minute series, refreshed every 10 s.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useState } from 'react';
import { api } from '../api.ts';
import { BarChart } from '../chart.tsx';
import { ErrorBanner, fmt, usePoll } from '../ui.tsx';

export interface Overview {
  from: string;
  to: string;
  source: 'events' | 'schedules';
  note: string | null;
  exposedAds: number;
  adsRequests: number;
  adsDecided: number;
  adsFilled: number;
  adsReturned: number;
  adsErrors: number;
  avails: number;
  availSeconds: number;
  filledSeconds: number;
  fillRate: number | null;
  adFillRate: number | null;
  filledAvailsToday: number;
  liveSessions: number;
  nextBreak: { channelId: string; startTime: string; durationSeconds: number; status: string } | null;
}

interface Series {
  binMinutes: number;
  bins: { start: string; exposedAds: number; adsRequests: number; fillRate: number | null; sessions: number; availSeconds: number; filledSeconds: number }[];
}

const RANGES = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 } as const;

function localMidnight(now: number): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

export function Cards({ o, now }: { o: Overview; now: number }) {
  const cards = [
    { id: 'exposed', label: 'Exposed ads', value: fmt.int(o.exposedAds), detail: 'impression beacons fired' },
    { id: 'requests', label: 'ADS requests', value: fmt.int(o.adsRequests), detail: `${fmt.int(o.adsErrors)} errors · ${fmt.int(o.adsDecided)} ads decided` },
    {
      id: 'fill',
      label: o.source === 'events' ? 'Fill rate' : 'Fill rate (schedules)',
      value: fmt.pct(o.fillRate),
      detail: o.source === 'events' ? `${Math.round(o.filledSeconds)} of ${Math.round(o.availSeconds)} s · ads ${fmt.pct(o.adFillRate)}` : 'breaks completed / due',
    },
    { id: 'avails', label: 'Filled avails today', value: fmt.int(o.filledAvailsToday), detail: `${fmt.int(o.avails)} avails in range` },
    { id: 'sessions', label: 'Live sessions', value: fmt.int(o.liveSessions), detail: 'manifest in the last 2 min' },
    {
      id: 'next',
      label: 'Next break',
      value: o.nextBreak ? fmt.inSeconds(o.nextBreak.startTime, now) : 'none',
      detail: o.nextBreak ? `${o.nextBreak.channelId} · ${fmt.time(o.nextBreak.startTime)} · ${o.nextBreak.durationSeconds} s` : 'nothing scheduled',
    },
  ];
  return (
    <div className="cards">
      {cards.map((c) => (
        <section key={c.id} className="card" aria-labelledby={`card-${c.id}`} data-card={c.id}>
          <h3 id={`card-${c.id}`}>{c.label}</h3>
          <p className="value">{c.value}</p>
          <p className="detail">{c.detail}</p>
        </section>
      ))}
    </div>
  );
}

export function OverviewPage() {
  const [range, setRange] = useState<keyof typeof RANGES>('1h');
  const [config, setConfig] = useState('');
  const q = () => {
    const now = Date.now();
    const p = new URLSearchParams({ from: new Date(now - RANGES[range]).toISOString(), to: new Date(now).toISOString() });
    if (config) p.set('config', config);
    return p;
  };
  const overview = usePoll(() => api<Overview>('GET', `/api/analytics/overview?${q()}&dayStart=${encodeURIComponent(localMidnight(Date.now()))}`), 10_000, [range, config]);
  const series = usePoll(() => api<Series>('GET', `/api/analytics/series?${q()}`), 30_000, [range, config]);
  const configs = usePoll(() => api<{ items: { name: string }[] }>('GET', '/api/playback-configurations'), 0);
  const o = overview.data;
  const bins = series.data?.bins ?? [];
  const label = (iso: string) => fmt.time(iso).slice(0, 5);
  return (
    <>
      <header className="page-head">
        <h2>Overview</h2>
        <div className="controls">
          <label>
            Range{' '}
            <select value={range} onChange={(e) => setRange(e.target.value as keyof typeof RANGES)}>
              {Object.keys(RANGES).map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            Configuration{' '}
            <select value={config} onChange={(e) => setConfig(e.target.value)}>
              <option value="">all</option>
              {configs.data?.items.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
          </label>
          <span className="muted" aria-live="polite">
            {overview.loadedAt ? `updated ${new Date(overview.loadedAt).toLocaleTimeString()}` : 'loading…'}
          </span>
        </div>
      </header>
      <ErrorBanner error={overview.error} />
      {o?.note ? (
        <p className="banner note" role="note">
          {o.note}
        </p>
      ) : null}
      {o ? <Cards o={o} now={overview.loadedAt ?? Date.now()} /> : null}
      <ErrorBanner error={series.error} />
      <div className="charts">
        <BarChart title="Exposed ads per 5 min" points={bins.map((b) => ({ label: label(b.start), value: b.exposedAds }))} />
        <BarChart title="ADS requests per 5 min" points={bins.map((b) => ({ label: label(b.start), value: b.adsRequests }))} />
        <BarChart title="Fill rate per 5 min" max={1} format={(v) => `${Math.round(v * 100)} %`} points={bins.map((b) => ({ label: label(b.start), value: b.fillRate }))} />
        <BarChart title="Sessions per 5 min" points={bins.map((b) => ({ label: label(b.start), value: b.sessions }))} />
      </div>
    </>
  );
}
