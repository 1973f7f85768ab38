// The dashboard on a large sweep, in a real headless Chromium: ADMIN_PASSWORD=... node e2e/bench.mjs BASE_URL SWEEP_ID
// Prints how long the sweep page takes to show each part, how long the main thread was blocked doing so
// (long tasks), the JS heap, and the time of a summary sort, of paging, jumping and filtering the trials and of the
// summary's next page. A benchmark: it prints
// figures and fails only if a part never appears.
import { chromium } from 'playwright-core';

const [base, sweep] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${base}/#/`);
  await page.fill('#username', 'admin');
  await page.fill('#password', process.env.ADMIN_PASSWORD);
  await page.click('#sign-in-button');
  await page.waitForSelector('#nav button');
  for (let round = 1; round <= 3; round++) {
    await page.goto(`${base}/#/`);
    await page.waitForSelector('table');
    await page.evaluate(() => {
      window.__longTasks = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.__longTasks += e.duration; }))
        .observe({ type: 'longtask', buffered: false });
      window.__start = performance.now();
    });
    await page.evaluate((id) => { location.hash = `#/sweeps/${id}`; }, sweep);
    const at = async (what, predicate) => {
      await page.waitForFunction(predicate, null, { timeout: 120_000, polling: 'raf' });
      return page.evaluate(() => performance.now() - window.__start);
    };
    const header = await at('header', () => document.getElementById('state')?.textContent?.length > 0);
    const trials = await at('trials', () => document.querySelectorAll('#trials tbody tr').length > 0);
    const summary = await at('summary', () => document.querySelectorAll('#summary tbody tr').length > 0);
    const robustness = await at('robustness', () => document.getElementById('robustness')?.dataset.series !== undefined);
    const paired = await at('paired', () => document.getElementById('paired')?.dataset.conditions !== undefined);
    const curves = await at('curves', () => document.getElementById('curves')?.dataset.series !== undefined);
    const blocked = await page.evaluate(() => window.__longTasks);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    const rows = await page.$$eval('#summary tbody tr', (r) => r.length);
    const sortStart = Date.now();
    await page.click('#summary th[data-key="mean"]');
    await page.waitForFunction(() => document.querySelector('#summary th[data-key="mean"]')?.getAttribute('aria-sort') !== 'none', null,
      { timeout: 10_000 });
    const sort = Date.now() - sortStart;
    const pageStart = Date.now();
    const firstTrial = await page.$eval('#trials tbody tr:first-child td:first-child', (c) => c.textContent);
    await page.click('#trials-next');
    await page.waitForFunction((first) => document.querySelector('#trials tbody tr:first-child td:first-child')?.textContent !== first, firstTrial,
      { timeout: 10_000 });
    const paging = Date.now() - pageStart;
    // A late page, typed into the jump box; then the trials of one variant only.
    const jumpStart = Date.now();
    await page.fill('#trials-page', '150');
    await page.click('#trials-go');
    await page.waitForFunction(() => document.querySelector('#trials p')?.textContent?.includes('page 150 of'), null, { timeout: 10_000 });
    const jump = Date.now() - jumpStart;
    const filterStart = Date.now();
    const unfiltered = await page.$eval('#trials', (e) => e.dataset.total);
    await page.selectOption('#trials-variant', 'symile');
    await page.waitForFunction((all) => document.getElementById('trials')?.dataset.total !== all, unfiltered, { timeout: 10_000 });
    const filter = Date.now() - filterStart;
    await page.selectOption('#trials-variant', '');
    const summaryStart = Date.now();
    await page.click('#summary-next');
    await page.waitForFunction(() => document.getElementById('summary-pager')?.textContent?.includes('Rows 201'), null, { timeout: 10_000 });
    const summaryNext = Date.now() - summaryStart;
    console.log(`BENCH dashboard round ${round}: header ${header.toFixed(0)} ms, trials page ${trials.toFixed(0)} ms, summary (${rows} rows) `
      + `${summary.toFixed(0)} ms, robustness ${robustness.toFixed(0)} ms, paired ${paired.toFixed(0)} ms, curves ${curves.toFixed(0)} ms; `
      + `main thread blocked ${blocked.toFixed(0)} ms in long tasks; JS heap ${(heap / 1048576).toFixed(1)} MiB; `
      + `sort ${sort} ms; next trials page ${paging} ms; jump to trials page 150 ${jump} ms; one variant's trials ${filter} ms; `
      + `next summary page ${summaryNext} ms`);
  }
} finally {
  await browser.close();
}
