// The lines the service screens: one per modem, several at once, each with its own status and settings.
// Real lines come from settings (and --modem); the demo line is a simulated modem on the in-memory port
// pair (no pty, no socat: it works on Windows too), labelled as simulated everywhere and recorded with
// simulated=true.
import { basename } from 'node:path';
import type { CallerId, Decision, HangupMethod, LineStatus } from '../../shared/domain.ts';
import {
  openLine,
  type EndedCall,
  type LatencyStages,
  type Line,
  type LineGateOptions,
  type LineTiming,
  type ReceivedPdu,
  type SendResult,
} from '../modem/index.ts';
import { demoRing, startDemoModem, type DemoRing, type Simulator } from '../sim/index.ts';

export type LineHooks = {
  decide: (callerId: CallerId, call: { key: string; lineId: string; canGate?: boolean }) => Decision;
  /** The pass gate's settings, read at each gated call (absent: lines never probe nor gate). */
  gate?: Omit<LineGateOptions, 'audioPath'>;
  hangsUpWhateverName?: (callerId: CallerId, call: { key: string; lineId: string }) => boolean;
  status: (status: LineStatus) => void;
  callStarted: (e: { key: string; lineId: string; wallClock: Date; simulated: boolean }) => void;
  callerIdentified: (e: { key: string; lineId: string; callerId: CallerId }) => void;
  decided: (e: { key: string; lineId: string; callerId: CallerId; decision: Decision }) => void;
  callEnded: (e: EndedCall, simulated: boolean) => void;
  warn: (message: string) => void;
  /** SMS reception: resolve true once the message is durably recorded (then it is deleted from the SIM). */
  sms?: { store: (sms: ReceivedPdu, simulated: boolean) => Promise<boolean> | boolean; deleted?: (sms: ReceivedPdu) => void };
};

type Managed = {
  id: string;
  path: string;
  label: string;
  simulated: boolean;
  hangupMethod: HangupMethod;
  audioPath: string | null;
  line: Line;
  sim?: Simulator;
};

export const DEMO_LINE_ID = 'demo';

export class LineSet {
  #lines = new Map<string, Managed>();
  #hooks: LineHooks;
  #timing: Partial<LineTiming> | undefined;
  #latency: ((stages: LatencyStages & { lineId: string }) => void) | undefined;

  constructor(hooks: LineHooks, options: { timing?: Partial<LineTiming>; latency?: (stages: LatencyStages & { lineId: string }) => void } = {}) {
    this.#hooks = hooks;
    this.#timing = options.timing;
    this.#latency = options.latency;
  }

  /** A stable id from the device path: ttyUSB2, COM3, modemA … unique within this service. */
  idFor(path: string): string {
    const existing = [...this.#lines.values()].find((l) => l.path === path);
    if (existing) return existing.id;
    const base = basename(path).replace(/[^A-Za-z0-9_-]/g, '') || 'line';
    let id = base;
    for (let n = 2; this.#lines.has(id) || id === DEMO_LINE_ID; n++) id = `${base}-${n}`;
    return id;
  }

  has(id: string): boolean {
    return this.#lines.has(id);
  }

  byPath(path: string): Managed | undefined {
    return [...this.#lines.values()].find((l) => l.path === path);
  }

  /** `sim`: the line is that simulated modem, opened the way it says (its in-memory pair, for the demo). */
  add(
    path: string,
    options: { label?: string; hangupMethod?: HangupMethod; audioPath?: string | null; simulated?: boolean; id?: string; sim?: Simulator },
  ): LineStatus {
    const existing = this.byPath(path);
    if (existing) return this.status(existing.id)!;
    const id = options.id ?? this.idFor(path);
    const simulated = options.simulated ?? false;
    // The demo line has no label of its own: the UI names it in the user's language ("Demo line", "演示线路").
    const label = options.label || (simulated ? '' : basename(path));
    const hooks = this.#hooks;
    const line = openLine({
      id,
      path,
      hangupMethod: options.hangupMethod ?? 'auto',
      decide: hooks.decide,
      ...(hooks.gate ? { gate: { ...hooks.gate, audioPath: options.audioPath ?? null } } : {}),
      ...(options.sim ? { openPort: options.sim.openPort } : {}),
      ...(hooks.hangsUpWhateverName ? { hangsUpWhateverName: hooks.hangsUpWhateverName } : {}),
      // Look for an unplugged modem twice a second (a failed open costs nothing): with the line's own 10 s
      // ceiling a dongle replugged after half a minute went unscreened for up to 10 s, and screening must
      // resume within 3 s of the modem answering again (issue 10, measured by the call-bomb drill; a first
      // AT lost to a modem still waking up costs another 2 s of that).
      reconnect: { maxDelayMs: 500 },
      ...(this.#timing ? { timing: this.#timing } : {}),
      ...(this.#latency ? { latency: (stages: LatencyStages) => this.#latency?.({ ...stages, lineId: id }) } : {}),
      ...(hooks.sms
        ? { sms: { store: (sms: ReceivedPdu) => hooks.sms!.store(sms, simulated), ...(hooks.sms.deleted ? { deleted: hooks.sms.deleted } : {}) } }
        : {}),
    });
    const managed: Managed = {
      id,
      path,
      label,
      simulated,
      hangupMethod: options.hangupMethod ?? 'auto',
      audioPath: options.audioPath ?? null,
      line,
      ...(options.sim ? { sim: options.sim } : {}),
    };
    this.#lines.set(id, managed);
    line.on('status', () => hooks.status(this.status(id)!));
    line.on('call-started', (e) => hooks.callStarted({ key: e.key, lineId: id, wallClock: e.wallClock, simulated }));
    line.on('caller-id', (e) => hooks.callerIdentified({ key: e.key, lineId: id, callerId: e.callerId }));
    line.on('decided', (e) => hooks.decided({ key: e.key, lineId: id, callerId: e.callerId, decision: e.decision }));
    line.on('call-ended', (e) => hooks.callEnded(e, simulated));
    line.on('warning', (w) => hooks.warn(`${label || 'Simulated line'}: ${w.message}`));
    return this.status(id)!;
  }

  async addDemo(): Promise<LineStatus> {
    const existing = this.#lines.get(DEMO_LINE_ID);
    if (existing) return this.status(DEMO_LINE_ID)!;
    const sim = await startDemoModem({ link: 'demo-modem', transport: 'memory' });
    this.add(sim.link, { id: DEMO_LINE_ID, simulated: true, sim });
    // "Ready" for the demo means initialised and screening, so a newcomer's first call is handled.
    await this.#lines
      .get(DEMO_LINE_ID)
      ?.line.ready(5000)
      .catch((e: Error) => this.#hooks.warn(`Simulated line: ${e.message}`));
    return this.status(DEMO_LINE_ID)!;
  }

  /**
   * Rings the demo line from the UI's "Ring the demo line" panel: an ordinary caller, a caller on the
   * sandbox's blocked list, or a flood of rotating numbers. Returns at once with how many calls were placed;
   * the calls themselves arrive as events like any other.
   */
  ringDemo(kind: DemoRing): number {
    const sim = this.#lines.get(DEMO_LINE_ID)?.sim;
    if (!sim) return 0;
    const calls = demoRing(kind, Date.now());
    if (calls.length === 1) void sim.placeCall(calls[0]!.call).catch((e: Error) => this.#hooks.warn(`Simulated line: ${e.message}`));
    else void sim.runScenario({ steps: calls }).catch((e: Error) => this.#hooks.warn(`Simulated line: ${e.message}`));
    return calls.length;
  }

  configure(id: string, patch: { label?: string; hangupMethod?: HangupMethod; audioPath?: string | null }): LineStatus {
    const m = this.#lines.get(id);
    if (!m) throw new Error(`no line ${id}`);
    if (patch.label !== undefined) m.label = patch.label || basename(m.path);
    const method = patch.hangupMethod !== undefined && patch.hangupMethod !== m.hangupMethod;
    const audio = patch.audioPath !== undefined && patch.audioPath !== m.audioPath;
    if (method || audio) {
      // The hang-up chain and the gate's audio port are chosen when the line opens; reopen it with the new ones.
      if (patch.hangupMethod !== undefined) m.hangupMethod = patch.hangupMethod;
      if (patch.audioPath !== undefined) m.audioPath = patch.audioPath;
      const { path, label, simulated, sim, hangupMethod, audioPath } = m;
      void m.line.close();
      this.#lines.delete(id);
      return this.add(path, { id, label, simulated, hangupMethod, audioPath, ...(sim ? { sim } : {}) });
    }
    const status = this.status(id)!;
    this.#hooks.status(status);
    return status;
  }

  async remove(id: string): Promise<boolean> {
    const m = this.#lines.get(id);
    if (!m) return false;
    this.#lines.delete(id);
    await m.line.close();
    if (m.sim) await m.sim.close();
    return true;
  }

  status(id: string): LineStatus | null {
    const m = this.#lines.get(id);
    if (!m) return null;
    return { ...m.line.status(), id: m.id, path: m.path, label: m.label, simulated: m.simulated, hangupMethod: m.hangupMethod };
  }

  statuses(): LineStatus[] {
    return [...this.#lines.keys()].map((id) => this.status(id)!);
  }

  /** Sends an SMS through a line (only for text the user confirmed). */
  async sendSms(id: string, to: string, text: string): Promise<SendResult> {
    const m = this.#lines.get(id);
    if (!m) return { ok: false, sentParts: 0, references: [], pdus: [], error: `there is no line ${id}` };
    return m.line.sendSms(to, text);
  }

  /** Lines that can send SMS now (GSM, initialised, SMS set up), real ones first. */
  smsReady(): LineStatus[] {
    return [...this.#lines.values()]
      .filter((m) => m.line.status().kind === 'gsm' && m.line.status().state === 'ready' && m.line.smsState().ready)
      .sort((a, b) => Number(a.simulated) - Number(b.simulated))
      .map((m) => this.status(m.id)!);
  }

  get demo(): boolean {
    return this.#lines.has(DEMO_LINE_ID);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#lines.keys()].map((id) => this.remove(id)));
  }
}
