// First: the question the URL names is asked for before the rest of the page's code runs.
import './app/question-prefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

// For the bench (bench/parts/web.ts): when the page's own code began to run (after its parse).
performance.mark('app-start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
