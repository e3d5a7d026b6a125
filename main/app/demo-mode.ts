// Where the desktop app's demo line plays (issue 15 "simulated never mixes with real", issue 18 "the demo
// is a sandbox"). The decision is a pure function of what the service and the settings say; desktop.ts
// carries it out by putting another service behind the window.
//
// - No real line (none configured and enabled, none connected): "Try without a modem" switches the app
//   into the demo's sandbox — the real service closes, a service on `<data>/demo-sandbox` starts with its
//   own settings file and the demo line on. The user's history, settings and lists are not opened, so
//   nothing made up can enter them. Turning the demo off (or adding a modem) switches back.
// - A real line is set up: the app must not stop screening it for a demo, and the demo line cannot join it
//   either — the real service's screening counts every call it decides, so the demo's made-up floods (one
//   every ten-minute cycle) would turn the shield on for the real line, block real strangers for its quiet
//   hour and put made-up incidents into the evidence chain. So the demo is refused with a sentence saying
//   why and what to do (turn the line off first). Simulated calls already in a real folder (`ringfence
//   serve --modem … --demo`, older versions) stay marked "simulated" in every export and are left out of
//   complaints and the report's figures (main/history/export; test/main/service/demo-in-real-folder.test.ts).
import type { Status } from '../../shared/api.ts';
import type { LineConfig } from '../../shared/settings.ts';

export type DemoRoute =
  /** Close the real service and start the demo's sandbox. */
  | 'enter-sandbox'
  /** Close the sandbox and start the real service again. */
  | 'leave-sandbox'
  /** The service behind the window handles it (the demo already on, or turned off where it is). */
  | 'service'
  /** A real line is set up: no demo beside it (see above). */
  | 'refuse';

/** A line that screens real calls now, or will as soon as its modem answers. */
export function hasRealLine(status: Pick<Status, 'lines'>, configured: readonly Pick<LineConfig, 'enabled'>[]): boolean {
  return status.lines.some((l) => !l.simulated) || configured.some((c) => c.enabled);
}

export function demoRoute(on: boolean, state: { inSandbox: boolean; status: Pick<Status, 'lines' | 'demo'>; configured: readonly Pick<LineConfig, 'enabled'>[] }): DemoRoute {
  if (state.inSandbox) return on ? 'service' : 'leave-sandbox';
  if (!on || state.status.demo) return 'service';
  return hasRealLine(state.status, state.configured) ? 'refuse' : 'enter-sandbox';
}

/** What `setDemo {on: true}` answers once the sandbox runs: the demo line as the sandbox's service sees it. */
export function sandboxDemoReply(status: Pick<Status, 'lines'>): { demo: true; line: Status['lines'][number] | null } {
  return { demo: true, line: status.lines.find((l) => l.simulated) ?? null };
}
