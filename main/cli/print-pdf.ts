// The command line's A4 printer for an evidence pack's report: Chromium, driven by playwright-core, when both
// are on this computer (a source checkout has playwright-core; Chromium from CHROMIUM_PATH or the usual
// places). The desktop app prints with Electron's own printToPDF instead. Without either, the pack has no PDF
// and says how to print report.html from any browser.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

type Playwright = {
  chromium: {
    launch(o: object): Promise<{
      newPage(): Promise<{ goto(u: string): Promise<unknown>; pdf(o: object): Promise<Buffer>; emulateMedia(o: object): Promise<void> }>;
      close(): Promise<void>;
    }>;
  };
};

/** A printer, or null when this computer has no Chromium or no playwright-core. */
export async function chromiumPrinter(): Promise<((htmlPath: string, pdfPath: string) => Promise<void>) | null> {
  const executablePath = candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
  if (!executablePath) return null;
  let playwright: Playwright;
  try {
    const name = 'playwright-core';
    playwright = (await import(/* @vite-ignore */ name)) as Playwright;
  } catch {
    return null;
  }
  return async (htmlPath, pdfPath) => {
    const browser = await playwright.chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(htmlPath).href);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  };
}
