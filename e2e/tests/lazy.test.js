// The first lesson's download holds only the first lesson's code (app/tools/split.mjs): the
// other lessons' code and listings come later (app/src/lazy.rs). These tests hold the page to
// it: the first lesson runs, prints its grouped dumps and compares its variants without ever
// needing the second wasm synchronously (the per-goroutine dumps, the profile, a dump's search
// and the embed snippet come with the second wasm, and wait for it); a later lesson, opened in the page or from a link, gets its
// code first; and a second wasm that does not come is a clear message, not a broken page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS } from '../lib/site.js';
import { dumpText, goroutineCounts, playFor, startSite, waitForInstant } from '../lib/harness.js';

let harness;

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

const FIRST = LESSONS[0].id;
const syncLoads = (page) => page.evaluate(() => window.__leaklabLazy?.syncLoads ?? null);

test('the first lesson is shown without the second wasm, and its arrival rebuilds nothing', async () => {
  const { page, problems } = await harness.open(`?lesson=${FIRST}&variant=leaky&duration=10m&t=1m40.125s`);
  try {
    await waitForInstant(page, '1m40.125s', 60_000);
    const before = await goroutineCounts(page);
    await page.evaluate(() => { document.querySelector('[data-testid=lesson]').__leaklabMark = true; });
    // The later code arrives while the learner reads: the first lesson's page and run stay.
    await page.waitForFunction(() => window.__leaklabLazy?.ready(), null, { timeout: 10_000 });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid=lesson]').__leaklabMark), true, 'the page was not rendered anew');
    await waitForInstant(page, '1m40.125s');
    assert.deepEqual(await goroutineCounts(page), before, 'the run was not rebuilt');
    assert.equal(await syncLoads(page), 0, 'nothing of the second wasm was needed while showing the first lesson');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the first lesson plays, prints its grouped dumps and compares without the second wasm', async () => {
  // Blocked: the page must not need it for any of this.
  const context = await harness.browser.context;
  const page = await context.newPage();
  await page.route(/_lazy\.wasm$/, (route) => route.fulfill({ status: 503, body: 'not now' }));
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  try {
    await page.goto(`${harness.server.base}?lesson=${FIRST}&variant=leaky&t=2s`, { waitUntil: 'load' });
    await waitForInstant(page, '2s');
    await playFor(page, 800);
    for (const format of ['debug1', 'goroutineleak']) {
      await page.getByTestId(`dump-format-${format}`).click();
      await page.waitForFunction(() => /goroutine/.test(document.querySelector('[data-testid=dump-text]')?.textContent ?? ''));
      assert.ok((await dumpText(page))?.includes('goroutine'), `the ${format} dump is printed`);
    }
    // The dumps that list every goroutine on its own come with the second wasm: without it,
    // the page says so and names the command that prints them.
    for (const [format, report] of [['debug2', 'debug2'], ['goleak', 'goleak']]) {
      await page.getByTestId(`dump-format-${format}`).click();
      const notice = page.getByTestId('dump-too-big');
      await notice.waitFor({ timeout: 15_000 });
      const text = await notice.textContent();
      assert.match(text, /^The code that prints this dump could not be loaded \(.*_lazy\.wasm: .+\); reload the page to try again, or print it with the command line:/);
      assert.ok(text.includes(`leaklab run ${FIRST} --variant leaky`) && text.includes(`--report ${report}`), text);
    }
    await page.getByTestId('profile-download').click();
    await page.waitForFunction(() => /^The profile could not be made: /.test(document.querySelector('[data-testid=profile-status]')?.textContent ?? ''));
    await page.getByTestId('compare-toggle').click();
    await page.getByTestId('region-compare-listing').waitFor();
    await playFor(page, 500);
    assert.equal(await syncLoads(page), 0, 'playing, dumps and compare needed nothing of the second wasm');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a link to the first lesson with a per-goroutine dump open prints it once the second wasm is in', async () => {
  const { page, problems } = await harness.open(`?lesson=${FIRST}&variant=leaky&t=3s&panel=debug2`);
  try {
    await waitForInstant(page, '3s');
    await page.waitForFunction(() => /^goroutine \d+ \[/m.test(document.querySelector('[data-testid=dump-text]')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.equal(await syncLoads(page), 0, 'the dump waited for the second wasm instead of loading it synchronously');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a later lesson opened in the page, or from a link, gets its code first', async () => {
  const { page, problems } = await harness.open(`?lesson=${FIRST}`);
  try {
    // At once, before the page's own fetch of the later code is done.
    await page.getByTestId(`nav-${LESSONS[1].id}`).click();
    await page.waitForFunction(() => /package main/.test(document.querySelector('[data-testid=region-listing]')?.textContent ?? ''), null, { timeout: 15_000 });
    await playFor(page, 500);
    assert.equal(await syncLoads(page), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  for (const lesson of LESSONS.slice(1)) {
    const opened = await harness.open(`?lesson=${lesson.id}&t=1s`);
    try {
      await waitForInstant(opened.page, '1s');
      assert.match(await opened.page.getByTestId('region-listing').textContent(), /package main/, `${lesson.id}: its listing is shown`);
      assert.equal(await syncLoads(opened.page), 0, `${lesson.id}: its code came before it ran`);
      assert.deepEqual(opened.problems, [], lesson.id);
    } finally {
      await opened.page.close();
    }
  }
});

test('a second wasm that does not come is a message where the lesson would be', async () => {
  const page = await harness.browser.context.newPage();
  await page.route(/_lazy\.wasm$/, (route) => route.fulfill({ status: 503, body: 'down for maintenance' }));
  try {
    await page.goto(`${harness.server.base}?lesson=${LESSONS[1].id}`, { waitUntil: 'load' });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.textContent(), /^This lesson could not be loaded \(.*_lazy\.wasm: .+\); reload the page to try again\.$/);
    // The rest of the page still works: the first lesson opens.
    await page.goto(`${harness.server.base}?lesson=${FIRST}&t=1s`, { waitUntil: 'load' });
    await waitForInstant(page, '1s');
  } finally {
    await page.close();
  }
});
