// A labelled form control with its hint and its error, wired for screen readers: the label names the
// control, the hint and the error describe it, and aria-invalid marks it when the error is set.
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

type ControlProps = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** `after`: what sits right of the control, on its line (a date field's calendar button and its calendar). */
export function Field({
  label,
  hint,
  error,
  children,
  inline = false,
  after,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: ReactElement<ControlProps>;
  inline?: boolean;
  after?: ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined });
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      {inline ? control : null}
      <label htmlFor={id}>{label}</label>
      {inline ? null : after ? (
        <div className="control-row">
          {control}
          {after}
        </div>
      ) : (
        control
      )}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
