// Where the desktop app plays the demo: in its sandbox when no real line is set up; beside a real line the
// running service answers (and refuses: test/main/app/desktop-demo.test.ts); back out when asked.
import { describe, expect, it } from 'vitest';
import { demoRoute, hasRealLine, sandboxDemoReply } from '../../../main/app/demo-mode.ts';
import { line, status } from './fixtures.ts';

const demoLine = line({ id: 'demo', label: '', simulated: true });
const enabled = { enabled: true };
const disabled = { enabled: false };

describe('the demo route', () => {
  it('enters the sandbox when no line is configured or connected', () => {
    expect(demoRoute(true, { inSandbox: false, status: status({ lines: [] }), configured: [] })).toBe('enter-sandbox');
    // A line the user turned off screens nothing: the sandbox takes nothing from anyone.
    expect(demoRoute(true, { inSandbox: false, status: status({ lines: [] }), configured: [disabled] })).toBe('enter-sandbox');
  });

  it('stays out of the sandbox when a real line is connected or configured (even one whose modem is unplugged): the service answers, and refuses', () => {
    expect(demoRoute(true, { inSandbox: false, status: status(), configured: [] })).toBe('service');
    expect(demoRoute(true, { inSandbox: false, status: status({ lines: [line({ state: 'disconnected' })] }), configured: [] })).toBe('service');
    expect(demoRoute(true, { inSandbox: false, status: status({ lines: [] }), configured: [enabled] })).toBe('service');
  });

  it('leaves the sandbox when turned off there, and lets the service handle everything else', () => {
    expect(demoRoute(false, { inSandbox: true, status: status({ lines: [demoLine], demo: true }), configured: [] })).toBe('leave-sandbox');
    expect(demoRoute(true, { inSandbox: true, status: status({ lines: [demoLine], demo: true }), configured: [] })).toBe('service');
    expect(demoRoute(false, { inSandbox: false, status: status({ lines: [line(), demoLine], demo: true }), configured: [] })).toBe('service');
    // A demo line already in the running service (turned on with `ringfence serve --demo`): it stays where it is.
    expect(demoRoute(true, { inSandbox: false, status: status({ lines: [demoLine], demo: true }), configured: [] })).toBe('service');
  });

  it('counts only real lines as real', () => {
    expect(hasRealLine(status({ lines: [demoLine] }), [])).toBe(false);
    expect(hasRealLine(status({ lines: [demoLine, line()] }), [])).toBe(true);
  });

  it("answers setDemo with the sandbox's demo line", () => {
    expect(sandboxDemoReply(status({ lines: [demoLine] }))).toEqual({ demo: true, line: demoLine });
    expect(sandboxDemoReply(status({ lines: [] }))).toEqual({ demo: true, line: null });
  });
});
