import { useSyncExternalStore } from 'react';

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)');

function subscribe(changed: () => void): () => void {
  const query = reducedMotion();
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
}

const snapshot = () => reducedMotion().matches;

/**
 * Whether the system asks for reduced motion (WCAG 2.3.3), following a change while the console is
 * open: antd's motion and the charts' animations are off then.
 */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, snapshot);
}
