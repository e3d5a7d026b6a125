// The UI's numbers come from the one formatter in shared/phone.ts (the CLI and the exports use it too).
export { formatNumber, suggestedPrefix, numberRange } from '../../shared/phone.ts';
