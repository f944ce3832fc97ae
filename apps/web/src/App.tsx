// The dashboard shell: sign-in with an API token, then the pages behind hash routes (#/overview, …)
// so that a reload or a shared link opens the same page, with no server-side routing.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useEffect, useState } from 'react';
import { api, ApiError, token } from './api.ts';
import { validateToken } from './validate.ts';
import { ErrorBanner, Field } from './ui.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { ChannelsPage } from './pages/Channels.tsx';
import { AdsPage } from './pages/Ads.tsx';
import { SchedulesPage } from './pages/Schedules.tsx';
import { EventsPage } from './pages/Events.tsx';

export const PAGES = [
  { id: 'overview', title: 'Overview', view: OverviewPage },
  { id: 'channels', title: 'Channels', view: ChannelsPage },
  { id: 'ads', title: 'Ads & campaigns', view: AdsPage },
  { id: 'schedules', title: 'Schedules', view: SchedulesPage },
  { id: 'events', title: 'Events', view: EventsPage },
] as const;

export function SignIn(props: { onSignedIn: (role: string) => void; initialError?: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(props.initialError);
  const [apiError, setApiError] = useState<unknown>();
  const submit = async () => {
    const e = validateToken(value);
    setError(e.token);
    setApiError(undefined);
    if (e.token) return;
    token.set(value.trim());
    try {
      // Any viewer route tells whether the token is good; analytics is the cheapest.
      await api('GET', '/api/analytics/overview');
      props.onSignedIn('');
    } catch (err) {
      token.clear();
      if (err instanceof ApiError && (err.statusCode === 401 || err.statusCode === 403)) setError('This token is not valid (or was revoked).');
      else setApiError(err);
    }
  };
  return (
    <main className="signin">
      <form aria-label="Sign in" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h1>adsplice</h1>
        <p>Sign in with an API token. The first <code>adsplice start</code> prints an admin token; <code>POST /api/tokens</code> makes more (viewer, operator, admin).</p>
        <Field label="API token" name="token" error={error}>
          <input id="f-token" name="token" type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'f-token-error' : undefined} autoFocus />
        </Field>
        <ErrorBanner error={apiError} />
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function currentPage(): string {
  const id = location.hash.replace(/^#\/?/, '');
  return PAGES.some((p) => p.id === id) ? id : 'overview';
}

export function App() {
  const [signedIn, setSignedIn] = useState(() => token.get() !== null);
  const [page, setPage] = useState(currentPage);
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const title = PAGES.find((p) => p.id === page)?.title ?? '';
    document.title = `${title} · adsplice`;
  }, [page]);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const View = PAGES.find((p) => p.id === page)!.view;
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <h1>adsplice</h1>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>{p.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="link signout" onClick={() => { token.clear(); setSignedIn(false); }}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>
        <View />
      </main>
    </>
  );
}
