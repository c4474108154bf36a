import { startSite, scrubTo } from '../lib/harness.js';
const h = await startSite();
try {
  const { page, problems } = await h.open('?lesson=unbounded-send&variant=leaky&duration=10m&t=10m');
  await page.waitForFunction(() => document.querySelector('[data-testid=clock]').textContent === '10m0s', null, { timeout: 60000 });
  console.log('max', await page.getByTestId('scrubber').getAttribute('max'));
  const t0 = Date.now();
  await scrubTo(page, 60000);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(500);
    const c = await page.evaluate(() => [document.querySelector('[data-testid=clock]').textContent, document.querySelector('[data-testid=goroutine-count]').textContent, document.querySelector('.catching-up').textContent]);
    console.log(((Date.now() - t0) / 1000).toFixed(1) + 's', c.join(' | '));
    if (!c[2] && c[0] === '1m0s') break;
  }
  console.log(problems);
} finally { await h.close(); }
