// Every API method, as a thin translation onto the components. Inputs arrive validated (api-host.ts);
// components throw DomainErrors (shared/errors.ts), which every transport reports through toApiError.
import { join } from 'node:path';
import type { ApiEvent } from '../../shared/api.ts';
import type { Settings } from '../../shared/settings.ts';
import { findCheckpoints, resolveRange, resolveTime, systemTimeZone, type History } from '../history/index.ts';
import { checkpointDirs } from './checkpoint-dirs.ts';
import { listPorts, probePort } from '../modem/index.ts';
import type { Screening } from '../screening/index.ts';
import type { Notice, SettingsStore } from '../settings/index.ts';
import type { DataPaths } from '../store/index.ts';
import { version } from '../version.ts';
import { ApiFailure, type Handlers } from './api-host.ts';
import { texts } from './texts.ts';
import type { LineSet } from './lines.ts';
import { buildMessageHandlers, messageFigures } from './message-handlers.ts';
import type { MessageDesk } from './messages.ts';

export type ExportJob = { path: string; fileName: string; contentType: string };
export type ExportJobs = Map<string, ExportJob>;

export type HandlerContext = {
  host: 'desktop' | 'headless';
  /** The folder is the demo's sandbox, not the user's real data. */
  sandbox: boolean;
  paths: DataPaths;
  settings: SettingsStore;
  history: History;
  screening: Screening;
  lines: LineSet;
  exports: ExportJobs;
  notices: Notice[];
  emit: (e: ApiEvent) => void;
  newId: () => string;
  now: () => Date;
  paused: () => Date | null;
  setPaused: (until: Date | null) => void;
  /** Prints an evidence pack's report to A4 PDF (the desktop app's Electron printer), when there is one. */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
  /** Chains the shield's incidents that are not yet in the chain. */
  chainIncidents: () => void;
  /** SMS: recording what lines send and joining recorded parts into messages. */
  desk: MessageDesk;
};

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pack: 'text/html; charset=utf-8',
} as const;

export function buildHandlers(ctx: HandlerContext): Handlers {
  const { settings, history, screening, lines } = ctx;

  const lineOrFail = (lineId: string) => {
    const status = lines.status(lineId);
    if (!status) throw new ApiFailure('no-such-line', texts.noSuchLine(lineId), { status: 404 });
    return status;
  };

  const saveLines = (update: (l: Settings['lines']) => Settings['lines']) => settings.update({ lines: update(settings.get().lines) });

  const handlers: Handlers = {
    ...buildMessageHandlers({ history, settings, lines, desk: ctx.desk, newId: ctx.newId, now: ctx.now }),
    getStatus: () => ({
      version,
      host: ctx.host,
      dataDir: ctx.paths.dir,
      lines: lines.statuses(),
      shield: screening.shield(),
      today: history.todayCounts(ctx.now()),
      pausedUntil: ctx.paused()?.toISOString() ?? null,
      demo: lines.demo,
      sandbox: ctx.sandbox,
      notices: ctx.notices.slice(-20),
    }),
    listPorts: () => listPorts(),
    probePort: ({ path }) => {
      if (lines.byPath(path)) throw new ApiFailure('port-in-use', texts.portInUse(path), { status: 409 });
      return probePort(path);
    },
    addLine: ({ path, label, hangupMethod }) => {
      const status = lines.add(path, { ...(label !== undefined ? { label } : {}), ...(hangupMethod ? { hangupMethod } : {}) });
      saveLines((l) =>
        l.some((c) => c.path === path) ? l : [...l, { path, label: label ?? '', hangupMethod: hangupMethod ?? 'auto', enabled: true, audioPath: null }],
      );
      return status;
    },
    removeLine: async ({ lineId }) => {
      const status = lineOrFail(lineId);
      await lines.remove(lineId);
      if (!status.simulated) saveLines((l) => l.filter((c) => c.path !== status.path));
      ctx.emit({ type: 'line-removed', lineId });
      return {};
    },
    configureLine: async ({ lineId, label, hangupMethod, enabled, audioPath }) => {
      const status = lineOrFail(lineId);
      if (enabled === false) {
        await lines.remove(lineId);
        saveLines((l) => l.map((c) => (c.path === status.path ? { ...c, enabled: false } : c)));
        return { ...status, state: 'disconnected' as const };
      }
      const next = lines.configure(lineId, {
        ...(label !== undefined ? { label } : {}),
        ...(hangupMethod ? { hangupMethod } : {}),
        ...(audioPath !== undefined ? { audioPath } : {}),
      });
      if (!status.simulated) {
        saveLines((l) =>
          l.map((c) =>
            c.path === status.path
              ? {
                  ...c,
                  ...(label !== undefined ? { label } : {}),
                  ...(hangupMethod ? { hangupMethod } : {}),
                  ...(audioPath !== undefined ? { audioPath } : {}),
                }
              : c,
          ),
        );
      }
      return next;
    },
    queryCalls: (q) => history.query(q),
    getCall: ({ id }) => {
      const call = history.get(id);
      if (!call) throw new ApiFailure('no-such-call', texts.noSuchCall(id), { status: 404 });
      return { call, notes: history.notes(id) };
    },
    addNote: ({ callId, text }) => {
      if (!history.get(callId)) throw new ApiFailure('no-such-call', texts.noSuchCall(callId), { status: 404 });
      return history.addNote(callId, text);
    },
    getStatistics: (q) => {
      const { from, to } = resolveRange(q, systemTimeZone());
      const stats = history.statistics({ from, to, bucket: q.bucket, top: q.top }, screening.incidents({ from, to }));
      return {
        ...stats,
        messages: messageFigures(
          ctx.desk.messages(history.listSms({ ...(from ? { fromMs: Date.parse(from) } : {}), ...(to ? { toMs: Date.parse(to) } : {}), order: 'oldest' })),
        ),
      };
    },
    listRules: (q) => screening.rules.list(q),
    addRule: (input) => screening.rules.add(input),
    interpretRule: (input) => screening.rules.interpret(input),
    updateRule: ({ id, patch }) => screening.rules.update(id, patch),
    removeRule: ({ id }) => {
      screening.rules.remove(id);
      return {};
    },
    previewImport: (q) => screening.rules.previewImport(q),
    commitImport: ({ token, skipInvalid }) => screening.rules.commitImport(token, { skipInvalid }),
    exportRules: (q) => screening.rules.export(q),
    // A date means "until the end of that day" (a rule's expiry reads a date the same way, in screening).
    setShield: ({ on, until }) => screening.setShield(on, until ? resolveTime(until, 'to', systemTimeZone()) : null),
    pauseScreening: ({ minutes }) => {
      const until = minutes === null ? null : new Date(ctx.now().getTime() + minutes * 60_000);
      ctx.setPaused(until);
      return { pausedUntil: until?.toISOString() ?? null };
    },
    getSettings: () => settings.get(),
    updateSettings: ({ patch }) => settings.update(patch),
    exportHistory: async (q) => {
      const { format, numbers, language, exclude } = q;
      const { from, to } = resolveRange({ from: q.from, to: q.to }, systemTimeZone());
      const jobId = ctx.newId().replace(/-/g, '').slice(0, 16);
      // The job's own id in the name: two exports in the same second never share a file, so each download
      // link serves exactly the file its request produced (and a one-number export never hands out another).
      const stamp = `${ctx.now().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${jobId.slice(0, 8)}`;
      const fileName =
        format === 'pack' ? `ringfence-evidence-pack-${stamp}` : `ringfence-${format === 'html' ? 'evidence-report' : 'calls'}-${stamp}.${format}`;
      const path = join(ctx.paths.exports, fileName);
      ctx.chainIncidents();
      const s = settings.get();
      const chosen = s.evidence.checkpointDir;
      const { rows, files } = await history.exportTo(
        path,
        {
          format,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          numbers,
          language,
          homeCountry: s.homeCountry,
          incidents: history.incidents(),
          ownNumbers: [...new Set(Object.values(s.evidence.lineNumbers).flat())],
          exclude,
          windowMinutes: s.screening.shield.windowMinutes,
          messages: (parts) => ctx.desk.messages(parts),
          ...(format === 'pack' ? { checkpoints: findCheckpoints([ctx.paths.exports, ...(chosen ? [chosen] : [])]) } : {}),
          ...(ctx.printPdf ? { printPdf: ctx.printPdf } : {}),
          dataDirs: [ctx.paths.dir],
        },
        (done, total) => ctx.emit({ type: 'export-progress', jobId, done, total }),
      );
      // A pack is a folder: a browser gets its report to open; the desktop app shows the folder.
      if (format === 'pack') ctx.exports.set(jobId, { path: join(path, 'report.html'), fileName: `${fileName}-report.html`, contentType: contentTypes.html });
      else ctx.exports.set(jobId, { path, fileName, contentType: contentTypes[format] });
      // Every export is a checkpoint too: the head it carries, and one in the checkpoint folders.
      for (const dir of checkpointDirs(ctx.paths, settings.get().evidence.checkpointDir)) {
        try {
          history.checkpoint(dir, `export ${fileName}`);
        } catch {
          // The export itself carries the head; a checkpoint folder that cannot be written is not worth failing it.
        }
      }
      return {
        jobId,
        fileName,
        rows,
        path: ctx.host === 'desktop' ? path : null,
        url: ctx.host === 'headless' ? `/api/exports/${jobId}` : null,
        ...(files ? { files } : {}),
      };
    },
    verifyHistory: () => {
      const chosen = settings.get().evidence.checkpointDir;
      return history.verify({ incidents: screening.incidents(), checkpoints: findCheckpoints([ctx.paths.exports, ...(chosen ? [chosen] : [])]) });
    },
    ringDemo: ({ kind }) => {
      if (!lines.demo) {
        throw new ApiFailure('no-demo-line', texts.noDemoLine(), { status: 409 });
      }
      return { calls: lines.ringDemo(kind) };
    },
    setDemo: async ({ on }) => {
      // Not beside a real line: screening counts every call it decides, so the demo's made-up floods (one
      // every ten-minute cycle) would turn the shield on for the real line's callers and put made-up
      // incidents into the evidence. The demo plays in its sandbox instead (demo-sandbox.ts; the desktop
      // app switches there by itself when no real line is set up). `serve --modem … --demo` still asks for
      // both explicitly; those calls are marked simulated and left out of the report's figures.
      if (on && !lines.demo && !ctx.sandbox && lines.statuses().some((l) => !l.simulated)) {
        throw new ApiFailure('demo-beside-real-line', texts.demoBesideRealLine(), { status: 409 });
      }
      if (on) return { demo: true, line: await lines.addDemo() };
      await lines.remove('demo');
      ctx.emit({ type: 'line-removed', lineId: 'demo' });
      return { demo: false, line: null };
    },
  };

  return handlers;
}
