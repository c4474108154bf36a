// What every test file needs: the built site served under /leaklab/, one Chromium, and helpers
// that wait for the page the way a learner would (the clock at the instant asked for, the dump
// printed), without fixed sleeps where a condition can be awaited.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, buildSite, launchBrowser, openPage } from './site.js';
import { serveStatic } from './static-server.js';

/**
 * Builds (or reuses, with LEAKLAB_E2E_SITE) the site, serves it and launches Chromium.
 * Resolves to { site, server, browser, open, close }.
 */
export async function startSite() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const site = buildSite();
  const server = await serveStatic(site);
  const browser = await launchBrowser();
  /** Opens `query` (starting with `?`) on the hosted site; waits until the app has mounted (a lesson, the overview or "Your dump"). */
  const open = async (query, viewport) => {
    const opened = await openPage(browser.context, server.base + query, viewport);
    await opened.page.locator('[data-testid=lesson], [data-testid=overview], [data-testid=your-dump]').first().waitFor({ timeout: 20_000 });
    return opened;
  };
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { site, server, browser, open, close };
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png. */
export const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * Waits until the clock shows `clock` (as Go prints a duration: "2s", "10m0s") and is not
 * catching up any more, so that every view shows that instant.
 */
export async function waitForInstant(page, clock, timeout = 30_000) {
  try {
    await page.waitForFunction(
      (want) => {
        const c = document.querySelector('[data-testid=clock]');
        const busy = document.querySelector('.catching-up')?.textContent ?? '';
        return c?.textContent === want && busy === '' && !document.querySelector('[data-testid=pause]');
      },
      clock,
      { timeout, polling: 50 },
    );
  } catch (err) {
    const now = await page.getByTestId('clock').textContent().catch(() => '?');
    throw new Error(`the clock did not settle at ${clock} (it shows ${now}): ${err.message}`);
  }
}

/** The clock's text. */
export const clockText = (page) => page.getByTestId('clock').textContent();

/** The goroutine count as numbers (two in compare mode: "12 / 7"). */
export async function goroutineCounts(page) {
  const text = await page.getByTestId('goroutine-count').textContent();
  const parts = text.split('/').map((s) => s.trim());
  for (const p of parts) {
    if (!/^\d+$/.test(p)) throw new Error(`the goroutine count ${JSON.stringify(text)} is not a number`);
  }
  return parts.map(Number);
}

/**
 * The dump region's text: the inline <pre>'s textContent, or null when the dump is long
 * enough to be shown through the virtual list (then use the download).
 */
export async function dumpText(page) {
  await page.locator('[data-testid=dump-text], [data-testid=dump-text-virtual]').first().waitFor({ timeout: 10_000 });
  if (await page.getByTestId('dump-text-virtual').count()) return null;
  return page.getByTestId('dump-text').textContent();
}

/** Clicks play, lets the clock run for `ms` of wall time, and pauses (if it still plays). */
export async function playFor(page, ms) {
  await page.getByTestId('play').click();
  await page.waitForTimeout(ms);
  const pause = page.getByTestId('pause');
  if (await pause.count()) await pause.click();
  await page.getByTestId('play').waitFor({ timeout: 10_000 });
}

/** Sets the scrubber to `ms` milliseconds and fires `change`, as releasing the thumb does. */
export async function scrubTo(page, ms) {
  await page.getByTestId('scrubber').evaluate((el, value) => {
    el.value = String(value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, ms);
}

/** The element that has focus: its test id (or tag and class) and whether its focus shows. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { testid: 'body', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow && style.boxShadow !== 'none';
    return {
      testid: el.dataset.testid ?? `${el.tagName.toLowerCase()}.${el.className}`,
      tag: el.tagName,
      visible: Boolean(outline || ring),
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

/** Nanoseconds in a Go duration as the clock prints it ("1m30.5s", "250ms", "0s"). */
export function parseGoDuration(text) {
  const units = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, 'µs': 1e3, ns: 1 };
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let m;
  let end = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * units[m[2]];
    end = re.lastIndex;
  }
  if (end !== text.length || text === '') throw new Error(`not a Go duration: ${JSON.stringify(text)}`);
  return total;
}
