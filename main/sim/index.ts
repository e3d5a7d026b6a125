// The modem simulator's public API: a modem the real serial stack cannot tell from a USB dongle, on a
// real pseudo-terminal (or, for the demo line, the in-memory port pair), that tests, benchmarks and the
// demo line can script, fault and time.
//
//   const sim = await startSimulator({ link: '/tmp/rf/modem', profile: 'huawei-e173', timeScale: 100 });
//   // …the app opens /tmp/rf/modem like /dev/ttyUSB2, sends ATE0, AT+CLIP=1…
//   const r = await sim.placeCall({ number: null, presentation: 'withheld' });
//   // r = { outcome: 'rejected', rings: 1, hangupCommand: 'AT+CHUP', hangupLatencyMs: 3.2 }
//   await sim.close();
//
// A Huawei dongle on the in-memory pair also has its audio port (`sim.audioLink`, opened through the same
// `sim.openPort`): give it to the line as `audioPath` and the pass gate runs end to end.
export type { SimProfileName } from './profiles/profile.ts';
export { profileNames } from './profiles/profile.ts';
export type { CallResult } from './call.ts';
export type { SimLogEntry } from './log.ts';
export { CallSpec, Fault, Scenario, SmsSpec } from './schemas.ts';
export type { SentSms, SmsDelivery, SmsCounts } from './sms.ts';
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export type { SimTransport } from './link.ts';
export { startDemoModem, demoTrustedCallers, demoBlockedCallers, demoRing, type DemoRing } from './demo.ts';
export { LinkPathTakenError, ReplayFileError, ScenarioTooLargeError, SimInputError, SimulatorClosedError, SocatMissingError } from './errors.ts';
