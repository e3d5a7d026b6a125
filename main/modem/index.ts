// The modem link's public face: what the service, the CLI and the tests use. Everything else in this
// folder is an implementation detail behind it.
export { parseTranscript, createTranscriptAssembler, type TranscriptAssembler } from './transcript.ts';
export { createCallerIdParser, type CallSignal, type CallerIdParser } from './caller-id-parser.ts';
export { createLineSplitter, type LineSplitter } from './line-splitter.ts';
export { openLine, type Line, type LineEvents, type LineOptions, type EndedCall, type LineTiming } from './line.ts';
export { defaultTiming } from './call-tracker.ts';
export { listPorts, findHilinkSticks } from './ports.ts';
export { probePort } from './probe.ts';
