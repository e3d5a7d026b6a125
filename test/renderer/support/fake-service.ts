// An in-memory Ringfence service for the UI tests: every method of the contract over plain arrays, a
// toy screening step for simulated calls, and the same events the real service sends. Inputs arrive
// already validated by the real api-host (main/service/api-host.ts), so the fake cannot accept what the
// real service would refuse.
import type { ApiEvent, CallQuery, MethodOutput, Statistics, Status } from '../../../shared/api.ts';
import type { CallerId, CallRecord, LineStatus, Presentation, Rule, ShieldState } from '../../../shared/domain.ts';
import { Settings, defaultSettings } from '../../../shared/settings.ts';
import { ApiFailure, invalidInput, type Handlers } from '../../../main/service/api-host.ts';
import { numberRange } from '../../../shared/phone.ts';
import { callRecord, decision, demoLine, gsmLine, hashOf, localIso, seedCalls, seedRules, syntheticCall } from './fake-data.ts';
import { exportHandlers } from './fake-export.ts';
import { importHandlers } from './fake-import.ts';
import { messageHandlers } from './fake-messages.ts';

export type FakeOptions = {
  /** Calls held as a synthetic history (generated on demand) instead of the seed calls. */
  syntheticCalls?: number;
  /** Start with no lines at all (the first-run Overview). */
  noLines?: boolean;
  /** Milliseconds between export progress events. */
  exportStepMs?: number;
  /** Behave as the desktop app does with no real line: setDemo moves into the demo's sandbox folder and back
   *  (status.sandbox, a `service-changed` event), as main/app/desktop.ts does with two real services. */
  desktopSandbox?: boolean;
};

export type FakeService = ReturnType<typeof createFakeService>;

export function createFakeService(options: FakeOptions = {}) {
  const now = Date.now();
  const listeners = new Set<(e: ApiEvent) => void>();
  const emit = (event: ApiEvent) => {
    for (const l of listeners) l(event);
  };

  const synthetic = options.syntheticCalls ?? 0;
  const records = new Map<number, CallRecord>();
  if (!synthetic) for (const c of seedCalls(now)) records.set(c.id, c);
  let nextId = synthetic ? synthetic + 1 : records.size + 1;
  const notes: { id: number; callId: number; createdAt: string; text: string }[] = [];
  const rules: Rule[] = seedRules(now);
  let settings: Settings = defaultSettings();
  let lines: LineStatus[] = options.noLines ? [] : [gsmLine];
  let demo = false;
  let sandbox = false;
  const realDir = '/home/user/.local/share/ringfence';
  let pausedUntil: string | null = null;
  let shield: ShieldState = {
    active: false,
    since: null,
    trigger: null,
    cause: null,
    until: null,
    quietMinutes: 60,
    incidentId: null,
    callsBlocked: 0,
    distinctNumbers: 0,
    text: null,
  };
  let ruleSeq = 0;
  const shieldNumbers = new Set<string>();

  const getRecord = (id: number): CallRecord | undefined => records.get(id) ?? (id >= 1 && id <= synthetic ? syntheticCall(id, synthetic, now) : undefined);

  function matches(call: CallRecord, q: CallQuery): boolean {
    if (q.from && new Date(call.startedAt) < new Date(q.from)) return false;
    if (q.to && new Date(call.startedAt) > new Date(q.to)) return false;
    if (q.number && !(call.number ?? '').replace(/\D/g, '').includes(q.number.replace(/\D/g, ''))) return false;
    if (q.name && !(call.name ?? '').toLowerCase().includes(q.name.toLowerCase())) return false;
    if (q.action && call.decision.action !== q.action) return false;
    if (q.lineId && call.lineId !== q.lineId) return false;
    if (q.presentation && call.presentation !== q.presentation) return false;
    if (q.oneRing !== undefined && call.oneRing !== q.oneRing) return false;
    return true;
  }

  const digits = (s: string) => s.replace(/[^\d]/g, '');
  function findRule(list: 'blocked' | 'trusted', number: string | null, presentation: Presentation): Rule | undefined {
    return rules.find((r) => {
      if (r.list !== list) return false;
      if (r.kind === 'presentation') return r.value === presentation;
      if (!number) return false;
      if (r.value.endsWith('*')) return digits(number).startsWith(digits(r.value));
      return digits(r.value) === digits(number);
    });
  }

  function status(): Status {
    const today = new Date().toDateString();
    const todays = [...records.values()].filter((c) => new Date(c.startedAt).toDateString() === today);
    return {
      version: '0.1.0-fake',
      host: options.desktopSandbox ? 'desktop' : 'headless',
      dataDir: sandbox ? `${realDir}/demo-sandbox` : realDir,
      lines,
      shield,
      today: { calls: todays.length, blocked: todays.filter((c) => c.decision.action === 'reject' || c.decision.action === 'answer-hangup').length },
      pausedUntil,
      demo,
      sandbox,
      notices: [],
    };
  }

  const ruleInputToRule = (input: Parameters<Handlers['addRule']>[0]): Rule => {
    const value = input.value.trim();
    const kind =
      input.kind ??
      (['withheld', 'unavailable', 'none'].includes(value) ? 'presentation' : value.endsWith('*') ? 'prefix' : /^\+?[\d\s-]+$/.test(value) ? 'number' : 'name');
    if (kind === 'number' && digits(value).length < 3) {
      throw invalidInput('addRule', [`value: "${value}" is not a phone number`]);
    }
    const at = localIso(Date.now());
    return {
      id: `r-${++ruleSeq}`,
      list: input.list,
      kind,
      value,
      label: input.label,
      category: input.category,
      action: input.action ?? (input.list === 'trusted' ? 'allow' : 'reject'),
      note: input.note,
      schedule: input.schedule,
      expiresAt: input.expiresAt,
      createdAt: at,
      updatedAt: at,
      hitCount: 0,
      lastHitAt: null,
    };
  };

  const sms = messageHandlers({ now, settings: () => settings, lineOperator: () => lines[0]?.operator ?? null });
  const exporter = exportHandlers({ calls: () => [...records.values()], emit, stepMs: options.exportStepMs ?? 40 });
  const handlers: Handlers = {
    getStatus: () => status(),
    listPorts: () => [
      {
        path: '/dev/ttyUSB2',
        manufacturer: 'Huawei',
        vendorId: '12d1',
        productId: '1001',
        rank: 10,
        description: { en: 'Huawei modem, voice port', zh: '华为调制解调器语音端口' },
        inUse: false,
      },
      {
        path: '/dev/ttyS0',
        manufacturer: null,
        vendorId: null,
        productId: null,
        rank: 0,
        description: { en: 'Built-in serial port', zh: '内置串口' },
        inUse: false,
      },
    ],
    probePort: ({ path }) =>
      path === '/dev/ttyUSB2'
        ? { path, ok: true, kind: 'gsm', manufacturer: 'Huawei', model: 'E173', problem: null }
        : {
            path,
            ok: false,
            kind: null,
            manufacturer: null,
            model: null,
            problem: {
              code: 'no-answer',
              text: { en: 'Nothing answered on this port. It is probably not a modem.', zh: '此端口没有响应，可能不是调制解调器。' },
            },
          },
    addLine: ({ path, label, hangupMethod }) => {
      const line: LineStatus = {
        ...gsmLine,
        id: `line-${lines.length + 2}`,
        path,
        label: label ?? path,
        hangupMethod: hangupMethod ?? 'auto',
        state: 'connecting',
      };
      lines = [...lines, line];
      emit({ type: 'line-status', line });
      return line;
    },
    removeLine: ({ lineId }) => {
      lines = lines.filter((l) => l.id !== lineId);
      emit({ type: 'line-removed', lineId });
      return {};
    },
    configureLine: ({ lineId, label, hangupMethod }) => {
      const line = lines.find((l) => l.id === lineId);
      if (!line) throw new ApiFailure('not-found', { en: `There is no line "${lineId}".`, zh: `没有线路“${lineId}”。` }, { status: 404 });
      const next = { ...line, ...(label !== undefined ? { label } : {}), ...(hangupMethod ? { hangupMethod } : {}) };
      lines = lines.map((l) => (l.id === lineId ? next : l));
      emit({ type: 'line-status', line: next });
      return next;
    },
    queryCalls: (q) => {
      const newest = q.order !== 'oldest';
      const top = nextId - 1;
      let id = q.cursor ? Number(q.cursor.slice(1)) + (newest ? -1 : 1) : newest ? top : 1;
      const calls: CallRecord[] = [];
      while (calls.length < q.limit && id >= 1 && id <= top) {
        const call = getRecord(id);
        if (call && matches(call, q)) calls.push(call);
        id += newest ? -1 : 1;
      }
      const more = newest ? id >= 1 : id <= top;
      return { calls, nextCursor: more && calls.length ? `c${calls.at(-1)!.id}` : null };
    },
    getCall: ({ id }) => {
      const call = getRecord(id);
      if (!call) throw new ApiFailure('not-found', { en: `There is no call #${id}.`, zh: `没有第 ${id} 通来电。` }, { status: 404 });
      return { call, notes: notes.filter((n) => n.callId === id) };
    },
    addNote: ({ callId, text }) => {
      const note = { id: notes.length + 1, callId, createdAt: localIso(Date.now()), text };
      notes.push(note);
      return note;
    },
    getStatistics: ({ from, to, bucket, top }) => statistics(from, to, bucket, top),
    listRules: ({ list, search, offset, limit }) => {
      const all = rules.filter((r) => r.list === list && (!search || `${r.value} ${r.label}`.toLowerCase().includes(search.toLowerCase())));
      return { rules: all.slice(offset, offset + limit), total: all.length };
    },
    interpretRule: ({ list, value, kind }) => {
      const rule = ruleInputToRule({ list, value, ...(kind ? { kind } : {}) } as Parameters<Handlers['addRule']>[0]);
      ruleSeq--;
      return { kind: rule.kind, value: rule.value };
    },
    addRule: (input) => {
      const rule = ruleInputToRule(input);
      const existing = rules.find((r) => r.list === rule.list && r.value === rule.value);
      if (existing) return existing;
      rules.push(rule);
      emit({ type: 'rules-changed', list: rule.list });
      return rule;
    },
    updateRule: ({ id, patch }) => {
      const index = rules.findIndex((r) => r.id === id);
      if (index === -1) throw new ApiFailure('not-found', { en: `There is no rule "${id}".`, zh: `没有规则“${id}”。` }, { status: 404 });
      const updated = {
        ...rules[index]!,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        updatedAt: localIso(Date.now()),
      } as Rule;
      rules[index] = updated;
      emit({ type: 'rules-changed', list: updated.list });
      return updated;
    },
    removeRule: ({ id }) => {
      const index = rules.findIndex((r) => r.id === id);
      if (index === -1) throw new ApiFailure('not-found', { en: `There is no rule "${id}".`, zh: `没有规则“${id}”。` }, { status: 404 });
      const [removed] = rules.splice(index, 1);
      emit({ type: 'rules-changed', list: removed!.list });
      return {};
    },
    ...importHandlers({ rules, addRule: (input) => rules.push(ruleInputToRule(input)), emit }),
    setShield: ({ on, until }) => {
      shieldNumbers.clear();
      shield = on
        ? {
            ...shield,
            active: true,
            since: localIso(Date.now()),
            trigger: 'manual',
            cause: { en: 'Turned on by hand', zh: '手动开启' },
            until: until ?? null,
            callsBlocked: 0,
            distinctNumbers: 0,
          }
        : { ...shield, active: false, since: null, trigger: null, cause: null, until: null };
      emit({ type: 'shield-changed', shield });
      return shield;
    },
    pauseScreening: ({ minutes }) => {
      pausedUntil = minutes === null ? null : localIso(Date.now() + minutes * 60_000);
      return { pausedUntil };
    },
    getSettings: () => settings,
    updateSettings: ({ patch }) => {
      const parsed = Settings.safeParse(deepMerge(settings, patch));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || '(settings)';
        throw new ApiFailure('invalid-setting', { en: `Setting ${where} is invalid: ${issue?.message}.`, zh: `设置 ${where} 无效：${issue?.message}。` });
      }
      settings = parsed.data;
      emit({ type: 'settings-changed', settings });
      return settings;
    },
    exportHistory: (input) => exporter.exportHistory(input),
    ...sms.handlers,
    verifyHistory: () => {
      const all = [...records.values()];
      return { ok: true, records: all.length || synthetic, head: all.at(-1)?.hash ?? null, firstBad: null };
    },
    ringDemo: ({ kind }) => {
      if (!demo)
        throw new ApiFailure(
          'no-demo-line',
          { en: 'There is no demo line to ring: turn on the demo line first.', zh: '没有可以拨打的演示线路：请先打开演示线路。' },
          { status: 409 },
        );
      const numbers =
        kind === 'normal' ? ['13600001111'] : kind === 'blocked' ? ['4008123456'] : Array.from({ length: 6 }, (_, i) => `1700000${String(1000 + i)}`);
      void numbers.reduce((p, number) => p.then(() => ring({ number, lineId: demoLine.id })), Promise.resolve<unknown>(null));
      return { calls: numbers.length };
    },
    setDemo: ({ on }) => {
      const move = options.desktopSandbox && (on ? !lines.some((l) => !l.simulated) : sandbox);
      if (move) {
        sandbox = on;
        demo = on;
        lines = on ? [demoLine] : [];
        emit({ type: 'service-changed', dataDir: status().dataDir, sandbox });
        return { demo, line: on ? demoLine : null };
      }
      // As the real service (main/service/handlers.ts): no demo line beside a real one.
      if (on && !demo && !sandbox && lines.some((l) => !l.simulated)) {
        throw new ApiFailure(
          'demo-beside-real-line',
          {
            en: 'A modem is set up, so the demo does not start: its made-up calls would count toward the shield and the limits of your real line, and its floods would turn the shield on for real callers. To try the demo, first untick "Screen calls on this line" under Settings → Modems; your history stays as it is.',
            zh: '已设置调制解调器，因此不启动演示：演示的虚构来电会计入真实线路的护盾和限制，其模拟轰炸还会为真实来电开启护盾。如要试用演示，请先在“设置 → 调制解调器”中取消勾选“筛查此线路的来电”；您的通话记录保持不变。',
          },
          { status: 409 },
        );
      }
      demo = on;
      lines = on ? [...lines.filter((l) => l.id !== demoLine.id), demoLine] : lines.filter((l) => l.id !== demoLine.id);
      if (on) emit({ type: 'line-status', line: demoLine });
      else emit({ type: 'line-removed', lineId: demoLine.id });
      return { demo, line: on ? demoLine : null };
    },
  };

  function statistics(from: string, to: string, bucket: Statistics['bucket'], top: number): MethodOutput<'getStatistics'> {
    const start = new Date(from).getTime();
    const end = new Date(to).getTime();
    const inRange = [...records.values()].filter((c) => {
      const t = new Date(c.startedAt).getTime();
      return t >= start && t <= end;
    });
    const size = bucket === 'hour' ? 3600_000 : bucket === 'day' ? 86_400_000 : 7 * 86_400_000;
    const buckets: Statistics['buckets'] = [];
    for (let t = start; t < end; t += size) {
      const slice = inRange.filter((c) => {
        const ct = new Date(c.startedAt).getTime();
        return ct >= t && ct < t + size;
      });
      const count = (a: string) => slice.filter((c) => c.decision.action === a).length;
      buckets.push({ start: localIso(t), allow: count('allow'), reject: count('reject'), silent: count('silent'), answerHangup: count('answer-hangup') });
    }
    const byNumber = new Map<string, CallRecord[]>();
    for (const c of inRange) if (c.number) byNumber.set(c.number, [...(byNumber.get(c.number) ?? []), c]);
    const topCallers = [...byNumber.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, top)
      .map(([number, cs]) => ({
        number,
        count: cs.length,
        blocked: cs.filter((c) => c.decision.action !== 'allow').length,
        firstSeen: cs[0]!.startedAt,
        lastSeen: cs.at(-1)!.startedAt,
      }));
    const byRange = new Map<string, { prefix: string; region: string | null; count: number; numbers: number; blocked: number }>();
    for (const [number, cs] of byNumber) {
      const { prefix, region } = numberRange(number);
      const r = byRange.get(prefix) ?? { prefix, region, count: 0, numbers: 0, blocked: 0 };
      byRange.set(prefix, {
        ...r,
        count: r.count + cs.length,
        numbers: r.numbers + 1,
        blocked: r.blocked + cs.filter((c) => c.decision.action !== 'allow').length,
      });
    }
    const days = new Map<string, Set<string>>();
    for (const c of inRange) {
      const day = c.startedAt.slice(0, 10);
      days.set(day, (days.get(day) ?? new Set()).add(c.number ?? 'withheld'));
    }
    const flood = inRange.filter((c) => c.decision.reason === 'shield').sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    return {
      from,
      to,
      bucket,
      buckets,
      totals: {
        calls: inRange.length,
        blocked: inRange.filter((c) => c.decision.action === 'reject' || c.decision.action === 'answer-hangup').length,
        distinctNumbers: byNumber.size,
        withheldShare: inRange.length ? inRange.filter((c) => !c.number).length / inRange.length : 0,
        stoppedByGate: inRange.filter((c) => c.outcome === 'gate-failed' || c.outcome === 'gate-withheld').length,
        passedGate: inRange.filter((c) => c.outcome === 'gate-passed').length,
      },
      topCallers,
      topRanges: [...byRange.values()].sort((a, b) => b.count - a.count).slice(0, top),
      distinctPerDay: [...days.entries()].map(([day, set]) => ({ day, count: set.size })),
      messages: { received: 2002, flagged: 1, codes: 2000, perIncident: flood.length ? [{ incidentId: 1, received: 45, flagged: 1 }] : [] },
      incidents: flood.length
        ? [
            {
              id: 1,
              startedAt: flood[0]!.startedAt,
              endedAt: shield.active ? null : flood.at(-1)!.startedAt,
              trigger: 'calls',
              cause: {
                en: `${flood.length} calls from ${new Set(flood.map((c) => c.number)).size} unknown numbers within 10 minutes`,
                zh: `10 分钟内 ${new Set(flood.map((c) => c.number)).size} 个陌生号码来电 ${flood.length} 次`,
              },
              callsRejected: flood.length,
              distinctNumbers: new Set(flood.map((c) => c.number)).size,
              withheldShare: 0,
            },
          ]
        : [],
    };
  }

  /** The simulator: a call rings, is identified, decided by the toy screening, and ends. */
  async function ring(caller: { number: string | null; presentation?: Presentation; name?: string | null; lineId?: string }): Promise<CallRecord> {
    const key = `k${nextId}-${Date.now()}`;
    const line = lines.find((l) => l.id === (caller.lineId ?? lines[0]?.id)) ?? gsmLine;
    const presentation = caller.presentation ?? (caller.number ? 'allowed' : 'withheld');
    const callerId: CallerId = { number: caller.number, presentation, name: caller.name ?? null, raw: [`+CLIP: "${caller.number ?? ''}",145`] };
    const startedAtMs = Date.now();
    emit({ type: 'call-started', call: { key, lineId: line.id, simulated: line.simulated, startedAt: localIso(startedAtMs) } });
    await tick();
    emit({ type: 'caller-identified', key, lineId: line.id, callerId });
    const trusted = findRule('trusted', caller.number, presentation);
    const blocked = findRule('blocked', caller.number, presentation);
    const d = trusted
      ? decision('allow', 'trusted', trusted.label || null)
      : blocked
        ? decision(
            'reject',
            blocked.kind === 'prefix' ? 'blocked-prefix' : blocked.kind === 'presentation' ? 'presentation' : 'blocked-number',
            blocked.label || null,
          )
        : shield.active
          ? decision('reject', 'shield')
          : decision('allow', 'default');
    const hit = trusted ?? blocked;
    if (hit) Object.assign(hit, { hitCount: hit.hitCount + 1, lastHitAt: localIso(startedAtMs) });
    await tick();
    emit({ type: 'call-decided', key, lineId: line.id, callerId, decision: d });
    await tick();
    const record = callRecord({
      id: nextId++,
      startedAtMs,
      number: caller.number,
      presentation,
      name: caller.name ?? null,
      decision: d,
      lineId: line.id,
      simulated: line.simulated,
    });
    records.set(record.id, record);
    emit({ type: 'call-ended', key, record });
    if (shield.active && d.action === 'reject') {
      shieldNumbers.add(caller.number ?? `withheld-${record.id}`);
      shield = { ...shield, callsBlocked: shield.callsBlocked + 1, distinctNumbers: shieldNumbers.size };
      emit({ type: 'shield-changed', shield });
    }
    return record;
  }

  return {
    handlers,
    subscribe(listener: (e: ApiEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    ring,
    exportFile: (jobId: string) => exporter.files.get(jobId),
    rules: () => rules.slice(),
    records: () => [...records.values()],
    smsSent: () => sms.sent.slice(),
    settings: () => settings,
    hashOf,
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The same deep merge as the settings store: objects merge, anything else replaces.
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v);
  return out;
}
