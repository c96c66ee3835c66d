import { useEffect, useRef } from 'react';

/**
 * Ctrl+<key> (Cmd on macOS) anywhere in the window. The browser's own action
 * for the key (e.g. "save page") is prevented while the handler is mounted.
 */
export function useHotkey(key: string, handler: () => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === key) {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled]);
}
