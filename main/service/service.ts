// The core: owns the lines, the screening engine, the history and the settings, and wires them:
// caller ID → decision → hang-up (inside the line, before anything slow) → record → event.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ApiEvent } from '../../shared/api.ts';
import type { Decision, Text } from '../../shared/domain.ts';
import { checkpointSmsText, openHistory, type History, type NewCall } from '../history/index.ts';
import { listPorts, probePort, type EndedCall, type LatencyStages, type LineTiming } from '../modem/index.ts';
import { afterGate, normalizeNumber, openScreening, type Screening } from '../screening/index.ts';
import type { Notice, SettingsStore } from '../settings/index.ts';
import { acquireDataLock, dataPaths, openDataStore, type DataPaths } from '../store/index.ts';
import { createApiHost, type ApiHost } from './api-host.ts';
import { EventBus } from './events.ts';
import { buildHandlers, type ExportJob, type ExportJobs } from './handlers.ts';
import { watchForModems } from './hotplug.ts';
import { LineSet } from './lines.ts';
import { RecordQueue } from './record-queue.ts';
import { startRecordWriter } from './record-writer.ts';
import { isoWithOffset, localTimeZone } from './time.ts';
import { checkpointDirs } from './checkpoint-dirs.ts';
import { messageDesk } from './messages.ts';
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
  text: { en: 'Not screened: the call ended before its caller was known.', zh: '未筛选：来电在识别号码之前已结束。' },
};

export async function startService(options: ServiceOptions): Promise<Service> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const paths = dataPaths(options.dataDir);
  const settings = options.settings;
  const bus = new EventBus();
  const notices: Notice[] = [...settings.notices];
  const notify = (code: string, level: Notice['level'], text: Text) => {
    const notice = { code, level, text };
    notices.push(notice);
    if (notices.length > 50) notices.shift();
    bus.emit({ type: 'notice', ...notice });
    log(level === 'info' ? 'info' : level === 'warning' ? 'warn' : 'error', text.en);
  };

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

  let pausedUntil: Date | null = null;
  // Wall-clock starts come from the service's clock (injectable for the drill), keyed by call.
  const startedAt = new Map<string, Date>();
  const paused = () => pausedUntil !== null && pausedUntil > now();

  const records = new RecordQueue<PendingRecord, import('../../shared/domain.ts').CallRecord>({
    write: (call) => writer.record(call),
    written: (record, call) => bus.emit({ type: 'call-ended', key: call.callKey, record }),
    failing: (error, pending) =>
      notify('history-write-failing', 'error', {
        en: `Call records cannot be saved (${error.message}). Screening continues; ${pending} record(s) are kept and retried. Free disk space or check the data folder ${paths.dir}.`,
        zh: `无法保存通话记录（${error.message}）。拦截仍在运行；${pending} 条记录已保留并将重试。请释放磁盘空间或检查数据文件夹 ${paths.dir}。`,
      }),
    recovered: (flushed) =>
      notify('history-write-recovered', 'info', {
        en: `Call records are being saved again; ${flushed} waiting record(s) were written.`,
        zh: `通话记录已恢复保存；${flushed} 条等待中的记录已写入。`,
      }),
  });

  const desk = messageDesk({ writer, history, screening, settings, emit: (e) => bus.emit(e), notify, log, now });

  const lines = new LineSet({
    decide: (callerId, call) => {
      if (paused()) {
        return {
          action: 'allow',
          reason: 'paused',
          ruleId: null,
          ruleLabel: null,
          text: { en: 'Screening is paused: every call rings through.', zh: '拦截已暂停：所有来电均可接通。' },
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
    sms: desk.hooks,
  }, { ...(options.lineTiming ? { timing: options.lineTiming } : {}), ...(options.latency ? { latency: options.latency } : {}) });

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

  // The shield's engagements and ends go into the chain as they happen (and any the last run missed, now):
  // the incidents of the evidence report are chained facts, not rows anyone could edit.
  const chainIncidents = () => {
    try {
      history.recordIncidents(screening.incidents());
    } catch (error) {
      log('error', `the shield's incidents could not be chained yet: ${(error as Error).message}`);
    }
  };
  chainIncidents();
  screening.onShieldChange((shield) => {
    bus.emit({ type: 'shield-changed', shield });
    chainIncidents();
  });
  screening.rules.onChange((list) => bus.emit({ type: 'rules-changed', list }));
  settings.onChange((s) => bus.emit({ type: 'settings-changed', settings: s }));

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
    paused: () => (paused() ? pausedUntil : null),
    setPaused: (until) => {
      pausedUntil = until;
    },
    chainIncidents,
    desk,
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  });

  // Lines: configured ones, those given for this run, and the demo line when asked.
  for (const cfg of settings.get().lines) if (cfg.enabled) lines.add(cfg.path, { label: cfg.label, hangupMethod: cfg.hangupMethod, audioPath: cfg.audioPath });
  for (const path of options.modems ?? []) lines.add(path, {});
  if (options.demo) await lines.addDemo();
  // Hot-plug, unless this run was told exactly which modems to screen (serve --modem).
  const stopHotplug = options.modems?.length
    ? () => {}
    : watchForModems({
        enabled: () => settings.get().autoDetectModems,
        listPorts,
        probePort: (path) => probePort(path),
        lines: () => lines.statuses(),
        add: (path) => void Promise.resolve(handlers.addLine({ path })).catch((e: Error) => log('warn', `could not add ${path}: ${e.message}`)),
        log: (message) => log('info', message),
      });

  // A checkpoint a day (when the chain moved): the head written outside the database, where whoever edits the
  // database cannot follow. The first one soon after start, then every 24 hours.
  let lastCheckpoint = { at: 0, lastId: -1 };
  const checkpointDaily = () => {
    if (Date.now() - lastCheckpoint.at < 24 * 3600_000) return;
    const head = history.headInfo();
    lastCheckpoint = { at: Date.now(), lastId: head.lastId };
    if (head.head === null) return;
    for (const dir of checkpointDirs(paths, settings.get().evidence.checkpointDir)) {
      try {
        history.checkpoint(dir, 'daily');
      } catch (error) {
        log('warn', `could not write the daily checkpoint to ${dir}: ${(error as Error).message}`);
      }
    }
  };

  // The opt-in checkpoint SMS (Settings → Evidence): the head texted to the number the user confirmed, so the
  // operator's own records timestamp it. Never to a number not confirmed; the sent text is itself recorded.
  // Checked on every housekeeping tick, not only with the daily checkpoint: a line that becomes ready later
  // (the modem plugged in after start) still sends that day's SMS. At most one a day per number, however
  // often Ringfence restarts (the sent SMS in the chain say when the last one went); a failure waits 10 minutes.
  let smsCheckpointBusy = false;
  let smsCheckpointRetryAt = 0;
  let smsCheckpointNoLineSaid = 0;
  const checkpointSmsDue = async () => {
    const { enabled, to, confirmedAt } = settings.get().evidence.smsCheckpoint;
    if (smsCheckpointBusy || !enabled || !confirmedAt || !/^\+?\d{3,20}$/.test(to) || Date.now() < smsCheckpointRetryAt) return;
    const since = now().getTime() - 23 * 3600_000;
    if (history.listSms({ party: to, fromMs: since, limit: 20 }).some((s) => s.direction === 'sent' && s.party === to)) return;
    const head = history.headInfo();
    if (head.head === null) return;
    const line = lines.smsReady()[0];
    if (!line) {
      // Said once a day, not on every tick.
      if (Date.now() - smsCheckpointNoLineSaid > 24 * 3600_000 && lines.statuses().length > 0) {
        smsCheckpointNoLineSaid = Date.now();
        notify('checkpoint-sms-no-line', 'warning', texts.checkpointSmsNoLine(to));
      }
      return;
    }
    smsCheckpointBusy = true;
    try {
      const result = await lines.sendSms(line.id, to, checkpointSmsText({ lastId: head.lastId, head: head.head }, now()));
      const recorded = await desk.recordSent(line.id, line.simulated, result, null);
      if (recorded.ok) notify('checkpoint-sms-sent', 'info', texts.checkpointSmsSent(to, head.lastId));
      else {
        smsCheckpointRetryAt = Date.now() + 10 * 60_000;
        notify('checkpoint-sms-failed', 'warning', texts.checkpointSmsFailed(to, recorded.error ?? ''));
      }
    } catch (error) {
      smsCheckpointRetryAt = Date.now() + 10 * 60_000;
      log('warn', `checkpoint SMS: ${(error as Error).message}`);
    } finally {
      smsCheckpointBusy = false;
    }
  };

  // Housekeeping: end the shield after its quiet period, see CLI changes, apply retention, write the daily
  // checkpoint, and have the record writer copy the WAL into the database now and then (this connection
  // never checkpoints).
  let lastRetention = 0;
  let ticks = 0;
  const tick = setInterval(() => {
    if (writer.threaded && ++ticks % 15 === 0) writer.checkpoint().catch((error: Error) => log('warn', `WAL checkpoint failed: ${error.message}`));
    try {
      settings.refresh();
      screening.refresh();
      screening.tick();
      checkpointDaily();
      void checkpointSmsDue();
      const days = settings.get().retentionDays;
      if (days !== null && Date.now() - lastRetention > 3600_000) {
        lastRetention = Date.now();
        history.applyRetention(days);
      }
    } catch (error) {
      log('error', `housekeeping failed: ${(error as Error).message}`);
    }
  }, 2000);
  tick.unref();

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
      clearInterval(tick);
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
      db.close();
      lock.release();
    },
  };
}
