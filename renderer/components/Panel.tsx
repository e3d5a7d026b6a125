// A side panel for details: focus moves into it when it opens, Escape or the close button closes it, and
// focus returns to whatever opened it, so keyboard users never lose their place.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Panel({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <aside
      className="panel"
      ref={ref}
      tabIndex={-1}
      role="dialog"
      aria-modal="false"
      aria-labelledby="panel-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="panel-header">
        <h2 id="panel-title">{title}</h2>
        <button type="button" className="button-quiet" onClick={onClose} aria-label={t('common.closePanel')}>
          ✕
        </button>
      </header>
      <div className="panel-body">{children}</div>
    </aside>
  );
}
