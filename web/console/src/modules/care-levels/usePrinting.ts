import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('print');

function subscribe(onChange: () => void): () => void {
  const media = query();
  media.addEventListener('change', onChange);
  window.addEventListener('beforeprint', onChange);
  window.addEventListener('afterprint', onChange);
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener('beforeprint', onChange);
    window.removeEventListener('afterprint', onChange);
  };
}

/** Whether the page is being printed: a list then shows all its rows, not one page of them. */
export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches);
}
