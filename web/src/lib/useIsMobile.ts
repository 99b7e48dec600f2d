import { useSyncExternalStore } from 'react';

// Phone width: the Sider becomes a Drawer. Read synchronously so a desktop never flashes the phone layout.
const QUERY = '(max-width: 768px)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export const useIsMobile = (): boolean => useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
