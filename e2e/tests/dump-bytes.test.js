// Byte for byte: for a given URL, the dump the page shows equals what `leaklab run` prints for
// the same lesson, variant, knobs, seed and instant. Small dumps are read from the page's <pre>;
// large ones (shown through a virtual list) through the Download button.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCli, runCli } from '../lib/cli.js';
import { dumpText, scrubTo, shot, startSite, waitForInstant } from '../lib/harness.js';

/** Parameters the page owns; every other one is a knob, passed to the CLI as --<name>. */
const RESERVED = new Set(['lesson', 'variant', 't', 'seed', 'panel', 'compare', 'embed', 'crash', 'parent_origin']);

/** The `leaklab run` invocation that prints what `query` shows, and the clock's text. */
export function cliFor(query) {
  const params = new URLSearchParams(query);
  const knobs = {};
  for (const [name, value] of params) if (!RESERVED.has(name)) knobs[name] = value;
  return {
    lesson: params.get('lesson'),
    variant: params.get('variant'),
    knobs,
    seed: params.get('seed') ?? undefined,
    at: params.get('t'),
    report: params.get('panel') ?? 'debug1',
  };
}

/** Where the first difference is, for a readable failure. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  return `first difference at character ${i} (line ${line}): page ${JSON.stringify(a.slice(i, i + 80))}, ` +
    `leaklab ${JSON.stringify(b.slice(i, i + 80))}; lengths ${a.length} and ${b.length}`;
}

/** The URLs whose dumps fit in the page's <pre>, with the clock text each settles at. */
const INLINE = [
  { query: '?lesson=unbounded-send&variant=leaky&t=2s&panel=debug1', clock: '2s' },
  { query: '?lesson=unbounded-send&variant=leaky&t=1s&panel=debug2', clock: '1s' },
  { query: '?lesson=unbounded-send&variant=safe&t=2s&panel=debug2', clock: '2s' },
  { query: '?lesson=upstream&variant=leaky&t=8s&panel=goleak', clock: '8s' },
  { query: '?lesson=unbounded-send&variant=leaky&rate=50&buffer=10&t=3s&panel=debug1', clock: '3s' },
  { query: '?lesson=unbounded-send&variant=leaky&rate=30&arrivals=poisson&seed=42&t=1500ms&panel=debug2', clock: '1.5s' },
  { query: '?lesson=upstream&variant=leaky-noctx&arrivals=poisson&seed=7&t=4s&panel=debug1', clock: '4s' },
  { query: '?lesson=workers&variant=leaky&t=3s&panel=goleak', clock: '3s' },
  { query: '?lesson=pprof&variant=leaky&t=2s&panel=debug1', clock: '2s' },
  { query: '?lesson=num-goroutine&variant=leaky&t=30s&panel=debug1', clock: '30s' },
];

let harness;

before(async () => {
  buildCli();
  harness = await startSite();
});

after(async () => {
  await harness?.close();
});

for (const { query, clock } of INLINE) {
  test(`the page's dump equals leaklab's for ${query}`, async () => {
    const cli = cliFor(query);
    const expected = runCli(cli).stdout.toString('utf8');
    assert.ok(expected.length > 0, 'leaklab printed a dump');
    const { page, problems } = await harness.open(query);
    try {
      await waitForInstant(page, clock);
      assert.equal(
        await page.getByTestId(`dump-format-${cli.report}`).getAttribute('aria-pressed'),
        'true',
        `the ${cli.report} dump is the one on screen`,
      );
      const shown = await dumpText(page);
      assert.notEqual(shown, null, `the ${expected.split('\n').length}-line dump is shown inline`);
      if (shown !== expected) assert.fail(`${query}: ${firstDifference(shown, expected)}`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test('a large dump downloads exactly as leaklab prints it', async () => {
  // 6,529 lines: over the 3,000 that the page shows in one <pre>.
  const query = '?lesson=unbounded-send&variant=leaky&duration=10s&t=5s&panel=debug2';
  const expected = runCli(cliFor(query)).stdout;
  const { page, problems } = await harness.open(query);
  try {
    await waitForInstant(page, '5s');
    const virtual = page.getByTestId('dump-text-virtual');
    await virtual.waitFor();
    const lines = Number(await virtual.getAttribute('data-lines'));
    assert.equal(lines, expected.toString('utf8').replace(/\n$/, '').split('\n').length, 'data-lines counts the lines');
    // The virtual list renders only the rows in view, never one node per line.
    assert.ok(await virtual.locator('[role=listitem]').count() < 100, 'only the visible rows are in the DOM');
    await shot(page, 'dump-virtual');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dump-download').click()]);
    assert.equal(download.suggestedFilename(), 'goroutine-debug2.txt');
    const got = readFileSync(await download.path());
    if (!got.equals(expected)) assert.fail(firstDifference(got.toString('utf8'), expected.toString('utf8')));

    // The profile for go tool pprof: the same gzipped protobuf as `leaklab --report pprof`.
    const [profile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('profile-download').click()]);
    assert.equal(profile.suggestedFilename(), 'goroutine.pb.gz');
    const pb = readFileSync(await profile.path());
    assert.ok(pb.length > 20 && pb[0] === 0x1f && pb[1] === 0x8b, 'the profile is gzipped');
    const native = runCli({ ...cliFor(query), report: 'pprof' }).stdout;
    assert.ok(pb.equals(native), `the profile (${pb.length} bytes) equals leaklab's (${native.length} bytes)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('after going back within a long run, the dump is byte for byte the one of that instant', async () => {
  // Catching up with 2m takes several checkpoints; scrubbing back to 1m15s restores the latest
  // one before it and replays the rest. The debug=2 dump (~15,000 goroutines, downloaded)
  // must equal what leaklab prints for 1m15s from a fresh run.
  const query = '?lesson=unbounded-send&variant=leaky&duration=2m&t=2m&panel=debug2';
  const expected = runCli({ ...cliFor(query), at: '1m15s' }).stdout;
  const { page, problems } = await harness.open(query);
  try {
    await waitForInstant(page, '2m0s', 120_000);
    await scrubTo(page, 75_000);
    await waitForInstant(page, '1m15s', 60_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dump-download').click()]);
    const got = readFileSync(await download.path());
    if (!got.equals(expected)) assert.fail(firstDifference(got.toString('utf8'), expected.toString('utf8')));
    // And forward again into the part already run: the checkpoint after 1m15s is used.
    await scrubTo(page, 110_000);
    await waitForInstant(page, '1m50s', 60_000);
    const count = (await page.getByTestId('goroutine-count').textContent()).trim();
    const summary = runCli({ ...cliFor(query), at: '1m50s', report: 'summary' }).stdout.toString('utf8');
    assert.match(summary, new RegExp(`goroutines: ${count} `), `the page shows leaklab's NumGoroutine (${count})`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
