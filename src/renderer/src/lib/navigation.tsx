import { createContext, useContext } from 'react';

export type PageKey = 'grids' | 'workers' | 'households' | 'import' | 'print' | 'settings';

export const NavigationContext = createContext<(page: PageKey) => void>(() => undefined);

/** Switches the page shown in the app shell. */
export function useNavigate(): (page: PageKey) => void {
  return useContext(NavigationContext);
}
