// Schedules: breaks with their status, a single or recurring break, cancel, a break's history.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useState } from 'react';
import { api } from '../api.ts';
import { validateRecurrence, validateSchedule, type Errors, type RecurrenceForm, type ScheduleForm } from '../validate.ts';
import { bind, ErrorBanner, Field, fmt, usePoll } from '../ui.tsx';

export interface Schedule {
  id: string;
  channelId: string;
  startTime: string;
  durationSeconds: number;
  status: string;
  recurrenceId: string | null;
  lastError: string | null;
  createdBy: string;
}

/** The value of a datetime-local input for a time (local, whole seconds). */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function ScheduleFormView(props: { channels: string[]; onCreated: () => void; now?: () => number }) {
  const now = props.now ?? Date.now;
  const [form, setForm] = useState<ScheduleForm>({ channelId: props.channels[0] ?? '', start: localInput(Math.ceil((now() + 60_000) / 1000) * 1000), durationSeconds: '30' });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const e = validateSchedule(form, now());
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await api('POST', '/api/schedules', { channelId: form.channelId, startTime: new Date(Date.parse(form.start)).toISOString(), durationSeconds: Number(form.durationSeconds) });
      props.onCreated();
    } catch (err) {
      setApiError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" aria-label="Schedule a break" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>Schedule a break</h3>
      <Field label="Channel" name="channelId" error={errors.channelId}>
        <select {...bind(form, setForm, 'channelId', errors)}>
          {props.channels.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </Field>
      <Field label="Start (your local time)" name="start" error={errors.start}>
        <input type="datetime-local" step={1} {...bind(form, setForm, 'start', errors)} />
      </Field>
      <Field label="Duration (seconds)" name="durationSeconds" error={errors.durationSeconds}>
        <input inputMode="numeric" {...bind(form, setForm, 'durationSeconds', errors)} />
      </Field>
      <ErrorBanner error={apiError} />
      <button type="submit" disabled={busy}>{busy ? 'Scheduling…' : 'Schedule'}</button>
    </form>
  );
}

export function RecurrenceFormView(props: { channels: string[]; onCreated: () => void }) {
  const [form, setForm] = useState<RecurrenceForm>({ channelId: props.channels[0] ?? '', everyMinutes: '15', from: '06:00', to: '23:00', durationSeconds: '60' });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const submit = async () => {
    const e = validateRecurrence(form);
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    try {
      await api('POST', '/api/recurrences', { channelId: form.channelId, everyMinutes: Number(form.everyMinutes), from: form.from, to: form.to, durationSeconds: Number(form.durationSeconds) });
      props.onCreated();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label="Recurring breaks" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>Recurring breaks</h3>
      <Field label="Channel" name="channelId" error={errors.channelId}>
        <select {...bind(form, setForm, 'channelId', errors)}>
          {props.channels.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </Field>
      <Field label="Every (minutes)" name="everyMinutes" error={errors.everyMinutes}>
        <input inputMode="numeric" {...bind(form, setForm, 'everyMinutes', errors)} />
      </Field>
      <Field label="From (HH:MM UTC)" name="from" error={errors.from}>
        <input {...bind(form, setForm, 'from', errors)} />
      </Field>
      <Field label="To (HH:MM UTC)" name="to" error={errors.to}>
        <input {...bind(form, setForm, 'to', errors)} />
      </Field>
      <Field label="Duration (seconds)" name="durationSeconds" error={errors.durationSeconds}>
        <input inputMode="numeric" {...bind(form, setForm, 'durationSeconds', errors)} />
      </Field>
      <ErrorBanner error={apiError} />
      <button type="submit">Create recurring breaks</button>
    </form>
  );
}

export function ScheduleTable(props: { schedules: Schedule[]; onChanged: () => void; now: number }) {
  const [error, setError] = useState<unknown>();
  const [history, setHistory] = useState<{ id: string; rows: { from: string | null; to: string; at: string; actor: string; reason: string }[] }>();
  const cancel = async (s: Schedule) => {
    setError(undefined);
    try {
      await api('POST', `/api/schedules/${s.id}/cancel`, { reason: 'cancelled from the dashboard' });
      props.onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const showHistory = async (s: Schedule) => {
    try {
      const r = await api<{ history: { from: string | null; to: string; at: string; actor: string; reason: string }[] }>('GET', `/api/schedules/${s.id}`);
      setHistory({ id: s.id, rows: r.history });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <ErrorBanner error={error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Start</th>
              <th scope="col">Channel</th>
              <th scope="col">Duration</th>
              <th scope="col">Status</th>
              <th scope="col">By</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {props.schedules.map((s) => (
              <tr key={s.id}>
                <td>
                  {fmt.dateTime(s.startTime)} <span className="muted">{Date.parse(s.startTime) > props.now ? fmt.inSeconds(s.startTime, props.now) : ''}</span>
                </td>
                <td>{s.channelId}</td>
                <td>{s.durationSeconds} s</td>
                <td>
                  <span className={`status ${s.status}`}>{s.status}</span>
                  {s.recurrenceId ? <span className="muted"> · recurring</span> : null}
                  {s.lastError ? <span className="error"> · {s.lastError}</span> : null}
                </td>
                <td>{s.createdBy}</td>
                <td className="actions">
                  <button type="button" className="link" onClick={() => void showHistory(s)}>History</button>
                  {['scheduled', 'dispatched', 'on_air'].includes(s.status) ? (
                    <button type="button" className="danger" onClick={() => void cancel(s)} aria-label={`Cancel the break at ${fmt.dateTime(s.startTime)} on ${s.channelId}`}>
                      Cancel
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {history ? (
        <section className="history" aria-label="Status history">
          <h3>History</h3>
          <ol>
            {history.rows.map((h, i) => (
              <li key={i}>
                {fmt.dateTime(h.at)}: {h.from ?? '—'} → <strong>{h.to}</strong> ({h.actor}; {h.reason})
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setHistory(undefined)}>Close</button>
        </section>
      ) : null}
    </>
  );
}

export function SchedulesPage() {
  const [view, setView] = useState<'upcoming' | 'past'>('upcoming');
  const [shown, setShown] = useState(25);
  const [recError, setRecError] = useState<unknown>();
  const recurrences = usePoll(() => api<{ recurrences: { id: string; channelId: string; everyMinutes: number; from: string; to: string; durationSeconds: number; active: boolean }[] }>('GET', '/api/recurrences'), 0);
  const channels = usePoll(() => api<{ channels?: { id: string }[]; items?: { id: string }[] }>('GET', '/api/channels'), 0);
  const list = usePoll(() => {
    const now = Date.now();
    const p = new URLSearchParams({ limit: '100' });
    if (view === 'upcoming') p.set('from', new Date(now - 120_000).toISOString());
    else {
      p.set('from', new Date(now - 86_400_000).toISOString());
      p.set('to', new Date(now).toISOString());
    }
    return api<{ schedules: Schedule[] }>('GET', `/api/schedules?${p}`);
  }, 5000, [view]);
  const ids = (channels.data?.channels ?? channels.data?.items ?? []).map((c) => c.id);
  const schedules = [...(list.data?.schedules ?? [])].sort((a, b) => (view === 'past' ? b.startTime.localeCompare(a.startTime) : a.startTime.localeCompare(b.startTime)));
  return (
    <>
      <header className="page-head">
        <h2>Schedules</h2>
        <div className="controls" role="group" aria-label="Which breaks">
          <button type="button" aria-pressed={view === 'upcoming'} onClick={() => setView('upcoming')}>Upcoming</button>
          <button type="button" aria-pressed={view === 'past'} onClick={() => setView('past')}>Last 24 h</button>
        </div>
      </header>
      <ErrorBanner error={list.error ?? channels.error} />
      {ids.length > 0 ? (
        <div className="forms">
          <ScheduleFormView channels={ids} onCreated={list.reload} />
          <RecurrenceFormView channels={ids} onCreated={() => { list.reload(); recurrences.reload(); }} />
        </div>
      ) : null}
      <ScheduleTable schedules={schedules.slice(0, shown)} onChanged={list.reload} now={list.loadedAt ?? Date.now()} />
      {schedules.length > shown ? <button type="button" onClick={() => setShown(shown + 25)}>Show {Math.min(25, schedules.length - shown)} more</button> : null}
      <section aria-labelledby="rec-h">
        <h3 id="rec-h">Recurring breaks</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Channel</th><th scope="col">Every</th><th scope="col">From–to (UTC)</th><th scope="col">Duration</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {(recurrences.data?.recurrences ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{r.channelId}</td><td>{r.everyMinutes} min</td><td>{r.from}–{r.to}</td><td>{r.durationSeconds} s</td>
                  <td><span className={`status ${r.active ? 'scheduled' : 'cancelled'}`}>{r.active ? 'active' : 'stopped'}</span></td>
                  <td className="actions">
                    {r.active ? <button type="button" className="danger" onClick={() => void api('POST', `/api/recurrences/${r.id}/deactivate`).then(recurrences.reload, setRecError)}>Stop</button> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorBanner error={recError} />
      </section>
    </>
  );
}
