// The release build in headless Chromium, hosted under a sub-path: every lesson opens from its
// URL, shows the navigation and all regions without console errors, passes axe-core without
// serious or critical violations, and fits a 375 px wide screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, LESSONS, REGIONS, buildSite, launchBrowser, openPage, seriousAxeViolations, siteSizes,
} from '../lib/site.js';
import { serveStatic } from '../lib/static-server.js';

/** Issue 5's budget for the whole transfer (wasm + JS + CSS + HTML, gzipped). */
const TRANSFER_BUDGET = 350 * 1024;

let site;
let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  site = buildSite();
  server = await serveStatic(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `query` on the hosted site and waits until the app has mounted. */
async function open(query, viewport) {
  const opened = await openPage(browser.context, server.base + query, viewport);
  await opened.page.getByTestId('lesson').waitFor({ timeout: 15_000 });
  return opened;
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('every lesson opens from its URL', () => {
  for (const lesson of LESSONS) {
    test(lesson.id, async () => {
      const { page, problems } = await open(`?lesson=${lesson.id}`);
      try {
        assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), lesson.id);
        assert.equal(await page.getByTestId('lesson-title').textContent(), lesson.title);
        assert.equal(await page.title(), `${lesson.title} · Leak Lab`);
        for (const other of LESSONS) {
          const link = page.getByTestId(`nav-${other.id}`);
          assert.ok(await link.isVisible(), `nav-${other.id} is visible`);
          assert.equal(await link.getAttribute('aria-current'), other.id === lesson.id ? 'page' : null);
        }
        for (const region of REGIONS) {
          assert.ok(await page.getByTestId(`region-${region}`).isVisible(), `region-${region} is visible`);
        }
        assert.equal(await page.getByTestId('clock').textContent(), '0s');
        assert.equal(await page.locator('#boot').count(), 0, 'the boot message is gone');
        assert.equal(await page.getByTestId('url-notices').count(), 0);
        await shot(page, `lesson-${lesson.id}`);
        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

test('a 375 px wide screen shows every region without sideways scrolling', async () => {
  const { page, problems } = await open('?lesson=unbounded-send&rate=200', { width: 375, height: 800 });
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    for (const region of REGIONS) {
      const box = await page.getByTestId(`region-${region}`).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `region-${region} fits`);
    }
    await shot(page, 'narrow-375');
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the URL state is read, shown and written back', async () => {
  const { page, problems } = await open('?lesson=upstream&variant=safe&t=1m30s&panel=debug2&rate=200');
  try {
    assert.equal(await page.getByTestId('clock').textContent(), '1m30s');
    assert.equal(await page.getByTestId('variant-safe').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('dump-format-debug2').getAttribute('aria-pressed'), 'true');
    assert.match(await page.getByTestId('url-knobs').textContent(), /rate\s*200/);

    await page.getByTestId('variant-leaky').click();
    assert.equal(await page.getByTestId('variant-leaky').getAttribute('aria-pressed'), 'true');
    await page.getByTestId('dump-format-goleak').click();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/leaklab/');
    assert.equal(url.search, '?lesson=upstream&variant=leaky&rate=200&t=1m30s&panel=goleak');

    // The navigation stays in the page (no reload) and adds a history entry.
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByTestId('nav-workers').click();
    assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), 'workers');
    assert.equal(new URL(page.url()).search, '?lesson=workers&variant=leaky');
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid=lesson]').dataset.lesson === 'upstream');
    assert.equal(await page.getByTestId('clock').textContent(), '1m30s');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the keyboard reaches the navigation and the toggles, with visible focus', async () => {
  const { page, problems } = await open('?lesson=unbounded-send');
  try {
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { testid: el.dataset.testid ?? el.className, outline: style.outlineStyle, width: style.outlineWidth };
    });
    await page.keyboard.press('Tab');
    assert.equal((await focused()).testid, 'skip-link');
    await page.keyboard.press('Tab');
    const first = await focused();
    assert.equal(first.testid, 'nav-unbounded-send');
    assert.notEqual(first.outline, 'none', 'focus is visible');
    assert.notEqual(first.width, '0px', 'focus is visible');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).testid, 'nav-upstream');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=lesson]').dataset.lesson === 'upstream');
    // On through the rest of the navigation to the variant toggle, which Space presses.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    assert.equal((await focused()).testid, 'variant-safe');
    await page.keyboard.press('Space');
    assert.equal(await page.getByTestId('variant-safe').getAttribute('aria-pressed'), 'true');
    assert.equal(new URL(page.url()).search, '?lesson=upstream&variant=safe');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('invalid parameters show notices and fall back to defaults', async () => {
  const { page, problems } = await open('?lesson=nope&variant=leakier&t=2days&seed=x&panel=debug9&embed=maybe');
  try {
    const notices = page.getByTestId('url-notices');
    assert.ok(await notices.isVisible());
    assert.equal(await notices.locator('li').count(), 6);
    assert.match(await notices.textContent(), /There is no lesson "nope"/);
    assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), 'unbounded-send');
    assert.equal(await page.getByTestId('clock').textContent(), '0s');
    await shot(page, 'notices');
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('embed=1 drops the site navigation', async () => {
  const { page, problems } = await open('?lesson=pprof&embed=1');
  try {
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

test('a Rust panic shows the error panel, not a blank page', async () => {
  const { page, problems } = await open('?lesson=review&crash=1');
  try {
    const panel = page.getByTestId('panic-panel');
    await panel.waitFor({ timeout: 10_000 });
    assert.equal(await panel.getAttribute('role'), 'alert');
    assert.match(await page.getByTestId('panic-details').textContent(), /crash=1/);
    await shot(page, 'panic');
    // The panic itself is reported on the console; nothing else may go wrong.
    assert.ok(problems.length > 0, 'the panic reached the console');
    assert.deepEqual(problems.filter((p) => !/crash=1|unreachable/i.test(p)), []);
  } finally {
    await page.close();
  }
});

test('the release build fits the transfer budget', () => {
  const sizes = siteSizes(site);
  const shipped = ['wasm', 'js', 'css', 'html'].reduce((sum, kind) => sum + (sizes[kind]?.gzip ?? 0), 0);
  for (const [kind, { raw, gzip, files }] of Object.entries(sizes).sort()) {
    console.log(`${kind}: ${files} file(s), ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzipped`);
  }
  console.log(`transfer (wasm + js + css + html, gzipped): ${(shipped / 1024).toFixed(1)} KiB`);
  assert.ok(shipped <= TRANSFER_BUDGET, `${shipped} bytes is over the ${TRANSFER_BUDGET} byte budget`);
});
