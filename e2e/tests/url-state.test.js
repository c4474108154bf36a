// State in the URL: a link opens exactly the moment it names; the page writes its state back;
// invalid or out-of-range parameters show a visible notice and fall back to defaults, never a
// blank page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousAxeViolations } from '../lib/site.js';
import { buildCli, runCli } from '../lib/cli.js';
import { clockText, dumpText, goroutineCounts, shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;
const open = (query, viewport) => harness.open(query, viewport);

before(async () => {
  buildCli();
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** The goroutine count `leaklab run … --report summary` prints. */
function cliGoroutines(args) {
  const summary = runCli({ ...args, report: 'summary' }).stdout.toString('utf8');
  const m = summary.match(/^goroutines: (\d+) /m);
  assert.ok(m, `no goroutine count in the summary:\n${summary}`);
  return Number(m[1]);
}

/** The page is alive: the lesson is mounted, titled, and its clock and dump show. */
async function assertNotBlank(page) {
  assert.ok(await page.getByTestId('lesson').isVisible(), 'the lesson is visible');
  assert.ok((await page.getByTestId('lesson-title').textContent()).length > 0);
  assert.equal(await page.getByTestId('panic-panel').count(), 0, 'no panic');
  assert.equal(await page.getByTestId('run-error').count(), 0, 'no run error');
  await goroutineCounts(page);
  await page.locator('[data-testid=dump-text], [data-testid=dump-text-virtual]').first().waitFor({ timeout: 10_000 });
}

test("the issue's example URL shows exactly that moment", async () => {
  const query = '?lesson=unbounded-send&variant=leaky&rate=200&t=2s&panel=debug2';
  const args = { lesson: 'unbounded-send', variant: 'leaky', knobs: { rate: 200 }, at: '2s' };
  const { page, problems } = await open(query);
  try {
    await waitForInstant(page, '2s');
    assert.equal(await page.getByTestId('url-notices').count(), 0);
    assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), 'unbounded-send');
    assert.equal(await page.getByTestId('variant-leaky').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('dump-format-debug2').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('knob-rate').inputValue(), '200');
    assert.equal(await page.getByTestId('scrubber').inputValue(), '2000');
    assert.equal((await goroutineCounts(page))[0], cliGoroutines(args), 'NumGoroutine as leaklab prints it');
    const expected = runCli({ ...args, report: 'debug2' }).stdout.toString('utf8');
    assert.equal(await dumpText(page), expected, 'the debug=2 dump of that instant, byte for byte');
    // Nothing was rewritten: the link still says what it shows.
    assert.equal(new URL(page.url()).search, query);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the URL state is read, shown and written back', async () => {
  const { page, problems } = await open('?lesson=upstream&variant=safe&t=1m30s&panel=debug2&rate=200');
  try {
    await waitForInstant(page, '1m30s');
    assert.equal(await page.getByTestId('variant-safe').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('dump-format-debug2').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('knob-rate').inputValue(), '200');

    await page.getByTestId('variant-leaky').click();
    assert.equal(await page.getByTestId('variant-leaky').getAttribute('aria-pressed'), 'true');
    await waitForInstant(page, '1m30s');
    await page.getByTestId('dump-format-goleak').click();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/leaklab/');
    assert.equal(url.search, '?lesson=upstream&variant=leaky&rate=200&t=1m30s&panel=goleak');

    // A knob typed into its field goes into the URL (applied on change) and restarts the run.
    await page.getByTestId('knob-ctx_timeout').fill('2s');
    await page.getByTestId('knob-ctx_timeout').dispatchEvent('change');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ctx_timeout') === '2s');
    await waitForInstant(page, '1m30s');

    // The seed field too.
    await page.getByTestId('knob-seed').fill('9');
    await page.getByTestId('knob-seed').dispatchEvent('change');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('seed') === '9');

    // The navigation stays in the page (no reload) and adds a history entry.
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByTestId('nav-workers').click();
    assert.equal(await page.getByTestId('lesson').getAttribute('data-lesson'), 'workers');
    assert.equal(new URL(page.url()).search, '?lesson=workers&variant=leaky');
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
    assert.equal(await clockText(page), '0s');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid=lesson]').dataset.lesson === 'upstream');
    await waitForInstant(page, '1m30s');
    assert.equal(await page.getByTestId('knob-ctx_timeout').inputValue(), '2s');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('when the program ends by itself, the URL holds the instant it ended at', async () => {
  // The workers lesson's server shuts down at 2s and main returns soon after.
  const { page, problems } = await open('?lesson=workers&variant=leaky');
  try {
    await page.getByTestId('speed').selectOption('100');
    await page.getByTestId('play').click();
    await page.getByTestId('outcome').waitFor({ timeout: 20_000 });
    await page.getByTestId('play').waitFor();
    const t = await clockText(page);
    assert.match(await page.getByTestId('outcome').textContent(), /exit status 0/);
    await page.waitForFunction((want) => new URL(location.href).searchParams.get('t') === want, t, { timeout: 3000 })
      .catch(() => assert.fail(`the clock stopped at ${t} but the URL says ${page.url()}`));
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
    assert.equal(await clockText(page), '0s');
    await assertNotBlank(page);
    await shot(page, 'notices');
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('out-of-range knobs show a notice and the run uses their defaults', async () => {
  const query = '?lesson=unbounded-send&variant=leaky&rate=5000&buffer=-1&log_cost=forever&bogus=1&t=1s&panel=debug1';
  const { page, problems } = await open(query);
  try {
    await waitForInstant(page, '1s');
    await assertNotBlank(page);
    const notices = page.locator('[data-testid=knob-notices] li');
    assert.equal(await notices.count(), 4, 'one notice per unusable knob');
    assert.ok(await notices.first().isVisible(), 'the notices are visible');
    const text = (await notices.allTextContents()).join('\n');
    for (const name of ['rate', 'buffer', 'log_cost', 'bogus']) assert.match(text, new RegExp(name), `a notice names ${name}`);
    assert.match(text, /using the default/);
    // The run is the default one.
    const expected = runCli({ lesson: 'unbounded-send', variant: 'leaky', at: '1s', report: 'debug1' }).stdout.toString();
    assert.equal(await dumpText(page), expected);
    await shot(page, 'knob-notices');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('garbage in the URL never blanks the page', async () => {
  const queries = [
    '?%E0%A4%A=1&&=&lesson=&t=',
    '?lesson=upstream&variant=&seed=18446744073709551616&t=1e9s&panel=&compare=2',
    '?lesson=workers&t=-1s&parent_origin=javascript:alert(1)',
    '?lesson=review&variant=review-99&compare=1&embed=1&rate=NaN',
    `?lesson=pprof&${'x'.repeat(5000)}=1`,
  ];
  for (const query of queries) {
    const { page, problems } = await open(query);
    try {
      await assertNotBlank(page);
      const shown = query.length > 80 ? `${query.slice(0, 80)}…` : query;
      // URL notices at the top; notices about knobs in the knob region.
      const notices = page.locator('[data-testid=url-notices], [data-testid=knob-notices] li').filter({ visible: true });
      assert.ok(await notices.count() > 0, `${shown}: a notice is visible`);
      assert.deepEqual(problems, [], shown);
    } finally {
      await page.close();
    }
  }
});

test('an instant beyond what can be shown is a notice, not an endless run', async () => {
  // leaklab run takes --at up to 24h; a page asked for 1000h would spin for hours.
  const { page, problems } = await open('?lesson=unbounded-send&variant=leaky&t=1000h');
  try {
    await assertNotBlank(page);
    const notices = page.getByTestId('url-notices');
    assert.ok(await notices.count() && await notices.isVisible(), 'a notice says t=1000h is out of range');
    assert.match(await notices.textContent(), /t=/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a knob notice is visible in embed mode too', async () => {
  const { page, problems } = await open('?lesson=unbounded-send&variant=leaky&embed=1&rate=abc');
  try {
    await assertNotBlank(page);
    const visible = await page.getByText(/rate: "abc" is not valid/).filter({ visible: true }).count();
    assert.ok(visible > 0, 'the rejected knob is explained on screen');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
