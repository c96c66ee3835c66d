// Placeholder entry so the build works until the UI lands; replaced by the renderer.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <div />
    </StrictMode>,
  );
}
