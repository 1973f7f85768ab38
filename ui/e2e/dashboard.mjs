// End to end in a real headless Chromium: node e2e/dashboard.mjs BASE_URL SCREENSHOT.png
// Launches the example sweep from the empty page, waits for it to finish, checks that the robustness chart
// and the gated-vs-ungated panel render with the right number of series, and that a bad spec shows the
// server's message at its field. Exits non-zero on the first failure.
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

  await page.goto(`${base}/#/`);
  await page.getByRole('button', { name: 'Run the example sweep' }).click();
  await page.waitForURL(/#\/sweeps\/\d+$/);
  const url = page.url();
  console.log('launched', url);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'SUCCEEDED', null, { timeout: 600_000, polling: 1000 });
  // The results are drawn after the last progress event: give the charts their data.
  await page.waitForFunction(() => document.getElementById('paired')?.dataset.conditions === '3', null, { timeout: 60_000 });
  const series = await page.$eval('#robustness', (e) => e.dataset.series);
  check(series === '2', `robustness chart should have one series per variant (2), has ${series}`);
  const verdicts = await page.$$eval('#verdicts .verdict', (nodes) => nodes.map((n) => n.textContent));
  check(verdicts.length === 3, `expected a verdict per condition (3), got ${verdicts.length}`);
  console.log('verdicts:', verdicts);
  const summaryRows = await page.$$eval('#summary tbody tr', (rows) => rows.length);
  check(summaryRows === 6, `summary should have 2 variants x 3 conditions = 6 rows, has ${summaryRows}`);
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

  // A bad spec: the server's message shows at the field it names.
  await page.goto(`${base}/#/new`);
  await page.fill('#spec', JSON.stringify({ name: 'bad', benchmark: { kind: 'binary-xor' }, variants: ['gated'], seeds: [1] }));
  await page.click('#launch');
  const field = page.locator('.field-error[data-field="variants[0]"]');
  await field.waitFor({ timeout: 10_000 });
  const message = await field.textContent();
  check(message.includes("'gated' is not a variant"), `unexpected message: ${message}`);
  console.log('dashboard end-to-end: OK');
} finally {
  await browser.close();
}
