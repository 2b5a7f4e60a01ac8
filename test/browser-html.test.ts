/**
 * The HTML report in a real browser: Chromium (Debian package `chromium`) opens it from a
 * file:// URL and we check what a reader sees: the totals, one bar group per day, a search box
 * that filters users, the page without JavaScript, and that nothing leaves the page. The
 * screenshot lands in test-output/report.png. Skipped only where /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { renderHtml } from '../src/render/html.js';

/** The report the browser opens: the one place to change to test another report (e.g. the samples'). */
async function reportUnderTest(): Promise<Report> {
  return JSON.parse(readFileSync('test/fixtures/html/report.json', 'utf8'));
}

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve('test-output');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser-html: skipped, ${CHROMIUM} is missing (install the Debian package chromium)`);

/** Calendar days from the first failure's to the last failure's, in the AM zone (the ISO dates). */
function failureDays(report: Report): string[] {
  const first = report.users.map((u) => u.firstFailure.slice(0, 10)).sort()[0];
  const last = report.users.map((u) => u.lastFailure.slice(0, 10)).sort().at(-1)!;
  const days: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

/** The users whose name, domain, agents or tokens contain the query, as a reader would expect. */
function usersMatching(report: Report, query: string): string[] {
  const q = query.toLowerCase();
  return report.users
    .filter((u) => [u.userId, u.securityDomain ?? '', ...u.groups.flatMap((g) => [g.agent ?? '', g.token ?? ''])].join(' ').toLowerCase().includes(q))
    .map((u) => u.userId);
}

describe.skipIf(!hasChromium)(`the HTML report in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing)`}`, () => {
  let report: Report;
  const file = resolve(OUTPUT, 'report.html');
  const url = pathToFileURL(file).href;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    report = await reportUnderTest();
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(file, renderHtml(report));
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

  it('shows the report totals in the key figures', async () => {
    const value = (id: string) => page.locator(`[data-kpi="${id}"] .value`).innerText();
    expect(await value('open-users')).toBe(String(report.totals.openUsers));
    expect(await value('failures')).toBe(report.totals.offlineFailures.toLocaleString('en-US'));
    expect(await value('resolved-users')).toBe(String(report.totals.users - report.totals.openUsers));
    const agents = new Set(report.users.flatMap((u) => u.groups.flatMap((g) => (g.agent ? [g.agent.toLowerCase()] : []))));
    expect(await value('agents')).toBe(String(agents.size));
  });

  it('draws one bar group per day of failures, whose bars add up to the failures', async () => {
    const bars = page.locator('#timeline svg.chart g.bar');
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-day')))).toEqual(failureDays(report));
    const perDay = await bars.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-failures'))));
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(report.totals.offlineFailures);
    // The busiest day's bar is drawn: its stacked rectangles are taller than the quietest day's.
    const heights = await bars.evaluateAll((gs) =>
      gs.map((g) => [...g.querySelectorAll('rect[data-cause]')].reduce((sum, r) => sum + r.getBoundingClientRect().height, 0)),
    );
    const busiest = perDay.indexOf(Math.max(...perDay));
    expect(heights[busiest]).toBeGreaterThan(100);
    expect(await page.locator('#timeline .legend li').count()).toBeGreaterThan(1);
    expect(await page.locator('#agents g.agent-bar').count()).toBe(Math.min(10, new Set(report.users.flatMap((u) => u.groups.map((g) => g.agent?.toLowerCase()))).size));
  });

  it('filters users as the reader types, opening the resolved users when one of them matches', async () => {
    const search = page.locator('#search');
    expect(await search.isVisible()).toBe(true);
    const visibleUsers = () => page.locator('article.user:visible h3').allInnerTexts();

    const topAgent = report.users[0].groups[0].agent!;
    await search.pressSequentially(topAgent.slice(0, 6));
    expect(await visibleUsers()).toEqual(usersMatching(report, topAgent.slice(0, 6)));
    expect(await page.locator('#search-count').innerText()).toBe(`${usersMatching(report, topAgent.slice(0, 6)).length} of ${report.users.length} users match`);

    const resolvedUser = report.users.find((u) => u.status === 'resolved')!.userId;
    await search.fill(resolvedUser);
    expect(await visibleUsers()).toEqual([resolvedUser]);
    expect(await page.locator('#resolved').getAttribute('open')).toBe('');
    expect(await page.locator('table.overview tbody tr:visible').count()).toBe(0);

    await search.fill('no-such-user-anywhere');
    expect(await visibleUsers()).toEqual([]);
    expect(await page.locator('#search-count').innerText()).toBe(`0 of ${report.users.length} users match`);

    await search.fill('');
    expect(await page.locator('#resolved').getAttribute('open')).toBeNull();
    expect(await page.locator('#users article.user:visible').count()).toBe(report.totals.openUsers);
  });

  it('shows hostile user IDs as text and runs nothing from them', async () => {
    const names = await page.locator('article.user h3').allTextContents();
    expect(names).toEqual(report.users.map((u) => u.userId));
    expect(await page.locator('main img, main iframe, main script, article svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('loads nothing but the file itself, and the CSP admits its own style and script', async () => {
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    // The style sheet applied (the page's ground colour) and the script ran (the search box shows).
    expect(await page.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe('rgb(243, 245, 248)');
  });

  it('reads whole without JavaScript: every user shown, no search box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const plain = await context.newPage();
    await plain.goto(url, { waitUntil: 'load' });
    expect(await plain.locator('#search-box').isVisible()).toBe(false);
    expect(await plain.locator('#users article.user:visible').count()).toBe(report.totals.openUsers);
    expect(await plain.locator('#open-1 ol.remediation li:visible').count()).toBe(report.users[0].causes[0].remediation.length);
    expect(await plain.locator('#resolved article.user').count()).toBe(report.users.length - report.totals.openUsers);
    await context.close();
  });

  it('takes a screenshot of the whole page into test-output/report.png', async () => {
    const path = resolve(OUTPUT, 'report.png');
    await page.screenshot({ path, fullPage: true });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });
});
