// "Your dump": a learner's own goroutine dump, read in a Web Worker of the page. Real Go dumps
// from lessons/oracle/dumps/ are pasted and dropped; the page's headline is the one
// `leaklab analyze` prints for the same file; a suspect's link opens its lesson; damaged input
// names its line; nothing is sent anywhere, and the worker loads only on this page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, seriousAxeViolations } from '../lib/site.js';
import { buildCli } from '../lib/cli.js';
import { shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;
const DUMPS = join(REPO_ROOT, 'lessons', 'oracle', 'dumps');
const dump = (name) => join(DUMPS, name);

before(async () => {
  buildCli();
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** What `leaklab analyze FILE [--base BASE]` prints. */
function analyze(file, base) {
  const args = ['analyze', file];
  if (base) args.push('--base', base);
  const r = spawnSync(buildCli(), args, { maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString('utf8');
}

/** Opens the page and records every request it makes. */
async function openYourDump(viewport) {
  const opened = await harness.open('?page=your-dump', viewport);
  const requests = [];
  opened.page.on('request', (req) => requests.push({ url: req.url(), method: req.method() }));
  await opened.page.getByTestId('yd-page').waitFor({ timeout: 20_000 });
  return { ...opened, requests };
}

/** Waits until the page has read the dump; fails with the page's error if it could not. */
async function waitForResult(page) {
  await page.locator('[data-testid=yd-time], [data-testid=yd-error]').first().waitFor({ timeout: 30_000 });
  const error = page.getByTestId('yd-error');
  if (await error.count()) throw new Error(`the page could not read the dump: ${await error.textContent()}`);
}

/** Every request went to the site itself, and only to fetch its own files. */
function assertNothingSent(requests) {
  for (const r of requests) {
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.ok(r.url.startsWith(harness.server.base), `a request outside the site: ${r.url}`);
  }
}

test('the header and the overview lead to the page; the first lesson does not load the worker', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky');
  const loaded = [];
  page.on('request', (req) => loaded.push(req.url()));
  try {
    await waitForInstant(page, '0s');
    await page.waitForTimeout(300);
    assert.equal(loaded.filter((u) => /dumpworker|dumppage/.test(u)).length, 0, 'nothing of "Your dump" for a lesson');
    await page.getByTestId('nav-your-dump').click();
    await page.getByTestId('your-dump').waitFor();
    assert.equal(new URL(page.url()).search, '?page=your-dump');
    assert.equal(await page.title(), 'Your dump · Leak Lab');
    assert.equal(await page.getByTestId('nav-your-dump').getAttribute('aria-current'), 'page');
    await page.getByTestId('yd-page').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('your-dump').textContent(), /never uploaded or sent anywhere/);
    assert.ok(loaded.some((u) => u.includes('dumppage')) && loaded.some((u) => u.includes('dumpworker')) === false,
      'the page module loads with the page; the worker only once a dump is read');
    await page.goBack();
    await page.getByTestId('lesson').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  const home = await harness.open('?');
  try {
    await home.page.getByTestId('overview-your-dump').click();
    await home.page.getByTestId('your-dump').waitFor();
    assert.deepEqual(home.problems, []);
  } finally {
    await home.page.close();
  }
});

test('a bad page parameter gives a notice, not a blank page', async () => {
  const { page, problems } = await harness.open('?page=my-dump');
  try {
    await page.getByTestId('url-notices').waitFor();
    assert.match(await page.getByTestId('url-notices').textContent(), /There is no page "my-dump"/);
    assert.ok(await page.getByTestId('lesson').isVisible());
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  const second = await harness.open('?page=your-dump&t=soon');
  try {
    await second.page.getByTestId('your-dump').waitFor();
    assert.match(await second.page.getByTestId('url-notices').textContent(), /t="soon"/);
  } finally {
    await second.page.close();
  }
});

test('a pasted debug=2 dump: groups, suspects, filters, and a suspect leads to its lesson', async () => {
  const file = dump('unbounded-send-leaky.go1.24.4.t2s.debug2.txt');
  const cli = analyze(file);
  const { page, problems, requests } = await openYourDump();
  try {
    await page.getByTestId('yd-text').fill(readFileSync(file, 'utf8'));
    await page.getByTestId('yd-read').click();
    await waitForResult(page);
    assert.equal(await page.getByTestId('yd-headline').textContent(), cli.split('\n')[0], 'the headline leaklab analyze prints');
    const groups = Number(cli.match(/ in (\d+) groups?/)[1]);
    assert.equal(await page.getByTestId('yd-shown').textContent(), `${groups} of ${groups} groups`);
    // The largest group is the program's own, marked as such, and a suspect.
    const first = page.getByTestId('yd-group').first();
    assert.match(await first.textContent(), /main\./);
    assert.equal(await first.locator('.yd-own').count(), 1, 'the innermost own function is highlighted');
    assert.ok(await page.locator('.yd-fn.yd-std').count() > 0, 'standard-library-only stacks are marked (std)');
    // Each suspect's sentence is the one the CLI prints.
    const suspects = page.getByTestId('yd-suspect');
    assert.ok(await suspects.count() > 0, 'a suspect');
    for (const reason of await page.getByTestId('yd-reason').allTextContents()) {
      assert.match(reason, /^[A-Z].*\.$/, 'a full sentence');
      assert.ok(cli.includes(reason), `the sentence leaklab analyze prints: ${reason}`);
    }

    // Filters: by state, by package, by minutes; a bad number says so.
    await page.getByTestId('yd-filter-state').fill('chan send');
    const shown = await page.getByTestId('yd-shown').textContent();
    assert.match(shown, /^\d+ of \d+ groups$/);
    assert.ok(Number(shown.split(' ')[0]) < groups, shown);
    for (const row of await page.getByTestId('yd-group').all()) assert.match(await row.textContent(), /chan send/);
    await page.getByTestId('yd-filter-state').fill('');
    await page.getByTestId('yd-filter-package').fill('net/http');
    assert.ok(Number((await page.getByTestId('yd-shown').textContent()).split(' ')[0]) > 0);
    await page.getByTestId('yd-filter-package').fill('');
    await page.getByTestId('yd-filter-minutes').fill('ten');
    assert.match(await page.getByTestId('yd-filter-error').textContent(), /not a whole number of minutes/);
    await page.getByTestId('yd-filter-minutes').fill('');

    // Keyboard: a group opens with Enter and shows its frames, own code marked.
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('yd-details').waitFor();
    assert.ok(await page.locator('.yd-frames li.yd-own').count() > 0, 'own frames marked');
    // A goroutine of the standard library's own: its frames dimmed.
    await page.getByTestId('yd-group').filter({ has: page.locator('.yd-fn.yd-std') }).first().click();
    assert.ok(await page.locator('.yd-frames li.yd-std').count() > 0, 'standard library frames dimmed');
    await shot(page, 'your-dump-1280');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // The suspect's link opens its lesson at the instant and panel that show the pattern.
    const link = suspects.first().getByTestId('yd-lesson-link');
    const href = await link.getAttribute('href');
    assert.match(href, /^\?lesson=[a-z-]+&variant=[a-z0-9-]+.*&t=[0-9a-z.]+&panel=debug[12]$/);
    await link.click();
    await page.getByTestId('lesson').waitFor();
    assert.equal(new URL(page.url()).search, href);
    const t = new URLSearchParams(href).get('t');
    await waitForInstant(page, t, 60_000);
    assert.equal(await page.getByTestId('url-notices').count(), 0);
    assertNothingSent(requests);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a dropped .pb.gz profile at 375 px, and a diff of two dumps', async () => {
  const now = dump('pprof-leaky.go1.24.4.http.goroutine.pb.gz');
  const base = dump('pprof-safe.go1.24.4.http.goroutine.pb.gz');
  const { page, problems, requests } = await openYourDump({ width: 375, height: 800 });
  try {
    await page.getByTestId('yd-file').setInputFiles(now);
    await waitForResult(page);
    assert.equal(await page.getByTestId('yd-headline').textContent(), analyze(now).split('\n')[0]);
    assert.match(await page.getByTestId('yd-headline').textContent(), /^protobuf goroutine profile/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling at 375 px (the page is ${width} px wide)`);
    await shot(page, 'your-dump-375');

    // With a base dump: each stack's change, largest growth first, as the CLI prints it.
    await page.getByTestId('yd-base-file').setInputFiles(base);
    await page.getByTestId('yd-read').click();
    await page.getByTestId('yd-diff').waitFor({ timeout: 30_000 });
    const cli = analyze(now, base).split('\n');
    assert.equal(await page.getByTestId('yd-diff-headline').textContent(), cli[0]);
    const first = await page.getByTestId('yd-diff-row').first().textContent();
    const cliDelta = cli[1].trim().split(/\s+/)[0];
    assert.match(cliDelta, /^\+\d+$/);
    assert.ok(first.startsWith(cliDelta), `the largest growth first: ${first} (CLI: ${cli[1]})`);
    assertNothingSent(requests);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('two pasted debug=2 dumps diff; damaged input names its line and leaves a safe state', async () => {
  const { page, problems } = await openYourDump();
  try {
    await page.getByTestId('yd-text').fill(readFileSync(dump('upstream-leaky.go1.24.4.t2s.debug2.txt'), 'utf8'));
    await page.getByTestId('yd-base-text').fill(readFileSync(dump('upstream-safe.go1.24.4.t2s.debug2.txt'), 'utf8'));
    await page.getByTestId('yd-read').click();
    await page.getByTestId('yd-diff').waitFor({ timeout: 30_000 });
    const cli = analyze(dump('upstream-leaky.go1.24.4.t2s.debug2.txt'), dump('upstream-safe.go1.24.4.t2s.debug2.txt'));
    assert.equal(await page.getByTestId('yd-diff-headline').textContent(), cli.split('\n')[0]);

    const broken = 'goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n\ngoroutine x [chan send]:\nmain.f()\n';
    await page.getByTestId('yd-base-text').fill('');
    await page.getByTestId('yd-text').fill(broken);
    await page.getByTestId('yd-read').click();
    const error = page.getByTestId('yd-error');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.textContent(), /^The dump could not be read: line \d+: /);
    assert.equal(await page.getByTestId('yd-summary').count(), 0, 'no stale results');
    // The page still works: the next dump reads.
    await page.getByTestId('yd-text').fill(readFileSync(dump('pprof-leaky.go1.24.4.http.goroutine.debug2.txt'), 'utf8'));
    await page.getByTestId('yd-read').click();
    await waitForResult(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('copy link: only when asked, and the link reads the dump back', async () => {
  const file = dump('pprof-leaky.go1.24.4.http.goroutine.debug2.txt');
  const { page, problems, requests } = await openYourDump();
  try {
    await page.getByTestId('yd-text').fill(readFileSync(file, 'utf8'));
    await page.getByTestId('yd-read').click();
    await waitForResult(page);
    assert.equal(await page.getByTestId('yd-link').count(), 0, 'no link unless asked');
    await page.getByTestId('yd-share').click();
    await page.getByTestId('yd-link').waitFor();
    const link = await page.getByTestId('yd-link').inputValue();
    assert.match(link, /\?page=your-dump#dump=[A-Za-z0-9_-]+$/);
    assertNothingSent(requests);
    const opened = await harness.open(link.slice(harness.server.base.length));
    try {
      await waitForResult(opened.page);
      assert.equal(await opened.page.getByTestId('yd-headline').textContent(), analyze(file).split('\n')[0]);
      assert.deepEqual(opened.problems, []);
    } finally {
      await opened.page.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // A damaged link says so instead of showing anything.
  const damaged = await harness.open('?page=your-dump#dump=not*base64');
  try {
    await damaged.page.getByTestId('yd-error').waitFor({ timeout: 20_000 });
    assert.match(await damaged.page.getByTestId('yd-error').textContent(), /^This link's dump cannot be read: /);
    assert.deepEqual(damaged.problems, []);
  } finally {
    await damaged.page.close();
  }
});

test('a large dump shows its progress and can be cancelled', async () => {
  // About 40 MB: a real dump 500 times over.
  const one = readFileSync(dump('unbounded-send-leaky.go1.24.4.t2s.debug2.txt'), 'utf8');
  const big = Buffer.from(Array.from({ length: 500 }, () => one).join('\n'));
  const { page, problems } = await openYourDump();
  try {
    await page.getByTestId('yd-file').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
    await page.getByTestId('yd-progress').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid=yd-progress] progress').count(), 1);
    await page.getByTestId('yd-cancel').click();
    await page.getByTestId('yd-cancelled').waitFor();
    assert.equal(await page.getByTestId('yd-summary').count(), 0);
    // Read again, to the end: the progress went on to a result.
    await page.getByTestId('yd-read').click();
    await waitForResult(page);
    assert.match(await page.getByTestId('yd-headline').textContent(), /133500 goroutines/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
