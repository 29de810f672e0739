import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings';
import { useApiQuery } from './query';
import { queryClient } from './query-client';

interface AppState {
  settings: Settings;
  setSettings(s: Settings): void;
  /** Reloads everything the pages show, after all data may have changed (restore, demo data). */
  invalidate(): void;
}

const AppStateContext = createContext<AppState | null>(null);
const SETTINGS_KEY = ['settings/get', {}] as const;

export function AppStateProvider({ children }: { children: ReactNode }) {
  const { data } = useApiQuery('settings/get', {});
  const settings = data ?? DEFAULT_SETTINGS;
  const setSettings = useCallback((s: Settings) => queryClient.setQueryData(SETTINGS_KEY, s), []);
  const invalidate = useCallback(() => void queryClient.invalidateQueries(), []);
  const value = useMemo(() => ({ settings, setSettings, invalidate }), [settings, setSettings, invalidate]);
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const v = useContext(AppStateContext);
  if (!v) throw new Error('useAppState outside AppStateProvider');
  return v;
}

/** The clerk's name for a level (镇, 村（社区）…). */
export function useLevelName(): (level: number) => string {
  const { settings } = useAppState();
  return useCallback((level: number) => settings.levelNames[level - 1] ?? `${level}级`, [settings]);
}
