// Compare mode (compare=1): the leaky and the safe variant under the identical seeded load on
// one clock: two listings, two goroutine views, one chart with both curves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousAxeViolations } from '../lib/site.js';
import { clockText, goroutineCounts, playFor, shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** The goroutine count a single-variant page shows at `t`. */
async function countAlone(variant, t, clock) {
  const { page } = await harness.open(`?lesson=unbounded-send&variant=${variant}&t=${t}`);
  try {
    await waitForInstant(page, clock);
    return (await goroutineCounts(page))[0];
  } finally {
    await page.close();
  }
}

test('compare=1 shows both variants side by side on one clock', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky&compare=1&t=2s');
  try {
    await waitForInstant(page, '2s');
    assert.equal(await page.getByTestId('compare-toggle').getAttribute('aria-pressed'), 'true');

    // Two listings: the leaky one and, marked as the comparison, the safe one.
    const listings = page.locator('[data-testid=region-listing], [data-testid=region-compare-listing]');
    assert.equal(await listings.count(), 2, 'two listings');
    const other = page.getByTestId('compare-listing');
    assert.ok(await other.isVisible());
    assert.match(await other.textContent(), /Compared with: safe/);
    assert.ok(await other.getByTestId('region-compare-listing').isVisible(), 'the second listing is the compared one');
    const texts = await listings.evaluateAll((els) => els.map((el) => el.querySelector('.listing').innerText));
    assert.notEqual(texts[0], texts[1], 'the two listings differ');
    // Each listing has its own badges: the compared one's test ids are prefixed.
    assert.ok(await other.locator('[data-testid^="compare-listing-badge-"]').count() > 0, 'the compared listing shows its badges');

    // Two goroutine views, each with its groups.
    for (const i of [0, 1]) {
      const groups = page.getByTestId(`goroutine-groups-${i}`);
      assert.ok(await groups.isVisible(), `goroutine-groups-${i} is visible`);
      assert.ok(await groups.locator('[data-testid^="goroutine-group-"]').count() > 0, `goroutine-groups-${i} has groups`);
    }

    // One count per variant, and each is what that variant shows alone at the same instant.
    const [leaky, safe] = await goroutineCounts(page);
    assert.ok(leaky > safe, `the leaky variant has more goroutines (${leaky} vs ${safe})`);
    assert.equal(leaky, await countAlone('leaky', '2s', '2s'), 'leaky side = leaky alone');
    assert.equal(safe, await countAlone('safe', '2s', '2s'), 'safe side = safe alone');

    // One chart with two goroutine curves.
    assert.equal(await page.getByTestId('chart').count(), 1, 'one chart');
    const chart = page.getByTestId('chart');
    assert.equal(await chart.locator('polyline.curve').count(), 2, 'two goroutine curves');
    const summary = await chart.getAttribute('data-summary');
    assert.match(summary, /^leaky: goroutines from [\d,]+ to [\d,]+ \(peak [\d,]+\); safe: goroutines from [\d,]+ to [\d,]+ \(peak [\d,]+\)$/);
    const points = await chart.locator('polyline.curve').evaluateAll((els) => els.map((el) => el.getAttribute('points')));
    assert.notEqual(points[0], points[1], 'the curves differ');

    // Playing moves both on one clock.
    await playFor(page, 500);
    const t = await clockText(page);
    assert.notEqual(t, '2s');
    const counts = await goroutineCounts(page);
    assert.equal(counts.length, 2);
    await shot(page, 'compare-unbounded-send');

    assert.deepEqual(await seriousAxeViolations(page), [], 'axe in compare mode');

    // Switching compare off leaves one of each.
    await page.getByTestId('compare-toggle').click();
    await waitForInstant(page, t);
    assert.equal(new URL(page.url()).searchParams.get('compare'), null);
    assert.equal(await listings.count(), 1);
    assert.equal(await page.getByTestId('goroutine-groups-1').count(), 0);
    assert.equal(await page.getByTestId('chart').locator('polyline.curve').count(), 1);
    assert.equal((await goroutineCounts(page)).length, 1);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** Bounding boxes (page coordinates) of the elements with these test ids. */
function boxes(page, ids) {
  return page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return [id, null];
    const r = el.getBoundingClientRect();
    return [id, { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY }];
  })), ids);
}

const LAYOUT = ['region-clock', 'region-listing', 'region-compare-listing', 'region-goroutines', 'region-goroutines-2', 'region-chart'];

test('compare mode: the variants side by side at 1280 px, stacked without sideways scrolling at 375 px', async () => {
  const query = '?lesson=upstream&variant=leaky&compare=1&t=8s';
  {
    const { page, problems } = await harness.open(query, { width: 1280, height: 900 });
    try {
      await waitForInstant(page, '8s');
      const b = await boxes(page, LAYOUT);
      const [one, two] = [b['region-listing'], b['region-compare-listing']];
      assert.ok(Math.abs(one.top - two.top) <= 4, `the listings start at the same height (${one.top} and ${two.top})`);
      assert.ok(one.right <= two.left, `the listings do not overlap sideways (${one.left}..${one.right} and ${two.left}..${two.right})`);
      // Each variant's goroutines are beneath its own listing, beside the other's.
      for (const [listing, groups] of [[one, b['region-goroutines']], [two, b['region-goroutines-2']]]) {
        assert.ok(groups.top >= listing.bottom, 'the goroutines are beneath their listing');
        assert.ok(Math.abs(groups.left - listing.left) <= 1 && Math.abs(groups.right - listing.right) <= 1, 'in its column');
      }
      assert.ok(Math.abs(b['region-goroutines'].top - b['region-goroutines-2'].top) <= 4, 'the goroutine views side by side');
      // One clock above both, one chart across both.
      for (const id of ['region-clock', 'region-chart']) {
        assert.ok(b[id].left <= one.left + 1 && b[id].right >= two.right - 1, `${id} spans both variants`);
      }
      assert.ok(b['region-clock'].bottom <= one.top, 'the clock is above the listings');
      assert.equal(await page.getByTestId('clock').count(), 1, 'one clock');
      assert.equal(await page.getByTestId('chart').count(), 1, 'one chart');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      await shot(page, 'compare');
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe at 1280 px');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
  {
    const { page, problems } = await harness.open(query, { width: 375, height: 800 });
    try {
      await waitForInstant(page, '8s');
      // Open a goroutine group of each variant too: their frames are the widest text.
      for (const i of [0, 1]) {
        await page.locator(`[data-testid=goroutine-groups-${i}] button.group-head`).first().click();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      // Measured from the top: the clock is sticky, so scrolled it would sit anywhere.
      await page.evaluate(() => window.scrollTo(0, 0));
      const b = await boxes(page, LAYOUT);
      for (const [id, box] of Object.entries(b)) {
        assert.ok(box.left >= 0 && box.right <= 375, `${id} fits (${box.left}..${box.right})`);
      }
      // One column, in reading order: the clock, then each listing followed by its goroutines.
      const order = ['region-clock', 'region-listing', 'region-goroutines', 'region-compare-listing', 'region-goroutines-2', 'region-chart'];
      for (let i = 1; i < order.length; i++) {
        assert.ok(b[order[i]].top >= b[order[i - 1]].bottom, `${order[i]} is below ${order[i - 1]}`);
      }
      await shot(page, 'compare-375');
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe at 375 px');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }
});
