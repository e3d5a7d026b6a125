// One polite live region for confirmations ("Blocked +86 170 …"), so screen-reader users hear what a
// click did and sighted users see it briefly at the bottom of the window.
import type { TFunction } from 'i18next';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A sentence, or how to say it: a function is translated when shown, so a confirmation of "language
 * changed" comes out in the new language rather than the one the click happened in.
 */
export type Announcement = string | ((t: TFunction) => string);

const AnnounceContext = createContext<(message: Announcement) => void>(() => {});

export function useAnnounce(): (message: Announcement) => void {
  return useContext(AnnounceContext);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ text: Announcement; id: number } | null>(null);
  const announce = useCallback((text: Announcement) => setMessage((m) => ({ text, id: (m?.id ?? 0) + 1 })), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast" role="status" aria-live="polite">
        {message ? <span key={message.id}>{typeof message.text === 'function' ? message.text(t) : message.text}</span> : null}
      </div>
    </AnnounceContext.Provider>
  );
}
