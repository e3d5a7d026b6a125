// The app's shared state: the transport, the service status, the settings and the live calls, each kept
// current by events. Pages read it with useApp(); they call the API directly for their own data.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiEvent, RingfenceApi, Status } from '../../shared/api.ts';
import type { Settings } from '../../shared/settings.ts';
import { toApiCallError, type ApiCallError, type ConnectionState, type Transport } from '../api/index.ts';
import { applyLanguage, browserLanguages, resolveLanguage, type Language } from '../i18n/index.ts';
import { applyCallEvent, type LiveCall } from '../state/live-calls.ts';
import { mergePatch } from '../state/settings-patch.ts';
import { applyStatusEvent, sameLocalDay } from '../state/status.ts';

export type AppState = {
  transport: Transport;
  api: RingfenceApi;
  status: Status | null;
  settings: Settings | null;
  live: readonly LiveCall[];
  connection: ConnectionState;
  loadError: ApiCallError | null;
  language: Language;
  /** Deep-merges a settings patch on the server and adopts the result. */
  saveSettings(patch: Record<string, unknown>): Promise<Settings>;
  reload(): void;
  dismissNotice(code: string): void;
  /** Counts the services put behind the window (the desktop's demo sandbox and back): pages key on it to refetch. */
  folder: number;
};

const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp() outside <AppProvider>');
  return state;
}

/** Subscribes to API events for the component's lifetime; the latest listener is always called. */
export function useApiEvent(listener: (event: ApiEvent) => void) {
  const { api } = useApp();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => api.onEvent((e) => ref.current(e)), [api]);
}

export function AppProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  const { api } = transport;
  const [status, setStatus] = useState<Status | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [live, setLive] = useState<readonly LiveCall[]>([]);
  const [connection, setConnection] = useState<ConnectionState>(transport.connection.get());
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [generation, setGeneration] = useState(0);
  const [folder, setFolder] = useState(0);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getStatus({}), api.getSettings({})]).then(
      ([s, st]) => {
        if (cancelled) return;
        setStatus(s);
        setSettings(st);
        setLoadError(null);
      },
      (e: unknown) => {
        if (!cancelled) setLoadError(toApiCallError(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'service-changed') {
          // Another service (the demo's sandbox, or back to the real folder): nothing shown so far is its.
          setLive([]);
          setFolder((f) => f + 1);
          reload();
          return;
        }
        setLive((calls) => applyCallEvent(calls, event));
        setStatus((s) => (s ? applyStatusEvent(s, event, sameLocalDay(new Date())) : s));
        if (event.type === 'settings-changed') setSettings(event.settings);
      }),
    [api, reload],
  );

  // Events sent while the socket was down are lost: fetch the status afresh when it comes back.
  const previousConnection = useRef(transport.connection.get());
  useEffect(
    () =>
      transport.connection.subscribe((next) => {
        if (previousConnection.current === 'reconnecting' && next === 'open') reload();
        previousConnection.current = next;
        setConnection(next);
      }),
    [transport, reload],
  );

  const language = resolveLanguage(settings?.language ?? 'system', browserLanguages());
  useEffect(() => applyLanguage(language), [language]);
  const theme = settings?.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // What an optimistic save starts from: the settings as last rendered (kept in a ref after each commit, never
  // written while rendering).
  const settingsRef = useRef(settings);
  useLayoutEffect(() => {
    settingsRef.current = settings;
  }, [settings]);
  const saveSettings = useCallback(
    async (patch: Record<string, unknown>) => {
      const before = settingsRef.current;
      if (before) setSettings(mergePatch(before, patch));
      try {
        const next = await api.updateSettings({ patch });
        setSettings(next);
        return next;
      } catch (e) {
        // Refused: put back what the service still has.
        setSettings(before);
        throw e;
      }
    },
    [api],
  );

  const dismissNotice = useCallback((code: string) => setDismissed((d) => new Set(d).add(code)), []);
  const visibleStatus = useMemo(() => (status ? { ...status, notices: status.notices.filter((n) => !dismissed.has(n.code)) } : null), [status, dismissed]);

  const value: AppState = {
    transport,
    api,
    status: visibleStatus,
    settings,
    live,
    connection,
    loadError,
    language,
    saveSettings,
    reload,
    dismissNotice,
    folder,
  };
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
