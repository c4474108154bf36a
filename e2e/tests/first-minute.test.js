// The first minute of a new learner, at 1280×800 and 375×800: the overview at the site root,
// Play and the goroutine count in the first screen and in view while scrolling, the leaking
// line visible when its badge lights, one number per concept (the clock's count and the dump's
// total reconciled on screen), shortcuts that leave focused scroll boxes alone, controls that
// are disabled when they cannot act, a chart with axes, the review as a quiz, and the
// goroutineleak profile. Screenshots go to e2e/artifacts/first-minute-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS, seriousAxeViolations } from '../lib/site.js';
import { clockText, dumpText, goroutineCounts, shot, startSite, waitForInstant } from '../lib/harness.js';
import { buildCli, runCli } from '../lib/cli.js';

let harness;
const open = (query, viewport) => harness.open(query, viewport);
const SIZES = [
  { width: 1280, height: 800 },
  { width: 375, height: 800 },
];

before(async () => {
  buildCli();
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** The element's box in the viewport. */
const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
});

/** Whether `inner` lies inside the viewport of `height` px. */
const inViewport = (b, height) => b.top >= 0 && b.bottom <= height && b.height > 0;

test('the site root is an overview of the lessons, and keeps progress in the browser', async () => {
  for (const size of SIZES) {
    const { page, problems } = await open('?', size);
    try {
      await page.getByTestId('overview').waitFor();
      for (const lesson of LESSONS) {
        const item = page.getByTestId(`overview-${lesson.id}`);
        assert.ok(await item.isVisible(), `${lesson.id} is listed`);
        assert.match(await item.textContent(), /about \d+ min/);
      }
      assert.equal(await page.title(), 'Leak Lab: goroutine leaks, hands on');
      assert.deepEqual(await seriousAxeViolations(page), [], `axe at ${size.width} px`);
      await shot(page, `first-minute-overview-${size.width}`);
      assert.equal(await page.getByTestId('progress-upstream').textContent(), 'not started');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
  // Open a lesson from the overview, run it, come back: the overview says so.
  const { page } = await open('?', SIZES[0]);
  try {
    await page.getByTestId('overview-upstream').getByRole('link').click();
    await page.getByTestId('lesson').waitFor();
    assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), 'upstream');
    await page.getByTestId('play').click();
    await page.waitForTimeout(400);
    await page.getByTestId('pause').click();
    await page.getByTestId('home-link').click();
    await page.getByTestId('overview').waitFor();
    assert.equal(await page.getByTestId('progress-upstream').textContent(), '✓ run');
  } finally {
    await page.close();
  }
});

describe('Play and the goroutine count are in the first screen and stay in view', () => {
  for (const size of SIZES) {
    test(`${size.width}×${size.height}`, async () => {
      for (const lesson of LESSONS) {
        const { page, problems } = await open(`?lesson=${lesson.id}`, size);
        try {
          const play = await box(page.getByTestId('play'));
          const count = await box(page.getByTestId('goroutine-count'));
          assert.ok(inViewport(play, size.height), `${lesson.id}: Play at ${JSON.stringify(play)}`);
          assert.ok(inViewport(count, size.height), `${lesson.id}: the count at ${JSON.stringify(count)}`);
          // Scrolled to the goroutines and to the dump, the clock is still on screen.
          for (const region of ['region-goroutines', 'region-dump']) {
            await page.getByTestId(region).scrollIntoViewIfNeeded();
            const c = await box(page.getByTestId('goroutine-count'));
            assert.ok(inViewport(c, size.height), `${lesson.id}: the count in view at ${region}: ${JSON.stringify(c)}`);
          }
          if (lesson === LESSONS[0]) {
            assert.deepEqual(await seriousAxeViolations(page), [], `axe at ${size.width} px`);
            await page.evaluate(() => window.scrollTo(0, 0));
            await shot(page, `first-minute-lesson-${size.width}`);
          }
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      }
    });
  }
});

test('the leaking line is in view in the listing when its badge lights', async () => {
  for (const size of SIZES) {
    const { page, problems } = await open('?lesson=upstream&variant=leaky', size);
    try {
      const line = 42; // `responseCh <- result` (lessons/content/upstream/blocking.md)
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await page.getByTestId(`badge-${line}`).waitFor({ timeout: 30_000 });
      await page.getByTestId('pause').click();
      const badge = await box(page.getByTestId(`badge-${line}`));
      const scroller = await box(page.locator('#listing .listing-scroll, .region-listing .listing-scroll').first());
      assert.ok(
        badge.top >= scroller.top && badge.bottom <= scroller.bottom,
        `line ${line}'s badge ${JSON.stringify(badge)} inside the code box ${JSON.stringify(scroller)}`,
      );
      if (size.width >= 1000) assert.ok(inViewport(badge, size.height), `and on screen: ${JSON.stringify(badge)}`);
      await shot(page, `first-minute-upstream-badge-${size.width}`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});

test("the clock's count and the dump's total agree, and the page says why they differ", async () => {
  const { page, problems } = await open('?lesson=pprof&variant=leaky&t=30s&panel=debug1');
  try {
    await waitForInstant(page, '30s');
    const [count] = await goroutineCounts(page);
    const text = await dumpText(page);
    const total = Number(/^goroutine profile: total (\d+)\n/.exec(text)[1]);
    // Counts in prose are grouped (12,345; German 12.345).
    const note = (await page.getByTestId('dump-total-note').textContent()).replace(/(\d),(\d{3})/g, '$1$2');
    const extra = Number(/the (\d+) goroutines of the profile request/.exec(note)[1]);
    assert.equal(total - extra, count, `${total} - ${extra} = ${count}`);
    assert.match(note, new RegExp(`${total} in all, where the clock shows the program's ${count}`));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('shortcuts step the clock, but not while a scroll box or field has the focus', async () => {
  const { page, problems } = await open('?lesson=unbounded-send');
  try {
    for (const target of ['.listing-scroll', '[data-testid=dump-text]']) {
      await page.locator(target).first().focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(200);
      assert.equal(await clockText(page), '0s', `focus in ${target}: the arrows are the box's`);
    }
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=clock]').textContent !== '0s');
    await waitForInstant(page, await clockText(page));
    // K plays and pauses from anywhere but a field, a focused code box included.
    await page.locator('.listing-scroll').first().focus();
    await page.keyboard.press('k');
    await page.getByTestId('pause').waitFor({ timeout: 5000 });
    await page.keyboard.press('k');
    await page.getByTestId('play').waitFor({ timeout: 5000 });
    assert.match(await page.getByTestId('keys-hint').textContent(), /K.*play or pause/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the sticky clock keeps its height as the numbers grow, so the page under it does not jump', async () => {
  for (const viewport of SIZES) {
    const heights = [];
    for (const query of ['?lesson=unbounded-send', '?lesson=unbounded-send&duration=10m&t=1m40.125s']) {
      const { page, problems } = await open(query, viewport);
      try {
        await waitForInstant(page, query.includes('t=') ? '1m40.125s' : '0s', 60_000);
        const [count] = await goroutineCounts(page);
        heights.push({ query, count, height: (await box(page.getByTestId('region-clock'))).height });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
    console.log(`${viewport.width}px: ${heights.map((h) => `${h.count} goroutines → ${h.height}px`).join(', ')}`);
    assert.ok(heights[1].count >= 10000, 'the later instant has a five-digit count');
    assert.equal(heights[1].height, heights[0].height, `at ${viewport.width}px the clock bar keeps its height`);
  }
});

test('controls that cannot act are disabled and say why', async () => {
  // upstream at 24 s: every leaked goroutine is parked for good and no request is coming.
  {
    const { page, problems } = await open('?lesson=upstream&variant=leaky&t=24s');
    try {
      await waitForInstant(page, '24s');
      assert.ok(await page.getByTestId('step').isDisabled(), 'no next event');
      assert.match(await page.getByTestId('step-reason').textContent(), /Nothing is scheduled/);
      assert.ok(!(await page.getByTestId('step-back').isDisabled()));
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
  // workers ends when main returns: Play is disabled, and the clock says how it ended.
  {
    const { page, problems } = await open('?lesson=workers&variant=leaky&t=10s');
    try {
      await page.getByTestId('clock-ended').waitFor({ timeout: 30_000 });
      assert.match(await page.getByTestId('clock-ended').textContent(), /main returned \(exit status 0\)/);
      assert.ok(await page.getByTestId('play').isDisabled());
      assert.ok(await page.getByTestId('step').isDisabled());
      assert.equal(await page.getByTestId('outcome').getAttribute('role'), 'status', 'exit status 0 is no alarm');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
  // At 0s there is nothing to step back to.
  const { page } = await open('?lesson=unbounded-send');
  try {
    assert.ok(await page.getByTestId('step-back').isDisabled());
  } finally {
    await page.close();
  }
});

test('the chart has axes from zero, titles and distinct variants, readable on a phone', async () => {
  for (const size of SIZES) {
    const { page, problems } = await open('?lesson=num-goroutine&variant=leaky&t=1m&compare=1', size);
    try {
      await waitForInstant(page, '1m0s', 60_000);
      const chart = page.getByTestId('chart');
      for (const axis of ['chart-x-axis', 'chart-y-axis', 'chart-mem-axis']) {
        assert.equal(await chart.getByTestId(axis).count(), 1, axis);
      }
      const titles = await chart.locator('.axis-title').allTextContents();
      assert.deepEqual(titles, ['virtual time', 'goroutines', 'memory (MiB)']);
      const ticks = await chart.locator('.tick').allTextContents();
      assert.ok(ticks.filter((t) => t === '0').length >= 1 && ticks.includes('0s'), `ticks ${ticks}`);
      const colours = await chart.locator('.curve').evaluateAll((els) => els.map((e) => getComputedStyle(e).stroke));
      assert.equal(new Set(colours).size, 2, `leaky and safe in two colours: ${colours}`);
      const height = await chart.locator('.tick').first().evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(height >= 9, `tick labels ${height} px tall at ${size.width} px`);
      await shot(page, `first-minute-chart-${size.width}`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});

test('the review is a quiz: the answer shows after checking', async () => {
  const { page, problems } = await open('?lesson=review&variant=review-1');
  try {
    await page.getByTestId('quiz-leaky').check();
    await page.getByTestId('quiz-line').fill('20');
    await page.getByTestId('quiz-check').click();
    assert.match(await page.getByTestId('quiz-verdict').textContent(), /^Right\. review-1\.go is leaky: its goroutines wait on line 20, in \[chan send\]/);
    // Why, fetched for the language on screen.
    await page.getByTestId('quiz-verdict').getByTestId('narrative-text').waitFor();
    assert.match(await page.getByTestId('quiz-verdict').textContent(), /never finds a receiver/);
    await page.getByTestId('variant-review-2').click();
    await page.getByTestId('quiz-leaky').check();
    await page.getByTestId('quiz-line').fill('12');
    await page.getByTestId('quiz-check').click();
    assert.match(await page.getByTestId('quiz-verdict').textContent(), /^Not quite\. review-2\.go is safe\./);
    assert.match(await page.getByTestId('quiz-score').textContent(), /^2 of 6 programs answered, 1 right/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the goroutineleak profile counts only what can never wake', async () => {
  const { page, problems } = await open('?lesson=upstream&variant=leaky&t=24s&panel=goroutineleak');
  try {
    await waitForInstant(page, '24s');
    const text = await dumpText(page);
    // As leaklab run upstream --variant leaky --at 24s --report leak1 prints it: the 20 senders only.
    assert.match(text, /^goroutineleak profile: total 20\n20 @ /);
    assert.match(text, /main\.leakyHandler\.func1\+0x[0-9a-f]+\t\/app\/main\.go:42/);
    assert.doesNotMatch(text, /netpoll|ListenAndServe/, 'the server goroutines can still wake');
    const note = await page.getByTestId('dump-note').textContent();
    assert.match(note, /merely stuck/);
    assert.match(note, /marks these \(leaked\)/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('garbage collections are marked on the chart', async () => {
  const { page, problems } = await open('?lesson=pprof&variant=leaky&rate=200&duration=30s&t=2m10s');
  try {
    await waitForInstant(page, '2m10s', 60_000);
    const marks = Number(await page.getByTestId('chart-gc').getAttribute('data-count'));
    // As many as the last column of `leaklab run pprof … --report metrics` counts.
    const metrics = runCli({ lesson: 'pprof', variant: 'leaky', knobs: { rate: 200, duration: '30s' }, at: '2m10s', report: 'metrics' });
    const cycles = Number(metrics.stdout.toString('utf8').trim().split('\n').pop().split(',').pop());
    assert.ok(cycles >= 5, `${cycles} collections by 2m10s (heap-driven ones and the two-minute forced one)`);
    assert.equal(marks, cycles, `${marks} collections marked`);
    assert.equal(await page.locator('.gc-mark').count(), cycles);
    assert.match(await page.getByTestId('region-chart').textContent(), /garbage collection/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("catching up with a link's instant shows its progress, keeps the link, and can be stopped", async () => {
  const { page, problems } = await open('?lesson=unbounded-send&variant=leaky&rate=2000&duration=10m&t=10m');
  try {
    const status = page.getByTestId('catching-up');
    await status.filter({ hasText: /Running to 10m0s: at .+ \(\d+ %\), (about \d+ (s|min) left|less than a second left|estimating the time left)/ }).waitFor({ timeout: 20_000 });
    // The other controls wait, and a click on them cannot cut the link's instant short.
    assert.ok(await page.getByTestId('play').isDisabled());
    assert.ok(await page.getByTestId('step').isDisabled());
    assert.equal(new URL(page.url()).searchParams.get('t'), '10m');
    await page.getByTestId('cancel-catch-up').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=catching-up]').textContent === '');
    const at = await clockText(page);
    assert.notEqual(at, '10m0s', 'stopped on the way');
    await page.waitForFunction((t) => new URL(location.href).searchParams.get('t') === t, at);
    assert.ok(!(await page.getByTestId('play').isDisabled()), 'the controls are back');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
