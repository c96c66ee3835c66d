/** The app: i18n, the providers and the session gate, rendered into #root with what the startup prefetch brought. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Prefetched } from './api/prefetch';
import './i18n';
import { Root } from './layout/Root';

export function mount(prefetched: readonly Prefetched[]): void {
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <Root prefetched={prefetched} />
    </StrictMode>,
  );
}
