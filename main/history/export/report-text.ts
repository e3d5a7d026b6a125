// The report's words moved to texts.ts (every sentence of the exports in one file); this name stays for the
// complaint and filing texts beside the history, which import the Language type from here.
export { reportText, type Language } from './texts.ts';
