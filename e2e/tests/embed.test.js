// Embedding in training docs: e2e/embed-example.html, served from a second origin (another
// port), frames a lesson with embed=1. The lesson tells its parent its height, shows no site
// navigation, ignores commands from origins it was not told about, and obeys the one named in
// parent_origin=.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { E2E_DIR, seriousAxeViolations } from '../lib/site.js';
import { serveStatic } from '../lib/static-server.js';
import { shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;
/** The docs site: a different origin from Leak Lab's. */
let docs;

before(async () => {
  harness = await startSite();
  docs = await serveStatic(E2E_DIR, '/notes/');
  assert.notEqual(docs.origin, harness.server.origin);
});

after(async () => {
  await harness?.close();
  await docs?.close();
});

/** Opens the example page with its iframe pointed at `lessonQuery` on the Leak Lab server. */
async function openExample(lessonQuery) {
  const src = harness.server.base + lessonQuery;
  const page = await harness.browser.context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  await page.goto(`${docs.base}embed-example.html?src=${encodeURIComponent(src)}`, { waitUntil: 'load' });
  // The frame that shows the lesson (the example's own placeholder src is replaced by ?src=).
  let frame;
  for (const deadline = Date.now() + 60_000; !frame && Date.now() < deadline;) {
    frame = page.frames().find((f) => f.url().startsWith(harness.server.base));
    if (!frame) await page.waitForTimeout(50);
  }
  assert.ok(frame, 'the example page framed the lesson');
  await frame.getByTestId('lesson').waitFor({ timeout: 20_000 });
  return { page, frame, problems };
}

/** The iframe's fitted height (set by the example page from the lesson's message), in px. */
async function fittedHeight(page) {
  await page.waitForFunction(() => document.getElementById('leaklab').dataset.fittedHeight, null, { timeout: 10_000 });
  return page.locator('#leaklab').evaluate((el) => ({
    fitted: Number(el.dataset.fittedHeight),
    box: el.getBoundingClientRect().height,
  }));
}

/** The height the framed lesson's content needs. */
const contentHeight = (frame) => frame.evaluate(() => document.body.scrollHeight);

test('the example page fits the frame to the lesson, which shows no site navigation', async () => {
  const { page, frame, problems } = await openExample('?lesson=unbounded-send&variant=leaky&embed=1&t=1s');
  try {
    await frame.getByTestId('clock').filter({ hasText: /^1s$/ }).waitFor({ timeout: 20_000 });
    // The frame starts at the example's 480 px and is resized to the lesson's own height.
    await page.waitForFunction(
      () => {
        const el = document.getElementById('leaklab');
        const inner = el.contentDocument; // null: cross-origin; the message is all we have
        return inner === null && Number(el.dataset.fittedHeight) > 0;
      },
      null,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(300); // the last height message after the clock settles
    const { fitted, box } = await fittedHeight(page);
    const needed = await contentHeight(frame);
    assert.notEqual(fitted, 480, 'the height was adjusted');
    assert.ok(Math.abs(box - fitted - 2) <= 1, `the frame is ${box}px tall (fitted ${fitted}px + border)`);
    assert.ok(Math.abs(fitted - needed) <= 2, `fitted ${fitted}px for content of ${needed}px`);

    // Embed mode: no site navigation, the compact set of regions.
    assert.equal(await frame.getByTestId('lesson-nav').count(), 0, 'no lesson navigation');
    assert.equal(await frame.locator('header.site-header').count(), 0, 'no site header');
    for (const region of ['listing', 'clock', 'goroutines', 'dump']) {
      assert.ok(await frame.getByTestId(`region-${region}`).isVisible(), `region-${region} is visible`);
    }
    for (const region of ['narrative', 'knobs']) {
      assert.equal(await frame.getByTestId(`region-${region}`).count(), 0, `no region-${region}`);
    }

    // Opening every goroutine group makes the page taller without changing the instant (the
    // whole listing beside them is taller than one group): the frame follows that too.
    const heads = frame.locator('[data-testid^=goroutine-group-] button.group-head');
    for (let i = 0; i < (await heads.count()); i++) await heads.nth(i).click();
    await frame.locator('[data-testid=goroutine-group-0] .group-frames').waitFor();
    const grown = await contentHeight(frame);
    assert.ok(grown > needed, `the open groups make the page taller (${needed}px to ${grown}px)`);
    await page.waitForFunction(
      (before) => Number(document.getElementById('leaklab').dataset.fittedHeight) > before,
      fitted,
      { timeout: 10_000 },
    );
    const opened = await fittedHeight(page);
    assert.ok(Math.abs(opened.fitted - (await contentHeight(frame))) <= 2, 'still fitted after opening a group');

    // The frame keeps fitting as the content changes (a longer dump after playing).
    await frame.getByTestId('play').click();
    await page.waitForTimeout(600);
    await frame.getByTestId('pause').click();
    await page.waitForTimeout(300);
    const later = await fittedHeight(page);
    assert.ok(Math.abs(later.fitted - (await contentHeight(frame))) <= 2, 'still fitted after playing');
    await shot(page, 'embed-example');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('commands from another origin are ignored unless parent_origin names it', async () => {
  // Without parent_origin, the docs origin may not drive the lesson.
  {
    const { page, frame } = await openExample('?lesson=unbounded-send&variant=leaky&embed=1');
    try {
      await frame.getByTestId('play').waitFor();
      await page.getByTestId('embed-play').click();
      // Also straight from the parent window, to any target origin.
      await page.evaluate(() => {
        document.getElementById('leaklab').contentWindow.postMessage({ type: 'leaklab:command', command: 'play' }, '*');
      });
      await page.waitForTimeout(1000);
      assert.equal(await frame.getByTestId('pause').count(), 0, 'the clock was not started');
      assert.equal(await frame.getByTestId('clock').textContent(), '0s');
      await page.getByTestId('embed-step').click();
      await page.waitForTimeout(300);
      assert.equal(await frame.getByTestId('clock').textContent(), '0s', 'step was ignored too');
    } finally {
      await page.close();
    }
  }
  // With parent_origin=<the docs origin>, its commands are obeyed.
  {
    const query = `?lesson=unbounded-send&variant=leaky&embed=1&parent_origin=${encodeURIComponent(docs.origin)}`;
    const { page, frame, problems } = await openExample(query);
    try {
      await frame.getByTestId('play').waitFor();
      assert.equal(await frame.getByTestId('url-notices').count(), 0, 'parent_origin is accepted');
      await page.getByTestId('embed-play').click();
      await frame.getByTestId('pause').waitFor({ timeout: 5000 });
      await page.waitForTimeout(400);
      await page.getByTestId('embed-pause').click();
      await frame.getByTestId('play').waitFor({ timeout: 5000 });
      const t = await frame.getByTestId('clock').textContent();
      assert.notEqual(t, '0s', 'the clock ran');
      await page.getByTestId('embed-step').click();
      await frame.getByTestId('clock').filter({ hasNotText: new RegExp(`^${t.replace('.', '\\.')}$`) }).waitFor({ timeout: 5000 });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});

test('"Copy embed snippet" gives the <iframe> of this moment, and it shows that moment', async () => {
  const { page, problems } = await harness.open('?lesson=upstream&variant=safe&t=3s&panel=goleak');
  let src;
  try {
    await waitForInstant(page, '3s');
    await page.getByTestId('embed-snippet-copy').click();
    const snippet = await page.getByTestId('embed-snippet').inputValue();
    const m = snippet.match(/^<iframe src="([^"]+)" title="([^"]+)"/);
    assert.ok(m, `an <iframe> with src and title: ${snippet}`);
    assert.match(m[2], /Unresponsive upstream/);
    src = m[1].replaceAll('&amp;', '&');
    const url = new URL(src);
    assert.equal(url.origin + url.pathname, harness.server.base);
    assert.equal(url.searchParams.get('lesson'), 'upstream');
    assert.equal(url.searchParams.get('variant'), 'safe');
    assert.equal(url.searchParams.get('t'), '3s');
    assert.equal(url.searchParams.get('panel'), 'goleak');
    assert.equal(url.searchParams.get('embed'), '1');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // The snippet's src, framed by the docs page, opens at that instant.
  const framed = await openExample(new URL(src).search);
  const { page: docsPage, frame } = framed;
  try {
    await waitForInstant(frame, '3s');
    assert.equal(await frame.getByTestId('variant-safe').getAttribute('aria-pressed'), 'true');
    assert.equal(await frame.getByTestId('dump-format-goleak').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(framed.problems, []);
  } finally {
    await docsPage.close();
  }
});

test('embed=1 on its own: compact, no navigation, no serious axe violations', async () => {
  const { page, problems } = await harness.open('?lesson=upstream&variant=leaky&embed=1&t=2s&panel=debug2');
  try {
    await waitForInstant(page, '2s');
    assert.equal(await page.getByTestId('lesson-nav').count(), 0);
    for (const region of ['listing', 'clock', 'goroutines', 'dump']) {
      assert.ok(await page.getByTestId(`region-${region}`).isVisible(), `region-${region} is visible`);
    }
    await shot(page, 'embed');
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
