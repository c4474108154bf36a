// Building the release site and launching Debian's Chromium, shared by the test files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(E2E_DIR, '..');
export const ARTIFACTS = join(E2E_DIR, 'artifacts');
/** Where the tested build goes: not dist/, which a running `trunk serve` owns. */
export const SITE_DIR = join(ARTIFACTS, 'site');
export const PUBLIC_URL = '/leaklab/';

/**
 * The lessons in teaching order, read from the lesson registry: every folder of
 * lessons/content with a lesson.toml, its `order` and `title` (top-level keys, before the
 * first table). lessondata checks the files; a file this cannot read is an error here too.
 */
export function readLessons(content = join(REPO_ROOT, 'lessons', 'content')) {
  const lessons = [];
  for (const id of readdirSync(content)) {
    let text;
    try {
      text = readFileSync(join(content, id, 'lesson.toml'), 'utf8');
    } catch {
      continue;
    }
    const top = text.split(/^\[/m)[0];
    const order = top.match(/^order\s*=\s*(\d+)\s*$/m);
    const title = top.match(/^title\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/m);
    if (!order || !title) throw new Error(`lessons/content/${id}/lesson.toml: no order or title`);
    lessons.push({ id, title: JSON.parse(`"${title[1]}"`), order: Number(order[1]) });
  }
  return lessons.sort((a, b) => a.order - b.order).map(({ id, title }) => ({ id, title }));
}

export const LESSONS = readLessons();

/** The regions every full lesson page shows, by test id suffix. */
export const REGIONS = ['narrative', 'listing', 'clock', 'knobs', 'goroutines', 'channels', 'dump', 'chart'];

/**
 * Builds the release site under PUBLIC_URL into SITE_DIR, unless LEAKLAB_E2E_SITE names an
 * already built one. Returns the directory served.
 */
export function buildSite() {
  if (process.env.LEAKLAB_E2E_SITE) return resolve(process.env.LEAKLAB_E2E_SITE);
  const started = Date.now();
  const result = spawnSync(
    'trunk',
    ['build', '--release', '--public-url', PUBLIC_URL, '--dist', SITE_DIR],
    { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.error) throw new Error(`could not run trunk (run scripts/install-tools.sh): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`trunk build --release failed with exit code ${result.status}`);
  console.log(`trunk build --release took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return SITE_DIR;
}

/** Sizes of the built files by kind, raw and gzipped (level 9), in bytes; only files `keep(name)` wants. */
export function siteSizes(dir, keep = () => true) {
  const sizes = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (!keep(name)) continue;
      const kind = name.split('.').pop();
      const body = readFileSync(path);
      const entry = (sizes[kind] ??= { raw: 0, gzip: 0, files: 0 });
      entry.raw += body.length;
      entry.gzip += gzipSync(body, { level: 9 }).length;
      entry.files += 1;
    }
  };
  walk(dir);
  return sizes;
}

/** The flags headless Chromium needs as root on a machine without outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches /usr/bin/chromium with a fresh profile directory. Resolves to the browser context
 * and a `close` that also removes the profile.
 */
export async function launchBrowser({ locale = 'en-US' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'leaklab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // The browser's preferred language decides the page's when the URL names none: English
    // unless a test asks for another.
    locale,
    args: [...CHROMIUM_ARGS, `--lang=${locale}`],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that records console errors, uncaught exceptions and failed requests, so a
 * test can assert that none happened.
 */
export async function openPage(context, url, { width = 1280, height = 900 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

const AXE_SOURCE = readFileSync(join(E2E_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the serious and critical violations, summarized. */
export async function seriousAxeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const results = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
