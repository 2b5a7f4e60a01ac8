/**
 * index.html: the page an administrator (or their manager) opens the morning after. The
 * totals and causes come first, then the charts, then what to do for each open user; resolved
 * users are folded away. One self-contained file: inline CSS, inline SVG, one small script
 * admitted by hash, and a Content-Security-Policy that forbids every network load, so it reads
 * the same mailed as an attachment or opened from a file share. Every value from a log passes
 * through the `html` tag, which escapes it.
 */
import { createHash } from 'node:crypto';
import type { Cause } from '../model.js';
import type { Report, ReportGroup, ReportUser } from '../report.js';
import { SCRIPT, STYLE } from './html-assets.js';
import { causeStyleRules, causeTitle, compareCauses } from './html-causes.js';
import { agentBars, agentChart, legend, swatch, timelineChart } from './html-charts.js';
import { count, html, plural, raw, time, type Markup } from './html-text.js';
import { bucketTimeline, bucketUnit, readTimeline } from './html-timeline.js';

const TOP_AGENTS = 10;

export function renderHtml(report: Report): string {
  const style = `${STYLE}${causeStyleRules()}\n`;
  const csp = [
    "default-src 'none'",
    `style-src '${sha256(style)}'`,
    `script-src '${sha256(SCRIPT)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const open = report.users.filter((u) => u.status === 'open');
  const resolved = report.users.filter((u) => u.status !== 'open');
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${`${report.tool.name} ${report.tool.version}`}">
<title>${`Offline download failures: ${plural(report.totals.openUsers, 'open user')}`}</title>
<style>${raw(style)}</style>
</head>
<body>
${pageHeader(report)}
<main class="wrap">
${keyFigures(report)}
${problems(report)}
${causeRanking(report)}
${timelineSection(report)}
${agentSection(report)}
${openUsersSection(open, report)}
${resolvedSection(resolved)}
${inputsSection(report)}
</main>
<footer class="wrap">${`Made by ${report.tool.name} ${report.tool.version} on ${report.generatedAt}. Times are in ${report.timezone}, the Authentication Manager's time zone.`}</footer>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function pageHeader(report: Report): Markup {
  const { from, to } = report.window;
  const span = from && to ? html`Events from ${time(from)} to ${time(to)}` : html`No events`;
  const snapshots = report.snapshots.length > 0 ? plural(report.snapshots.length, 'policy snapshot') : 'no policy snapshots';
  return html`<header class="page-head"><div class="wrap">
<p class="eyebrow">RSA Authentication Manager · offline authentication data</p>
<h1>Offline download failures</h1>
<p class="meta">${span} (${report.timezone}) · generated ${time(report.generatedAt)} · judged against ${snapshots}</p>
</div></header>`;
}

function distinctAgents(users: ReportUser[], onlyOpen: boolean): number {
  const agents = new Set<string>();
  for (const user of users) {
    for (const group of user.groups) {
      if (group.agent !== null && (!onlyOpen || group.status === 'open')) agents.add(group.agent.toLowerCase());
    }
  }
  return agents.size;
}

function keyFigures(report: Report): Markup {
  const { totals } = report;
  const resolved = totals.users - totals.openUsers;
  const agents = distinctAgents(report.users, false);
  const openAgents = distinctAgents(report.users, true);
  const kpi = (kind: string, id: string, label: string, value: number, sub: string) =>
    html`<div class="${`kpi ${kind}`}" data-kpi="${id}"><div class="label">${label}</div><div class="value">${count(value)}</div><div class="sub">${sub}</div></div>`;
  return html`<section class="kpis" aria-label="Key figures">
${kpi(totals.openUsers > 0 ? 'alert' : 'good', 'open-users', 'Open users', totals.openUsers, `cannot download offline days, of ${plural(totals.users, 'user')} with failures`)}
${kpi('plain', 'failures', 'Failures', totals.offlineFailures, 'offline data downloads that failed')}
${kpi('plain', 'agents', 'Affected agents', agents, `${count(openAgents)} with open failures`)}
${kpi('good', 'resolved-users', 'Resolved users', resolved, 'downloaded successfully after their last failure')}
</section>`;
}

function problems(report: Report): Markup | null {
  const damaged = report.inputs.filter((i) => i.errors.length > 0).length;
  if (report.totals.malformed === 0 && damaged === 0) return null;
  const parts = [
    report.totals.malformed > 0 ? `${plural(report.totals.malformed, 'malformed record')}: they looked like AM records but could not be read` : null,
    damaged > 0 ? `${plural(damaged, 'input')} could not be read to the end` : null,
  ].filter((p) => p !== null);
  return html`<p class="warning" role="note">${`${parts.join('; ')}. The counts below leave them out; the inputs table at the end says where.`}</p>`;
}

interface CauseRow {
  cause: string;
  openUsers: number;
  users: number;
  failures: number;
}

/** Primary causes (a user's first cause) by open users, then all users, then failures. */
function rankCauses(users: ReportUser[]): CauseRow[] {
  const rows = new Map<string, CauseRow>();
  for (const user of users) {
    const cause = user.causes[0]?.id ?? 'unexplained';
    const row = rows.get(cause) ?? { cause, openUsers: 0, users: 0, failures: 0 };
    row.users++;
    if (user.status === 'open') row.openUsers++;
    row.failures += user.failures;
    rows.set(cause, row);
  }
  return [...rows.values()].sort((a, b) => b.openUsers - a.openUsers || b.users - a.users || b.failures - a.failures || compareCauses(a.cause, b.cause));
}

function causeRanking(report: Report): Markup | null {
  if (report.users.length === 0) return null;
  const rows = rankCauses(report.users);
  const most = Math.max(...rows.map((r) => r.users));
  const meter = (row: CauseRow) =>
    html`<svg class="meter" viewBox="0 0 120 10" aria-hidden="true"><rect class="track" width="120" height="10" rx="3"/><rect width="${Math.round((row.users / most) * 120)}" height="10" rx="3" fill="#c9d3de"/><rect width="${Math.round((row.openUsers / most) * 120)}" height="10" rx="3" fill="#b42318"/></svg>`;
  const body = rows.map(
    (row) => html`<tr data-cause="${row.cause}"><td><span class="cause-name">${swatch(row.cause)}<span>${causeTitle(row.cause)}<span class="cause-id">${row.cause}</span></span></span></td><td class="num">${row.openUsers}</td><td class="num">${row.users}</td><td class="num">${count(row.failures)}</td><td>${meter(row)}</td></tr>`,
  );
  return html`<section class="card" id="causes"><h2>Why users fail</h2>
<p class="lead">Each user's most likely cause, ranked by the users it affects.</p>
<div class="table-scroll"><table><thead><tr><th>Likely cause</th><th class="num">Open users</th><th class="num">All users</th><th class="num">Failures</th><th></th></tr></thead><tbody>${body}</tbody></table></div>
</section>`;
}

function timelineSection(report: Report): Markup | null {
  if (report.users.length === 0) return null;
  const unit = bucketUnit(report);
  const heading = unit === 'day' ? 'Failures per day' : 'Failures per hour';
  const points = readTimeline(report);
  if (points === null) {
    return html`<section class="card" id="timeline"><h2>${heading}</h2><p class="note">This report carries no per-${unit} counts, so there is no chart of failures over time.</p></section>`;
  }
  const buckets = bucketTimeline(points, unit);
  return html`<section class="card" id="timeline"><h2>${heading}</h2>
<p class="lead">${`Every failure by the ${unit} it happened (${report.timezone}), coloured by the likely cause of its user, agent and token.`}</p>
<figure>${timelineChart(buckets, unit)}<figcaption>${legend(buckets.flatMap((b) => b.causes.map((c) => c.cause)))}</figcaption></figure>
</section>`;
}

function agentSection(report: Report): Markup | null {
  const agents = agentBars(report);
  if (agents.length === 0) return null;
  const shown = agents.slice(0, TOP_AGENTS);
  const lead = agents.length > shown.length ? `The ${shown.length} agents with the most failures, of ${count(agents.length)}.` : 'Every agent with failures, most first.';
  return html`<section class="card" id="agents"><h2>Agents with the most failures</h2>
<p class="lead">${lead}</p>
<figure>${agentChart(shown)}<figcaption>${legend(shown.flatMap((a) => a.causes.map((c) => c.cause)))}</figcaption></figure>
</section>`;
}

/** The text the search box matches: names, domain, agents, tokens and causes, lower-cased. */
function searchText(user: ReportUser): string {
  const words = [
    user.userId,
    user.securityDomain ?? '',
    user.status,
    ...user.groups.flatMap((g) => [g.agent ?? '', g.token ?? '', g.agentIp ?? '']),
    ...user.causes.flatMap((c) => [c.id, causeTitle(c.id)]),
  ];
  return words.join(' ').toLowerCase();
}

function openUsersSection(open: ReportUser[], report: Report): Markup {
  const search = html`<div class="search" id="search-box" hidden><label for="search">Find a user</label><input id="search" type="search" placeholder="user, agent, token, domain or cause" autocomplete="off" spellcheck="false"><output id="search-count" for="search"></output></div>`;
  if (report.users.length === 0) {
    return html`<section class="card" id="users"><h2>Users</h2><p class="note">No offline download failures were found.</p></section>`;
  }
  const overview =
    open.length === 0
      ? html`<p class="note">No user is failing now: every failure was followed by a successful download.</p>`
      : html`<div class="table-scroll"><table class="overview"><thead><tr><th>User</th><th>Security domain</th><th class="num">Failures</th><th>Last failure</th><th>Likely cause</th></tr></thead><tbody>${open.map(
          (user, i) =>
            html`<tr data-search="${searchText(user)}"><td><a href="${`#open-${i + 1}`}">${user.userId}</a></td><td>${user.securityDomain ?? '(not recorded)'}</td><td class="num">${count(user.failures)}</td><td>${time(user.lastFailure)}</td><td>${causeLabel(user.causes[0])}</td></tr>`,
        )}</tbody></table></div>`;
  return html`<section id="users">
<div class="card"><h2>${`Open users: ${count(open.length)}`}</h2>
<p class="lead">They cannot download offline days until the cause is fixed and they authenticate online once. Most failures first.</p>
${search}
${overview}
</div>
${open.map((user, i) => userSection(user, `open-${i + 1}`))}
</section>`;
}

function resolvedSection(resolved: ReportUser[]): Markup | null {
  if (resolved.length === 0) return null;
  return html`<details class="card resolved-users" id="resolved"><summary>${`Resolved users: ${count(resolved.length)}`}</summary>
<p class="lead">A successful download followed their last failure. Their causes may still hit others.</p>
${resolved.map((user, i) => userSection(user, `resolved-${i + 1}`))}
</details>`;
}

function causeLabel(cause: Cause | undefined): Markup {
  const id = cause?.id ?? 'unexplained';
  return html`<span class="cause-name">${swatch(id)}<span>${causeTitle(id)}</span></span>`;
}

function userSection(user: ReportUser, anchor: string): Markup {
  const [primary, ...others] = user.causes;
  const newFailures = user.newFailures !== undefined ? ` (${count(user.newFailures)} new in this run)` : '';
  return html`<article class="user" id="${anchor}" data-search="${searchText(user)}" data-status="${user.status}">
<header><div class="title"><h3>${user.userId}</h3><span class="${`badge ${user.status}`}">${user.status}</span><span class="note">${
    user.securityDomain === null ? 'security domain not recorded' : `security domain ${user.securityDomain}`
  }</span></div>
<p class="facts">${`${plural(user.failures, 'failure')}${newFailures}`} · first ${time(user.firstFailure)} · last ${time(user.lastFailure)}</p></header>
<div class="body">
${primary ? causeBlock(primary, 'Likely cause') : html`<p class="note">No cause was found.</p>`}
${others.length > 0 ? html`<details class="more"><summary>${`${plural(others.length, 'other cause')} also found`}</summary>${others.map((c) => causeBlock(c, 'Also'))}</details>` : null}
${groupsTable(user.groups)}
</div>
</article>`;
}

function causeBlock(cause: Cause, label: string): Markup {
  // A cause judged from the events alone (an invalid proof, say) names no snapshot.
  const judged = cause.snapshot === null ? null : html`<p class="snapshot">Judged against the policy snapshot captured ${time(cause.snapshot)}.</p>`;
  return html`<div class="cause" data-cause="${cause.id}">
<div><span class="cause-name">${swatch(cause.id)}<strong>${`${label}: ${causeTitle(cause.id)}`}</strong></span> <span class="badge conf">${`${cause.confidence} confidence`}</span> <span class="cause-id">${cause.id}</span></div>
<p class="summary">${cause.summary}</p>
${cause.evidence.length > 0 ? html`<h4>Evidence</h4><ul class="evidence">${cause.evidence.map((e) => html`<li>${e}</li>`)}</ul>` : null}
${cause.remediation.length > 0 ? html`<h4>What to do</h4><ol class="remediation">${cause.remediation.map((r) => html`<li>${consolePaths(r)}</li>`)}</ol>` : null}
${judged}
</div>`;
}

/** Security Console menu paths (`Authentication > Policies > ...`) stand out in a remediation step. */
const CONSOLE_PATH = /[A-Z][A-Za-z]*(?: [A-Za-z]+)*(?: > [A-Z][A-Za-z]*(?: [A-Za-z]+)*)+/g;

function consolePaths(step: string): Markup {
  const parts: Markup[] = [];
  let at = 0;
  for (const match of step.matchAll(CONSOLE_PATH)) {
    parts.push(html`${step.slice(at, match.index)}<span class="console-path">${match[0]}</span>`);
    at = match.index + match[0].length;
  }
  parts.push(html`${step.slice(at)}`);
  return html`${parts}`;
}

function groupsTable(groups: ReportGroup[]): Markup {
  const rows = groups.map(
    (g) => html`<tr data-status="${g.status}"><td>${g.agent ?? '(not recorded)'}${g.agentIp ? html`<br><span class="note mono">${g.agentIp}</span>` : null}</td><td class="mono">${g.token ?? '(not recorded)'}</td><td class="num">${count(g.failures)}</td><td>${time(g.firstFailure)}</td><td>${time(g.lastFailure)}</td><td><span class="${`badge ${g.status}`}">${g.status}</span></td><td>${g.errors.map((e, i) => html`${i > 0 ? html`<br>` : null}${e.message} <span class="note">${`×${count(e.count)}`}</span>`)}</td><td>${causeLabel(g.causes[0])}</td></tr>`,
  );
  return html`<h4>Failures by agent and token</h4><div class="table-scroll"><table class="groups"><thead><tr><th>Agent</th><th>Token</th><th class="num">Failures</th><th>First</th><th>Last</th><th>Status</th><th>Errors</th><th>Likely cause</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function inputsSection(report: Report): Markup | null {
  if (report.inputs.length === 0) return null;
  const rows = report.inputs.map(
    (input) => html`<tr><td class="mono">${input.path}</td><td>${input.format ?? 'unknown'}</td><td class="num">${count(input.lines)}</td><td class="num">${count(input.records)}</td><td class="num">${count(input.malformed)}</td><td class="num">${count(input.offlineFailures)}</td><td>${input.errors.map((e, i) => html`${i > 0 ? html`<br>` : null}${e}`)}</td></tr>`,
  );
  const snapshots = report.snapshots.map((s) => html`<li><span class="mono">${s.path}</span>, captured ${time(s.capturedAt)}</li>`);
  return html`<section class="card" id="inputs"><h2>What was read</h2>
<div class="table-scroll"><table><thead><tr><th>File</th><th>Format</th><th class="num">Lines</th><th class="num">AM records</th><th class="num">Malformed</th><th class="num">Failures</th><th>Problems</th></tr></thead><tbody>${rows}</tbody></table></div>
${snapshots.length > 0 ? html`<h4>Policy snapshots</h4><ul>${snapshots}</ul>` : html`<p class="note">No policy snapshots were given, so causes in the policies could not be judged.</p>`}
</section>`;
}
