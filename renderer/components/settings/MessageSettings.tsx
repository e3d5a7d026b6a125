// The keywords are the user's data (data-verbatim: shown as written, in whatever language).
// The keyword lists that flag SMS (settings.messages.keywords): one keyword per line, literal text (never a
// pattern), matched regardless of case and full/half width. `alert` marks extortion and fraud, `code`
// verification-code bombing; the Messages page and the evidence report use them as saved here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultKeywords, type MessageKeywords } from '../../../shared/message-flags.ts';
import { Field } from '../Field.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useSettingsDraft } from './useSettingsDraft.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((k) => k.trim())
    .filter(Boolean);

export function MessageSettings() {
  const { t } = useTranslation();
  const form = useSettingsDraft<MessageKeywords>(['messages', 'keywords'], (s) => s.messages.keywords);
  // The text as typed (a blank line while typing stays), kept in step with the saved lists.
  const [text, setText] = useState<{ alert: string; code: string } | null>(null);
  const saved = form ? JSON.stringify(form.draft) : '';
  // Follows the saved lists (and Undo), not every keystroke: when the lists or the editing state change and
  // nothing is being edited, the text is taken from the lists again (while rendering: no stale frame).
  const followKey = form ? `${form.dirty}|${saved}` : null;
  const [followed, setFollowed] = useState<string | null>(null);
  if (followKey !== followed) {
    setFollowed(followKey);
    if (form && !form.dirty) setText({ alert: form.draft.alert.join('\n'), code: form.draft.code.join('\n') });
  }
  if (!form || !text) return null;
  const edit = (kind: 'alert' | 'code', value: string) => {
    setText((x) => (x ? { ...x, [kind]: value } : x));
    form.setDraft((d) => ({ ...d, [kind]: lines(value) }));
  };
  return (
    <section className="card" aria-labelledby="message-settings-title">
      <h2 id="message-settings-title">{t('messageSettings.title')}</h2>
      <p className="hint">{t('messageSettings.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void form.save();
        }}
      >
        <Field label={t('messageSettings.alert')} hint={t('messageSettings.alertHint')} error={form.fieldError('alert')}>
          <textarea rows={6} value={text.alert} onChange={(e) => edit('alert', e.target.value)} data-testid="keywords-alert" data-verbatim />
        </Field>
        <Field label={t('messageSettings.code')} hint={t('messageSettings.codeHint')} error={form.fieldError('code')}>
          <textarea rows={3} value={text.code} onChange={(e) => edit('code', e.target.value)} data-testid="keywords-code" data-verbatim />
        </Field>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            setText({ alert: defaultKeywords.alert.join('\n'), code: defaultKeywords.code.join('\n') });
            form.setDraft(() => ({ alert: [...defaultKeywords.alert], code: [...defaultKeywords.code] }));
          }}
        >
          {t('messageSettings.defaults')}
        </button>
        <SaveBar form={form as never} />
      </form>
    </section>
  );
}
