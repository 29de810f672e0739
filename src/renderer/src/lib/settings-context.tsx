import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings';
import { callNotify } from './api';

interface AppState {
  settings: Settings;
  setSettings(s: Settings): void;
  /** Bumped whenever all data may have changed (restore, demo data): pages reload. */
  dataVersion: number;
  invalidate(): void;
}

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [dataVersion, setDataVersion] = useState(0);
  const invalidate = useCallback(() => setDataVersion((v) => v + 1), []);

  useEffect(() => {
    void callNotify('settings/get', {}).then((s) => {
      if (s) setSettings(s);
    });
  }, [dataVersion]);

  const value = useMemo(
    () => ({ settings, setSettings, dataVersion, invalidate }),
    [settings, dataVersion, invalidate],
  );
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
