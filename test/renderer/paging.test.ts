// The keyset paging hook that History's calls and the Messages share, in Chromium with a fetcher the test
// answers by hand: a page on its way is asked for once however often "Show more" fires, its rows are added
// once, a page for an older query is dropped, and a failed page keeps what is shown. The two lists each had
// their own copy of this hook once, and the copies drifted; these run for both page shapes.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import type { Shape } from './support/paging-harness.ts';

let browser: Browser;
let harnessCode: string;

beforeAll(async () => {
  // Bundled by Vite (the renderer's own bundler) into one script the test page runs; React's development
  // build, so a duplicate key or a bad update is a console error the tests see.
  const bundle = build({
    configFile: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: { write: false, minify: false, lib: { entry: join(import.meta.dirname, 'support', 'paging-harness.ts'), formats: ['iife'], name: 'pagingHarness' } },
  }).then((out) => (out as Rolldown.RolldownOutput[]).flatMap((o) => o.output).find((c) => c.type === 'chunk')!.code);
  [browser, harnessCode] = await Promise.all([launchChromium(), bundle]);
});

afterAll(async () => {
  await browser?.close();
});

type State = { ids: number[]; loading: boolean; hasMore: boolean; error: string | null; first: { counts?: { total: number } } | null };
type Asked = { search: string; cursor: string | null };

/** A fresh page with the hook mounted over `shape`'s pages; `run` evaluates an expression on window.harness. */
async function mount(shape: Shape) {
  const page: Page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setContent('<div id="root"></div>');
  await page.addScriptTag({ content: harnessCode });
  const run = <R = unknown>(expression: string) => page.evaluate(`harness.${expression}`) as Promise<R>;
  await run(`mount(${JSON.stringify(shape)})`);
  return {
    page,
    errors,
    run,
    state: () => run<State>('state()'),
    asked: () => run<Asked[]>('requests()'),
    answer: (i: number, ids: number[], nextCursor: string | null) =>
      run(`answer(${i}, ${JSON.stringify(ids)}, ${JSON.stringify(nextCursor)}, ${JSON.stringify(shape)})`),
  };
}

describe.each<Shape>(['calls', 'messages'])('keyset pages of %s', (shape) => {
  it('asks for the next page once while it is on its way, and adds its rows once', async () => {
    const h = await mount(shape);
    expect(await h.asked()).toEqual([{ search: '', cursor: null }]);
    await h.answer(0, [1, 2, 3], 'c3');
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2, 3], loading: false, hasMore: true });

    // Twice in one tick (a fast scroll, a double click), before React renders "loading".
    await h.run('loadMoreTwice()');
    expect(await h.asked()).toEqual([
      { search: '', cursor: null },
      { search: '', cursor: 'c3' },
    ]);
    // And again once the list shows it is loading.
    await expect.poll(() => h.state()).toMatchObject({ loading: true });
    await h.run('loadMore()');
    expect(await h.asked()).toHaveLength(2);

    await h.answer(1, [4, 5, 6], null);
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2, 3, 4, 5, 6], loading: false, hasMore: false });
    // The end of the list: nothing more to ask for.
    await h.run('loadMore()');
    expect(await h.asked()).toHaveLength(2);
    expect(h.errors).toEqual([]);
    await h.page.close();
  });

  it('drops a page that arrives for an older query, and pages the new query normally', async () => {
    const h = await mount(shape);
    await h.answer(0, [1, 2], 'c2');
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2], loading: false });
    await h.run('loadMore()');
    await h.run(`setQuery({ search: 'mum' })`);
    await expect.poll(() => h.asked()).toHaveLength(3);
    expect((await h.asked())[2]).toEqual({ search: 'mum', cursor: null });
    await expect.poll(() => h.state()).toMatchObject({ ids: [], loading: true });
    await h.answer(2, [9], 'c9');
    await expect.poll(() => h.state()).toMatchObject({ ids: [9], loading: false, hasMore: true });
    // The old query's next page arrives late: it is not shown under the new query, and it neither moves
    // the cursor nor leaves a fetch "on its way" that would block the new query's next page.
    await h.answer(1, [3, 4], 'c4');
    await h.run('loadMore()');
    expect((await h.asked())[3]).toEqual({ search: 'mum', cursor: 'c9' });
    await h.answer(3, [8], null);
    await expect.poll(() => h.state()).toMatchObject({ ids: [9, 8], hasMore: false });
    await h.page.close();
  });

  it('keeps the rows shown when a page fails, says why, and the next try fetches that page again', async () => {
    const h = await mount(shape);
    await h.answer(0, [1], 'c1');
    await expect.poll(() => h.state()).toMatchObject({ ids: [1], loading: false });
    await h.run('loadMore()');
    await h.run(`fail(1, 'service unreachable')`);
    await expect.poll(() => h.state()).toMatchObject({ ids: [1], loading: false, hasMore: true, error: 'Error: service unreachable' });
    await h.run('loadMore()');
    expect((await h.asked())[2]).toEqual({ search: '', cursor: 'c1' });
    await h.answer(2, [2], null);
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2], error: null });
    await h.page.close();
  });

  it('starts over from the first page on reload, and keeps the first page for what comes with it', async () => {
    const h = await mount(shape);
    await h.answer(0, [1, 2], 'c2');
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2] });
    await h.run('loadMore()');
    await h.answer(1, [3], null);
    await expect.poll(() => h.state()).toMatchObject({ ids: [1, 2, 3] });
    // A later page does not replace the first (Messages' counts come with the first page only).
    expect((await h.state()).first).toMatchObject(shape === 'messages' ? { counts: { total: 2 } } : { calls: [{ id: 1 }, { id: 2 }] });
    await h.run('reload()');
    await expect.poll(() => h.state()).toMatchObject({ ids: [], loading: true });
    expect((await h.asked())[2]).toEqual({ search: '', cursor: null });
    await h.answer(2, [5], null);
    await expect.poll(() => h.state()).toMatchObject({ ids: [5], loading: false });
    await h.page.close();
  });
});
