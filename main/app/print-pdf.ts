// The desktop app's A4 printer for an evidence pack's report: a hidden, sandboxed window loads the report
// file (which runs no script and fetches nothing) and Electron's printToPDF prints it with the report's own
// print styles (@page A4). The command line uses Chromium through playwright-core instead (main/cli/print-pdf.ts).
import { writeFile } from 'node:fs/promises';
import { BrowserWindow } from 'electron';

export async function printToPdf(htmlPath: string, pdfPath: string): Promise<void> {
  // Locked down like the main window: no script at all, sandboxed, isolated, no middle-click windows, and no
  // navigation away from the report.
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    await win.loadFile(htmlPath);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(pdfPath, pdf);
  } finally {
    win.destroy();
  }
}
