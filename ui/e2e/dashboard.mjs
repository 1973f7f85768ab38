// End to end in a real headless Chromium: ADMIN_PASSWORD=... node e2e/dashboard.mjs BASE_URL SCREENSHOT.png
// Signs in (after a wrong password is refused); sees the example offered on the empty page; launches a small XOR sweep from the form (after a bad value shows
// the server's message at its input), waits for it to finish, checks that the robustness chart and the
// gated-vs-ungated panel render with the right number of series, and that a bad spec in the JSON tab names its
// field; creates a share link and opens it in a fresh browser context without an account, which sees that
// sweep's charts read-only and nothing else. Exits non-zero on the first failure.
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

  // Nothing shows before signing in; a wrong password is refused at the form.
  await page.goto(`${base}/#/`);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'not the password');
  await page.click('#sign-in-button');
  await page.waitForFunction(() => document.getElementById('sign-in-error')?.textContent?.includes('wrong'), null, { timeout: 10_000 });
  await page.fill('#password', process.env.ADMIN_PASSWORD);
  await page.click('#sign-in-button');

  // A first visit offers the one-click example.
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
  const pager = await page.$eval('#summary-pager', (e) => e.textContent.replace(/\s+/g, ' ').trim());
  check(pager.startsWith('Rows 1–4 of 4'), `the summary should say which rows it shows: "${pager}"`);
  // The server's order over all rows: best mean first.
  await page.selectOption('#summary-order', 'best');
  await page.waitForFunction(() => document.getElementById('summary')?.dataset.order === 'best', null, { timeout: 10_000 });
  const best = await page.$$eval('#summary tbody tr td:nth-child(5)', (cells) => cells.map((c) => Number(c.textContent.split(' ')[0])));
  check(best.length === 4 && best.every((m, i) => i === 0 || best[i - 1] >= m), `"best mean first" should order the rows by mean: ${best}`);
  check(await page.$('a[href$="/trials.csv"]') !== null, 'the trials CSV export link is missing');

  // The trials narrow to a variant and a state; a page past the end shows the last one.
  const total = () => page.$eval('#trials', (e) => e.dataset.total);
  check(await total() === '12', `the trials table should count 12 trials, says ${await total()}`);
  await page.selectOption('#trials-variant', 'gated-symile');
  await page.waitForFunction(() => document.getElementById('trials')?.dataset.total === '6', null, { timeout: 10_000 });
  const shown = await page.$$eval('#trials tbody tr td:nth-child(2)', (cells) => [...new Set(cells.map((c) => c.textContent))]);
  check(shown.length === 1 && shown[0] === 'Gated Symile', `only Gated Symile trials should show, got ${shown}`);
  await page.selectOption('#trials-state', 'FAILED');
  await page.waitForFunction(() => document.getElementById('trials')?.dataset.total === '0', null, { timeout: 10_000 });
  await page.selectOption('#trials-state', '');
  await page.selectOption('#trials-variant', '');
  await page.waitForFunction(() => document.getElementById('trials')?.dataset.total === '12', null, { timeout: 10_000 });
  await page.fill('#trials-page', '7');
  await page.click('#trials-go');
  await page.waitForFunction(() => document.getElementById('trials-page')?.value === '1' && document.querySelectorAll('#trials tbody tr').length === 12,
    null, { timeout: 10_000 });

  // A click on a learning curve opens one of the trials it averages; back to the sweep afterwards.
  const point = await page.$eval('#curves', (e) => e.dataset.firstPoint);
  check(/^\d+,\d+$/.test(point ?? ''), `the curves chart should say where its first curve is drawn: "${point}"`);
  const box = await page.$eval('#curves', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y }; });
  const [px, py] = point.split(',').map(Number);
  await page.mouse.click(box.x + px, box.y + py);
  await page.waitForURL(/#\/trials\/\d+$/, { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Trial'), null, { timeout: 10_000 });
  const back = await page.$eval('a[href^="#/sweeps/"]', (a) => a.getAttribute('href'));
  check(url.endsWith(back), `the opened trial should belong to the sweep (${url}), links back to ${back}`);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('paired')?.dataset.conditions === '2', null, { timeout: 30_000 });

  // Racing from its button: one configuration per variant here, so nothing is tied and nothing is planned.
  await page.click('#race');
  await page.waitForFunction(() => document.getElementById('race-result')?.textContent?.includes('nothing to race'), null, { timeout: 10_000 });

  // More seeds from the extend box: one more seed for each of the 2 x 2 configurations, and only those run.
  await page.fill('#extend-seeds', '4');
  await page.click('#extend');
  await page.waitForFunction(() => document.getElementById('action-error')?.textContent?.includes('4 trials added'), null, { timeout: 10_000 });
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'SUCCEEDED', null, { timeout: 600_000, polling: 1000 });
  await page.waitForFunction(() => document.getElementById('progress')?.textContent?.includes('16 / 16'), null, { timeout: 10_000 });

  // A trial page from the list.
  // (The sweep page has a #curves chart too: wait for the trial page's own heading first.)
  await page.click('#trials tbody tr:first-child a');
  await page.waitForURL(/#\/trials\/\d+$/);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Trial '), null, { timeout: 10_000 });
  await page.waitForSelector('#curves canvas');

  // A read-only link for someone without an account, opened in a fresh browser context (no cookies).
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('state') !== null, null, { timeout: 10_000 });
  await page.waitForSelector('#sharing:not([hidden])');
  await page.fill('#share-label', 'reviewers');
  await page.click('#share');
  const shareUrl = await (await page.waitForSelector('#share-url')).getAttribute('href');
  check(shareUrl.includes('/#/shared/'), `unexpected share link ${shareUrl}`);
  const guest = await (await browser.newContext({ viewport: { width: 1400, height: 1200 } })).newPage();
  guest.on('pageerror', (error) => console.error('guest page error:', error.message));
  await guest.goto(shareUrl);
  await guest.waitForURL(/#\/sweeps\/\d+$/);
  check(guest.url().endsWith(url.slice(url.indexOf('#'))), `the link opened ${guest.url()}, not ${url}`);
  await guest.waitForFunction(() => document.getElementById('paired')?.dataset.conditions === '2', null, { timeout: 60_000 });
  check(await guest.$eval('#robustness', (e) => e.dataset.series) === '2', 'the shared view lacks the robustness chart');
  check(await guest.locator('#controls button:visible, #race:visible').count() === 0, 'the shared view offers controls');
  check((await guest.textContent('#nav')).includes('read-only'), 'the shared view does not say it is read-only');
  // Anything else, such as the list of sweeps, leads back to the shared sweep.
  await guest.goto(`${base}/#/`);
  await guest.waitForURL(/#\/sweeps\/\d+$/);
  const listed = await guest.evaluate(async () => (await fetch('/api/sweeps')).status);
  check(listed === 404, `a share link must not list sweeps (got ${listed})`);
  console.log('share link opened read-only in a fresh context');

  // The account page makes an API token, shown once; the team page shows its members and the audit trail.
  await page.goto(`${base}/#/account`);
  await page.fill('#token-name', 'e2e script');
  await page.click('#create-token');
  const token = await (await page.waitForSelector('#token-value')).textContent();
  check(token.startsWith('ssw_'), `unexpected token ${token}`);
  const withToken = await page.evaluate(async (t) => {
    const answer = await fetch('/api/sweeps', { headers: { Authorization: `Bearer ${t}` }, credentials: 'omit' });
    return answer.status;
  }, token);
  check(withToken === 200, `the new token does not work (${withToken})`);
  await page.reload();
  await page.waitForSelector('#create-token');
  check(!(await page.content()).includes(token), 'the token shows again after its creation');
  await page.click('a[href^="#/teams/"]');
  await page.waitForFunction(() => [...document.querySelectorAll('td')].some((td) => td.textContent === 'launch'), null, { timeout: 10_000 });
  const teamUrl = page.url();
  const actions = await page.$$eval('tbody tr td:nth-child(3)', (cells) => cells.map((c) => c.textContent));
  for (const action of ['launch', 'extend', 'share']) {
    check(actions.includes(action), `the audit trail lacks '${action}': ${actions}`);
  }
  // A team admin makes a project; the new-sweep form then asks where to launch.
  await page.fill('#project-name', 'ablations');
  await page.click('#create-project');
  const projectInput = 'input[data-project-name]';
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((i) => i.value === 'ablations'), projectInput, { timeout: 10_000 });
  await page.goto(`${base}/#/new`);
  const projects = await page.$$eval('#project option', (options) => options.map((o) => o.textContent));
  check(projects.some((p) => p.endsWith('/ ablations')) && projects.length === 2, `the form's projects: ${projects}`);
  // Renaming a project; deleting: the one with the sweeps is kept (and says why), the empty one goes.
  await page.goto(teamUrl);
  await page.waitForSelector(projectInput);
  const ids = await page.$$eval(projectInput, (inputs) => Object.fromEntries(inputs.map((i) => [i.value, i.dataset.projectName])));
  await page.fill(`[data-project-name="${ids.ablations}"]`, 'gate ablations');
  await page.click(`[data-rename="${ids.ablations}"]`);
  // The page is drawn again with the rename in its audit trail.
  await page.waitForFunction(() => [...document.querySelectorAll('td')].some((td) => td.textContent === 'rename'), null, { timeout: 10_000 });
  check(await page.$eval(`[data-project-name="${ids.ablations}"]`, (i) => i.value) === 'gate ablations', 'the project was not renamed');
  await page.click(`[data-delete-project="${ids.default}"]`);
  await page.waitForFunction(() => document.getElementById('project-error')?.textContent?.includes('holds'), null, { timeout: 10_000 });
  await page.click(`[data-delete-project="${ids.ablations}"]`);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, projectInput, { timeout: 10_000 });
  const left = await page.$$eval(projectInput, (inputs) => inputs.map((i) => i.value));
  check(left.length === 1 && left[0] === 'default', `only the project with the sweeps should be left: ${left}`);

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
