import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { Root } from './layout/Root';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
