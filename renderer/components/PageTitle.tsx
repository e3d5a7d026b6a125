// Each page's heading; it takes focus when the page opens so screen readers announce where you are and
// the next Tab starts at the top of the page.
import { useEffect, useRef, type ReactNode } from 'react';

export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
