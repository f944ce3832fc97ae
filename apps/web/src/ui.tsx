// Small shared pieces: labelled fields with their error in place, an error banner, polling.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from './api.ts';

export function Field(props: { label: string; name: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  const id = `f-${props.name}`;
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error ? <small className="hint">{props.hint}</small> : null}
      {props.error ? (
        <small className="error" id={`${id}-error`} role="alert">
          {props.error}
        </small>
      ) : null}
    </div>
  );
}

/** Props for the input of a Field: id, aria links, value and change handler. */
export function bind<T extends { [K in keyof T]: string }>(form: T, setForm: (f: T) => void, name: keyof T & string, errors: Record<string, string>) {
  return {
    id: `f-${name}`,
    name,
    value: form[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `f-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  };
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="banner error" role="alert">
      {describeError(error)}
    </p>
  );
}

/** Calls `load` now and every `everyMs`; `reload()` calls it again at once. */
export function usePoll<T>(load: () => Promise<T>, everyMs: number, deps: unknown[] = []): { data: T | undefined; error: unknown; reload: () => void; loadedAt: number | undefined } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loadedAt: number | undefined }>({ data: undefined, error: undefined, loadedAt: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    const run = () =>
      loadRef.current().then(
        (data) => alive && setState({ data, error: undefined, loadedAt: Date.now() }),
        (error: unknown) => alive && setState((s) => ({ ...s, error })),
      );
    void run();
    const timer = everyMs > 0 ? setInterval(run, everyMs) : undefined;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [everyMs, tick, ...deps]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export const fmt = {
  int: (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en')),
  pct: (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)} %`),
  time: (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  dateTime: (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  inSeconds: (iso: string, now: number) => {
    const s = Math.round((Date.parse(iso) - now) / 1000);
    if (s <= 0) return 'now';
    return s < 120 ? `in ${s} s` : s < 7200 ? `in ${Math.round(s / 60)} min` : `in ${Math.round(s / 3600)} h`;
  },
};
