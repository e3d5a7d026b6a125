// Crashes go to <dataDir>/logs/crash.log, written synchronously because the process may be about to die,
// and the app keeps screening: an uncaught exception or rejection is logged instead of killing the main
// process, the service is checked and restarted if it stopped answering (a bounded number of times), and a
// crashed window is reloaded.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CRASH_LOG = 'crash.log';
const MAX_BYTES = 1_000_000;

export type CrashKind = 'uncaught-exception' | 'unhandled-rejection' | 'renderer-gone' | 'child-process-gone' | 'service-restart' | 'log';

/** One entry: ISO time, kind, and the stack (or the value) of what was thrown. */
export function crashEntry(kind: CrashKind, detail: unknown, now: Date): string {
  const body =
    detail instanceof Error
      ? (detail.stack ?? `${detail.name}: ${detail.message}`)
      : typeof detail === 'string'
        ? detail
        : (() => {
            try {
              return JSON.stringify(detail);
            } catch {
              return String(detail);
            }
          })();
  return `[${now.toISOString()}] ${kind}\n${body.replace(/\n*$/, '')}\n\n`;
}

export type CrashLog = { readonly path: string; write(kind: CrashKind, detail: unknown): void };

/** Appends to logs/crash.log; past `maxBytes` the file moves to crash.log.1 so the log never fills the disk. */
export function openCrashLog(logsDir: string, options: { now?: () => Date; maxBytes?: number } = {}): CrashLog {
  const path = join(logsDir, CRASH_LOG);
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  return {
    path,
    write(kind, detail) {
      try {
        mkdirSync(logsDir, { recursive: true });
        let size = 0;
        try {
          size = statSync(path).size;
        } catch {
          /* no file yet */
        }
        if (size > maxBytes) renameSync(path, `${path}.1`);
        appendFileSync(path, crashEntry(kind, detail, now()));
      } catch {
        // Nowhere left to report a failure to log a failure; screening matters more than the log.
      }
    },
  };
}

type ProcessLike = { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown };

/**
 * Catches what would otherwise end the main process. Registering the handlers is itself what keeps the
 * app alive (Electron would otherwise show an error dialog and Node would exit); `recover` then makes sure
 * screening still works.
 */
export function catchCrashes(proc: ProcessLike, log: CrashLog, recover: (kind: CrashKind) => void): void {
  proc.on('uncaughtException', (error) => {
    log.write('uncaught-exception', error);
    recover('uncaught-exception');
  });
  proc.on('unhandledRejection', (reason) => {
    log.write('unhandled-rejection', reason);
    recover('unhandled-rejection');
  });
}

export type RestartBudget = { max: number; windowMs: number };
export const DEFAULT_RESTART_BUDGET: RestartBudget = { max: 5, windowMs: 10 * 60_000 };

/**
 * Whether another service restart is allowed now. A fault that recurs at every start would otherwise
 * restart forever and hammer the modem; past the budget we stop and tell the user instead.
 */
export function mayRestart(previous: readonly number[], now: number, budget: RestartBudget = DEFAULT_RESTART_BUDGET): { allowed: boolean; history: number[] } {
  const recent = previous.filter((t) => now - t < budget.windowMs);
  if (recent.length >= budget.max) return { allowed: false, history: recent };
  return { allowed: true, history: [...recent, now] };
}
