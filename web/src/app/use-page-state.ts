import { useCallback, useEffect, useState } from 'react';
import { formatLocation, parseLocation, type PageState } from './url-state';

/**
 * The page's state, read from and written to the URL with the history API: `navigate` pushes a new
 * entry (the back button returns to it), `replace` changes the current one (a slider being dragged
 * should not fill the history), and the back and forward buttons restore the state they lead to.
 */
export function usePageState(): { state: PageState; navigate: (next: PageState) => void; replace: (next: PageState) => void } {
  const [state, setState] = useState<PageState>(() => parseLocation(location.pathname, location.search));

  useEffect(() => {
    const onPop = () => setState(parseLocation(location.pathname, location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: PageState, how: 'push' | 'replace') => {
    const url = formatLocation(next);
    if (url !== location.pathname + location.search) {
      if (how === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    // Read back from the URL so that what is shown is always what a link would show.
    setState(parseLocation(location.pathname, location.search));
  }, []);

  return {
    state,
    navigate: useCallback((next: PageState) => go(next, 'push'), [go]),
    replace: useCallback((next: PageState) => go(next, 'replace'), [go]),
  };
}
