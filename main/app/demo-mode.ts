// Where the desktop app's demo line plays (issue 15 "simulated never mixes with real", issue 18 "the demo
// is a sandbox"). The decision is a pure function of what the service and the settings say; desktop.ts
// carries it out by putting another service behind the window.
//
// - No real line (none configured and enabled, none connected): "Try without a modem" switches the app
//   into the demo's sandbox — the real service closes, a service on `<data>/demo-sandbox` starts with its
//   own settings file and the demo line on. The user's history, settings and lists are not opened, so
//   nothing made up can enter them. Turning the demo off (or adding a modem) switches back.
// - A real line is set up (connected, or configured and enabled): the app does not stop screening it for a
//   demo, and the running service refuses the demo line beside it, saying why (main/service/handlers.ts
//   setDemo: the real screening counts every call, so the demo's made-up floods would turn the shield on
//   for real callers and put made-up incidents into the evidence).
import type { Status } from '../../shared/api.ts';
import type { LineConfig } from '../../shared/settings.ts';

export type DemoRoute =
  /** Close the real service and start the demo's sandbox. */
  | 'enter-sandbox'
  /** Close the sandbox and start the real service again. */
  | 'leave-sandbox'
  /** The service behind the window handles it: already on, turned off where it is, or refused beside a real line. */
  | 'service';

/** A line that screens real calls now, or will as soon as its modem answers. */
export function hasRealLine(status: Pick<Status, 'lines'>, configured: readonly Pick<LineConfig, 'enabled'>[]): boolean {
  return status.lines.some((l) => !l.simulated) || configured.some((c) => c.enabled);
}

export function demoRoute(
  on: boolean,
  state: { inSandbox: boolean; status: Pick<Status, 'lines' | 'demo'>; configured: readonly Pick<LineConfig, 'enabled'>[] },
): DemoRoute {
  if (state.inSandbox) return on ? 'service' : 'leave-sandbox';
  if (!on || state.status.demo) return 'service';
  return hasRealLine(state.status, state.configured) ? 'service' : 'enter-sandbox';
}

/** What `setDemo {on: true}` answers once the sandbox runs: the demo line as the sandbox's service sees it. */
export function sandboxDemoReply(status: Pick<Status, 'lines'>): { demo: true; line: Status['lines'][number] | null } {
  return { demo: true, line: status.lines.find((l) => l.simulated) ?? null };
}
