// Bringing a modem into a known state (its profile's init sequence) and reading its health. Run after
// every (re)connect and every reset: modems forget caller ID when they reset.
import type { LineStatus } from '../../shared/domain.ts';
import type { AtChannel, AtResult } from './at-channel.ts';
import { identify, syncAt } from './identify.ts';
import { pickProfile } from './profiles/pick.ts';
import type { Profile } from './profiles/profile.ts';
import { clipEnabled, firstInfo, gsmProblem, parseCsq, parseOperator, parseSim, problem, voiceEnabled, type Problem } from './status.ts';
import type { Charset } from './charset.ts';
import { describeError } from './result-codes.ts';

export type InitOutcome =
  | { ok: true; callerIdConfirmed: boolean; notes: string[]; charset: Charset }
  | { ok: false; reason: 'timeout' | 'closed' | 'refused'; command: string; detail: string };

const why = (r: AtResult) => (r.final ? describeError(r.final) : r.status);

export async function initialise(channel: AtChannel, profile: Profile): Promise<InitOutcome> {
  const notes: string[] = [];
  let charset: Charset = null;
  let callerIdConfirmed = false;
  let callerIdStepFailed = false;
  for (const step of profile.init) {
    let result: AtResult | null = null;
    for (const command of [step.command, ...(step.alternatives ?? [])]) {
      result = await channel.send(command, step.timeoutMs ? { timeoutMs: step.timeoutMs } : {});
      if (result.status === 'ok' || result.status === 'closed' || result.status === 'timeout') break;
      notes.push(`${command}: ${why(result)}`);
    }
    if (!result) continue;
    if (result.status === 'closed' || result.status === 'timeout') return { ok: false, reason: result.status, command: result.command, detail: why(result) };
    if (step.charset && result.status === 'ok') charset = step.charset;
    if (step.enablesCallerId) {
      if (result.status === 'ok') callerIdConfirmed = true;
      else callerIdStepFailed = true;
    }
    if (result.status === 'error' && step.required && !step.enablesCallerId) {
      return { ok: false, reason: 'refused', command: result.command, detail: why(result) };
    }
  }
  if (profile.kind === 'gsm' && !callerIdStepFailed) {
    // The modem said OK to AT+CLIP=1; ask it back, since some firmware says OK and does nothing.
    const check = await channel.send('AT+CLIP?', { expect: '+CLIP' });
    const on = check.status === 'ok' ? clipEnabled(check.lines) : null;
    callerIdConfirmed = on !== false;
  }
  return { ok: true, callerIdConfirmed, notes, charset };
}

/** Re-checks (and re-enables) caller ID, as modems silently drop it after weeks or a reset. */
export async function recheckCallerId(channel: AtChannel, profile: Profile): Promise<{ confirmed: boolean; status: AtResult['status'] }> {
  if (profile.kind === 'gsm') {
    const check = await channel.send('AT+CLIP?', { expect: '+CLIP' });
    if (check.status === 'timeout' || check.status === 'closed') return { confirmed: false, status: check.status };
    if (check.status === 'ok' && clipEnabled(check.lines) !== false) return { confirmed: true, status: 'ok' };
    const enable = await channel.send('AT+CLIP=1');
    return { confirmed: enable.status === 'ok', status: enable.status };
  }
  const step = profile.init.find((s) => s.enablesCallerId);
  for (const command of step ? [step.command, ...(step.alternatives ?? [])] : []) {
    const r = await channel.send(command);
    if (r.status !== 'error') return { confirmed: r.status === 'ok', status: r.status };
  }
  return { confirmed: false, status: 'error' };
}

export type GsmHealth = Pick<LineStatus, 'imei' | 'sim' | 'operator' | 'signal'> & { voice: boolean | null };

export async function readGsmHealth(channel: AtChannel, profile: Profile): Promise<GsmHealth> {
  const imei = firstInfo(await channel.send('AT+CGSN', { expect: '+CGSN' }), '+CGSN');
  const sim = parseSim(await channel.send('AT+CPIN?', { expect: '+CPIN' }));
  await channel.send('AT+COPS=3,0');
  const operator = parseOperator((await channel.send('AT+COPS?', { expect: '+COPS' })).lines);
  const signal = parseCsq((await channel.send('AT+CSQ', { expect: '+CSQ' })).lines);
  const voice = profile.name === 'huawei' ? voiceEnabled(await channel.send('AT^CVOICE?', { expect: '^CVOICE' })) : null;
  return { imei: imei && /\d{14,17}/.test(imei) ? imei : null, sim, operator, signal, voice };
}

/** The signal alone, for the periodic check. */
export async function readSignal(channel: AtChannel): Promise<{ signal: LineStatus['signal']; status: AtResult['status'] }> {
  const r = await channel.send('AT+CSQ', { expect: '+CSQ' });
  return { signal: r.status === 'ok' ? parseCsq(r.lines) : null, status: r.status };
}

export type BringUp =
  | { ok: true; profile: Profile; status: Partial<LineStatus>; notes: string[]; charset: Charset }
  | { ok: false; profile: Profile | null; status: Partial<LineStatus> };

/** After every (re)connect: is it a modem, which one, initialise it, and how healthy is it. */
export async function bringUp(channel: AtChannel): Promise<BringUp> {
  if (!(await syncAt(channel))) return { ok: false, profile: null, status: { state: 'degraded', problem: problem('not-responding') } };
  const identity = await identify(channel);
  const profile = pickProfile(identity);
  const init = await initialise(channel, profile);
  if (!init.ok) {
    const refused = init.reason === 'refused';
    return {
      ok: false,
      profile,
      status: { state: refused ? 'error' : 'degraded', problem: problem(refused ? 'init-refused' : 'not-responding', `${init.command}: ${init.detail}`) },
    };
  }
  const status: Partial<LineStatus> = {
    state: 'ready',
    kind: profile.kind,
    profile: profile.name,
    manufacturer: identity.manufacturer,
    model: identity.model,
    firmware: identity.firmware,
    callerIdConfirmed: init.callerIdConfirmed,
  };
  let found: Problem | null;
  if (profile.kind === 'gsm') {
    const { voice, ...health } = await readGsmHealth(channel, profile);
    Object.assign(status, health);
    found = gsmProblem({ ...health, voice, callerIdConfirmed: init.callerIdConfirmed });
  } else {
    found = init.callerIdConfirmed ? null : problem('no-caller-id');
  }
  return { ok: true, profile, status: { ...status, problem: found }, notes: init.notes, charset: init.charset };
}
