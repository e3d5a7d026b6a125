// `--open`: show the served UI in the user's browser. $BROWSER (the Unix convention, also how tests see
// what would be opened) wins; otherwise the platform's own opener. Written here rather than with the
// `open` package because that ignores $BROWSER, and three spawn lines are all this needs.
import { spawn } from 'node:child_process';

export function openBrowser(url: string, log: (message: string) => void): void {
  const custom = process.env.BROWSER?.trim();
  const [cmd, args] = custom
    ? [custom, [url]]
    : process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', (e) => log(`Could not open a browser (${e.message}): open ${url} yourself.`));
    child.unref();
  } catch (e) {
    log(`Could not open a browser (${(e as Error).message}): open ${url} yourself.`);
  }
}
