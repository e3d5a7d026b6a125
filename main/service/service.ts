// The core: owns the lines, the screening engine, the history and the settings, and wires them:
// caller ID → decision → hang-up (inside the line, before anything slow) → record → event.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ApiEvent } from '../../shared/api.ts';
import type { CallRecord, Decision, Text } from '../../shared/domain.ts';
import { openHistory, type History, type NewCall } from '../history/index.ts';
import { listPorts, probePort, type EndedCall, type LatencyStages, type LineTiming } from '../modem/index.ts';
import { afterGate, normalizeNumber, openScreening, type Screening } from '../screening/index.ts';
import type { Notice, SettingsStore } from '../settings/index.ts';
import { acquireDataLock, dataPaths, openDataStore, type DataPaths } from '../store/index.ts';
import { createApiHost, type ApiHost, type Handlers } from './api-host.ts';
import { EventBus } from './events.ts';
import { buildHandlers, type ExportJob, type ExportJobs } from './handlers.ts';
import { startHousekeeping } from './housekeeping.ts';
import { watchForModems } from './hotplug.ts';
import { LineSet } from './lines.ts';
import { RecordQueue } from './record-queue.ts';
import { startRecordWriter, type RecordWriter } from './record-writer.ts';
import { isoWithOffset, localTimeZone } from './time.ts';
import { messageDesk, type MessageDesk, type MessageDeskOptions } from './messages.ts';
import { texts } from './texts.ts';

export type ServiceOptions = {
  dataDir: string;
  settings: SettingsStore;
  host: 'desktop' | 'headless';
  /** Extra device paths for this run (ringfence serve --modem), on top of the configured lines. */
  modems?: string[];
  demo?: boolean;
  /** This folder is the demo's sandbox (demo-sandbox.ts): the status says so, and the UI with it. */
  sandbox?: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  now?: () => Date;
  /** Call-handling waits for every line. The call-bomb drill runs its simulated modem N times faster than
   *  real time, so the waits that judge ring gaps (settle, ring silence) must shrink by the same factor. */
  lineTiming?: Partial<LineTiming>;
  /** Who holds the data folder, for the sentence a second Ringfence on it reads (default from `host`). */
  holder?: string;
  /** Sees the open database before any line starts: the drill's hook for making the store refuse writes
   *  (`store.setWritable(false)` covers the record writer's own connection too). */
  onDatabase?: (db: DatabaseSync, store: { setWritable(writable: boolean): Promise<void> }) => void;
  /** Stage-by-stage timing of every hang-up (the latency benchmark; see RINGFENCE_LATENCY_TRACE in serve). */
  latency?: (stages: LatencyStages & { lineId: string }) => void;
  /** Prints an evidence pack's report to A4 PDF: the desktop app passes Electron's printToPDF (main/app/print-pdf.ts). */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
};

export interface Service extends ApiHost {
  close(): Promise<void>;
  readonly paths: DataPaths;
  /** A finished export by job id, for the headless server's download route. */
  exportFile(jobId: string): ExportJob | null;
}

type PendingRecord = NewCall & { callKey: string };

const notScreened: Decision = {
  action: 'allow',
  reason: 'default',
  ruleId: null,
  ruleLabel: null,
  text: texts.notScreened(),
};

type Notify = MessageDeskOptions['notify'];
type Log = MessageDeskOptions['log'];

/**
 * Opens the data folder and starts screening its lines. Each piece below sets up one thing, in the order
 * they start: the notices, the data (lock, database, history, writer, screening), the record queue, the
 * SMS desk, the lines and their calls, the relayed changes, the API handlers, the lines themselves and
 * hot-plug, and the housekeeping tick (housekeeping.ts). `close` stops them in the reverse order.
 */
export async function startService(options: ServiceOptions): Promise<Service> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const paths = dataPaths(options.dataDir);
  const settings = options.settings;
  const bus = new EventBus();
  const { notices, notify } = noticeBoard(settings.notices, bus, log);
  const { lock, db, history, writer, screening } = openData(options, paths, notices, now, log);
  const pause = pauseSwitch(now);

  const records = recordQueue(writer, bus, notify, paths);
  const desk = messageDesk({ writer, history, screening, settings, emit: (e) => bus.emit(e), notify, log, now });
  const lines = callLines({ options, settings, screening, records, desk, bus, paused: pause.active, now, log });
  const chainIncidents = relayChanges(history, screening, settings, bus, log);

  const exports: ExportJobs = new Map();
  const handlers = buildHandlers({
    host: options.host,
    sandbox: options.sandbox ?? false,
    paths,
    settings,
    history,
    screening,
    lines,
    exports,
    notices,
    emit: (e: ApiEvent) => bus.emit(e),
    newId: () => randomUUID(),
    now,
    paused: () => (pause.active() ? pause.until() : null),
    setPaused: (until) => pause.set(until),
    chainIncidents,
    desk,
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  });

  const stopHotplug = await openLines(lines, settings, options, handlers, log);
  const stopHousekeeping = startHousekeeping({ paths, settings, history, screening, writer, lines, desk, notify, log, now });

  const api = createApiHost(handlers, bus.subscribe);
  let closed = false;
  return {
    ...api,
    uploads: { folder: () => screening.rules.importFolder, previewImport: (path, client) => screening.rules.previewImportRequest(path, client) },
    paths,
    exportFile: (jobId) => exports.get(jobId) ?? null,
    async close() {
      if (closed) return;
      closed = true;
      stopHousekeeping();
      stopHotplug();
      await lines.closeAll();
      const left = await records.flush();
      records.close();
      const smsLeft = await desk.flush();
      desk.close();
      if (smsLeft > 0) log('error', `${smsLeft} SMS could not be saved before shutdown.`);
      await writer.close();
      if (left > 0) log('error', `${left} call record(s) could not be saved before shutdown.`);
      screening.close();
      bus.flush();
      db.close();
      lock.release();
    },
  };
}

/** The notices the UI's banner and the serve log show: the settings' own, then what happens while running (the last 50). */
function noticeBoard(initial: readonly Notice[], bus: EventBus, log: Log): { notices: Notice[]; notify: Notify } {
  const notices: Notice[] = [...initial];
  const notify: Notify = (code, level, text: Text) => {
    const notice = { code, level, text };
    notices.push(notice);
    if (notices.length > 50) notices.shift();
    bus.emit({ type: 'notice', ...notice });
    log(level === 'info' ? 'info' : level === 'warning' ? 'warn' : 'error', text.en);
  };
  return { notices, notify };
}

/**
 * The data folder, taken for this service: its lock, the database (a damaged file set aside and said so),
 * the history with its record writer thread, and the screening engine, warmed from the last day of calls.
 */
function openData(options: ServiceOptions, paths: DataPaths, notices: Notice[], now: () => Date, log: Log) {
  const settings = options.settings;
  // One writer per data folder: a second service on it is refused here, before it touches the history.
  const lock = acquireDataLock(paths.dir, options.holder ?? (options.host === 'desktop' ? 'the Ringfence app' : 'ringfence serve'));
  let store;
  try {
    store = openDataStore(paths.dir);
  } catch (error) {
    lock.release();
    throw error;
  }
  // A database set aside is said in the UI banner (notices) and the serve log, not only kept in a file name.
  for (const n of store.notices) {
    notices.push(n);
    log(n.level === 'error' ? 'error' : 'warn', n.text.en);
  }
  const db: DatabaseSync = store.db;
  const history: History = openHistory(db, { now, normalize: (raw) => normalizeNumber(raw, settings.get().homeCountry) });
  const writer = startRecordWriter({ path: store.path, history, setQueryOnly: (on) => db.exec(`PRAGMA query_only = ${on ? 1 : 0}`) });
  if (writer.threaded) {
    // The records are durable on the writer's connection (synchronous=FULL). What this connection writes —
    // hit counts, the shield's state, rules and settings changed in the UI — survives a crash of the process
    // in WAL mode with synchronous=NORMAL (only a power cut can cost its last commits), and the fsync it
    // saves would otherwise land on the thread that answers the next caller ID. Checkpoints run on the
    // writer's thread only, for the same reason.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA wal_autocheckpoint = 0');
  }
  options.onDatabase?.(db, { setWritable: (writable) => writer.setQueryOnly(!writable) });
  const screening: Screening = openScreening(db, { settings: () => settings.get(), now });

  // Warm the screening engine's recent-call windows (rate limits, breakthrough, shield) from the history.
  screening.warmUp(history.recent(new Date(now().getTime() - 24 * 3600_000).toISOString()));
  return { lock, db, history, writer, screening };
}

/** "Pause screening until …": every call rings through until then. */
function pauseSwitch(now: () => Date) {
  let pausedUntil: Date | null = null;
  return {
    active: () => pausedUntil !== null && pausedUntil > now(),
    until: () => pausedUntil,
    set: (until: Date | null) => {
      pausedUntil = until;
    },
  };
}

/** Ended calls on their way to the history: written in order by the writer thread, announced once durable. */
function recordQueue(writer: RecordWriter, bus: EventBus, notify: Notify, paths: DataPaths): RecordQueue<PendingRecord, CallRecord> {
  return new RecordQueue<PendingRecord, CallRecord>({
    write: (call) => writer.record(call),
    written: (record, call) => bus.emit({ type: 'call-ended', key: call.callKey, record }),
    failing: (error, pending) => notify('history-write-failing', 'error', texts.historyWriteFailing(error.message, pending, paths.dir)),
    recovered: (flushed) => notify('history-write-recovered', 'info', texts.historyWriteRecovered(flushed)),
  });
}

/**
 * The lines and what happens around each call on them: the decision (allow everything while paused), the
 * events the UI follows, and, once the call ends, what screening learns from it and the record it leaves.
 */
function callLines(o: {
  options: ServiceOptions;
  settings: SettingsStore;
  screening: Screening;
  records: RecordQueue<PendingRecord, CallRecord>;
  desk: MessageDesk;
  bus: EventBus;
  paused: () => boolean;
  now: () => Date;
  log: Log;
}): LineSet {
  const { options, settings, screening, records, bus, paused, now, log } = o;
  // Wall-clock starts come from the service's clock (injectable for the drill), keyed by call.
  const startedAt = new Map<string, Date>();

  function endCall(e: EndedCall, simulated: boolean) {
    const started = startedAt.get(e.key) ?? now();
    startedAt.delete(e.key);
    const endedAt = new Date(started.getTime() + (e.timings.end ?? 0));
    // A gated call's record says what the caller did at the gate; its outcome is the gate's verdict.
    const gated = e.gate && e.decision ? afterGate(e.decision, e.gate, endedAt, settings.get().screening.gate.passMinutes) : null;
    const decision = gated?.decision ?? e.decision ?? notScreened;
    const outcome = gated?.outcome ?? e.outcome;
    try {
      screening.observe({ lineId: e.lineId, startedAt: started, endedAt, callerId: e.callerId, decision, outcome, rings: e.rings, oneRing: e.oneRing });
    } catch (error) {
      log('error', `screening could not learn from call ${e.key}: ${(error as Error).message}`);
    }
    const homeCountry = settings.get().homeCountry;
    records.push({
      callKey: e.key,
      lineId: e.lineId,
      simulated,
      startedAt: isoWithOffset(started),
      timeZone: localTimeZone(),
      timings: e.timings,
      number: e.callerId.number,
      normalized: e.callerId.number ? normalizeNumber(e.callerId.number, homeCountry) : null,
      presentation: e.callerId.presentation,
      name: e.callerId.name,
      rings: e.rings,
      oneRing: e.oneRing,
      decision,
      outcome,
      hangupLatencyMs: e.hangupLatencyMs,
      raw: e.raw,
      ...(e.callerId.presentedNumber !== undefined ? { presentedNumber: e.callerId.presentedNumber } : {}),
      ...(e.callerId.controlsReplaced !== undefined ? { controlsReplaced: e.callerId.controlsReplaced } : {}),
    });
  }

  return new LineSet(
    {
      decide: (callerId, call) => {
        if (paused()) {
          return {
            action: 'allow',
            reason: 'paused',
            ruleId: null,
            ruleLabel: null,
            text: texts.paused(),
          };
        }
        return screening.decide(callerId, { lineId: call.lineId, canGate: call.canGate ?? false });
      },
      gate: { settings: () => settings.get().screening.gate },
      // A landline's number alone decides when no name could change the outcome and it is a hang-up; calls
      // that ring through keep the name wait, so the person sees who is calling.
      hangsUpWhateverName: (callerId) => {
        if (paused()) return false;
        const d = screening.decisionWhateverName(callerId);
        return d !== null && (d.action === 'reject' || d.action === 'answer-hangup');
      },
      status: (line) => bus.emit({ type: 'line-status', line }),
      callStarted: (e) => {
        // Pick up rules and settings the CLI changed, before this call's caller ID arrives.
        settings.refresh();
        screening.refresh();
        const at = now();
        startedAt.set(e.key, at);
        bus.emit({ type: 'call-started', call: { key: e.key, lineId: e.lineId, simulated: e.simulated, startedAt: isoWithOffset(at) } });
      },
      callerIdentified: (e) => bus.emit({ type: 'caller-identified', ...e }),
      decided: (e) => bus.emit({ type: 'call-decided', ...e }),
      callEnded: (e, simulated) => endCall(e, simulated),
      warn: (message) => log('warn', message),
      sms: o.desk.hooks,
    },
    { ...(options.lineTiming ? { timing: options.lineTiming } : {}), ...(options.latency ? { latency: options.latency } : {}) },
  );
}

/**
 * Changes the UI follows (the shield, the rules, the settings), and the shield's engagements and ends into
 * the chain as they happen (and any the last run missed, now): the incidents of the evidence report are
 * chained facts, not rows anyone could edit. Returns the step that chains them, for the handlers too.
 */
function relayChanges(history: History, screening: Screening, settings: SettingsStore, bus: EventBus, log: Log): () => void {
  const chainIncidents = () => {
    try {
      history.recordIncidents(screening.incidents());
    } catch (error) {
      log('error', `the shield's incidents could not be chained yet: ${(error as Error).message}`);
    }
  };
  chainIncidents();
  // Chained when the shield engages or ends, not at each counter update during a flood.
  const { active, since } = screening.shield();
  let chainedShield = { active, since };
  screening.onShieldChange((shield) => {
    bus.emit({ type: 'shield-changed', shield });
    if (shield.active === chainedShield.active && shield.since === chainedShield.since) return;
    chainedShield = { active: shield.active, since: shield.since };
    chainIncidents();
  });
  screening.rules.onChange((list) => bus.emit({ type: 'rules-changed', list }));
  settings.onChange((s) => bus.emit({ type: 'settings-changed', settings: s }));
  return chainIncidents;
}

/**
 * Lines: the configured ones, those given for this run, and the demo line when asked; then hot-plug, unless
 * this run was told exactly which modems to screen (serve --modem). Returns what stops the hot-plug watch.
 */
async function openLines(lines: LineSet, settings: SettingsStore, options: ServiceOptions, handlers: Handlers, log: Log): Promise<() => void> {
  for (const cfg of settings.get().lines) if (cfg.enabled) lines.add(cfg.path, { label: cfg.label, hangupMethod: cfg.hangupMethod, audioPath: cfg.audioPath });
  for (const path of options.modems ?? []) lines.add(path, {});
  if (options.demo) await lines.addDemo();
  return options.modems?.length
    ? () => {}
    : watchForModems({
        enabled: () => settings.get().autoDetectModems,
        listPorts,
        probePort: (path) => probePort(path),
        lines: () => lines.statuses(),
        add: (path) => void Promise.resolve(handlers.addLine({ path })).catch((e: Error) => log('warn', `could not add ${path}: ${e.message}`)),
        log: (message) => log('info', message),
      });
}
