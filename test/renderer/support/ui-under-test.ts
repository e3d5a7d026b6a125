// THE one place the browser tests get their server from. Today it is the contract-conformant fake
// (fake-api-server.ts); when `ringfence serve` and its simulator are ready, only this file changes: start
// the real server with the simulator, and map ring() to the simulator's "incoming call".
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiEvent, MethodName } from '../../../shared/api.ts';
import type { CallRecord, Presentation, Rule } from '../../../shared/domain.ts';
import { builtRenderer } from './built-renderer.ts';
import { startFakeApiServer, type RendererSource } from './fake-api-server.ts';

export type UiUnderTest = {
  /** The page URL to open (carries #token= when the server wants one). */
  url: string;
  origin: string;
  /** A call arrives on the line (the simulator's incoming call); resolves with its record. */
  ring(caller: { number: string | null; presentation?: Presentation; name?: string }): Promise<CallRecord>;
  push(event: ApiEvent): void;
  /** API calls the UI made. */
  calls(method?: MethodName): { method: MethodName; input: unknown }[];
  rules(list: 'blocked' | 'trusted'): Rule[];
  records(): CallRecord[];
  dropSockets(): void;
  close(): Promise<void>;
};

export async function startUiUnderTest(
  options: {
    token?: string | null;
    syntheticCalls?: number;
    noLines?: boolean;
    renderer?: RendererSource;
    exportStepMs?: number;
    desktopSandbox?: boolean;
  } = {},
): Promise<UiUnderTest> {
  const token = options.token === undefined ? 'test-token' : options.token;
  const renderer = options.renderer ?? { kind: 'static', dir: await builtRenderer() };
  const server = await startFakeApiServer({ ...options, token, renderer });
  return {
    url: `${server.origin}/${token ? `#token=${token}` : ''}`,
    origin: server.origin,
    ring: (caller) => server.service.ring(caller),
    push: server.push,
    calls: (method) => (method ? server.log.filter((l) => l.method === method) : server.log.slice()),
    rules: (list) => server.service.rules().filter((r) => r.list === list),
    records: () => server.service.records(),
    dropSockets: server.dropSockets,
    close: server.close,
  };
}

export type OpenOptions = { language?: 'en' | 'zh'; zoom?: 1 | 2; colorScheme?: 'light' | 'dark'; page?: string };

/**
 * Opens the app like a user would: the system language comes from the browser locale, 200% zoom is a
 * half-size viewport at twice the pixel density (what Chromium's zoom does to layout). Collects page
 * errors so a test can assert there were none. Needs only the URL, so the real server's tests use it too.
 */
export async function openApp(
  browser: Browser,
  ui: Pick<UiUnderTest, 'url'>,
  options: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const zoom = options.zoom ?? 1;
  const context = await browser.newContext({
    locale: options.language === 'zh' ? 'zh-CN' : 'en-GB',
    viewport: { width: 1280 / zoom, height: 860 / zoom },
    deviceScaleFactor: zoom,
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(ui.url);
  await page.locator('h1').first().waitFor();
  if (options.page) await showPage(page, options.page);
  return { context, page, errors };
}

/** Goes to a page by its hash route, as clicking the navigation does, and waits for its heading. */
export async function showPage(page: Page, name: string): Promise<void> {
  await page.evaluate((p) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/${p}`;
  }, name);
  await page.locator(`main.page-${name} h1`).first().waitFor();
}
