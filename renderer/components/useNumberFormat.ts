import { useCallback } from 'react';
import { useApp } from '../app/context.tsx';
import { formatNumber } from '../format/phone.ts';

/** Formats numbers for people, reading numbers without a country code as the home country's. */
export function useNumberFormat(): (number: string) => string {
  const homeCountry = useApp().settings?.homeCountry;
  return useCallback((number: string) => formatNumber(number, homeCountry), [homeCountry]);
}
