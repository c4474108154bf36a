// Leak Lab in German and English: every lesson, mode and page renders in both languages with
// no untranslated text (a scan of the rendered DOM for the English words in
// app/i18n/english-words.txt, outside what Go prints), axe-clean in both; the language comes
// from lang= in the URL, then the browser's preferred languages, then English; the switch
// keeps the run and its instant; the dump is the same bytes in either language. Screenshots of
// each lesson in German go to e2e/artifacts/i18n-de-<lesson>.png, and of "Your dump" in German
// (a real dump and a base dump read, a group opened) to e2e/artifacts/i18n-de-your-dump.png.
// A damaged dump (garbage, a cut header, a cut or corrupted .pb.gz) and one cut short are told
// on the German page in the words of `leaklab analyze --lang de`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LESSONS, REPO_ROOT, launchBrowser, openPage, seriousAxeViolations } from '../lib/site.js';
import { shot, startSite, waitForInstant } from '../lib/harness.js';
import { buildCli } from '../lib/cli.js';
import { spawnSync } from 'node:child_process';

let harness;

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

const ENGLISH = readFileSync(join(REPO_ROOT, 'app/i18n/english-words.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

/**
 * The English words on the page outside what Go prints (listings, dumps, stacks, code, the
 * language switch's own "English"), in text and in the labels a screen reader reads.
 */
async function englishOnPage(page) {
  const found = await page.evaluate((words) => {
    const skip = 'pre, code, kbd, textarea, .listing, .group-top, .group-state > :not(.state-word), [lang=en], [translate=no], script, style, option';
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      if (el.closest('[hidden]') || getComputedStyle(el).display === 'none') continue;
      texts.push(n.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (el.closest('[lang=en]')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && a !== 'title') texts.push(v);
        if (v && a === 'title' && !/^runtime\./.test(v)) texts.push(v);
      }
    }
    texts.push(document.title);
    const hits = [];
    for (const t of texts) {
      for (const w of words) {
        if (new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'u').test(t)) hits.push(`${w}: ${t.trim().slice(0, 120)}`);
      }
    }
    return hits;
  }, ENGLISH);
  return [...new Set(found)];
}

async function checkGerman(page, what) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de', `${what}: <html lang>`);
  const english = await englishOnPage(page);
  assert.deepEqual(english, [], `${what}: English on the German page`);
  assert.deepEqual(await seriousAxeViolations(page), [], `${what}: axe`);
}

const narrative = (page) => page.getByTestId('narrative-text').first();

test('every lesson and variant renders in German, without English, axe-clean', async () => {
  for (const { id } of LESSONS) {
    const { page, problems } = await harness.open(`?lesson=${id}&lang=de&t=1s`);
    try {
      await waitForInstant(page, '1s');
      await narrative(page).waitFor({ timeout: 20_000 });
      const variants = await page.locator('[data-testid^=variant-]:not([data-testid=variant-toggle])').all();
      for (const [i, v] of variants.entries()) {
        await v.click();
        await waitForInstant(page, '1s');
        await checkGerman(page, `${id} variant ${i}`);
      }
      await page.getByTestId(variants.length ? (await variants[0].getAttribute('data-testid')) : 'lesson').click();
      await waitForInstant(page, '1s');
      await shot(page, `i18n-de-${id}`);
      assert.deepEqual(problems, [], id);
    } finally {
      await page.close();
    }
  }
});

test('the overview, compare mode, embed mode and the review quiz render in German; English stays English', async () => {
  for (const query of ['?lang=de', '?lesson=upstream&compare=1&lang=de&t=1s', '?lesson=workers&embed=1&lang=de&t=1s']) {
    const { page, problems } = await harness.open(query);
    try {
      if (query.includes('t=1s')) await waitForInstant(page, '1s');
      await checkGerman(page, query);
      assert.deepEqual(problems, [], query);
    } finally {
      await page.close();
    }
  }
  const { page } = await harness.open('?lesson=review&variant=review-1&lang=de');
  try {
    await narrative(page).waitFor();
    await page.getByTestId('quiz-leaky').check();
    await page.getByTestId('quiz-check').click();
    await page.getByTestId('quiz-verdict').waitFor();
    assert.match(await page.getByTestId('quiz-verdict').textContent(), /Richtig|Nicht ganz/);
    await checkGerman(page, 'review quiz');
  } finally {
    await page.close();
  }
  // The same pages in English: <html lang="en"> and the English narrative.
  const en = await harness.open('?lesson=pprof');
  try {
    await narrative(en.page).waitFor();
    assert.equal(await en.page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await narrative(en.page).textContent(), /Importing `?net\/http\/pprof|Reading/);
    assert.deepEqual(await seriousAxeViolations(en.page), []);
  } finally {
    await en.page.close();
  }
});

test('the switch keeps the run and its instant, and links keep the language', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky&t=1500ms');
  try {
    await waitForInstant(page, '1.5s');
    const count = await page.getByTestId('goroutine-count').textContent();
    const before = await page.getByTestId('dump-format-debug2').click().then(() => page.getByTestId('dump-text').textContent());
    await page.getByTestId('lang-de').click();
    await page.locator('html[lang=de]').waitFor();
    await narrative(page).waitFor();
    assert.equal(await page.getByTestId('clock').textContent(), '1.5s', 'the instant stays');
    assert.equal(await page.getByTestId('goroutine-count').textContent(), count, 'the run stays');
    assert.match(page.url(), /lang=de/);
    assert.match(page.url(), /t=1.5s/);
    assert.match(await page.getByTestId('play').textContent(), /Abspielen/);
    assert.match(await page.title(), /Unbegrenzte Channel-Sends/);
    // Go's output is untouched: the same dump bytes in German.
    await page.getByTestId('dump-format-debug2').click();
    const after = await page.getByTestId('dump-text').textContent();
    assert.equal(after, before, 'the dump is the same bytes in either language');
    assert.match(await page.getByTestId('nav-pprof').getAttribute('href'), /lang=de/);
    await page.getByTestId('embed-snippet-copy').click();
    assert.match(await page.getByTestId('embed-snippet').inputValue(), /lang=de/);
    await page.getByTestId('lang-en').click();
    await page.locator('html[lang=en]').waitFor();
    assert.match(await page.getByTestId('play').textContent(), /Play/);
    assert.equal(await page.getByTestId('clock').textContent(), '1.5s');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a link's unusable knobs and a refused knob value are explained in the page's language", async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky&rate=abc&bogus=1&lang=de&t=1s');
  try {
    await waitForInstant(page, '1s');
    const notices = page.locator('[data-testid=knob-notices] li');
    // In the order of the knobs' names, as the URL state keeps them.
    assert.deepEqual(await notices.allTextContents(), [
      'Unbekannte Stellschraube "bogus"; diese Lektion hat: rate, duration, arrivals, burst, give_up, mem_limit, gogc, timer_slack, buffer, log_cost; es gilt der Standardwert.',
      'rate: "abc" geht nicht; erlaubt ist eine Zahl von 0 bis 2000; es gilt der Standardwert.',
    ]);
    // A value typed into a knob field is refused in German too, quoted short.
    await page.getByTestId('knob-burst').fill(` ${'9'.repeat(60)} `);
    await page.getByTestId('knob-burst').press('Tab');
    assert.equal(
      await page.locator('#knob-burst-error').textContent(),
      `burst: "${'9'.repeat(40)}\u2026" geht nicht; erlaubt ist eine ganze Zahl von 1 bis 100`,
    );
    await shot(page, 'i18n-de-knob-notices');
    // The switch rewords the link's notices.
    await page.getByTestId('lang-en').click();
    await page.locator('html[lang=en]').waitFor();
    assert.equal(
      await notices.nth(1).textContent(),
      'rate: "abc" is not valid; use a number from 0 to 2000; using the default.',
    );
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the browser's preferred language decides when the URL does not", async () => {
  const german = await launchBrowser({ locale: 'de-DE' });
  try {
    const { page } = await openPage(german.context, `${harness.server.base}?lesson=pprof`);
    await page.getByTestId('lesson').waitFor({ timeout: 20_000 });
    await narrative(page).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.match(await page.getByTestId('lesson-title').textContent(), /Leaks mit pprof finden/);
    await page.close();
    const { page: en } = await openPage(german.context, `${harness.server.base}?lesson=pprof&lang=en`);
    await en.getByTestId('lesson').waitFor({ timeout: 20_000 });
    assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await en.getByTestId('lesson-title').textContent(), /Finding leaks with pprof/);
  } finally {
    await german.close();
  }
});

test('Back and Forward keep a language chosen on the page, also in entries from before the switch', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky');
  try {
    await page.getByTestId('lesson').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-pprof').click();
    await page.getByTestId('lesson-title').filter({ hasText: /pprof/ }).waitFor();
    await page.getByTestId('lang-de').click();
    await page.locator('html[lang=de]').waitFor();
    // Back to the entry written before German was chosen: the page stays German, and the entry
    // now says so, so that reloading it reads the same.
    await page.goBack();
    await page.getByTestId('lesson-title').filter({ hasText: /Unbegrenzte Channel-Sends/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.match(page.url(), /lesson=unbounded-send/);
    assert.match(page.url(), /lang=de/);
    await page.reload();
    await page.getByTestId('lesson-title').filter({ hasText: /Unbegrenzte Channel-Sends/ }).waitFor({ timeout: 20_000 });
    await page.goForward();
    await page.getByTestId('lesson-title').filter({ hasText: /Leaks mit pprof finden/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    // Choosing English on the page holds the same way.
    await page.getByTestId('lang-en').click();
    await page.locator('html[lang=en]').waitFor();
    await page.goBack();
    await page.getByTestId('lesson-title').filter({ hasText: /Unbounded channel sends/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('"Your dump" in German: a dump and a base dump read, no English, axe-clean; its suspect opens the lesson in German', async () => {
  const dumps = join(REPO_ROOT, 'lessons', 'oracle', 'dumps');
  const now = join(dumps, 'unbounded-send-leaky.go1.24.4.t2s.debug2.txt');
  const base = join(dumps, 'unbounded-send-safe.go1.24.4.t2s.debug2.txt');
  const cli = (args) => {
    const r = spawnSync(buildCli(), ['analyze', ...args, '--lang', 'de'], { maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr.toString());
    return r.stdout.toString('utf8').split('\n')[0];
  };
  const { page, problems } = await harness.open('?page=your-dump&lang=de');
  try {
    await page.getByTestId('yd-page').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('yd-read').textContent(), /Dump lesen/);
    await checkGerman(page, 'Your dump, empty');
    await page.getByTestId('yd-text').fill(readFileSync(now, 'utf8'));
    await page.getByTestId('yd-base-text').fill(readFileSync(base, 'utf8'));
    await page.getByTestId('yd-read').click();
    await page.locator('[data-testid=yd-time], [data-testid=yd-error]').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('yd-error').count(), 0, 'the dump was read');
    assert.match(await page.getByTestId('yd-time').textContent(), /^In [\d.]+ ms gelesen und gruppiert/);
    // The headlines are the ones `leaklab analyze --lang de` prints.
    assert.equal(await page.getByTestId('yd-headline').textContent(), cli([now]));
    assert.match(await page.getByTestId('yd-headline').textContent(), /^Goroutine-Traceback \(debug=2\): [\d.]+ Goroutinen in [\d.]+ Gruppen/);
    assert.equal(await page.getByTestId('yd-diff-headline').textContent(), cli([now, '--base', base]));
    assert.match(await page.getByTestId('yd-shown').textContent(), /^[\d.]+ von [\d.]+ Gruppen$/);
    // What Go printed stays: the wait reason and the function.
    const first = page.getByTestId('yd-group').first();
    assert.match(await first.textContent(), /chan send.*main\.logMessage/);
    await first.click();
    await page.getByTestId('yd-details').waitFor();
    const reason = await page.getByTestId('yd-reason').first().textContent();
    assert.match(reason, /^Diese \d+ Goroutinen sind .* beim Senden auf einen Channel bei main\.logMessage \(/);
    await page.getByTestId('yd-filter-minutes').fill('zehn');
    assert.match(await page.getByTestId('yd-filter-error').textContent(), /keine ganze Zahl von Minuten/);
    await checkGerman(page, 'Your dump, read, with a base dump and a bad filter');
    await page.getByTestId('yd-filter-minutes').fill('');
    await shot(page, 'i18n-de-your-dump');

    // The suspect's link keeps the language: the lesson opens in German.
    const link = page.getByTestId('yd-suspect').first().getByTestId('yd-lesson-link');
    assert.match(await link.textContent(), /^Lektion: Unbegrenzte Channel-Sends, bei 2s, ihr debug=2-Dump$/);
    const href = await link.getAttribute('href');
    assert.match(href, /^\?lesson=unbounded-send&variant=leaky.*&t=2s&panel=debug2&lang=de$/);
    await link.click();
    await page.getByTestId('lesson').waitFor();
    assert.equal(new URL(page.url()).search, href);
    await waitForInstant(page, '2s', 60_000);
    await narrative(page).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.match(await page.title(), /Unbegrenzte Channel-Sends/);
    assert.match(await page.getByTestId('play').textContent(), /Abspielen/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('"Your dump" in German: a damaged dump is told in German, as leaklab analyze --lang de tells it', async () => {
  const dumps = join(REPO_ROOT, 'lessons', 'oracle', 'dumps');
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-damaged-'));
  const pb = readFileSync(join(dumps, 'pprof-leaky.go1.24.4.http.goroutine.pb.gz'));
  const badSum = Buffer.from(pb);
  badSum[badSum.length - 8] ^= 0xff;
  const cases = [
    { name: 'garbage.txt', bytes: Buffer.from('hello, world\n'), german: /Zeile 1: keine Goroutine gefunden/ },
    { name: 'header.txt', bytes: Buffer.from('goroutine 7 [chan se'), german: /Zeile 1: `goroutine 7 \[chan se` ist kein Goroutine-Kopf/ },
    { name: 'cut.pb.gz', bytes: pb.subarray(0, pb.length >> 1), german: /die gzip-Daten hören vor ihrem Ende auf/ },
    { name: 'sum.pb.gz', bytes: badSum, german: /ihre Prüfsumme stimmt nicht/ },
  ];
  for (const { name, bytes, german } of cases) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const r = spawnSync(buildCli(), ['analyze', file, '--lang', 'de']);
    assert.equal(r.status, 1, name);
    const said = r.stderr.toString('utf8').replace(`leaklab: ${file}: `, '').trimEnd();
    assert.match(said, german, name);
    const { page, problems } = await harness.open('?page=your-dump&lang=de');
    try {
      await page.getByTestId('yd-page').waitFor({ timeout: 20_000 });
      await page.getByTestId('yd-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
      await page.getByTestId('yd-read').click();
      const error = page.getByTestId('yd-error');
      await error.waitFor({ timeout: 30_000 });
      const stop = said.endsWith('?') ? '' : '.';
      assert.equal(await error.textContent(), `Der Dump konnte nicht gelesen werden: ${said}${stop}`, name);
      await checkGerman(page, `Your dump, ${name}`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
  // Cut inside its second goroutine: read up to the cut, and the cut is told in German.
  const one = 'goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:31 +0x2c\n\n';
  const { page, problems } = await harness.open('?page=your-dump&lang=de');
  try {
    await page.getByTestId('yd-page').waitFor({ timeout: 20_000 });
    const cut = Buffer.from(`${one.repeat(1200)}goroutine 9 [chan send]:\nmain.f(0x1)\n`);
    await page.getByTestId('yd-file').setInputFiles({ name: 'cut.txt', mimeType: 'text/plain', buffer: cut });
    await page.getByTestId('yd-read').click();
    await page.getByTestId('yd-time').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('yd-headline').textContent(), /^Goroutine-Traceback \(debug=2\): 1\.200 Goroutinen in 1 Gruppe, /);
    assert.match(await page.getByTestId('yd-truncated').textContent(), /Zeile 4803: Goroutine 9: Auf `main\.f` in Zeile 4802 folgt keine `file:line`-Zeile/);
    assert.match(await page.getByTestId('yd-shown').textContent(), /^1 von 1 Gruppe$/);
    await checkGerman(page, 'Your dump, cut short');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
