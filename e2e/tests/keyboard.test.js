// Keyboard only, through one lesson: Tab reaches every control with visible focus; Space
// presses the focused button; K plays and pauses anywhere that is not a field; → steps and
// ← steps back, except in a focused scroll box (there they scroll); typing in a knob field is
// typing, not a shortcut.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clockText, focused, goroutineCounts, parseGoDuration, shot, startSite } from '../lib/harness.js';

let harness;

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** Presses Tab (or Shift+Tab) until `want(focus)` holds; returns every focus passed. */
async function tabUntil(page, want, { back = false, limit = 120 } = {}) {
  const path = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    path.push(f);
    if (want(f)) return path;
  }
  throw new Error(`Tab never reached the control; passed ${path.map((f) => f.testid).join(', ')}`);
}

const changed = (page, before) =>
  page.waitForFunction((b) => document.querySelector('[data-testid=clock]').textContent !== b, before, { timeout: 10_000 });

test('a keyboard-only run through a lesson', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky');
  try {
    // Tab from the top of the page to the play button; every stop shows its focus.
    const path = await tabUntil(page, (f) => f.testid === 'play');
    const ids = path.map((f) => f.testid);
    console.log(`Tab order to play: ${ids.join(' → ')}`);
    assert.equal(ids[0], 'a.skip-link');
    assert.ok(ids.includes('nav-unbounded-send'), 'Tab reaches the navigation first');
    const hidden = path.filter((f) => !f.visible);
    assert.deepEqual(hidden, [], 'every focused control shows its focus');

    // Space on the focused play button plays; again pauses. The button keeps focus.
    await page.keyboard.press('Space');
    await page.getByTestId('pause').waitFor({ timeout: 5000 });
    assert.equal((await focused(page)).testid, 'pause', 'focus stays on the button');
    await page.waitForTimeout(500);
    await page.keyboard.press('Space');
    await page.getByTestId('play').waitFor({ timeout: 5000 });
    const t1 = await clockText(page);
    assert.notEqual(t1, '0s', 'the clock ran');

    // The rest of the clock controls are reachable, each with visible focus.
    const rest = await tabUntil(page, (f) => f.testid === 'scrubber');
    assert.deepEqual(rest.map((f) => f.testid), ['step-back', 'step', 'speed', 'scrubber']);
    assert.deepEqual(rest.filter((f) => !f.visible), []);
    const more = await tabUntil(page, (f) => f.testid === 'reset');
    assert.deepEqual(more.map((f) => f.testid), ['advance-100ms', 'advance-1s', 'reset']);
    // Past the clock: the variant toggles above the listing.
    const toggles = await tabUntil(page, (f) => f.testid === 'compare-toggle');
    for (const id of ['variant-leaky', 'variant-safe']) {
      assert.ok(toggles.some((f) => f.testid === id), `Tab reaches ${id}`);
    }

    // Arrow keys on the focused scrubber move the scrubber (it is a field), not the shortcuts.
    // Back to something that is not a field: the listing's scroll box.
    await tabUntil(page, (f) => f.testid.startsWith('div.listing-scroll'), { back: true });
    assert.ok((await focused(page)).visible, 'the listing box shows its focus');

    // K, not in a field: plays and pauses (and does not scroll the page).
    const scrollY = await page.evaluate(() => window.scrollY);
    await page.keyboard.press('k');
    await page.getByTestId('pause').waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    await page.keyboard.press('k');
    await page.getByTestId('play').waitFor({ timeout: 5000 });
    const t2 = await clockText(page);
    assert.notEqual(t2, t1);
    assert.equal(await page.evaluate(() => window.scrollY), scrollY, 'K did not scroll the page');

    // In the focused listing box the arrows scroll it; on the page they step.
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    assert.equal(await clockText(page), t2, '→ in the code box did not step');
    await page.evaluate(() => document.activeElement.blur());

    // → steps to the next event; ← steps back to where it was.
    const before = { clock: t2, count: (await goroutineCounts(page))[0] };
    await page.keyboard.press('ArrowRight');
    await changed(page, t2);
    const stepped = await clockText(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid=clock]').textContent !== s && !document.querySelector('.catching-up').textContent,
      stepped,
    );
    const back = await clockText(page);
    // (Exactly which instant ← shows is tested in time-travel.test.js.)
    assert.ok(parseGoDuration(back) < parseGoDuration(stepped), `← went back from ${stepped} (to ${back})`);
    // The previous event lies at or before the paused instant; nothing happened in between.
    assert.ok(parseGoDuration(back) <= parseGoDuration(before.clock), `← went back to the event before ${stepped} (to ${back})`);
    assert.equal((await goroutineCounts(page))[0], before.count, `← from ${stepped} shows the count of ${before.clock}`);

    // Enter presses toggles: a dump format, then the safe variant.
    await tabUntil(page, (f) => f.testid === 'dump-format-debug2');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByTestId('dump-format-debug2').getAttribute('aria-pressed'), 'true');

    // Typing in a knob: a space is a character there, not play; the value applies on leaving.
    await tabUntil(page, (f) => f.testid === 'knob-rate', { back: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5 0');
    assert.equal(await page.getByTestId('pause').count(), 0, 'space in a field did not play');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('rate') === '50');
    await shot(page, 'keyboard');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
