import { useSyncExternalStore } from 'react';

const reducedMotionQuery = '(prefers-reduced-motion: reduce)';

/**
 * Whether the system asks for reduced motion (WCAG 2.3.3), following a change while the console is
 * open: antd's motion and the charts' animations are off then.
 */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(reducedMotionQuery);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(reducedMotionQuery).matches,
  );
}
