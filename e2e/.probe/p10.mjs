import { startSite } from '../lib/harness.js';
const h = await startSite();
try {
  const { page } = await h.open('?lesson=unbounded-send&variant=leaky&duration=10m&t=10m');
  const t0 = Date.now();
  for (let i = 0; i < 24; i++) {
    await page.waitForTimeout(5000);
    const c = await page.evaluate(() => [document.querySelector('[data-testid=clock]').textContent, document.querySelector('[data-testid=goroutine-count]').textContent, document.querySelector('.catching-up').textContent]);
    console.log(((Date.now() - t0) / 1000).toFixed(0) + 's', c.join(' | '));
    if (!c[2]) break;
  }
} finally { await h.close(); }
