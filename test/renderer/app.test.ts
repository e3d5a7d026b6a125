// The renderer, served by Vite and rendered by real Chromium.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { repoRoot } from '../support/paths.ts';

let server: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await createServer({
    root: join(repoRoot, 'renderer'),
    configFile: false,
    plugins: [react()],
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('renderer in Chromium', () => {
  it('renders the signal bars with an accessible label', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = server.resolvedUrls?.local[0];
    expect(url).toBeDefined();
    await page.goto(url!);
    const bars = page.getByRole('img', { name: /Signal 4 of 5 bars \(-73 dBm\)/ });
    await expect.poll(() => bars.count()).toBe(1);
    expect(await bars.getAttribute('data-bars')).toBe('4');
    expect(errors).toEqual([]);
    await page.close();
  });
});
