import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createTransport } from './api/index.ts';
import { App } from './app/App.tsx';
import { AppProvider } from './app/context.tsx';
import { i18n } from './i18n/index.ts';
import './i18n/types.ts';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const transport = createTransport();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppProvider transport={transport}>
        <App />
      </AppProvider>
    </I18nextProvider>
  </StrictMode>,
);
