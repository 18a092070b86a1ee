/**
 * The console's shell: sign-in gate, header with navigation, theme switch, and the page for
 * the current path. Every page is a function of the path; data comes through react-query.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoute53 } from './api/clients.ts';
import { SessionContext, type Session } from './api/context.tsx';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './api/session.ts';
import { Link, navigate, usePath } from './router.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { ZonesPage } from './pages/zones.tsx';
import { ZonePage } from './pages/zone.tsx';
import { HealthChecksPage } from './pages/health-checks.tsx';
import { HealthCheckPage } from './pages/health-check.tsx';
import { TesterPage } from './pages/tester.tsx';
import { ThemeSwitch } from './components/theme-switch.tsx';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } } });

/** Returns the page element and its title for `path`. */
function route(path: string): { title: string; page: React.ReactElement } {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'zones' && parts[1]) return { title: 'Hosted zone', page: <ZonePage id={parts[1]} tab={parts[2] ?? 'records'} /> };
  if (parts[0] === 'health-checks' && parts[1]) return { title: 'Health check', page: <HealthCheckPage id={parts[1]} /> };
  if (parts[0] === 'health-checks') return { title: 'Health checks', page: <HealthChecksPage /> };
  if (parts[0] === 'tester') return { title: 'Record tester', page: <TesterPage /> };
  return { title: 'Hosted zones', page: <ZonesPage /> };
}

/** The path of the page last shown (module-level: it must survive remounts). */
let shownPath: string | undefined;

const NAV = [['/zones', 'Hosted zones'], ['/health-checks', 'Health checks'], ['/tester', 'Record tester']] as const;

function Shell({ session }: { session: Session }) {
  const path = usePath();
  const { title, page } = route(path);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = `${title} · Signpost`;
    // Moving between pages moves focus to the new page's content, as a page load would; the
    // first page keeps the browser's own start (so Tab reaches the skip link first).
    if (shownPath !== undefined && shownPath !== path) main.current?.focus();
    shownPath = path;
  }, [path, title]);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <Link to="/zones" className="brand">Signpost</Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([to, label]) => (
              <li key={to}><Link to={to} aria-current={path.startsWith(to) || (to === '/zones' && path === '/') ? 'page' : undefined}>{label}</Link></li>
            ))}
          </ul>
        </nav>
        <div className="top-end">
          <ThemeSwitch />
          <span className="muted key" title="Signed in with this access key">{session.credentials.accessKeyId}</span>
          <button type="button" className="small" onClick={session.signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>{page}</main>
    </>
  );
}

/** The console. */
export function App() {
  const [creds, setCreds] = useState<Credentials | undefined>(loadCredentials);
  const session = useMemo<Session | undefined>(() => creds && {
    credentials: creds,
    route53: createRoute53(creds),
    signOut: () => { clearCredentials(); queryClient.clear(); setCreds(undefined); navigate('/', true); },
  }, [creds]);
  return (
    <QueryClientProvider client={queryClient}>
      {session
        ? <SessionContext.Provider value={session}><Shell session={session} /></SessionContext.Provider>
        : <SignIn onSignedIn={(c) => { saveCredentials(c); setCreds(c); }} />}
    </QueryClientProvider>
  );
}
