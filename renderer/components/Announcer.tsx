// One polite live region for confirmations ("Blocked +86 170 …"), so screen-reader users hear what a
// click did and sighted users see it briefly at the bottom of the window.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const announce = useCallback((text: string) => setMessage((m) => ({ text, id: (m?.id ?? 0) + 1 })), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast" role="status" aria-live="polite">
        {message ? <span key={message.id}>{message.text}</span> : null}
      </div>
    </AnnounceContext.Provider>
  );
}
