// Time travel: the scrubber takes every view back to an earlier instant exactly as it was (the
// run replays deterministically from its seed), and the left arrow steps back one event.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clockText, dumpText, goroutineCounts, scrubTo, shot, startSite, waitForInstant } from '../lib/harness.js';

let harness;

before(async () => {
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

/** What the page shows of one instant: clock, count, goroutine groups and dump. */
async function snapshot(page) {
  return {
    clock: await clockText(page),
    count: (await goroutineCounts(page))[0],
    groups: await page.getByTestId('goroutine-groups-0').innerText(),
    dump: await dumpText(page),
  };
}

/** Opens unbounded-send at 1s, advances to 2.3s, and keeps what each of 1s…1.3s showed. */
async function runTo2300() {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky&t=1s&panel=debug1');
  await waitForInstant(page, '1s');
  const seen = new Map([['1s', await snapshot(page)]]);
  for (const clock of ['1.1s', '1.2s', '1.3s']) {
    await page.getByTestId('advance-100ms').click();
    await waitForInstant(page, clock);
    seen.set(clock, await snapshot(page));
  }
  await page.getByTestId('advance-1s').click();
  await waitForInstant(page, '2.3s');
  seen.set('2.3s', await snapshot(page));
  assert.notEqual(seen.get('2.3s').count, seen.get('1s').count, 'the count changed between 1s and 2.3s');
  assert.equal(await page.getByTestId('scrubber').getAttribute('max'), '2300');
  return { page, problems, seen };
}

/** Scrubs to `ms` and checks that every view shows what it showed at `clock` before. */
async function scrubAndCompare(page, seen, ms, clock) {
  await scrubTo(page, ms);
  await waitForInstant(page, clock);
  const now = await snapshot(page);
  assert.equal(now.clock, clock);
  assert.equal(now.count, seen.get(clock).count, `goroutine count at ${clock}`);
  assert.equal(now.groups, seen.get(clock).groups, `goroutine groups at ${clock}`);
  assert.equal(now.dump, seen.get(clock).dump, `dump at ${clock}`);
  assert.equal(await page.getByTestId('scrubber').inputValue(), String(ms));
}

test('scrubbing back shows the earlier instant exactly as it was', async () => {
  const { page, problems, seen } = await runTo2300();
  try {
    await scrubAndCompare(page, seen, 1200, '1.2s');
    await scrubAndCompare(page, seen, 1000, '1s');
    await shot(page, 'time-travel');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('after scrubbing back, the scrubber still spans the run so far', async () => {
  const { page, problems, seen } = await runTo2300();
  try {
    await scrubAndCompare(page, seen, 1000, '1s');
    assert.equal(await page.getByTestId('scrubber').getAttribute('max'), '2300', 'the scrubber still reaches 2.3s');
    await scrubAndCompare(page, seen, 1300, '1.3s');
    await scrubAndCompare(page, seen, 1100, '1.1s');
    await scrubAndCompare(page, seen, 2300, '2.3s');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the URL follows the clock: after scrubbing, +1s and the arrow keys', async () => {
  const { page, problems } = await harness.open('?lesson=unbounded-send&variant=leaky&t=1s');
  const urlT = () => new URL(page.url()).searchParams.get('t');
  const seen = [];
  try {
    await waitForInstant(page, '1s');
    await page.getByTestId('advance-1s').click();
    await waitForInstant(page, '2s');
    seen.push({ after: '+1s', clock: await clockText(page), t: urlT() });
    await scrubTo(page, 1500);
    await waitForInstant(page, '1.5s');
    seen.push({ after: 'scrubbing to 1.5s', clock: await clockText(page), t: urlT() });
    await page.getByTestId('lesson-title').click();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=clock]').textContent !== '1.5s');
    seen.push({ after: '→', clock: await clockText(page), t: urlT() });
    assert.deepEqual(seen, seen.map((s) => ({ ...s, t: s.clock })), 'the URL holds the instant on screen');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the arrow keys step forward and back one event', async () => {
  const { page, problems } = await harness.open('?lesson=upstream&variant=leaky&t=1s&panel=debug2');
  try {
    await waitForInstant(page, '1s');
    // Keys act when focus is not in a control: put focus on the page itself.
    await page.getByTestId('lesson-title').click();
    const states = [await snapshot(page)];
    for (let i = 0; i < 3; i++) {
      const before = states.at(-1).clock;
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((b) => document.querySelector('[data-testid=clock]').textContent !== b, before);
      states.push(await snapshot(page));
    }
    console.log(`steps: ${states.map((s) => `${s.clock} (${s.count})`).join(' → ')}`);
    // Back one event at a time: each press shows the previous event's instant, as it was.
    for (const i of [2, 1, 0]) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(
        (b) => document.querySelector('[data-testid=clock]').textContent !== b && !document.querySelector('.catching-up').textContent,
        states[i + 1].clock,
      );
      const back = await snapshot(page);
      assert.equal(back.count, states[i].count, `← from ${states[i + 1].clock}: the count of ${states[i].clock}`);
      assert.equal(back.dump, states[i].dump, `← from ${states[i + 1].clock}: the dump of ${states[i].clock}`);
      assert.equal(back.clock, states[i].clock, `← from ${states[i + 1].clock} shows the previous event's instant`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
