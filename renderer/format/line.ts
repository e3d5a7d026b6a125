// A line's name for people: the label the user gave it, else (the demo line) its name in the UI's language,
// else the device path.
import type { TFunction } from 'i18next';
import type { LineStatus } from '../../shared/domain.ts';

export function lineName(line: Pick<LineStatus, 'label' | 'path' | 'simulated'>, t: TFunction): string {
  return line.label || (line.simulated ? t('line.demoName') : line.path);
}
