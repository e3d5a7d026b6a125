// A form over one part of the settings: edit a local draft, save it as a deep-merge patch, and put the
// service's refusal next to the field it names ("Setting screening.shield.calls is invalid: …").
import { useState } from 'react';
import type { Settings } from '../../../shared/settings.ts';
import { fieldOfError, toApiCallError } from '../../api/index.ts';
import { useApp } from '../../app/context.tsx';
import { useAnnounce } from '../Announcer.tsx';
import { useErrorSentence } from '../ErrorText.tsx';

export type SettingsDraft<T> = {
  draft: T;
  setDraft(update: (d: T) => T): void;
  dirty: boolean;
  saving: boolean;
  save(): Promise<void>;
  reset(): void;
  /** The service's sentence for a field under `path` (e.g. "calls"), or null. */
  fieldError(field: string): string | null;
  formError: string | null;
};

/** `path`: where the part lives, e.g. ['screening', 'shield']. */
export function useSettingsDraft<T>(path: string[], pick: (s: Settings) => T): SettingsDraft<T> | null {
  const { settings, saveSettings } = useApp();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const current = settings ? pick(settings) : null;
  const currentJson = JSON.stringify(current);
  const [draft, setDraftState] = useState<T | null>(current);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);

  // Follow changes made elsewhere (another window, the CLI) unless the user is mid-edit: adjusted while
  // rendering when the saved settings change, so the form never shows the old values for a frame.
  const [followed, setFollowed] = useState(currentJson);
  if (followed !== currentJson) {
    setFollowed(currentJson);
    if (!dirty) setDraftState(JSON.parse(currentJson) as T | null);
  }

  if (draft === null) return null;
  const prefix = path.join('.') + '.';
  return {
    draft,
    setDraft(update) {
      setDraftState((d) => (d === null ? d : update(d)));
      setDirty(true);
    },
    dirty,
    saving,
    async save() {
      setSaving(true);
      setError(null);
      try {
        const patch = path.reduceRight<unknown>((acc, part) => ({ [part]: acc }), draft) as Record<string, unknown>;
        await saveSettings(patch);
        setDirty(false);
        announce((tr) => tr('settings.saved'));
      } catch (e) {
        const field = fieldOfError(toApiCallError(e));
        setError({ field: field?.startsWith(prefix) ? field.slice(prefix.length) : null, text: sentence(e) });
      } finally {
        setSaving(false);
      }
    },
    reset() {
      setDraftState(JSON.parse(currentJson) as T | null);
      setDirty(false);
      setError(null);
    },
    fieldError: (field) => (error?.field && (error.field === field || error.field.startsWith(`${field}.`)) ? error.text : null),
    // An error about no field of this form (or one it does not show) is said at the form's foot.
    formError: error && !(error.field && typeof draft === 'object' && error.field.split('.')[0]! in draft) ? error.text : null,
  };
}
