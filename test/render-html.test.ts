/**
 * The HTML report on a fixture built from the samples' report (with snapshots) plus two hostile
 * users, an unreadable input and an hourly timeline: the numbers a reader sees, the charts'
 * buckets, the order of causes and users, and that no log value becomes markup or a request.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { renderHtml } from '../src/render/html.js';
import { escapeHtml } from '../src/render/html-text.js';
import { bucketTimeline, bucketUnit, MAX_BUCKETS, readTimeline } from '../src/render/html-timeline.js';

const fixture = (): Report => JSON.parse(readFileSync('test/fixtures/html/report.json', 'utf8'));
const page = renderHtml(fixture());

/** Every value of one attribute in the page, in document order. */
const attributes = (text: string, name: string) => [...text.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
/** The text between the first element that carries `marker` and its closing tag `tag`. */
function section(text: string, marker: string, tag: string): string {
  const start = text.indexOf(marker);
  expect(start, `no ${marker} in the page`).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf(`</${tag}>`, start));
}
const kpi = (id: string) => section(page, `data-kpi="${id}"`, 'div></div').match(/class="value">([^<]*)</)![1];

describe('renderHtml on the fixture report', () => {
  it('shows the totals at the top: 10 open users, 98 failures, 13 agents (8 with open failures), 4 resolved', () => {
    expect(kpi('open-users')).toBe('10');
    expect(kpi('failures')).toBe('98');
    expect(kpi('agents')).toBe('13');
    expect(section(page, 'data-kpi="agents"', 'section')).toContain('8 with open failures');
    expect(kpi('resolved-users')).toBe('4');
    expect(page).toContain('<title>Offline download failures: 10 open users</title>');
  });

  it('ranks primary causes by open users, then all users, then failures', () => {
    const causes = section(page, 'id="causes"', 'section');
    expect(attributes(causes, 'data-cause')).toEqual([
      'agent-side', // 3 open
      'online-authentication-problem', // 1 open of 2 users, 4 failures
      'unexplained', // 1 open of 2 users, 3 failures
      'agent-invalid-proof',
      'user-domain-policy-differs',
      'offline-disabled', // ties passcode-shorter-than-minimum (1, 1, 5): CAUSES.md order
      'passcode-shorter-than-minimum',
      'insufficient-data',
      'emergency-code-types-missing', // no open user
      'policy-changed-recently',
    ]);
    expect(causes).toMatch(/Problem on the agent<span class="cause-id">agent-side<\/span><\/span><\/span><\/td><td class="num">3<\/td><td class="num">3<\/td><td class="num">10<\/td>/);
  });

  it('draws one bar group per day from 20 to 27 Nov with the day totals, stacked by cause', () => {
    const chart = section(page, 'id="timeline"', 'section');
    expect(chart).toContain('<h2>Failures per day</h2>');
    expect(attributes(chart, 'data-day')).toEqual([
      '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27',
    ]);
    const groups = [...chart.matchAll(/<g class="bar" data-day="([^"]+)" data-failures="(\d+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(groups).toEqual([
      '2026-11-20:1', '2026-11-21:4', '2026-11-22:6', '2026-11-23:4', '2026-11-24:6', '2026-11-25:6', '2026-11-26:55', '2026-11-27:16',
    ]);
    // 26 Nov: tnguyen's 45 invalid proofs, jdoe 4, dlange/rfischer/ckrause on ts-01 3... in cause order.
    const day26 = section(chart, 'data-day="2026-11-26"', 'g');
    expect([...day26.matchAll(/data-cause="([^"]+)" data-failures="(\d+)"/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual([
      'agent-invalid-proof=45',
      'user-domain-policy-differs=4',
      'online-authentication-problem=2',
      'agent-side=4',
    ]);
    expect(attributes(section(chart, '<ul class="legend">', 'ul'), 'data-cause')).toEqual([
      'agent-invalid-proof', 'user-domain-policy-differs', 'offline-disabled', 'passcode-shorter-than-minimum',
      'emergency-code-types-missing', 'policy-changed-recently', 'online-authentication-problem', 'agent-side',
      'insufficient-data', 'unexplained',
    ]);
    expect(chart).toContain('<text class="x-label" x="108" y="266" text-anchor="middle">Fri</text><text class="x-label" x="108" y="282" text-anchor="middle">20 Nov</text>');
  });

  it('charts the top 10 of 13 agents by failures, ts-01 with its 3 users', () => {
    const agents = section(page, 'id="agents"', 'section');
    expect(agents).toContain('The 10 agents with the most failures, of 13.');
    const bars = [...agents.matchAll(/<g class="agent-bar" data-agent="([^"]+)" data-failures="(\d+)">/g)].map((m) => `${m[1].slice(0, 6)}:${m[2]}`);
    expect(bars).toEqual(['ws-117:48', 'ws-042:11', 'ts-01.:8', 'ws-051:6', 'ws-077:5', 'ws-210:5', 'ws-064:3', 'ws-201:3', 'ws-088:2', 'ws-093:2']);
    expect(agents).toContain('>8 · 3 users</text>');
  });

  it('gives each open user a section in report order and folds the resolved users into <details>', () => {
    const [openPart, resolvedPart] = page.split('<details class="card resolved-users" id="resolved">');
    const users = (text: string) => [...text.matchAll(/<article class="user" id="[^"]+" data-search="[^"]*" data-status="(\w+)">\s*<header><div class="title"><h3>([^<]*)<\/h3>/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(users(openPart)).toEqual([
      'tnguyen:open', 'jdoe:open', 'asmith:open', 'dlange:open', 'mweber:open', 'eozdemir:open', 'rfischer:open', 'ckrause:open', 'hbauer:open',
      '&lt;img src=x onerror=alert(1)&gt;:open',
    ]);
    expect(users(resolvedPart)).toEqual(['bkoch:resolved', 'lschmidt:resolved', 'pwagner:resolved', '[x](javascript:alert(1)):resolved']);
    expect(resolvedPart).toMatch(/^<summary>Resolved users: 4<\/summary>/);
  });

  it("shows jdoe's primary cause in words, its evidence, numbered remediation with the Console path, and the second cause folded", () => {
    const jdoe = section(page, 'id="open-2"', 'article');
    expect(jdoe).toContain("<strong>Likely cause: User&#39;s security domain pins a blocking policy</strong>");
    expect(jdoe).toContain('<span class="badge conf">high confidence</span>');
    expect(jdoe.match(/<ul class="evidence">(.*?)<\/ul>/s)![1].match(/<li>/g)).toHaveLength(6);
    const steps = jdoe.match(/<ol class="remediation">(.*?)<\/ol>/s)![1];
    expect(steps.match(/<li>/g)).toHaveLength(3);
    expect(steps).toContain(
      '<li>or <span class="console-path">Authentication &gt; Policies &gt; Offline Authentication Policies &gt; Manage Existing</span>: edit &#39;Legacy Laptops&#39;',
    );
    expect(jdoe).toContain('<details class="more"><summary>1 other cause also found</summary>');
    expect(jdoe).toContain('<strong>Also: Passcode shorter than the minimum</strong>');
    expect(jdoe).toContain('<p class="snapshot">Judged against the policy snapshot captured');
    // tnguyen's invalid proof rests on the events alone: no snapshot line, not "judged without one".
    const tnguyen = section(page, 'id="open-1"', 'article');
    expect(tnguyen).toContain('agent-invalid-proof');
    expect(tnguyen).not.toContain('class="snapshot"');
    expect(jdoe).toMatch(/<td class="mono">000123456789<\/td><td class="num">11<\/td><td><time datetime="2026-11-25T14:02:11\+01:00" title="[^"]+">2026-11-25 14:02<\/time><\/td>/);
  });

  it("shows dlange's resolved older group with its own cause beside the open one", () => {
    const dlange = section(page, 'id="open-4"', 'article');
    expect(attributes(dlange, 'data-status')).toEqual(['open', 'open', 'resolved']);
    expect(dlange).toMatch(/ws-088\.corp\.example\.com.*Emergency code types not selected/s);
  });

  it('renders hostile user IDs, agents, tokens, errors and paths as text, never as markup', () => {
    for (const text of [
      '&lt;img src=x onerror=alert(1)&gt;',
      '[x](javascript:alert(1))',
      'ws-666&quot;&gt;&lt;svg onload=alert(2)&gt;.corp.example.com',
      '&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;',
      'Failed to send day data. &lt;iframe src=javascript:alert(5)&gt;',
      'ws-007&#39;onmouseover=&#39;alert(4).corp.example.com',
      '&lt;/style&gt;&lt;b&gt;Evil&lt;/b&gt;',
      'exports/&lt;b&gt;odd&lt;/b&gt;.log',
    ]) {
      expect(page).toContain(text);
    }
    expect(page).not.toMatch(/<(img|iframe|b)\b/i);
    expect(page).not.toMatch(/<svg onload|onerror=alert\(1\)>|\sonmouseover=/i);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page).not.toMatch(/href="(?!#)/);
    // The search text of the hostile user is an escaped attribute value, not attributes of its own.
    expect(page).toContain('data-search="&lt;img src=x onerror=alert(1)&gt; &lt;/style&gt;&lt;b&gt;evil&lt;/b&gt; open ws-666&quot;&gt;&lt;svg onload=alert(2)&gt;.corp.example.com');
  });

  it('makes no network reference and admits only its own style and script by hash', () => {
    expect(page).not.toMatch(/https?:/i);
    // Attribute names only: the hostile user's escaped text (in content and in data-search) holds ` src=`.
    const tags = [...page.replace(/"[^"]*"/g, '""').matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.filter((tag) => /\s(src|action|srcset|poster|on\w+)=/i.test(tag))).toEqual([]);
    expect(page).not.toMatch(/url\(|@import/i);
    const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1];
    const script = page.match(/<script>(.*?)<\/script>/s)![1];
    const style = page.match(/<style>(.*?)<\/style>/s)![1];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toBe(
      `default-src &#39;none&#39;; style-src ${hash(style).replaceAll("'", '&#39;')}; script-src ${hash(script).replaceAll("'", '&#39;')}; base-uri &#39;none&#39;; form-action &#39;none&#39;`,
    );
    expect(page).not.toMatch(/\sstyle="/);
  });

  it('keeps the search box hidden until the script shows it, so the page reads the same without JavaScript', () => {
    expect(page).toContain('<div class="search" id="search-box" hidden>');
    expect(attributes(page, 'data-search')).toHaveLength(10 + 14);
  });

  it('warns about the malformed record and the damaged input before the figures are read', () => {
    expect(page).toContain('1 malformed record: they looked like AM records but could not be read; 1 input could not be read to the end.');
    expect(page).toContain('line 2: record longer than 1 MiB &lt;script&gt;');
  });
});

describe('the failures chart over other reports', () => {
  it('switches to hours when the failures span less than two days, empty hours included', () => {
    const report = fixture() as Report & { timeline: { hour: string }[] };
    report.users = report.users.filter((u) => ['eozdemir', 'hbauer', 'jdoe'].includes(u.userId));
    report.users[0] = { ...report.users[0], firstFailure: '2026-11-27T07:00:00+01:00' }; // jdoe, as if only his 27 Nov failures were read
    report.timeline = report.timeline.filter((p) => p.hour.startsWith('2026-11-27'));
    const html = renderHtml(report);
    const chart = section(html, 'id="timeline"', 'section');
    expect(chart).toContain('<h2>Failures per hour</h2>');
    expect(chart).not.toContain('data-day=');
    const hours = [...chart.matchAll(/data-hour="([^"]+)" data-failures="(\d+)"/g)].map((m) => `${m[1].slice(11)}:${m[2]}`);
    expect(hours).toEqual(HOURS_27_NOV);
    expect(chart).toContain('>07:00</text><text class="x-label" x="92.7" y="282" text-anchor="middle">Fri 27 Nov</text>');
  });

  it('says there is no chart when the report carries no timeline, and still renders', () => {
    const report = fixture();
    delete (report as { timeline?: unknown }).timeline;
    const html = renderHtml(report);
    expect(html).toContain('This report carries no per-day counts, so there is no chart of failures over time.');
    expect(html).not.toContain('data-day=');
    expect(html).toContain('<g class="agent-bar"');
  });

  it('escapes a cause id it does not know, in the bars, their tooltips and the legend', () => {
    const report = fixture() as Report & { timeline: { hour: string; cause: string; failures: number }[] };
    report.timeline.push({ hour: '2026-11-27T12:00:00+01:00', cause: '"><script>alert(6)</script>', failures: 2 });
    const chart = section(renderHtml(report), 'id="timeline"', 'section');
    expect(chart).toContain('data-cause="&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;" data-failures="2"');
    expect(chart).toContain('&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;: 2</title>');
    expect(chart).toContain('fill="#bfc5cc"/></svg>&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;</li></ul>');
    expect(chart).not.toContain('<script>');
  });

  it('renders a report without failures: zeros, no charts, a sentence', () => {
    const report = fixture();
    report.users = [];
    report.totals = { offlineFailures: 0, users: 0, openUsers: 0, malformed: 0 };
    report.inputs = report.inputs.slice(0, 1);
    const html = renderHtml(report);
    expect(kpiOf(html, 'open-users')).toBe('0');
    expect(html).toContain('No offline download failures were found.');
    expect(html).not.toMatch(/<svg class="chart/);
    expect(html).not.toContain('class="warning"');
  });
});

/** 27 Nov by hour: the samples' failures that day plus the hostile user's two at 11:00 and 11:30. */
const HOURS_27_NOV = ['07:1', '08:4', '09:2', '10:3', '11:3', '12:0', '13:0', '14:1', '15:0', '16:1', '17:1'];
const kpiOf = (html: string, id: string) => section(html, `data-kpi="${id}"`, 'section').match(/class="value">([^<]*)</)![1];

describe('timeline buckets', () => {
  const points = [
    { hour: '2026-11-20T09:00:00+01:00', cause: 'unexplained', failures: 2 },
    { hour: '2026-11-20T10:00:00+01:00', cause: 'agent-invalid-proof', failures: 1 },
    { hour: '2026-11-23T08:00:00+01:00', cause: 'agent-side', failures: 3 },
  ];

  it('sums hours into AM-zone days, draws the empty days between, and stacks causes in CAUSES.md order', () => {
    expect(bucketTimeline(points, 'day')).toEqual([
      { key: '2026-11-20', total: 3, causes: [{ cause: 'agent-invalid-proof', failures: 1 }, { cause: 'unexplained', failures: 2 }] },
      { key: '2026-11-21', total: 0, causes: [] },
      { key: '2026-11-22', total: 0, causes: [] },
      { key: '2026-11-23', total: 3, causes: [{ cause: 'agent-side', failures: 3 }] },
    ]);
  });

  it('crosses month and year ends on the calendar', () => {
    const keys = bucketTimeline(
      [
        { hour: '2026-12-31T23:00:00+01:00', cause: 'unexplained', failures: 1 },
        { hour: '2027-01-01T01:00:00+01:00', cause: 'unexplained', failures: 1 },
      ],
      'hour',
    ).map((b) => b.key);
    expect(keys).toEqual(['2026-12-31T23', '2027-01-01T00', '2027-01-01T01']);
  });

  it('keeps only the days with failures when the span exceeds a year of bars (a log line dated 1999)', () => {
    const keys = bucketTimeline([{ hour: '1999-01-01T00:00:00+01:00', cause: 'unexplained', failures: 1 }, ...points], 'day').map((b) => b.key);
    expect(MAX_BUCKETS).toBe(366);
    expect(keys).toEqual(['1999-01-01', '2026-11-20', '2026-11-23']);
  });

  it('reads no timeline from a report whose field is missing or malformed', () => {
    const report = fixture();
    expect(readTimeline(report)).toHaveLength(45);
    expect(readTimeline({ ...report, timeline: [{ hour: 'yesterday', cause: 'unexplained', failures: 1 }] } as Report)).toBeNull();
    expect(readTimeline({ ...report, timeline: undefined } as Report)).toBeNull();
  });

  it('chooses hours only when first and last failure are less than 48 hours apart', () => {
    const report = fixture();
    const user = report.users[0];
    report.users = [{ ...user, firstFailure: '2026-11-25T10:00:00+01:00', lastFailure: '2026-11-27T09:59:59+01:00' }];
    expect(bucketUnit(report)).toBe('hour');
    report.users = [{ ...user, firstFailure: '2026-11-25T10:00:00+01:00', lastFailure: '2026-11-27T10:00:00+01:00' }];
    expect(bucketUnit(report)).toBe('day');
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters and shows controls and bidi overrides as visible escapes', () => {
    expect(escapeHtml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
    expect(escapeHtml('evil\u202egpj.exe\u001b[31m')).toBe('evil\\u202egpj.exe\\u001b[31m');
    expect(escapeHtml('tab\tand\nline')).toBe('tab\tand\nline');
  });
});
