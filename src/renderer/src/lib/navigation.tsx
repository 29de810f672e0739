import { createContext, useContext } from 'react';
import type { ROUTES } from '../routes';

/** A page's key in the route table. */
export type PageKey = (typeof ROUTES)[number]['key'];

export const NavigationContext = createContext<(page: PageKey) => void>(() => undefined);

/** Switches the page shown in the app shell. */
export function useNavigate(): (page: PageKey) => void {
  return useContext(NavigationContext);
}
