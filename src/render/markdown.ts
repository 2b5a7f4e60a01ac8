/**
 * The morning reading: index.md (totals, open users first, each with the likely cause and
 * a link to their page) and one page per user. Every value from a log is escaped, so a
 * user ID such as `<img src=x onerror=alert(1)>` or `[x](javascript:alert(1))` shows as
 * the text it is and never becomes markup, a link or a table cell of its own.
 */
import type { Cause } from '../model.js';
import type { Report, ReportGroup, ReportUser } from '../report.js';

/** Characters that open or close inline markup anywhere (a link, emphasis, code, a table cell). */
const INLINE_MARKUP = /[\\`*_[\]|~#]/g;
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Controls (line breaks included: they would end a table row or start a block) and bidi overrides. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A log-derived value as inline Markdown text: backslash escapes for inline markup, HTML
 * entities for `&`, `<` and `>` (so no tag and no autolink), visible escapes for controls,
 * and an escaped first character where it would start a list or heading underline.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(INLINE_MARKUP, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_SPECIAL[c])
    .replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

const md = escapeMarkdown;
const orNone = (value: string | null) => (value === null ? '(none)' : md(value));

/** `userPages` maps each user ID to its page, relative to index.md (e.g. `users/jdoe.md`). */
export function renderIndexMarkdown(report: Report, userPages: Map<string, string>): string {
  const { totals } = report;
  const lines = [
    '# Offline authentication data download failures',
    '',
    `Generated ${md(report.generatedAt)}, times in ${md(report.timezone)}` +
      (report.window.from && report.window.to ? `, events from ${md(report.window.from)} to ${md(report.window.to)}.` : '.'),
    '',
    `**${totals.offlineFailures}** failure(s) of **${totals.users}** user(s); **${totals.openUsers}** still open.` +
      (totals.malformed > 0 ? ` ${totals.malformed} malformed record(s) could not be read.` : ''),
    '',
  ];
  const withNew = report.users.some((user) => user.newFailures !== undefined);
  if (report.users.length === 0) {
    lines.push('No offline download failures were found.', '');
  } else {
    lines.push(
      '## Users',
      '',
      `| User | Status | Failures |${withNew ? ' New |' : ''} Last failure | Likely cause |`,
      `| --- | --- | ---: |${withNew ? ' ---: |' : ''} --- | --- |`,
    );
    for (const user of report.users) {
      const page = userPages.get(user.userId);
      const name = page ? `[${md(user.userId)}](${encodeURI(page)})` : md(user.userId);
      const cause = user.causes[0];
      lines.push(
        `| ${name} | ${user.status} | ${user.failures} |${withNew ? ` ${user.newFailures ?? 0} |` : ''} ${md(user.lastFailure)} | ` +
          `${cause ? `${causeTitle(cause)}: ${md(cause.summary)}` : ''} |`,
      );
    }
    lines.push('');
  }
  if (report.inputs.length > 0) {
    lines.push('## Inputs', '', '| File | Format | Lines | Records | Malformed | Failures | Problems |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
    for (const input of report.inputs) {
      lines.push(
        `| ${md(input.path)} | ${input.format ?? ''} | ${input.lines} | ${input.records} | ${input.malformed} | ${input.offlineFailures} | ` +
          `${input.errors.map(md).join('; ')} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** One user's page: the causes with evidence and remediation, then every group and its errors. */
export function renderUserMarkdown(user: ReportUser, report: Report): string {
  const lines = [
    `# ${md(user.userId)}`,
    '',
    '[All users](../index.md)',
    '',
    `- Status: **${user.status}**`,
    `- Security domain: ${orNone(user.securityDomain)}`,
    `- Failures: ${user.failures}${user.newFailures !== undefined ? ` (${user.newFailures} new in this run)` : ''}`,
    `- First failure: ${md(user.firstFailure)}`,
    `- Last failure: ${md(user.lastFailure)}`,
    `- Times in ${md(report.timezone)}; report generated ${md(report.generatedAt)}`,
    '',
    '## Likely causes',
    '',
  ];
  if (user.causes.length === 0) lines.push('None found.', '');
  user.causes.forEach((cause, i) => lines.push(...causeSection(cause, `### ${i + 1}. `)));
  lines.push('## Failure groups', '');
  for (const group of user.groups) lines.push(...groupSection(group, user));
  return lines.join('\n');
}

function causeTitle(cause: Cause): string {
  return `${cause.id} (${cause.confidence})`;
}

function causeSection(cause: Cause, heading: string): string[] {
  const lines = [`${heading}${causeTitle(cause)}`, '', md(cause.summary), ''];
  if (cause.evidence.length > 0) lines.push('Evidence:', '', ...cause.evidence.map((e) => `- ${md(e)}`), '');
  if (cause.remediation.length > 0) lines.push('Remediation:', '', ...cause.remediation.map((r, i) => `${i + 1}. ${md(r)}`), '');
  if (cause.snapshot !== null) lines.push(`Judged against the policy snapshot of ${md(cause.snapshot)}.`, '');
  return lines;
}

function groupSection(group: ReportGroup, user: ReportUser): string[] {
  const lines = [
    `### Agent ${orNone(group.agent)}, token ${orNone(group.token)}: ${group.status}`,
    '',
    `- Failures: ${group.failures}, from ${md(group.firstFailure)} to ${md(group.lastFailure)}`,
    `- Agent IP: ${orNone(group.agentIp)}`,
    '',
    '| Error | Count |',
    '| --- | ---: |',
    ...group.errors.map((e) => `| ${md(e.message)} | ${e.count} |`),
    '',
  ];
  // The user's causes are this group's when it failed last; another group's are shown in full.
  const sameAsUser = JSON.stringify(group.causes) === JSON.stringify(user.causes);
  if (group.causes.length > 0 && !sameAsUser) {
    lines.push('Causes for this group:', '');
    group.causes.forEach((cause, i) => lines.push(...causeSection(cause, `#### ${i + 1}. `)));
  }
  return lines;
}
