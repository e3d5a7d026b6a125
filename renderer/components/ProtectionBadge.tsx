// The line's protection at a glance, in the sidebar and the window title: the one status model
// (shared/protection.ts) that the tray shows too, from the service's status and whether we still hear it.
import { useEffect, useState } from 'react';
import { protectionColour, protectionLabel, protectionOf, type Protection } from '../../shared/protection.ts';
import { useApp } from '../app/context.tsx';

/** The current protection; re-evaluated when a pause runs out, so "paused" never outlives the pause. */
export function useProtection(): Protection {
  const { status, connection } = useApp();
  const [now, setNow] = useState(() => new Date());
  const until = status?.pausedUntil ? Date.parse(status.pausedUntil) : null;
  // When the pause runs out, look at the clock again (a pause already over is seen at once: after 50 ms).
  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setNow(new Date()), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);
  // The desktop transport is always 'open'; the browser's is 'reconnecting' while the service is unreachable.
  return protectionOf(status, { connected: connection !== 'reconnecting', now });
}

export function ProtectionBadge({ pageName }: { pageName: string }) {
  const { language } = useApp();
  const protection = useProtection();
  const label = protectionLabel[protection][language];
  useEffect(() => {
    document.title = `${label} · ${pageName} · Ringfence`;
  }, [label, pageName]);
  return (
    <p className={`protection status-${protectionColour[protection]}`} data-testid="protection" data-state={protection} role="status">
      <span className="status-dot" aria-hidden="true" />
      {label}
    </p>
  );
}
