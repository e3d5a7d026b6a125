// The service's housekeeping tick, every 2 s: end the shield after its quiet period, see what the CLI changed,
// apply retention, write the daily checkpoint and the opt-in checkpoint SMS, and have the record writer copy
// the WAL into the database now and then (the service's own connection never checkpoints).
import { checkpointSmsText, type History } from '../history/index.ts';
import type { Screening } from '../screening/index.ts';
import type { SettingsStore } from '../settings/index.ts';
import type { DataPaths } from '../store/index.ts';
import { checkpointDirs } from './checkpoint-dirs.ts';
import type { LineSet } from './lines.ts';
import type { MessageDesk, MessageDeskOptions } from './messages.ts';
import type { RecordWriter } from './record-writer.ts';
import { texts } from './texts.ts';

export type HousekeepingOptions = {
  paths: DataPaths;
  settings: SettingsStore;
  history: History;
  screening: Screening;
  writer: RecordWriter;
  lines: LineSet;
  desk: MessageDesk;
  notify: MessageDeskOptions['notify'];
  log: MessageDeskOptions['log'];
  now: () => Date;
};

/** Starts the tick (it does not keep the process alive); the returned function stops it. */
export function startHousekeeping(o: HousekeepingOptions): () => void {
  const { settings, screening, history, writer, log } = o;
  const checkpointDaily = dailyCheckpoint(o);
  const checkpointSmsDue = checkpointSms(o);
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
  return () => clearInterval(tick);
}

/**
 * A checkpoint a day (when the chain moved): the head written outside the database, where whoever edits the
 * database cannot follow. The first one soon after start, then every 24 hours.
 */
function dailyCheckpoint({ history, paths, settings, log }: HousekeepingOptions): () => void {
  let lastCheckpoint = { at: 0, lastId: -1 };
  return () => {
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
}

/**
 * The opt-in checkpoint SMS (Settings → Evidence): the head texted to the number the user confirmed, so the
 * operator's own records timestamp it. Never to a number not confirmed; the sent text is itself recorded.
 * Checked on every housekeeping tick, not only with the daily checkpoint: a line that becomes ready later
 * (the modem plugged in after start) still sends that day's SMS. At most one a day per number, however
 * often Ringfence restarts (the sent SMS in the chain say when the last one went); a failure waits 10 minutes.
 */
function checkpointSms({ settings, history, lines, desk, notify, log, now }: HousekeepingOptions): () => Promise<void> {
  let smsCheckpointBusy = false;
  let smsCheckpointRetryAt = 0;
  let smsCheckpointNoLineSaid = 0;
  return async () => {
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
}
