import { createContext, useContext, useEffect, useEffectEvent } from 'react';
import type { RecordKind } from '@shared/records';
import type { RecordFilters } from '../pages/records/model';
import type { ROUTES } from '../routes';

/** A page's key in the route table. */
export type PageKey = (typeof ROUTES)[number]['key'];

/** Something a link names: opening it shows its page with it selected. */
export interface Target {
  /** 'records': a list of records (id unused, 0); 'record': one record of `records.kind`. */
  kind: 'worker' | 'household' | 'grid' | 'records' | 'record';
  id: number;
  /** For 'records' and 'record': the kind, and for a list the filters behind a figure. */
  records?: { kind: RecordKind; filters?: Partial<RecordFilters> };
}

/** The page each kind of target lives on. */
export const TARGET_PAGE = {
  worker: 'workers',
  household: 'households',
  grid: 'grids',
  records: 'records',
  record: 'records',
} as const satisfies Record<Target['kind'], PageKey>;

export interface Navigation {
  go(page: PageKey): void;
  open(target: Target): void;
  /** The link followed and not yet shown; `seq` tells a repeated link to the same thing apart. */
  target: (Target & { seq: number }) | null;
  /** The page showed it: coming back to the page later must not open it again. */
  shown(seq: number): void;
}

export const NavigationContext = createContext<Navigation>({
  go: () => undefined,
  open: () => undefined,
  target: null,
  shown: () => undefined,
});

/** Switches the page shown in the app shell. */
export function useNavigate(): (page: PageKey) => void {
  return useContext(NavigationContext).go;
}

/** Opens the page of a worker, household or grid with it selected: what every name links to. */
export function useOpen(): (target: Target) => void {
  return useContext(NavigationContext).open;
}

/**
 * Calls `onOpen` once for each link followed to a target of this kind: the page that shows such
 * things selects it (opens its drawer, selects it in the tree).
 */
export function useTarget(kind: Target['kind'], onOpen: (id: number, target: Target) => void): void {
  const { target, shown } = useContext(NavigationContext);
  const open = useEffectEvent(onOpen);
  useEffect(() => {
    if (!target || target.kind !== kind) return;
    shown(target.seq);
    open(target.id, target);
  }, [target, kind, shown]);
}
