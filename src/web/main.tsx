import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import { SessionProvider } from './session/session-provider.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/status.css';
import './styles/shell.css';
import './styles/pages.css';
import './styles/cases.css';
import './styles/case.css';
import './styles/timeline.css';
import './styles/knowledge.css';
import './styles/reports.css';
import './styles/dispatch.css';
import './styles/field.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
