// The release build in headless Chromium, hosted under a sub-path: every lesson opens from its
// URL, shows the navigation and all regions without console errors, plays and pauses, switches
// variant and prints its dump, passes axe-core without serious or critical violations, and
// works on a 375 px wide screen (also in compare and embed modes). Screenshots go to
// e2e/artifacts/. The web budgets (transfer size and the rest) are measured by
// scripts/bench-web.sh, not here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS, REGIONS, seriousAxeViolations } from '../lib/site.js';
import { clockText, goroutineCounts, playFor, shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;
const open = (query, viewport) => harness.open(query, viewport);

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

describe('every lesson opens from its URL, plays, pauses and switches variant', () => {
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
        assert.equal(await clockText(page), '0s');
        assert.equal(await page.locator('#boot').count(), 0, 'the boot message is gone');
        assert.equal(await page.getByTestId('url-notices').count(), 0);
        const [before] = await goroutineCounts(page);

        // Play for a moment and pause: the clock has moved and the count is a number.
        await playFor(page, 700);
        const t = await clockText(page);
        assert.notEqual(t, '0s', 'the clock moved');
        const [after] = await goroutineCounts(page);
        assert.ok(Number.isInteger(after) && after >= 1, `goroutine count ${after}`);
        const ended = (await page.getByTestId('outcome').count()) > 0;
        const first = await page.locator('[data-testid=dump-text], [data-testid=dump-text-virtual]').first();
        assert.ok((await first.textContent()).length > 0, 'the dump shows text');
        console.log(`${lesson.id}: ${before} goroutines at 0s, ${after} at ${t}`);
        await shot(page, `lesson-${lesson.id}`);

        // Toggle the variant: the other program runs to the same instant and prints its dump.
        const variants = await page.locator('[data-testid=variant-toggle] [data-testid^="variant-"]').evaluateAll(
          (els) => els.map((el) => ({ id: el.dataset.testid.slice('variant-'.length), pressed: el.getAttribute('aria-pressed') })),
        );
        assert.ok(variants.length >= 2, `${variants.length} variants`);
        const current = variants.find((v) => v.pressed === 'true');
        const other = variants.find((v) => v.pressed !== 'true');
        assert.ok(current && other);
        await page.getByTestId(`variant-${other.id}`).click();
        assert.equal(await page.getByTestId(`variant-${other.id}`).getAttribute('aria-pressed'), 'true');
        assert.equal(await page.getByTestId(`variant-${current.id}`).getAttribute('aria-pressed'), 'false');
        assert.equal(new URL(page.url()).searchParams.get('variant'), other.id);
        // The other variant is rebuilt at the URL's instant: the paused one, or, when the
        // program ended by itself, whatever the URL holds (see url-state.test.js for that).
        await waitForInstant(page, ended ? (new URL(page.url()).searchParams.get('t') ?? '0s') : t);
        await goroutineCounts(page);
        const dump = page.locator('[data-testid=dump-text], [data-testid=dump-text-virtual]').first();
        assert.ok((await dump.textContent()).trim().length > 0, 'the other variant prints its dump');
        await shot(page, `lesson-${lesson.id}-${other.id}`);

        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

describe('a 375 px wide screen works without sideways scrolling', () => {
  const cases = [
    { name: 'narrow-375', query: '?lesson=unbounded-send&variant=leaky&t=1s&panel=debug2', clock: '1s', regions: REGIONS },
    { name: 'narrow-375-upstream', query: '?lesson=upstream&variant=leaky&t=8s&panel=goleak', clock: '8s', regions: REGIONS },
    { name: 'narrow-375-compare', query: '?lesson=unbounded-send&variant=leaky&compare=1&t=1s', clock: '1s', regions: REGIONS },
    { name: 'narrow-375-embed', query: '?lesson=workers&variant=leaky&embed=1&t=1s', clock: '1s', regions: ['listing', 'clock', 'goroutines', 'dump'] },
  ];
  for (const { name, query, clock, regions } of cases) {
    test(query, async () => {
      const { page, problems } = await open(query, { width: 375, height: 800 });
      try {
        await waitForInstant(page, clock);
        // Open the first goroutine group too: its frames are the widest text on the page.
        await page.locator('[data-testid=goroutine-group-0] button.group-head').first().click();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
        for (const region of regions) {
          const boxes = await page.getByTestId(`region-${region}`).evaluateAll((els) => els.map((el) => {
            const r = el.getBoundingClientRect();
            return { x: r.x, right: r.right };
          }));
          for (const box of boxes) assert.ok(box.x >= 0 && box.right <= 375, `region-${region} fits (${box.x}..${box.right})`);
        }
        // Controls stay usable: play is on screen and clickable.
        const play = await page.getByTestId('play').boundingBox();
        assert.ok(play && play.x >= 0 && play.x + play.width <= 375, 'play fits');
        await shot(page, name);
        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
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
