/**
 * The idle lock, on the page's side: no mouse, keyboard, wheel or touch for
 * `minutes` locks the session. While the person is active, a light call now and
 * then keeps the main process's own idle clock (which counts calls, not
 * keystrokes) from locking someone who is typing a long opinion.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

export function useIdleLock(opts: { minutes: number; enabled: boolean; onIdle(): void; onActiveBeat(): void }): void {
  const handlers = useRef(opts);
  handlers.current = opts;
  const { minutes, enabled } = opts;

  useEffect(() => {
    if (!enabled || !(minutes > 0)) return undefined;
    const idleMs = minutes * 60_000;
    // a beat well inside the main process's idle period
    const beatMs = Math.min(60_000, idleMs / 3);
    let lastActivity = Date.now();
    let lastBeat = Date.now();
    let fired = false;

    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastBeat >= beatMs) {
        lastBeat = lastActivity;
        handlers.current.onActiveBeat();
      }
    };
    const check = () => {
      if (fired) return;
      if (Date.now() - lastActivity >= idleMs) {
        fired = true;
        handlers.current.onIdle();
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, enabled]);
}
