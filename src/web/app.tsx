import { CasePage } from './case/case-page.tsx';
import { CasesPage } from './cases/cases-page.tsx';
import { ConsolePage } from './console/console-page.tsx';
import { LoginPage } from './login/login-page.tsx';
import { ProtocolProvider } from './protocols/protocol-provider.tsx';
import { isSafeLocalPath } from './router/history.ts';
import { Redirect } from './router/redirect.tsx';
import { loginPath, matchRoute, type TRoute } from './router/routes.ts';
import { useLocation } from './router/use-location.ts';
import { useSession } from './session/session-context.ts';
import { AppShell } from './shell/app-shell.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';
import { StartupScreen } from './shell/startup-screen.tsx';
import { SupervisorPage } from './supervisor/supervisor-page.tsx';

function SignedInPage({ route }: { route: TRoute }) {
  switch (route.name) {
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CasePage key={route.reference} reference={route.reference} />;
    case 'console':
      return <ConsolePage />;
    case 'supervisor':
      return <SupervisorPage />;
    case 'home':
      return <Redirect to="/cases" />;
    case 'login':
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const { state, retry } = useSession();

  if (state.status === 'loading') return <StartupScreen />;
  if (state.status === 'failed') return <StartupScreen error={state.error} onRetry={retry} />;

  if (route.name === 'login') {
    if (state.status === 'signedIn') {
      const next = new URLSearchParams(location.search).get('next');
      return <Redirect to={isSafeLocalPath(next) ? next : '/cases'} />;
    }
    return <LoginPage expired={state.expired} />;
  }

  if (state.status !== 'signedIn') {
    const here = location.pathname + location.search;
    return <Redirect to={loginPath(route.name === 'home' ? undefined : here)} />;
  }

  return (
    <ProtocolProvider key={state.me.user.id}>
      <AppShell route={route}>
        <SignedInPage route={route} />
      </AppShell>
    </ProtocolProvider>
  );
}
