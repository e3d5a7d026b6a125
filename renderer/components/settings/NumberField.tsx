import { useTranslation } from 'react-i18next';
import { Field } from '../Field.tsx';
import { inBounds, type Bounds } from './bounds.ts';

/** A whole-number setting with its range as a hint and an inline error when it is out of range. */
export function NumberField({
  label,
  value,
  onChange,
  bounds,
  hint,
  serverError,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  bounds: Bounds;
  hint?: string;
  serverError?: string | null;
}) {
  const { t } = useTranslation();
  const bad = !inBounds(value, bounds);
  return (
    <Field
      label={label}
      hint={hint ?? t('validation.range', { min: bounds.min, max: bounds.max })}
      error={bad ? t('validation.between', { min: bounds.min, max: bounds.max }) : (serverError ?? null)}
    >
      <input
        type="number"
        inputMode="numeric"
        min={bounds.min}
        max={bounds.max}
        step={1}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
      />
    </Field>
  );
}
