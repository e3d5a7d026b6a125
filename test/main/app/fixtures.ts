// Small, valid contract objects for the shell's tests (each parsed by its schema, so they stay valid).
import { Status } from '../../../shared/api.ts';
import { CallerId, Decision, LineStatus, ShieldState } from '../../../shared/domain.ts';

export function line(overrides: Partial<LineStatus> = {}): LineStatus {
  return LineStatus.parse({
    id: 'line-1',
    path: '/dev/ttyUSB2',
    label: 'Mum’s landline',
    simulated: false,
    kind: 'gsm',
    state: 'ready',
    profile: 'huawei',
    manufacturer: 'huawei',
    model: 'E1550',
    firmware: null,
    imei: null,
    sim: 'READY',
    operator: 'CHINA MOBILE',
    signal: null,
    callerIdConfirmed: true,
    hangupMethod: 'auto',
    problem: null,
    ...overrides,
  });
}

export function shield(overrides: Partial<ShieldState> = {}): ShieldState {
  return ShieldState.parse({
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
    ...overrides,
  });
}

export function status(overrides: Partial<Status> = {}): Status {
  return Status.parse({
    version: '0.1.0',
    host: 'desktop',
    dataDir: '/tmp/ringfence',
    lines: [line()],
    shield: shield(),
    today: { calls: 0, blocked: 0 },
    pausedUntil: null,
    demo: false,
    notices: [],
    ...overrides,
  });
}

export function caller(number: string | null, overrides: Partial<CallerId> = {}): CallerId {
  return CallerId.parse({ number, presentation: number ? 'allowed' : 'withheld', name: null, raw: [], ...overrides });
}

export function decision(action: Decision['action'], overrides: Partial<Decision> = {}): Decision {
  return Decision.parse({
    action,
    reason: action === 'allow' ? 'default' : 'blocked-prefix',
    ruleId: null,
    ruleLabel: null,
    text:
      action === 'allow'
        ? { en: 'Allowed: no rule matched.', zh: '已放行：没有匹配的规则。' }
        : { en: 'Blocked: matched prefix +86 170.', zh: '已拦截：匹配前缀 +86 170。' },
    ...overrides,
  });
}
