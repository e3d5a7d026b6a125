// The service's event stream delivers after the task that raised the events (issue 14): a call's
// call-started event is raised between its caller ID and its hang-up when both arrive in one read, and what
// the transports do with it (serialise it for every WebSocket and window) must not run before the hang-up.
import { expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.ts';
import { EventBus } from '../../../main/service/events.ts';

const started = (key: string): ApiEvent => ({
  type: 'call-started',
  call: { key, lineId: 'l1', simulated: false, startedAt: '2026-12-02T10:00:00.000+00:00' },
});
const nextTask = () => new Promise((r) => setImmediate(r));

it('delivers an event after the task that raised it, in the order raised, once to each listener', async () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe((e) => seen.push(`a:${e.type === 'call-started' ? e.call.key : e.type}`));
  bus.subscribe((e) => seen.push(`b:${e.type === 'call-started' ? e.call.key : e.type}`));
  // What the line does in one read: the call starts, the hang-up is written, the events follow.
  bus.emit(started('c1'));
  seen.push('hang-up written');
  bus.emit(started('c2'));
  expect(seen).toEqual(['hang-up written']);
  await nextTask();
  expect(seen).toEqual(['hang-up written', 'a:c1', 'b:c1', 'a:c2', 'b:c2']);
  await nextTask();
  expect(seen).toHaveLength(5);
});

it('keeps delivering to the others when a listener throws, and to nobody who has left', async () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe(() => {
    throw new Error('a broken WebSocket');
  });
  const leave = bus.subscribe(() => seen.push('gone'));
  bus.subscribe((e) => seen.push(e.type));
  bus.emit(started('c1'));
  leave();
  await nextTask();
  expect(seen).toEqual(['call-started']);
});

it('delivers what is queued at once on flush (the service stopping), and nothing twice', async () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe((e) => seen.push(e.type === 'call-started' ? e.call.key : e.type));
  bus.emit(started('c1'));
  bus.flush();
  expect(seen).toEqual(['c1']);
  await nextTask();
  expect(seen).toEqual(['c1']);
});
