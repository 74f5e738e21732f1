// Entry point: set up translations (which also set <html lang dir>), then render the application once
// the first language's strings are in (at once for English; another language is its own chunk).
import { languageReady } from './i18n.ts';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

void languageReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
