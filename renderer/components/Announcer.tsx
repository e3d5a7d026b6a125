// One polite live region for confirmations ("Blocked +86 170 …"), so screen-reader users hear what a
// click did and sighted users see it briefly at the bottom of the window. A confirmation of something that
// can be taken back (Block, Trust, Remove) carries an Undo button and stays 10 seconds.
import type { TFunction } from 'i18next';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A sentence, or how to say it: a function is translated when shown, so a confirmation of "language
 * changed" comes out in the new language rather than the one the click happened in.
 */
export type Announcement = string | ((t: TFunction) => string);

/** Takes back what the announced action did; resolves with the sentence saying it was undone. */
export type Undo = () => Promise<Announcement>;

type Announce = (message: Announcement, options?: { undo?: Undo }) => void;

const AnnounceContext = createContext<Announce>(() => {});

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

export const UNDO_MS = 10_000;

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ text: Announcement; id: number; undo: Undo | null } | null>(null);
  const announce = useCallback<Announce>((text, options) => setMessage((m) => ({ text, id: (m?.id ?? 0) + 1, undo: options?.undo ?? null })), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), message.undo ? UNDO_MS : 6000);
    return () => clearTimeout(timer);
  }, [message]);
  const undo = message?.undo;
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast" role="status" aria-live="polite">
        {message ? (
          <span key={message.id} className={undo ? 'toast-body with-undo' : 'toast-body'}>
            {typeof message.text === 'function' ? message.text(t) : message.text}
            {undo ? (
              <button
                type="button"
                className="toast-undo"
                onClick={async () => {
                  setMessage(null);
                  try {
                    announce(await undo());
                  } catch {
                    announce((tr) => tr('common.undoFailed'));
                  }
                }}
              >
                {t('common.undoAction')}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
    </AnnounceContext.Provider>
  );
}
