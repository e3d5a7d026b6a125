// The Rules page in Chromium: lists with inline validation, import with a preview that changes nothing,
// export, and the screening settings saved as patches.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;

beforeAll(async () => {
  [ui, browser] = await Promise.all([startUiUnderTest(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

async function openTab(tab: string) {
  const opened = await openApp(browser, ui, { page: 'rules' });
  await opened.page.getByRole('tab', { name: tab }).click();
  return opened;
}

const badList = ['+8617011112222,Loan calls', 'not a number', '+8613800138000', 'call me maybe', '+86171*'].join('\n');

async function preview(page: Page, content: string) {
  await page.getByRole('button', { name: 'Import a list' }).click();
  await page.getByLabel('Or paste the list here').fill(content);
  await page.getByRole('button', { name: 'Check the list' }).click();
  await page.getByTestId('import-preview').waitFor();
}

describe('import', () => {
  it('shows the lines it could not read, with their line numbers, and imports nothing', async () => {
    const { context, page } = await openTab('Blocked numbers');
    const before = ui.rules('blocked').map((r) => r.value);
    await preview(page, badList);
    const invalid = await page.getByTestId('invalid-lines').locator('li').allTextContents();
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatch(/^Line 2:\s*not a number — This is not a phone number or prefix\./);
    expect(invalid[1]).toMatch(/^Line 4:\s*call me maybe/);
    expect(await page.getByTestId('import-preview').textContent()).toContain('3 new, 0 already on the list, 2 lines could not be read.');
    expect(await page.getByTestId('import-preview').textContent()).toContain('Nothing has been imported yet.');
    expect(ui.rules('blocked').map((r) => r.value)).toEqual(before);

    await page.getByTestId('import-preview').getByRole('button', { name: 'Cancel' }).click();
    expect(ui.calls('commitImport')).toEqual([]);
    expect(ui.rules('blocked').map((r) => r.value)).toEqual(before);
    await context.close();
  });

  it('imports exactly the entries the preview promised when confirmed', async () => {
    const { context, page } = await openTab('Blocked numbers');
    const before = ui.rules('blocked').length;
    await preview(page, '+8617033334444\n+8617033335555,Spam\n');
    await page.getByRole('button', { name: 'Import 2 entries' }).click();
    await page.getByRole('status').getByText('Imported 2 entries.').waitFor();
    expect(ui.rules('blocked').length).toBe(before + 2);
    await page.locator('[data-rule-value="+8617033335555"]').waitFor();
    await context.close();
  });

  it('offers to import only the good lines, says which entries are patterns, and imports exactly those', async () => {
    const { context, page } = await openTab('Blocked numbers');
    const before = ui.rules('blocked').length;
    await preview(page, ['+8617055556666', 'not a number', '+86172*'].join('\n'));
    expect(await page.getByTestId('import-patterns').textContent()).toContain('1 of the new entries is a pattern');
    await page.getByRole('button', { name: 'Import the 2 good entries, leave out 1 bad lines' }).click();
    await page.getByRole('status').getByText('Imported 2 entries.').waitFor();
    expect(ui.calls('commitImport').at(-1)?.input).toMatchObject({ skipInvalid: true });
    expect(ui.rules('blocked').length).toBe(before + 2);
    await context.close();
  });
});

describe('rule lists', () => {
  it('refuses an empty value without asking the service', async () => {
    const { context, page } = await openTab('Blocked numbers');
    await page.getByRole('button', { name: 'Block a number' }).first().click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByRole('button', { name: 'Block a number' }).click();
    await form.getByText('Enter a number, a pattern or a name.').waitFor();
    expect(ui.calls('addRule')).toEqual([]);
    await context.close();
  });

  it("shows the service's refusal next to the field it names", async () => {
    const { context, page } = await openTab('Blocked numbers');
    await page.getByRole('button', { name: 'Block a number' }).first().click();
    const form = page.getByRole('form', { name: 'New rule' });
    const value = form.getByLabel('Number or pattern');
    await value.fill('12');
    await form.getByRole('button', { name: 'Block a number' }).click();
    const error = form.getByText('That was not accepted: "12" is not a phone number. Correct it and try again.');
    await error.waitFor();
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    // The sentence describes the field it is about.
    const describedBy = (await value.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain(await error.getAttribute('id'));

    await value.fill('+8615000001111');
    await form.getByLabel('Label').fill('Loan shark');
    await form.getByRole('button', { name: 'Block a number' }).click();
    await page.locator('[data-rule-value="+8615000001111"]').waitFor();
    expect(ui.calls('addRule').at(-1)?.input).toMatchObject({ list: 'blocked', value: '+8615000001111', label: 'Loan shark', kind: 'number' });
    await context.close();
  });

  it('shows what typed text will be saved as before saving, and saves that kind explicitly', async () => {
    const { context, page } = await openTab('Blocked numbers');
    await page.getByRole('button', { name: 'Block a number' }).first().click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Number or pattern').fill('+86171*');
    await form.getByTestId('rule-understood').getByText('Will be saved as: Starts with +86171*').waitFor();
    await form.getByRole('button', { name: 'Block a number' }).click();
    await page.locator('[data-rule-value="+86171*"]').waitFor();
    expect(ui.calls('addRule').at(-1)?.input).toMatchObject({ list: 'blocked', value: '+86171*', kind: 'prefix' });
    await context.close();
  });

  it('edits and removes a trusted caller', async () => {
    const { context, page } = await openTab('Trusted callers');
    // The number reads as it does in History and the exports (national at home), not as stored.
    expect(await page.locator('[data-rule-value="+8613800138000"] td').first().textContent()).toBe('138 0013 8000');
    await page.getByRole('button', { name: 'Edit 138 0013 8000' }).click();
    await page.getByRole('form', { name: 'Edit rule' }).getByLabel('Label').fill('Mother');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('[data-rule-value="+8613800138000"]').getByText('Mother').waitFor();
    expect(ui.calls('updateRule').at(-1)?.input).toMatchObject({ id: 'r-mum', patch: { label: 'Mother' } });

    await page.getByRole('button', { name: 'Remove 138 0013 8000' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.locator('[data-rule-value="+8613800138000"]').waitFor({ state: 'detached' });
    expect(ui.rules('trusted').some((r) => r.value === '+8613800138000')).toBe(false);
    await context.close();
  });

  it('exports a list as a file', async () => {
    const { context, page } = await openTab('Blocked numbers');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the list' }).click()]);
    expect(download.suggestedFilename()).toBe('ringfence-blocked.csv');
    const content = await readFile((await download.path())!, 'utf8');
    expect(content).toContain('+86170*');
    await context.close();
  });
});

describe('screening settings', () => {
  it('blocks and unblocks calls without a number with one switch each', async () => {
    const { context, page } = await openTab('Hidden numbers');
    const withheld = page.getByLabel('Block withheld numbers');
    await expect.poll(() => withheld.isChecked()).toBe(true);
    await withheld.uncheck();
    await expect.poll(() => ui.rules('blocked').some((r) => r.kind === 'presentation' && r.value === 'withheld')).toBe(false);
    await page.getByLabel('Block calls with no caller ID at all').check();
    await expect.poll(() => ui.rules('blocked').some((r) => r.kind === 'presentation' && r.value === 'none')).toBe(true);
    await context.close();
  });

  it('keeps a shield threshold in range and saves it as a patch', async () => {
    const { context, page } = await openTab('Shield');
    const calls = page.getByLabel('Calls from untrusted numbers');
    await calls.fill('1');
    await page.getByText('Enter a whole number from 2 to 1000.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await calls.fill('8');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(ui.calls('updateSettings').at(-1)?.input).toMatchObject({ patch: { screening: { shield: { calls: 8 } } } });
    await context.close();
  });

  it('saves quiet hours that cross midnight', async () => {
    const { context, page } = await openTab('Schedules');
    await page.getByLabel('Use quiet hours').check();
    const quiet = page.getByRole('group', { name: 'Quiet hours' }).last();
    await quiet.getByLabel('From').fill('23:30');
    await quiet.getByLabel('Until').fill('06:45');
    await quiet.getByText('runs overnight').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(ui.calls('updateSettings').at(-1)?.input).toMatchObject({
      patch: { screening: { quietHours: { enabled: true, schedule: { start: '23:30', end: '06:45' } } } },
    });
    await context.close();
  });
});

describe('pass gate', () => {
  it('sets when unknown callers are asked for a digit and how long a pass lasts, saved as a patch', async () => {
    const { context, page } = await openTab('Pass gate');
    const duringShield = page.getByRole('radio', { name: /^While the shield is on —/ });
    await duringShield.waitFor();
    expect(await duringShield.isChecked()).toBe(true);
    await page.getByRole('radio', { name: /^Always —/ }).check();
    await page.getByLabel('A pass lasts').selectOption('5');
    await page.getByLabel('Prompt languages').selectOption('en-zh');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(ui.calls('updateSettings').at(-1)?.input).toMatchObject({ patch: { screening: { gate: { mode: 'always', passMinutes: 5, prompt: 'en-zh' } } } });
    const wait = page.getByLabel('Wait for the digit (seconds)');
    await wait.fill('1');
    await page.getByText('Enter a whole number from 3 to 20.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await context.close();
  });
});
