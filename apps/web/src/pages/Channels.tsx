// Channels: the list, a new test channel, and for the one chosen a live preview of a stitched
// session (hls.js) that says when an ad plays and which, Break now / Return to network, and the
// schedule timeline around now.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useEffect, useRef, useState } from 'react';
import Hls from 'hls.js';
import { api } from '../api.ts';
import { ErrorBanner, Field, fmt, usePoll } from '../ui.tsx';
import type { Schedule } from './Schedules.tsx';
import { playingOf, type Playing, type SessionDetail } from '../now-playing.ts';

interface Channel {
  id: string;
  name: string;
}
interface Configuration {
  name: string;
  videoContentSourceUrl: string;
}

function Preview({ configName }: { configName: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<unknown>();
  const [playing, setPlaying] = useState<Playing>({ kind: 'programme' });
  const [sessionId, setSessionId] = useState<string>();
  const [time, setTime] = useState(0);
  useEffect(() => {
    let hls: Hls | undefined;
    let alive = true;
    let detail: SessionDetail | undefined;
    let refresh: ReturnType<typeof setInterval> | undefined;
    (async () => {
      const res = await fetch(`/v1/session/${encodeURIComponent(configName)}/index.m3u8`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ playerParams: { genre: 'news' } }) });
      if (!res.ok) throw new Error(`starting a session answered ${res.status}`);
      const { manifestUrl } = (await res.json()) as { manifestUrl: string };
      const id = new URL(manifestUrl, location.href).searchParams.get('aws.sessionId') ?? '';
      if (!alive) return;
      setSessionId(id);
      const loadDetail = () => api<SessionDetail>('GET', `/api/sessions/${encodeURIComponent(id)}`).then((d) => (detail = d), () => undefined);
      refresh = setInterval(() => void loadDetail(), 3000);
      const el = video.current!;
      el.muted = true;
      if (Hls.isSupported()) {
        hls = new Hls({ liveSyncDurationCount: 3 });
        hls.on(Hls.Events.FRAG_CHANGED, (_e, data) => {
          const url = data.frag.url;
          const p = playingOf(url, detail);
          if (p.kind !== 'programme' && (!detail || (p.kind === 'ad' && p.adId === '?'))) void loadDetail().then(() => setPlaying(playingOf(url, detail)));
          setPlaying(p);
        });
        hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && setError(new Error(`player: ${data.details}`)));
        hls.loadSource(manifestUrl);
        hls.attachMedia(el);
      } else el.src = manifestUrl;
      await el.play().catch(() => undefined);
    })().catch((err: unknown) => alive && setError(err));
    return () => {
      alive = false;
      if (refresh) clearInterval(refresh);
      hls?.destroy();
    };
  }, [configName]);
  return (
    <section className="preview" aria-label="Live preview">
      <div className="video-wrap">
        <video ref={video} controls playsInline muted data-testid="preview-video" onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)} />
        <p className={`now-playing ${playing.kind}`} data-testid="now-playing" aria-live="polite">
          {playing.kind === 'ad' ? `AD ${playing.index}/${playing.of}: ${playing.title} (${playing.adId})` : playing.kind === 'slate' ? 'Slate (no ad for the rest of the break)' : 'Programme'}
        </p>
      </div>
      <p className="muted">
        Configuration <strong>{configName}</strong> · session {sessionId ? <code>{sessionId.slice(0, 12)}</code> : '…'} · position <span data-testid="video-time">{time.toFixed(1)}</span> s
      </p>
      <ErrorBanner error={error} />
    </section>
  );
}

export function Timeline({ schedules, now }: { schedules: Schedule[]; now: number }) {
  const fromMs = now - 10 * 60_000;
  const toMs = now + 30 * 60_000;
  const x = (ms: number) => ((ms - fromMs) / (toMs - fromMs)) * 1000;
  const ticks = [];
  for (let t = Math.ceil(fromMs / 300_000) * 300_000; t < toMs; t += 300_000) ticks.push(t);
  return (
    <figure className="timeline">
      <figcaption>Breaks from 10 minutes ago to 30 minutes ahead</figcaption>
      <div className="plot">
        <svg viewBox="0 0 1000 40" role="img" aria-label={`${schedules.length} breaks on the timeline`} preserveAspectRatio="none">
          <rect x={0} y={6} width={1000} height={28} className="track" />
          {schedules.map((s) => {
            const start = Date.parse(s.startTime);
            return (
              <rect key={s.id} x={x(start)} y={6} width={Math.max(3, x(start + s.durationSeconds * 1000) - x(start))} height={28} className={`brk ${s.status}`}>
                <title>{`${fmt.time(s.startTime)} · ${s.durationSeconds} s · ${s.status}`}</title>
              </rect>
            );
          })}
          <line x1={x(now)} x2={x(now)} y1={0} y2={40} className="nowline" />
        </svg>
        <div className="ticks">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${x(t) / 10}%` }}>
              {fmt.time(new Date(t).toISOString()).slice(0, 5)}
            </span>
          ))}
        </div>
      </div>
      <p className="legend muted">
        <span className="key scheduled" /> scheduled <span className="key on_air" /> on air <span className="key completed" /> completed <span className="key cancelled" /> cancelled/missed · red line: now
      </p>
    </figure>
  );
}

function NewChannel({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({ id: '', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<unknown>();
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(form.id)) e.id = 'Id: lower-case letters, digits and dashes.';
    if (form.name.trim() === '') e.name = 'Give it a name.';
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    try {
      await api('POST', '/api/channels', { id: form.id, name: form.name, source: { kind: 'test', durationSec: 60 } });
      onCreated();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label="New test channel" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>New test channel</h3>
      <Field label="Id" name="channel-id" error={errors.id}>
        <input id="f-channel-id" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} aria-invalid={errors.id ? true : undefined} />
      </Field>
      <Field label="Name" name="channel-name" error={errors.name}>
        <input id="f-channel-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
      </Field>
      <ErrorBanner error={apiError} />
      <button type="submit">Create (encodes a test programme)</button>
    </form>
  );
}

export function ChannelsPage() {
  const channels = usePoll(() => api<{ channels: Channel[] }>('GET', '/api/channels'), 0);
  const configs = usePoll(() => api<{ items: Configuration[] }>('GET', '/api/playback-configurations'), 0);
  const [chosen, setChosen] = useState<string>();
  const list = channels.data?.channels ?? [];
  const channelId = chosen ?? list[0]?.id;
  const schedules = usePoll(
    () => (channelId ? api<{ schedules: Schedule[] }>('GET', `/api/schedules?channelId=${encodeURIComponent(channelId)}&from=${new Date(Date.now() - 11 * 60_000).toISOString()}&to=${new Date(Date.now() + 31 * 60_000).toISOString()}&limit=200`) : Promise.resolve({ schedules: [] })),
    5000,
    [channelId],
  );
  const [actionError, setActionError] = useState<unknown>();
  const [actionDone, setActionDone] = useState<string>();
  const config = configs.data?.items.find((c) => channelId && c.videoContentSourceUrl.includes(`/origin/${channelId}/`));
  const act = async (what: 'break-now' | 'return-to-network') => {
    setActionError(undefined);
    setActionDone(undefined);
    try {
      const s = await api<Schedule>('POST', `/api/schedules/${what}`, what === 'break-now' ? { channelId, durationSeconds: 30 } : { channelId });
      setActionDone(what === 'break-now' ? `Break of ${s.durationSeconds} s starts at ${fmt.time(s.startTime)}.` : 'Returned to the network.');
      schedules.reload();
    } catch (err) {
      setActionError(err);
    }
  };
  return (
    <>
      <header className="page-head">
        <h2>Channels</h2>
        <div className="controls">
          <label>
            Channel{' '}
            <select value={channelId ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.id})
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <ErrorBanner error={channels.error ?? configs.error} />
      {channelId ? (
        <div className="channel">
          {config ? <Preview key={config.name} configName={config.name} /> : <p className="muted">No playback configuration plays this channel yet, so there is no stitched preview.</p>}
          <div className="channel-side">
            <div className="actions" role="group" aria-label="Break control">
              <button type="button" onClick={() => void act('break-now')}>Break now (30 s)</button>
              <button type="button" className="danger" onClick={() => void act('return-to-network')}>Return to network</button>
            </div>
            {actionDone ? <p className="banner ok" role="status">{actionDone}</p> : null}
            <ErrorBanner error={actionError} />
            <Timeline schedules={schedules.data?.schedules ?? []} now={schedules.loadedAt ?? Date.now()} />
          </div>
        </div>
      ) : null}
      <NewChannel onCreated={channels.reload} />
    </>
  );
}
