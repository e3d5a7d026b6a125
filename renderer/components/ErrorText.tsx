import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { errorSentence } from '../format/error-sentence.ts';

/** Turns any failure into the sentence to show (see errorSentence). */
export function useErrorSentence(): (e: unknown) => string {
  const { t } = useTranslation();
  const { language } = useApp();
  return useCallback((e: unknown) => errorSentence(e, language, t), [language, t]);
}

/** A failure, said in a sentence, announced to screen readers. Renders nothing without an error. */
export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  const sentence = useErrorSentence();
  if (error === null || error === undefined) return null;
  return (
    <p className="error-text" role="alert" id={id}>
      {sentence(error)}
    </p>
  );
}
