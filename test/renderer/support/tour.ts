// A walk through every page and its main states (panels open, forms open, results shown), for the
// language tests and the screenshots. Each stop leaves the page in the state to check or photograph.
import type { Page } from 'playwright-core';
import { showPage, type UiUnderTest } from './ui-under-test.ts';

export type Stop = { name: string; go(page: Page, ui: UiUnderTest): Promise<void> };

export const pageStops: Stop[] = [
  {
    name: 'overview',
    async go(page, ui) {
      await showPage(page, 'overview');
      // A live call on screen, decided, with the shield up.
      await page.locator('.shield-off button, [data-testid="shield-banner"]').first().waitFor();
      if (await page.locator('.shield-off button').count()) await page.locator('.shield-off button').click();
      await page.getByTestId('shield-banner').waitFor();
      await ui.ring({ number: '+8617088889999' });
      await page.locator('[data-testid="live-call"][data-phase="ended"]').first().waitFor();
    },
  },
  {
    name: 'history',
    async go(page) {
      await showPage(page, 'history');
      await page.locator('tr[data-index="2"] [data-col="caller"]').click();
      await page.locator('[role="dialog"] .raw-lines').waitFor();
    },
  },
  {
    name: 'rules',
    async go(page) {
      await showPage(page, 'rules');
      await page.locator('[role="tab"]').nth(1).click();
      await page.locator('[data-rule-value]').first().waitFor();
      await page.locator('.toolbar .button-strong').click();
      await page.locator('.rule-form').waitFor();
    },
  },
  {
    name: 'statistics',
    async go(page) {
      await showPage(page, 'statistics');
      await page.locator('.recharts-bar-rectangle').first().waitFor();
    },
  },
  {
    name: 'evidence',
    async go(page) {
      await showPage(page, 'evidence');
      await page.locator('form .button-strong').click();
      await page.getByTestId('export-result').waitFor();
    },
  },
  {
    name: 'settings',
    async go(page) {
      await showPage(page, 'settings');
      await page.locator('#modems-title ~ button').first().click();
      await page.locator('.port').first().waitFor();
    },
  },
];

/** Extra states checked for untranslated text but not photographed: the other Rules tabs, the import preview. */
export const extraStops: Stop[] = [
  ...['presentation', 'schedules', 'limits', 'shield'].map((tab, i) => ({
    name: `rules-${tab}`,
    async go(page: Page) {
      await showPage(page, 'rules');
      await page
        .locator('[role="tab"]')
        .nth(2 + i)
        .click();
      await page.locator('[role="tabpanel"] h2').waitFor();
    },
  })),
  {
    name: 'rules-import-preview',
    async go(page) {
      await showPage(page, 'rules');
      await page.locator('[role="tab"]').nth(1).click();
      await page.locator('.toolbar button').nth(1).click();
      await page.locator('.import-panel textarea').fill('+8617011112222\nnot a number\n');
      await page.locator('.import-panel .button-strong').click();
      await page.getByTestId('import-preview').waitFor();
    },
  },
];
