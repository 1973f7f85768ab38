// End to end in a real headless Chromium: node e2e/dashboard.mjs BASE_URL SCREENSHOT.png
// Sees the example offered on the empty page; launches a small XOR sweep from the form (after a bad value shows
// the server's message at its input), waits for it to finish, checks that the robustness chart and the
// gated-vs-ungated panel render with the right number of series, and that a bad spec in the JSON tab names its
// field. Exits non-zero on the first failure.
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const check = (condition, message) => {
  if (!condition) {
    throw new Error(message);
  }
};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));

  // A first visit offers the one-click example.
  await page.goto(`${base}/#/`);
  await page.getByRole('button', { name: 'Run the example sweep' }).waitFor();

  // A bad value in the form: the server's message shows at that input, and nothing is launched.
  await page.goto(`${base}/#/new`);
  await page.fill('#seeds', '1, 1');
  await page.click('#launch');
  await page.waitForFunction(() => document.getElementById('seeds-error')?.textContent?.includes('listed twice'), null, { timeout: 10_000 });
  check(page.url().endsWith('#/new'), 'a refused sweep must not open a sweep page');

  // A small XOR sweep from the form: 2 variants x 2 conditions (p 0.5, 1.0) x 3 seeds.
  await page.fill('#name', 'from the form');
  await page.fill('#seeds', '1, 2, 3');
  await page.waitForFunction(() => document.getElementById('count')?.textContent?.includes('12 trials'), null, { timeout: 10_000 });
  await page.click('#launch');
  await page.waitForURL(/#\/sweeps\/\d+$/);
  const url = page.url();
  console.log('launched', url);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'SUCCEEDED', null, { timeout: 600_000, polling: 1000 });
  // The results are drawn after the last progress event: give the charts their data.
  await page.waitForFunction(() => document.getElementById('paired')?.dataset.conditions === '2', null, { timeout: 60_000 });
  const series = await page.$eval('#robustness', (e) => e.dataset.series);
  check(series === '2', `robustness chart should have one series per variant (2), has ${series}`);
  const verdicts = await page.$$eval('#verdicts .verdict', (nodes) => nodes.map((n) => n.textContent));
  check(verdicts.length === 2, `expected a verdict per condition (2), got ${verdicts.length}`);
  console.log('verdicts:', verdicts);
  await page.waitForFunction(() => document.getElementById('curves')?.dataset.series === '4', null, { timeout: 30_000 });
  check(await page.$('#parallel canvas') !== null, 'the parallel-coordinates view did not draw');
  const summaryRows = await page.$$eval('#summary tbody tr', (rows) => rows.length);
  check(summaryRows === 4, `summary should have 2 variants x 2 conditions = 4 rows, has ${summaryRows}`);
  await page.screenshot({ path: screenshot, fullPage: true });

  // The summary sorts by a clicked column, best mean first.
  await page.click('#summary th[data-key="mean"]');
  const means = await page.$$eval('#summary tbody tr td:nth-child(5)', (cells) => cells.map((c) => Number(c.textContent.split(' ')[0])));
  check(means.every((m, i) => i === 0 || means[i - 1] >= m), `summary not sorted by mean, descending: ${means}`);
  check(await page.$('a[href$="/trials.csv"]') !== null, 'the trials CSV export link is missing');

  // Racing from its button: one configuration per variant here, so nothing is tied and nothing is planned.
  await page.click('#race');
  await page.waitForFunction(() => document.getElementById('race-result')?.textContent?.includes('nothing to race'), null, { timeout: 10_000 });

  // A trial page from the list.
  await page.click('#trials tbody tr:first-child a');
  await page.waitForSelector('#curves canvas');

  // The same in the JSON / YAML tab: the message names the field.
  await page.goto(`${base}/#/new`);
  await page.click('#tab-spec');
  await page.fill('#spec', JSON.stringify({ name: 'bad', benchmark: { kind: 'binary-xor' }, variants: ['gated'], seeds: [1] }));
  await page.click('#launch');
  const field = page.locator('[data-field="variants[0]"]').first();
  await field.waitFor({ timeout: 10_000 });
  const message = await field.textContent();
  check(message.includes("'gated' is not a variant"), `unexpected message: ${message}`);
  console.log('dashboard end-to-end: OK');
} finally {
  await browser.close();
}
