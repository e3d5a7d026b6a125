// The modem link's public face: what the service, the CLI and the tests use. Everything else in this
// folder is an implementation detail behind it.
export { parseTranscript, countModemLines, createTranscriptAssembler, type TranscriptAssembler } from './transcript.ts';
export { createCallerIdParser, type CallSignal, type CallerIdParser } from './caller-id-parser.ts';
export { createLineSplitter, type LineSplitter } from './line-splitter.ts';
export { openLine } from './line.ts';
export type { Line, LineEvents, LineOptions } from './line-api.ts';
export type { LineGateOptions } from './gate/line-gate.ts';
// For the simulator's gated callers: what a prompt said, and the keys they press.
export { clipIds, clipMs, clipOfFile, clipSamples, phraseOf, promptFromText, recognisePrompt, type PromptSay } from './gate/prompt.ts';
export { dtmfTone, type DtmfKey } from './gate/goertzel.ts';
export { concatSamples, fromPcm16le, silence, toPcm16le } from './gate/audio.ts';
export { decodeUcs2Hex } from './charset.ts';
export type { EndedCall, LineTiming } from './call.ts';
export type { LatencyStages } from './latency-trace.ts';
export { defaultTiming } from './call.ts';
export { listPorts, findHilinkSticks } from './ports.ts';
export { probePort } from './probe.ts';
export { openSerial } from './serial.ts';
export { createMemoryPort, type MemoryModemEnd, type MemoryPort } from './memory-port.ts';
export type { OpenResult, PortFactory, SerialLink, SerialOptions } from './port.ts';
export { decodePdu, PduError, type DecodedPdu, type Deliver, type StatusReport, type Submit } from './sms/pdu.ts';
export { encodeDeliver, encodeSubmit, submitShape, maxParts, type SubmitPdu } from './sms/submit.ts';
// The simulator builds the network's PDUs with the same field codecs the line decodes with.
export { bytesToHex, encodeAddress, encodeTimestamp } from './sms/pdu-fields.ts';
export { joinParts, type IncomingPart, type JoinedMessage } from './sms/concat.ts';
export type { ReceivedPdu, SendResult, SmsState } from './sms/receiver.ts';
