// A dump of a million goroutines: printed a part at a time between frames, with progress and
// Stop; the page answers while it prints; the download is what `leaklab` prints (by hash); it
// can be searched, and copied in parts. The figures printed here (the longest task, how long
// printing took) are measurements; the budgets are checked by scripts/bench-web.sh.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { buildCli, runCli } from '../lib/cli.js';
import { goroutineCounts, startSite, waitForInstant } from '../lib/harness.js';

let harness;

before(async () => {
  buildCli();
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Starts recording main-thread tasks longer than 50 ms. */
const watchLongTasks = (page) => page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration);
  }).observe({ type: 'longtask' });
});
const longest = (page) => page.evaluate(() => Math.max(0, ...window.__long));

test('a debug=2 dump of a million goroutines prints in parts, downloads as leaklab prints it, and is searchable', async () => {
  const query = '?lesson=unbounded-send&variant=leaky&rate=2000&duration=10m&t=10m';
  const cli = runCli({ lesson: 'unbounded-send', variant: 'leaky', knobs: { rate: 2000, duration: '10m' }, at: '10m', report: 'debug2' });
  const text = cli.stdout.toString('utf8');
  // A goroutine four fifths of the way down the dump, to search for.
  const at = text.indexOf('\ngoroutine ', Math.floor(text.length * 0.8)) + 1;
  const needle = text.slice(at, text.indexOf('[', at) + 1);
  const { page, problems } = await harness.open(query);
  try {
    await waitForInstant(page, '10m0s', 180_000);
    const [count] = await goroutineCounts(page);
    assert.ok(count > 1_000_000, `${count} goroutines`);
    await watchLongTasks(page);
    const started = Date.now();
    await page.getByTestId('dump-format-debug2').click();
    // It prints between frames: progress shows, and the page answers (a click on the +100ms
    // button's title needs the main thread).
    await page.getByTestId('dump-printing').waitFor({ timeout: 10_000 });
    const progress = await page.getByTestId('dump-printing').textContent();
    assert.match(progress, /Printing the dump: [\d,]+ of [\d,]+ goroutines \(\d+ %\)/);
    const answer = Date.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    const answeredMs = Date.now() - answer;
    await page.getByTestId('dump-text-virtual').waitFor({ timeout: 120_000 });
    const printedMs = Date.now() - started;
    const lines = Number(await page.getByTestId('dump-text-virtual').getAttribute('data-lines'));
    console.log(`${count} goroutines: debug=2 of ${lines} lines printed in ${printedMs} ms; ` +
      `the page answered in ${answeredMs} ms while printing; longest task ${Math.round(await longest(page))} ms`);

    // The download, in 16 MiB pieces, is leaklab's output byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('dump-download').click()]);
    const path = await download.path();
    const got = readFileSync(path);
    assert.equal(got.length, cli.stdout.length, `the download has ${statSync(path).size} bytes, leaklab printed ${cli.stdout.length}`);
    assert.equal(sha(got), sha(cli.stdout), 'the download is leaklab\'s output (sha256)');
    assert.equal(lines, cli.stdout.toString('latin1').split('\n').length - 1, 'data-lines counts the lines');

    // Search: the line of a goroutine far down the dump is found, marked and shown.
    await page.getByTestId('dump-find').fill(needle);
    await page.getByTestId('dump-find').press('Enter');
    await page.waitForFunction(() => /^Line [\d,]+ of [\d,]+$/.test(document.querySelector('[data-testid=dump-find-note]')?.textContent ?? ''), null, { timeout: 30_000 });
    const note = await page.getByTestId('dump-find-note').textContent();
    const want = text.slice(0, text.indexOf(needle)).split('\n').length;
    assert.equal(note, `Line ${want.toLocaleString('en-US')} of ${lines.toLocaleString('en-US')}`);
    const marked = page.locator('.virtual-row.marked');
    assert.equal((await marked.textContent()).slice(0, needle.length), needle);
    const box = await marked.boundingBox();
    const list = await page.locator('.virtual-list').last().boundingBox();
    assert.ok(box.y >= list.y && box.y + box.height <= list.y + list.height, 'the found line is in the box');
    // Previous goes back to an earlier match; a query with no match says so.
    await page.getByTestId('dump-find').fill('goroutine 10000');
    await page.getByTestId('dump-find-previous').click();
    await page.waitForFunction(() => /^Line /.test(document.querySelector('[data-testid=dump-find-note]')?.textContent ?? ''), null, { timeout: 30_000 });
    assert.match(await page.locator('.virtual-row.marked').textContent(), /goroutine 10000/);
    await page.getByTestId('dump-find').fill('no such text in any dump');
    await page.getByTestId('dump-find-next').click();
    await page.waitForFunction(() => /No match/.test(document.querySelector('[data-testid=dump-find-note]')?.textContent ?? ''), null, { timeout: 60_000 });

    // Copy in parts: each part is a run of whole goroutines out of the dump.
    const options = await page.getByTestId('dump-part').locator('option').allTextContents();
    assert.ok(options.length > 10, `${options.length} parts`);
    assert.match(options[1], /^Part 2 of \d+: lines [\d,]+–[\d,]+ \(\d+\.\d MB\)$/);
    await page.evaluate(() => {
      navigator.clipboard.writeText = async (t) => {
        window.__copied = t;
      };
    });
    await page.getByTestId('dump-part').selectOption('1');
    await page.getByTestId('dump-copy').click();
    const copied = await page.evaluate(() => window.__copied);
    assert.ok(copied.startsWith('goroutine ') && text.includes(copied), 'part 2 is a piece of the dump that starts with a goroutine');
    assert.ok(copied.length <= 12 << 20, `part 2 has ${copied.length} bytes`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('printing a large dump can be stopped, shows what it printed, and can print it all', async () => {
  const query = '?lesson=unbounded-send&variant=leaky&rate=2000&duration=3m&t=3m&panel=debug2';
  const { page, problems } = await harness.open(query);
  try {
    await page.getByTestId("dump-printing").waitFor({ timeout: 120_000 });
    await page.getByTestId('dump-stop').click();
    const stopped = await page.getByTestId('dump-stopped').textContent();
    const m = stopped.match(/^Stopped after ([\d,]+) of ([\d,]+) goroutines/);
    assert.ok(m, stopped);
    const [done, total] = [m[1], m[2]].map((s) => Number(s.replace(/,/g, '')));
    assert.ok(done > 0 && done < total, `${done} of ${total}`);
    // What was printed is shown, and starts as the whole dump does.
    const first = page.locator('[data-testid=dump-text-virtual] .virtual-row, [data-testid=dump-text]').first();
    assert.match(await first.textContent(), /^goroutine \d+ \[running\]:/);
    await page.getByTestId('dump-print-all').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=dump-printing], [data-testid=dump-stopped]'), null, { timeout: 120_000 });
    const lines = Number(await page.getByTestId('dump-text-virtual').getAttribute('data-lines'));
    const cli = runCli({ lesson: 'unbounded-send', variant: 'leaky', knobs: { rate: 2000, duration: '3m' }, at: '3m', report: 'debug2' });
    assert.equal(lines, cli.stdout.toString('latin1').split('\n').length - 1, 'printed again in full');
    await waitForInstant(page, '3m0s');

    // Stepping back replays from a checkpoint a slice per frame, then shows the instant of
    // the event before, as leaklab computes it.
    await page.getByTestId('step-back').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=stepping-back]') &&
      document.querySelector('[data-testid=clock]').textContent !== '3m0s', null, { timeout: 120_000 });
    const back = await page.getByTestId('clock').textContent();
    const [count] = await goroutineCounts(page);
    const summary = runCli({ lesson: 'unbounded-send', variant: 'leaky', knobs: { rate: 2000, duration: '3m' }, at: back, report: 'summary' }).stdout.toString('utf8');
    const want = Number(summary.match(/^goroutines: (\d+)/m)[1]);
    console.log(`stepped back from 3m0s to ${back}: ${count} goroutines (leaklab: ${want})`);
    assert.equal(count, want);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
