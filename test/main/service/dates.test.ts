// Issue 15 item 7: a date (YYYY-MM-DD) is accepted everywhere the API takes a time — here a rule's expiry and
// the shield's end, both "until the end of that local day" — as `from`/`to` of queries and exports already are.
// A real service on a real SQLite file in a temp dir, no modem.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startService, type Service } from '../../../main/service/index.ts';
import { openSettings } from '../../../main/settings/index.ts';

let service: Service | null = null;
let dir: string;
afterEach(async () => {
  await service?.close();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Service> {
  dir = mkdtempSync(join(tmpdir(), 'rf-dates-'));
  const settings = openSettings(dir);
  settings.update({ homeCountry: 'CN', firstRunDone: true, autoDetectModems: false });
  service = await startService({ dataDir: dir, settings, host: 'headless' });
  return service;
}

/** The end of 2099-12-31 on this computer's clock: the start of the next local day. */
const endOf20991231 = new Date(2100, 0, 1).getTime();

it('takes a date as a rule expiry, on adding and on changing the rule: the rule holds through that day', async () => {
  const s = await start();
  const rule = await s.call('addRule', { list: 'blocked', value: '+8617000000001', kind: 'number', expiresAt: '2099-12-31' });
  expect(Date.parse(rule.expiresAt!)).toBe(endOf20991231);
  const changed = await s.call('updateRule', { id: rule.id, patch: { expiresAt: '2099-06-30' } });
  expect(Date.parse(changed.expiresAt!)).toBe(new Date(2099, 6, 1).getTime());
});

it('takes a date as the end of the shield: on until the end of that day', async () => {
  const s = await start();
  const shield = await s.call('setShield', { on: true, until: '2099-12-31' });
  expect(shield.active).toBe(true);
  expect(Date.parse(shield.until!)).toBe(endOf20991231);
});

it('still refuses what is neither a date nor a time, with the field named', async () => {
  const s = await start();
  await expect(s.call('setShield', { on: true, until: '31/12/2099' })).rejects.toMatchObject({
    code: 'invalid-input',
    message: expect.stringContaining('until'),
  });
  await expect(s.call('addRule', { list: 'blocked', value: '+8617000000002', kind: 'number', expiresAt: '2099-13-40' })).rejects.toMatchObject({
    code: 'invalid-input',
    message: expect.stringContaining('expiresAt'),
  });
});
