/**
 * The HTML report of the shipped samples in a real browser. The CLI analyses samples/ as
 * `npm run demo` does, with `--format html`, and Chromium (Debian package `chromium`) opens the
 * page from a file:// URL. We check what a reader sees: the totals, one bar group per day, a
 * search box that filters users, the page without JavaScript, and that nothing leaves the page.
 * The screenshot lands in test-output/report.png. A second page, the fixture report with hostile
 * user IDs, shows that nothing from a log runs. Skipped only where /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { renderHtml } from '../src/render/html.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp.js';

/**
 * The samples' page as `--format html` prints it, and the same run's JSON report (the
 * summary.json of `--out`), whose values the page must show.
 */
async function samplesReport(): Promise<{ page: string; report: Report }> {
  const out = join(tempDir('aamlog-browser-'), 'report');
  const args = ['analyze', 'samples/exports', '--snapshots', 'samples/snapshots', '--timezone', 'Europe/Berlin'];
  const result = await runCli([...args, '--format', 'html', '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  // The page printed is the one the report folder holds.
  expect(result.stdout).toBe(readFileSync(join(out, 'index.html'), 'utf8'));
  return { page: result.stdout, report: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) };
}

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve('test-output');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser-html: skipped, ${CHROMIUM} is missing (install the Debian package chromium)`);

/** The samples' failures per day (AM wall-clock dates), counted with grep in the three files' failure records. */
const FAILURES_PER_DAY: [string, number][] = [
  ['2026-11-20', 1],
  ['2026-11-21', 4],
  ['2026-11-22', 6],
  ['2026-11-23', 3],
  ['2026-11-24', 6],
  ['2026-11-25', 6],
  ['2026-11-26', 55],
  ['2026-11-27', 14],
];

describe.skipIf(!hasChromium)(`the samples' HTML report in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing)`}`, () => {
  let report: Report;
  const file = resolve(OUTPUT, 'report.html');
  const url = pathToFileURL(file).href;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const samples = await samplesReport();
    report = samples.report;
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(file, samples.page);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(url, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the JSON report's totals: 9 open users, 95 failures, 11 agents (7 with open failures), 3 resolved", async () => {
    expect(report.totals).toEqual({ offlineFailures: 95, users: 12, openUsers: 9, malformed: 0 });
    const value = (id: string) => page.locator(`[data-kpi="${id}"] .value`).innerText();
    expect(await value('open-users')).toBe('9');
    expect(await value('failures')).toBe('95');
    expect(await value('agents')).toBe('11');
    expect(await page.locator('[data-kpi="agents"] .sub').innerText()).toBe('7 with open failures');
    expect(await value('resolved-users')).toBe('3');
  });

  it('draws one bar group per day from 20 to 27 Nov, stacked by cause, adding up to the failures', async () => {
    const bars = page.locator('#timeline svg.chart g.bar');
    const perDay = await bars.evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-day'), Number(g.getAttribute('data-failures'))]));
    expect(perDay).toEqual(FAILURES_PER_DAY);
    expect(FAILURES_PER_DAY.reduce((sum, [, n]) => sum + n, 0)).toBe(report.totals.offlineFailures);
    // 26 Nov: tnguyen's 45 "Invalid proof" in a minute, and the groups of three other causes.
    const busiest = page.locator('#timeline g.bar[data-day="2026-11-26"] rect[data-cause]');
    expect(await busiest.evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-cause'), Number(r.getAttribute('data-failures'))]))).toEqual([
      ['agent-invalid-proof', 45],
      ['user-domain-policy-differs', 4],
      ['online-authentication-problem', 2],
      ['agent-side', 4],
    ]);
    // The busiest day's bar is drawn: its stacked rectangles are taller than 100 px.
    const height = await busiest.evaluateAll((rs) => rs.reduce((sum, r) => sum + r.getBoundingClientRect().height, 0));
    expect(height).toBeGreaterThan(100);
    expect(await page.locator('#timeline .legend li').count()).toBe(9);
    expect(await page.locator('#agents g.agent-bar').count()).toBe(10);
  });

  it('filters users as the reader types, opening the resolved users when one of them matches', async () => {
    const search = page.locator('#search');
    expect(await search.isVisible()).toBe(true);
    const visibleUsers = () => page.locator('article.user:visible h3').allInnerTexts();

    await search.pressSequentially('ts-01');
    expect(await visibleUsers()).toEqual(['dlange', 'rfischer', 'ckrause']);
    expect(await page.locator('#search-count').innerText()).toBe('3 of 12 users match');

    await search.fill('bkoch');
    expect(await visibleUsers()).toEqual(['bkoch']);
    expect(await page.locator('#resolved').getAttribute('open')).toBe('');
    expect(await page.locator('table.overview tbody tr:visible').count()).toBe(0);

    await search.fill('no-such-user-anywhere');
    expect(await visibleUsers()).toEqual([]);
    expect(await page.locator('#search-count').innerText()).toBe('0 of 12 users match');

    await search.fill('');
    expect(await page.locator('#resolved').getAttribute('open')).toBeNull();
    expect(await page.locator('#users article.user:visible').count()).toBe(9);
  });

  it('loads nothing but the file itself, and the CSP admits its own style and script', async () => {
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    // The style sheet applied (the page's ground colour) and the script ran (the search box shows).
    expect(await page.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe('rgb(243, 245, 248)');
  });

  it('reads whole without JavaScript: every user shown, no search box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const plain = await context.newPage();
    await plain.goto(url, { waitUntil: 'load' });
    expect(await plain.locator('#search-box').isVisible()).toBe(false);
    expect(await plain.locator('#users article.user:visible').count()).toBe(9);
    // tnguyen comes first; agent-invalid-proof has three remediation steps.
    expect(await plain.locator('#open-1 h3').innerText()).toBe('tnguyen');
    expect(await plain.locator('#open-1 ol.remediation li:visible').count()).toBe(3);
    expect(await plain.locator('#resolved article.user').count()).toBe(3);
    await context.close();
  });

  it('shows hostile user IDs of the fixture report as text and runs nothing from them', async () => {
    const fixture: Report = JSON.parse(readFileSync('test/fixtures/html/report.json', 'utf8'));
    const hostileFile = resolve(OUTPUT, 'hostile-report.html');
    writeFileSync(hostileFile, renderHtml(fixture));
    const hostile = await browser.newPage();
    const hostileRequests: string[] = [];
    const hostileDialogs: string[] = [];
    hostile.on('request', (request) => hostileRequests.push(request.url()));
    hostile.on('dialog', (dialog) => {
      hostileDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await hostile.goto(pathToFileURL(hostileFile).href, { waitUntil: 'load' });
    expect(await hostile.locator('article.user h3').allTextContents()).toEqual(fixture.users.map((u) => u.userId));
    expect(await hostile.locator('main img, main iframe, main script, article svg[onload]').count()).toBe(0);
    expect(hostileDialogs).toEqual([]);
    expect(hostileRequests).toEqual([pathToFileURL(hostileFile).href]);
    await hostile.close();
  });

  it('takes a screenshot of the whole page into test-output/report.png', async () => {
    const path = resolve(OUTPUT, 'report.png');
    await page.screenshot({ path, fullPage: true });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });
});
