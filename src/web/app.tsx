import { CasePage } from './case/case-page.tsx';
import { CasesPage } from './cases/cases-page.tsx';
import { EntryEditor } from './knowledge/entry-editor.tsx';
import { KnowledgePage } from './knowledge/knowledge-page.tsx';
import { PortalApp } from './portal/portal-app.tsx';
import { ConsolePage } from './console/console-page.tsx';
import { LoginPage } from './login/login-page.tsx';
import { ReportsArea } from './reports/reports-area.tsx';
import { ProtocolProvider } from './protocols/protocol-provider.tsx';
import { isSafeLocalPath } from './router/history.ts';
import { Redirect } from './router/redirect.tsx';
import { loginPath, matchRoute, type TRoute } from './router/routes.ts';
import { useLocation } from './router/use-location.ts';
import { useSession } from './session/session-context.ts';
import { AppShell } from './shell/app-shell.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';
import { StartupScreen } from './shell/startup-screen.tsx';
import { FieldPage } from './field/field-page.tsx';
import { FieldSignInPage } from './field/sign-in-page.tsx';
import { OfferPage } from './public/offer-page.tsx';
import { PublicStatusPage } from './public/status-page.tsx';
import { SupervisorPage } from './supervisor/supervisor-page.tsx';

function SignedInPage({ route }: { route: TRoute }) {
  switch (route.name) {
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CasePage key={route.reference} reference={route.reference} />;
    case 'reports':
      return <ReportsArea tab={route.tab} />;
    case 'console':
      return <ConsolePage />;
    case 'supervisor':
      return <SupervisorPage />;
    case 'home':
      return <Redirect to="/cases" />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'knowledgeNew':
      return <EntryEditor />;
    case 'knowledgeEntry':
      return <EntryEditor key={route.id} id={route.id} />;
    case 'portal':
    case 'login':
    case 'field':
    case 'fieldSignIn':
    case 'offer':
    case 'publicStatus':
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const { state, retry } = useSession();

  // The customer portal is public: its own layout, whatever the staff session is doing.
  if (route.name === 'portal') return <PortalApp code={route.code} rest={route.rest} />;

  if (state.status === 'loading') return <StartupScreen />;
  // Opened from a message's link: the link is the credential and no session is needed. They wait
  // for the session check all the same, so a signed-in browser sends its CSRF token with them.
  if (route.name === 'offer') return <OfferPage />;
  if (route.name === 'publicStatus') return <PublicStatusPage />;
  if (route.name === 'fieldSignIn') return <FieldSignInPage />;
  if (state.status === 'failed') return <StartupScreen error={state.error} onRetry={retry} />;

  if (route.name === 'login') {
    if (state.status === 'signedIn') {
      const next = new URLSearchParams(location.search).get('next');
      return <Redirect to={isSafeLocalPath(next) ? next : state.me.user.role === 'technician' ? '/field' : '/cases'} />;
    }
    return <LoginPage expired={state.expired} />;
  }

  if (state.status !== 'signedIn') {
    const here = location.pathname + location.search;
    return <Redirect to={loginPath(route.name === 'home' ? undefined : here)} />;
  }

  // Technicians work from their phone's view, without the desk's shell.
  if (state.me.user.role === 'technician') return route.name === 'field' ? <FieldPage /> : <Redirect to="/field" />;
  if (route.name === 'field') return <Redirect to="/cases" />;

  return (
    <ProtocolProvider key={state.me.user.id}>
      <AppShell route={route}>
        <SignedInPage route={route} />
      </AppShell>
    </ProtocolProvider>
  );
}
