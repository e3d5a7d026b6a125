// TCI serial caller-ID units (and Whozz Calling units in TCI mode) are not modems: they print one
// fixed-width record per call, `LL  MM/DD  hh:mm AM  number  name`, with the number right-justified in
// columns 29–43 and the name in columns 55–69. The number may be PRIVATE or OUT-OF-AREA, and carries the
// unit's display dashes, which are not part of what the network delivered.
import type { CallerId } from '../../shared/domain.ts';
import { absenceWord } from './caller-id.ts';
import { callerIdFrom } from './presented.ts';

const record = /^(\d{2}) +(\d{1,2}\/\d{1,2}) +(\d{1,2}:\d{2} ?[AP]M)(.*)$/i;
const NUMBER_FROM = 29;
const NUMBER_TO = 44;
const NAME_FROM = 55;

export function parseTciRecord(line: string): CallerId | null {
  const m = record.exec(line);
  if (!m) return null;
  let numberText: string;
  let nameText: string;
  if (line.length >= NUMBER_TO && m[0].length - (m[4] ?? '').length <= NUMBER_FROM) {
    // Everything before the name column is ASCII, so character columns are the unit's byte columns.
    numberText = line.slice(NUMBER_FROM, NUMBER_TO);
    nameText = line.slice(NAME_FROM);
  } else {
    // A record not laid out in the standard columns: number, then the name after a run of spaces.
    const [n = '', ...rest] = (m[4] ?? '').trim().split(/ {2,}/);
    numberText = n;
    nameText = rest.join('  ');
  }
  const raw = [line];
  const number = numberText.trim();
  const word = absenceWord(number);
  if (word) return callerIdFrom({ presentation: word, nameText, raw });
  // The unit's display dashes are dropped by callerIdFrom along with other separators.
  if (number.replace(/[-. ()]/g, '') === '') return callerIdFrom({ presentation: 'unavailable', nameText, raw });
  return callerIdFrom({ presentation: 'allowed', numberText: number, nameText, raw });
}
