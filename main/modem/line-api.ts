// What a Line is, for the service and the tests: its options, its typed events and its methods.
import type { CallerId, Decision, HangupMethod, LineStatus } from '../../shared/domain.ts';
import type { LineGateOptions } from './gate/line-gate.ts';
import type { EndedCall, LineTiming } from './call.ts';
import type { PortFactory } from './port.ts';
import type { LatencyStages } from './latency-trace.ts';
import type { ReceivedPdu, SendResult, SmsState } from './sms/receiver.ts';

export type LineOptions = {
  id: string;
  path: string;
  baudRate?: number;
  /** How the path is opened: serialport by default; the in-memory pair for the demo line. */
  openPort?: PortFactory;
  hangupMethod?: HangupMethod;
  /** Called synchronously as soon as the caller is identified (or known to be unidentifiable). Must return
   *  at once; the line writes the hang-up command before emitting anything else. */
  decide: (callerId: CallerId, call: { key: string; lineId: string; canGate?: boolean }) => Decision;
  /** The pass gate: probe at set-up whether the line can gate, and run it when a decision says `gate`. */
  gate?: LineGateOptions;
  /** Landline: true when this number will be hung up whatever name follows it, so the line decides at the
   *  number instead of waiting for NAME (see main/screening/final.ts). Must return at once. */
  hangsUpWhateverName?: (callerId: CallerId, call: { key: string; lineId: string }) => boolean;
  clock?: () => number;
  log?: (entry: { dir: 'in' | 'out' | 'info' | 'warn'; text: string; at: number }) => void;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  commandTimeoutMs?: number;
  recheckCallerIdEveryMs?: number;
  /** Call-handling waits (tests shorten them). Defaults: see `defaultTiming`. */
  timing?: Partial<LineTiming>;
  /** Stage-by-stage timing of each hang-up, reported after the call ended (the latency benchmark). */
  latency?: (stages: LatencyStages) => void;
  /**
   * SMS reception (GSM lines). `store` must resolve true only once the message is durably recorded: a
   * message stored on the SIM is deleted from it after that, never before. Without it, SMS is left alone.
   */
  sms?: { store: (sms: ReceivedPdu) => Promise<boolean> | boolean; deleted?: (sms: ReceivedPdu) => void; sweepEveryMs?: number; sendTimeoutMs?: number };
};

export type LineEvents = {
  status: [LineStatus];
  'call-started': [{ key: string; lineId: string; wallClock: Date; at: number }];
  'caller-id': [{ key: string; lineId: string; callerId: CallerId; at: number }];
  decided: [{ key: string; lineId: string; callerId: CallerId; decision: Decision; at: number }];
  'hangup-sent': [{ key: string; command: string; at: number }];
  'call-ended': [EndedCall];
  warning: [{ code: string; message: string }];
  'sms-state': [SmsState];
};

export interface Line {
  readonly id: string;
  status(): LineStatus;
  on<E extends keyof LineEvents>(event: E, listener: (...args: LineEvents[E]) => void): this;
  off<E extends keyof LineEvents>(event: E, listener: (...args: LineEvents[E]) => void): this;
  once<E extends keyof LineEvents>(event: E, listener: (...args: LineEvents[E]) => void): this;
  close(): Promise<void>;
  /** Resolves when initialised (at once if ready now), or rejects on the next failure — for tests. */
  ready(timeoutMs?: number): Promise<void>;
  /** SMS on this line: ready or not, report mode, storage use. */
  smsState(): SmsState;
  /** Sends a text through the modem (AT+CMGS). Only for a text the user confirmed. */
  sendSms(to: string, text: string): Promise<SendResult>;
}
