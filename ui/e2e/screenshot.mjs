// The README's screenshot: signs in as admin and saves the full page of one sweep.
//   ADMIN_PASSWORD=... node e2e/screenshot.mjs http://localhost:8080 SWEEP_ID ../docs/dashboard.png
// (docs/dashboard.png shows the one-click example sweep after it finished.)
import { chromium } from 'playwright-core';
const [base, id, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(`${base}/`);
await page.fill('#username', 'admin');
await page.fill('#password', process.env.ADMIN_PASSWORD);
await page.click('#sign-in-button');
await page.waitForFunction(() => document.getElementById('nav')?.textContent?.includes('Sign out'), null, { timeout: 10_000 });
await page.waitForSelector(`a[href="#/sweeps/${id}"]`);
await page.click(`a[href="#/sweeps/${id}"]`);
await page.waitForFunction(() => document.getElementById('paired')?.dataset.conditions === '2', null, { timeout: 60_000 });
await page.waitForFunction(() => Number(document.getElementById('curves')?.dataset.series) > 0, null, { timeout: 30_000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
